package org.watchpost.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.store.DataDirectory;
import org.watchpost.ui.MainView;
import org.watchpost.ui.SettingsView;
import org.watchpost.ui.SettingsViewModel;
import org.watchpost.ui.common.ErrorDialog;
import org.watchpost.ui.common.FolderOpener;
import org.watchpost.ui.common.TaskExecutor;
import org.watchpost.ui.common.Themes;
import org.watchpost.ui.help.AboutDialog;
import org.watchpost.ui.help.HelpMenu;
import org.watchpost.ui.help.Shortcuts;
import org.watchpost.ui.welcome.WelcomeDialog;

/**
 * What makes Watchpost a desktop citizen, wired in one place so {@link WatchpostApp} only
 * calls in: the theme, error dialogs for uncaught errors, window shortcuts, the Help menu
 * (shortcuts, logs, About), the Settings page and the first-run welcome.
 */
public final class DesktopSupport {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopSupport.class);

    private final AppContext context;
    private final TaskExecutor executor;
    private final Stage stage;
    private final AtomicBoolean errorShowing = new AtomicBoolean();
    private final AtomicInteger errorsWhileShowing = new AtomicInteger();

    public DesktopSupport(AppContext context, TaskExecutor executor, Stage stage) {
        this.context = context;
        this.executor = executor;
        this.stage = stage;
    }

    /** True when the data folder has no database yet: a first start. Call before {@link AppContext#open}. */
    public static boolean isNewInstall(String dataDirFlag) {
        return !Files.exists(DataDirectory.resolve(dataDirFlag).resolve(DataDirectory.DB_FILE));
    }

    /** The log folder in use. */
    public Path logDir() {
        return LogSetup.currentLogDir(context.dataDir());
    }

    // ---------------------------------------------------------------- theme and errors

    /** Applies the saved theme to every window, now and later. */
    public void installTheme() {
        Themes.install();
        Themes.apply(context.settings().theme() == Settings.Theme.DARK);
    }

    /**
     * Uncaught errors on any thread, the FX thread included, are logged and shown as a
     * readable dialog with "Copy details"; never a silent failure. While one such dialog is
     * open, further errors are only logged (a loop of errors must not bury the window).
     */
    public void installErrorHandling() {
        Thread.UncaughtExceptionHandler handler = (t, e) -> uncaught(t.getName(), e);
        Thread.setDefaultUncaughtExceptionHandler(handler);
        if (Platform.isFxApplicationThread()) Thread.currentThread().setUncaughtExceptionHandler(handler);
        context.settings().warning().ifPresent(w -> Platform.runLater(() -> {
            Alert a = new Alert(Alert.AlertType.WARNING, w);
            a.setTitle("Watchpost");
            a.setHeaderText("Settings reset to defaults");
            if (stage.isShowing()) a.initOwner(stage);
            a.show();
        }));
    }

    void uncaught(String thread, Throwable e) {
        LOG.error("uncaught error in thread {}", thread, e);
        if (!errorShowing.compareAndSet(false, true)) {
            errorsWhileShowing.incrementAndGet();
            return;
        }
        Runnable show = () -> {
            try {
                ErrorDialog d = new ErrorDialog(stage, "Something went wrong in Watchpost", e,
                        logDir().resolve(LogSetup.LOG_FILE).toString(), thread);
                d.alert().setOnHidden(ev -> {
                    errorShowing.set(false);
                    int more = errorsWhileShowing.getAndSet(0);
                    if (more > 0) LOG.warn("{} more errors happened while the error dialog was open (see above)", more);
                });
                d.show();
            } catch (RuntimeException | Error again) {
                errorShowing.set(false);
                System.err.println("watchpost: " + e); // the dialog itself failed: at least say it
            }
        };
        if (Platform.isFxApplicationThread()) show.run();
        else {
            try {
                Platform.runLater(show);
            } catch (IllegalStateException toolkitGone) {
                System.err.println("watchpost: " + e);
            }
        }
    }

    // ---------------------------------------------------------------- shortcuts and help

    /** Window shortcuts (Ctrl+F search, F1 shortcuts sheet) and the sidebar Help menu. */
    public void install(Scene scene, MainView main) {
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+F"), () -> focusSearch(scene, main));
        scene.getAccelerators().put(KeyCombination.keyCombination("F1"), this::showShortcuts);
        if (main.helpButton() != null) new HelpMenu(main.helpButton(), this::showShortcuts, this::showLogs, this::showAbout);
    }

    /** Shows the scans list if needed, then puts the cursor in its filter field. */
    static void focusSearch(Scene scene, MainView main) {
        Node field = scene.lookup("#filterField");
        if (field == null || !field.isVisible() || field.getScene() == null) {
            main.show(MainView.Page.SCANS);
            field = scene.lookup("#filterField");
        }
        if (field instanceof TextField tf) {
            tf.requestFocus();
            tf.selectAll();
        }
    }

    public void showShortcuts() {
        Shortcuts.sheet(stage).show();
    }

    public void showAbout() {
        AboutDialog.create(stage, Version.get(), context.dataDir().toString()).show();
    }

    /** Opens the log folder in the file manager (in the background); says so clearly if it cannot. */
    public void showLogs() {
        Path dir = logDir();
        executor.submit("show logs", () -> {
            FolderOpener.open(dir);
            return null;
        }, ok -> { }, e -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION);
            if (stage.isShowing()) a.initOwner(stage);
            a.setTitle("Logs");
            a.setHeaderText("The log folder could not be opened");
            TextField path = new TextField(dir.resolve(LogSetup.LOG_FILE).toString());
            path.setEditable(false);
            javafx.scene.control.Label msg = new javafx.scene.control.Label(e.getMessage());
            msg.setWrapText(true);
            msg.setMaxWidth(480);
            a.getDialogPane().setContent(new javafx.scene.layout.VBox(8, msg, path));
            a.show();
        });
    }

    // ---------------------------------------------------------------- settings page

    /** The Settings page: editable, saved to settings.properties; a saved theme applies at once. */
    public Node settingsPage(int schemaVersion) {
        SettingsView view = new SettingsView(Version.get(), context.dataDir(), context.database().file(), schemaVersion);
        SettingsViewModel vm = new SettingsViewModel(new SettingsBackend(context), executor);
        vm.setOnSaved(v -> Themes.apply("dark".equals(v.theme())));
        view.attach(vm, logDir());
        return view.root();
    }

    // ---------------------------------------------------------------- first run

    /**
     * Shows the welcome when this is a new install or the first run was never completed.
     *
     * @param newInstall  {@link #isNewInstall} as it was before the database was created
     * @param startScan   starts a scan (name, configuration) through the scan manager
     */
    public void maybeShowWelcome(boolean newInstall, FirstScanStarter startScan) {
        if (!newInstall && !context.settings().firstRunPending()) return;
        new WelcomeDialog(stage, () -> startScan.start(WelcomeDialog.FIRST_SCAN_NAME, firstScanConfig()), () -> {
            context.settings().markFirstRunDone(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
            executor.submit("save settings", () -> {
                context.settings().save();
                return null;
            }, ok -> { }, e -> LOG.warn("could not save the settings after the welcome: {}", e.getMessage()));
        }).show();
    }

    /** 127.0.0.1, the 100 most common ports, with the saved defaults for the rest. */
    ScanConfig firstScanConfig() {
        Settings.ScanDefaults d = context.settings().scanDefaults();
        ScanConfig c = ScanConfig.defaults(WelcomeDialog.FIRST_SCAN_TARGET).withPorts(WelcomeDialog.FIRST_SCAN_PORTS);
        return new ScanConfig(c.targets(), c.exclusions(), c.ports(), c.discovery(), d.timeoutMs(), d.rateLimit(),
                d.concurrency(), c.serviceDetection(), c.checks(), c.profile());
    }

    /** Starts the first scan; the app passes a function that goes through its scan manager. */
    @FunctionalInterface
    public interface FirstScanStarter {
        void start(String name, ScanConfig config);
    }

    /** A starter that runs {@code ScanManager.start} in the background and tells the live feed. */
    public FirstScanStarter starter(LongConsumer touchFeed) {
        return (name, config) -> executor.submit("first scan", () -> context.scanManager().start(name, config, "ui", null, null),
                rec -> touchFeed.accept(rec.id()),
                e -> new ErrorDialog(stage, "The first scan could not be started", e, null).show());
    }
}
