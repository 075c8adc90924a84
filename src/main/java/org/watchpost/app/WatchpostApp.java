package org.watchpost.app;

import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.watchpost.store.Migrator;
import org.watchpost.store.StoreException;
import org.watchpost.ui.MainView;
import org.watchpost.ui.WindowState;
import org.watchpost.ui.common.FxTaskExecutor;
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
    private boolean newInstall;

    private StoreException startupError;
    private int interruptedAtStart;
    private int schemaVersion;
    private volatile String datasetDate = "unknown";

    /** Opens and migrates the database off the FX thread, before the window exists. */
    @Override
    public void init() {
        try {
            newInstall = DesktopSupport.isNewInstall(dataDirFlag);
            context = AppContext.open(dataDirFlag).interactive();
            interruptedAtStart = context.scans().markInterrupted();
            schemaVersion = context.database().read(Migrator::currentVersion);
            try {
                datasetDate = String.valueOf(context.vulnDb().info().datasetDate());
            } catch (RuntimeException e) {
                datasetDate = "unavailable (" + e.getMessage() + ")";
            }
            context.scanManager();
        } catch (StoreException e) {
            startupError = e;
        }
    }

    @Override
    public void start(Stage stage) {
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
        int interrupted = interruptedAtStart;
        executor = new FxTaskExecutor();
        desktop = new DesktopSupport(context, executor, stage);
        desktop.installErrorHandling();
        desktop.installTheme();
        feed = new LiveScanFeed(context.scans(), Platform::runLater);
        context.scanManager().addObserver(feed);
        context.setNotificationSink(n -> Platform.runLater(() -> org.controlsfx.control.Notifications.create()
                .owner(stage).title(n.title()).text(n.body()).hideAfter(javafx.util.Duration.seconds(12)).showWarning()));
        startScheduler();
        DesktopWindow window = new DesktopWindow(stage, context, executor, feed, getHostServices(), datasetDate);
        window.reportInterrupted(interrupted);
        actions = window.actions();
        Scene scene = new Scene(window.main().root(), 1200, 760);
        actions.scansView().installShortcuts(scene);
        window.main().register(MainView.Page.SETTINGS, () -> desktop.settingsPage(schemaVersion));
        desktop.install(scene, window.main());
        scene.getStylesheets().add(Objects.requireNonNull(WatchpostApp.class.getResource("/org/watchpost/ui/watchpost.css")).toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Watchpost");
        addIcons(stage);
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
        stage.show();
        // some window managers map a new window at their own default size: apply the saved one again once it is shown
        Platform.runLater(() -> windowState.restore(stage, 1200, 760));
        desktop.maybeShowWelcome(newInstall, desktop.starter(feed::touch));
    }

    static void addIcons(Stage stage) {
        for (String size : ICON_SIZES) {
            var url = WatchpostApp.class.getResource("/org/watchpost/icons/watchpost-" + size + ".png");
            if (url != null) stage.getIcons().add(new Image(url.toExternalForm()));
        }
    }


    private java.util.concurrent.ScheduledExecutorService schedulerTimer;

    /** Ticks the monitor scheduler off the FX thread: at start (catch-up) and every period (wake is detected by the gap). */
    private void startScheduler() {
        schedulerTimer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchpost-monitors");
            t.setDaemon(true);
            return t;
        });
        var scheduler = context.scheduler();
        long period = scheduler.period().toMillis();
        schedulerTimer.scheduleWithFixedDelay(() -> {
            try {
                var runs = scheduler.tick();
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
