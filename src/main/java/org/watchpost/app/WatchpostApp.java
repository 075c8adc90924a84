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
import org.watchpost.ui.scans.ScansViewModel;

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
    private MainView mainView;
    private boolean newInstall;

    private StoreException startupError;
    private int interruptedAtStart;
    private int schemaVersion;

    /** Opens and migrates the database off the FX thread, before the window exists. */
    @Override
    public void init() {
        try {
            newInstall = DesktopSupport.isNewInstall(dataDirFlag);
            context = AppContext.open(dataDirFlag);
            interruptedAtStart = context.scans().markInterrupted();
            schemaVersion = context.database().read(Migrator::currentVersion);
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
        Scene scene = new Scene(buildMainView(stage, interrupted).root(), 1200, 760);
        actions.scansView().installShortcuts(scene);
        desktop.install(scene, mainView);
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
        desktop.maybeShowWelcome(newInstall, desktop.starter(feed::touch));
    }

    static void addIcons(Stage stage) {
        for (String size : ICON_SIZES) {
            var url = WatchpostApp.class.getResource("/org/watchpost/icons/watchpost-" + size + ".png");
            if (url != null) stage.getIcons().add(new Image(url.toExternalForm()));
        }
    }

    private MainView buildMainView(Stage stage, int interrupted) {
        MainView main = new MainView("v" + Version.get() + "\n" + context.dataDir());
        mainView = main;
        ScansViewModel scansVm = new ScansViewModel(context.scans(), executor, context.clock());
        actions = new ScanActionsController(context.scanManager(), executor, main, scansVm, feed, () -> stage);
        main.register(MainView.Page.SCANS, () -> actions.scansView().root());
        main.register(MainView.Page.VULNERABILITIES, () -> MainView.placeholder("Vulnerabilities", "No findings yet",
                "Findings from every scan appear here, worst first, once scans have run checks."));
        main.register(MainView.Page.INVESTIGATIONS, () -> MainView.placeholder("Investigations", "No investigations yet",
                "An investigation groups related scans of one engagement so their findings can be followed over time."));
        main.register(MainView.Page.MONITORS, () -> MainView.placeholder("Monitors", "No monitors yet",
                "A monitor re-runs a scan on a schedule and tells you what changed. Create one from the New scan dialog."));
        main.register(MainView.Page.SETTINGS, () -> desktop.settingsPage(schemaVersion));
        main.show(MainView.Page.SCANS);
        scansVm.refresh();
        if (interrupted > 0) {
            scansVm.errorProperty().set(interrupted + (interrupted == 1 ? " scan was" : " scans were")
                    + " still running when Watchpost last closed; marked INTERRUPTED (the results found so far are kept).");
        }
        return main;
    }

    @Override
    public void stop() {
        if (feed != null) feed.close();
        if (executor != null) executor.close();
        if (context != null) context.close();
    }
}
