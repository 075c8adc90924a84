package org.watchpost.app;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.watchpost.store.StoreException;
import org.watchpost.ui.MainView;
import org.watchpost.ui.WindowState;
import org.watchpost.ui.common.FxTaskExecutor;
import org.watchpost.ui.common.StartupTrace;
import org.watchpost.ui.scans.LiveScanFeed;
import org.watchpost.ui.scans.ScanActionsController;

/** The JavaFX application. Started by {@link Main}, never directly (a fat jar's main must not extend Application). */
public final class WatchpostApp extends Application {
    static volatile String dataDirFlag;
    static final List<String> ICON_SIZES = List.of("16", "24", "32", "48", "64", "128", "256", "512");

    private AppContext context;
    private FxTaskExecutor executor;
    private WindowState windowState;
    private LiveScanFeed feed;
    private ScanActionsController actions;
    private DesktopSupport desktop;

    private StoreException startupError;
    private DesktopStartup.Opened opened;
    private volatile String datasetDate = "unknown";
    /** Opening the database, begun by {@link #run} before the FX toolkit starts; taken by {@link #init}. */
    private static volatile CompletableFuture<DesktopStartup.Opened> opening;

    /**
     * Opens the window and returns when it has closed: {@link Main#OK}, or {@link Main#FAILED} when no
     * window can be opened here. With {@code openEarly} the database is opened on a background thread
     * while the FX toolkit starts, instead of after it.
     */
    static int run(String dataDir, boolean openEarly) {
        dataDirFlag = dataDir;
        if (openEarly) opening = DesktopStartup.begin(dataDir);
        try {
            Application.launch(WatchpostApp.class);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            System.err.println("watchpost: cannot open a window (" + e.getMessage() + "). "
                    + "Run it in a desktop session, under xvfb-run, or use a command: watchpost --help");
            return Main.FAILED;
        }
        return Main.OK;
    }

    /** Waits for the database (opened and migrated off the FX thread, before the window exists). */
    @Override
    public void init() {
        StartupTrace.mark("init");
        CompletableFuture<DesktopStartup.Opened> f = opening;
        opening = null;
        if (f == null) f = DesktopStartup.begin(dataDirFlag);
        try {
            opened = f.join();
            context = opened.context();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StoreException se) startupError = se;
            else if (e.getCause() instanceof RuntimeException re) throw re;
            else if (e.getCause() instanceof Error err) throw err;
            else throw e;
        }
        StartupTrace.mark("init done");
    }

    /** The error that stops start-up (shown in a dialog by {@link #start}), or null. */
    StoreException startupError() {
        return startupError;
    }

    @Override
    public void start(Stage stage) {
        StartupTrace.mark("start");
        if (startupError != null) {
            StoreException e = startupError;
            System.err.println("watchpost: " + e.getMessage());
            Alert alert = new Alert(Alert.AlertType.ERROR);
            alert.setTitle("Watchpost cannot start");
            alert.setHeaderText("The database could not be opened");
            alert.setContentText(e.getMessage());
            alert.showAndWait();
            Platform.exit();
            return;
        }
        executor = new FxTaskExecutor();
        desktop = new DesktopSupport(context, executor, stage);
        desktop.installErrorHandling();
        desktop.installTheme();
        StartupTrace.mark("theme");
        feed = new LiveScanFeed(context.scans(), Platform::runLater);
        context.scanManager().addObserver(feed);
        context.setNotificationSink(n -> Platform.runLater(() -> org.controlsfx.control.Notifications.create()
                .owner(stage).title(n.title()).text(n.body()).hideAfter(javafx.util.Duration.seconds(12)).showWarning()));
        DesktopWindow window = new DesktopWindow(stage, context, executor, feed, getHostServices(), () -> datasetDate,
                opened.firstScreen());
        window.reportInterrupted(opened.interrupted());
        actions = window.actions();
        Scene scene = new Scene(window.main().root(), 1200, 760);
        actions.scansView().installShortcuts(scene);
        int schemaVersion = opened.schemaVersion();
        window.main().register(MainView.Page.SETTINGS, () -> desktop.settingsPage(schemaVersion));
        desktop.install(scene, window.main());
        scene.getStylesheets().add(Objects.requireNonNull(WatchpostApp.class.getResource("/org/watchpost/ui/watchpost.css")).toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Watchpost");
        windowState = new WindowState(context.dataDir());
        windowState.restore(stage, 1200, 760);
        stage.setOnCloseRequest(e -> {
            int active = context.scanManager().activeCount();
            if (active > 0) {
                Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
                confirm.initOwner(stage);
                confirm.setTitle("Scans are running");
                confirm.setHeaderText(active + (active == 1 ? " scan is" : " scans are") + " still running.");
                confirm.setContentText("Closing Watchpost stops them; what they found so far is kept. Close anyway?");
                if (confirm.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL) != javafx.scene.control.ButtonType.OK) {
                    e.consume();
                    return;
                }
            }
            windowState.save(stage);
        });
        StartupTrace.mark("show");
        stage.show();
        StartupTrace.mark("shown");
        // some window managers map a new window at their own default size: apply the saved one again once it is shown
        Platform.runLater(() -> windowState.restore(stage, 1200, 760));
        desktop.maybeShowWelcome(opened.newInstall(), desktop.starter(feed::touch));
        // on two cores, work started now would compete with the first frame for the processor
        afterFrames(2, () -> afterFirstFrame(stage, window));
    }

    /**
     * What the first frame does not need, off the FX thread: every scan after the first screen, the
     * window icons (decoding eight PNGs), the vulnerability dataset's date and age (opens its
     * database) and the monitor scheduler.
     */
    private void afterFirstFrame(Stage stage, DesktopWindow window) {
        StartupTrace.mark("first frame");
        window.loadRest();
        Thread t = new Thread(() -> {
            List<Image> icons = loadIcons();
            Platform.runLater(() -> stage.getIcons().setAll(icons));
            try {
                datasetDate = String.valueOf(context.vulnDb().info().datasetDate());
            } catch (RuntimeException e) {
                datasetDate = "unavailable (" + e.getMessage() + ")";
            }
        }, "watchpost-after-start");
        t.setDaemon(true);
        t.start();
        startScheduler();
    }

    /** Runs {@code r} on the FX thread at the {@code n}th pulse from now (a frame has been drawn before it). */
    static void afterFrames(int n, Runnable r) {
        new javafx.animation.AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (++seen < n) return;
                stop();
                r.run();
            }
        }.start();
    }

    /** The window icons, every size (images may be made on any thread). */
    static List<Image> loadIcons() {
        List<Image> icons = new java.util.ArrayList<>();
        for (String size : ICON_SIZES) {
            var url = WatchpostApp.class.getResource("/org/watchpost/icons/watchpost-" + size + ".png");
            if (url != null) icons.add(new Image(url.toExternalForm()));
        }
        return icons;
    }


    private java.util.concurrent.ScheduledExecutorService schedulerTimer;

    /** Ticks the monitor scheduler off the FX thread: at start (catch-up) and every period (wake is detected by the gap). */
    private void startScheduler() {
        schedulerTimer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchpost-monitors");
            t.setDaemon(true);
            return t;
        });
        long period = org.watchpost.schedule.MonitorScheduler.DEFAULT_PERIOD.toMillis();
        schedulerTimer.scheduleWithFixedDelay(() -> {
            try {
                var runs = context.scheduler().tick(); // made here the first time, off the FX thread
                if (!runs.isEmpty() && feed != null) runs.forEach(r -> {
                    if (r.scanId() != null) feed.touch(r.scanId());
                });
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(WatchpostApp.class).warn("monitor tick failed: {}", e.toString());
            }
        }, 2000, period, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (schedulerTimer != null) schedulerTimer.shutdownNow();
        if (feed != null) feed.close();
        if (executor != null) executor.close();
        if (context != null) context.close();
    }
}
