package org.watchpost.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.ui.MainView;
import org.watchpost.ui.common.DirectTaskExecutor;
import org.watchpost.ui.common.Themes;
import org.watchpost.ui.help.Shortcuts;
import org.watchpost.ui.scans.ScanActions;
import org.watchpost.ui.scans.ScansView;
import org.watchpost.ui.scans.ScansViewModel;

/** The desktop wiring on a real data folder: settings page, theme, shortcuts, help, errors, first run. */
@ExtendWith(ApplicationExtension.class)
class DesktopFxTest {
    Path dir;
    AppContext context;
    DesktopSupport desktop;
    MainView main;
    Stage stage;
    Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    final List<String> started = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        dir = Files.createTempDirectory("wp-desktop-fx");
        context = AppContext.open(dir.toString());
        DirectTaskExecutor executor = new DirectTaskExecutor();
        desktop = new DesktopSupport(context, executor, stage);
        main = new MainView("test");
        ScansViewModel vm = new ScansViewModel(context.scans(), executor, context.clock());
        ScanActions actions = () -> { };
        ScansView scans = new ScansView(vm, actions);
        main.register(MainView.Page.SCANS, scans::root);
        main.register(MainView.Page.SETTINGS, () -> desktop.settingsPage(1));
        main.show(MainView.Page.SCANS);
        Scene scene = new Scene(main.root(), 1100, 760);
        desktop.installTheme();
        desktop.install(scene, main);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        robot.interact(() -> {
            for (Window w : new ArrayList<>(Window.getWindows())) if (w != stage && w instanceof Stage s) s.close();
            Themes.reset();
        });
        context.close();
    }

    String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    void typeInto(FxRobot robot, String id, String value) {
        TextField f = robot.lookup(id).queryAs(TextField.class);
        robot.interact(() -> f.setText(value));
    }

    @Test
    void savingTheDarkThemeAppliesItAtOnceAndKeepsItInTheSettingsFile(FxRobot robot) {
        robot.clickOn("Settings");
        robot.clickOn("Dark");
        typeInto(robot, "#ports", "22,80,443");
        typeInto(robot, "#organisation", "Example Bank plc");
        robot.clickOn("Save settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#message")).isEqualTo("Settings saved.");
        assertThat(Themes.isDark()).isTrue();
        assertThat(stage.getScene().getStylesheets()).anyMatch(s -> s.endsWith("watchpost-dark.css"));
        Settings reread = new Settings(dir);
        assertThat(reread.theme()).isEqualTo(Settings.Theme.DARK);
        assertThat(reread.scanDefaults().ports()).isEqualTo("22,80,443");
        assertThat(reread.reportBranding().organisation()).isEqualTo("Example Bank plc");
    }

    @Test
    void aBadValueIsRefusedWithAMessageNamingTheFieldAndNothingIsSaved(FxRobot robot) {
        robot.clickOn("Settings");
        typeInto(robot, "#timeout", "0");
        robot.clickOn("Save settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#message")).startsWith("Timeout (ms) must be between 1 and 60000");
        assertThat(robot.lookup("#timeout").query().getStyleClass()).contains("invalid");
        typeInto(robot, "#timeout", "fast");
        robot.clickOn("Save settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#message")).isEqualTo("Timeout (ms) must be a whole number, was 'fast'");
        typeInto(robot, "#timeout", "1500");
        typeInto(robot, "#ports", "22,80-");
        robot.clickOn("Save settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#message")).startsWith("Default ports");
        assertThat(robot.lookup("#ports").query().getStyleClass()).contains("invalid");
        assertThat(robot.lookup("#timeout").query().getStyleClass()).doesNotContain("invalid");
        assertThat(Files.exists(dir.resolve(Settings.FILE_NAME))).isFalse();
    }

    @Test
    void settingsPageShowsTheVulnerabilityDatasetDateAndTheFolders(FxRobot robot) {
        robot.clickOn("Settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#dataset")).startsWith("data up to 20").contains("CVEs").contains("known exploited");
        assertThat(robot.lookup("#dataDir").queryAs(TextField.class).getText()).isEqualTo(context.dataDir().toString());
        assertThat(robot.lookup("#logDir").queryAs(TextField.class).getText()).isEqualTo(desktop.logDir().toString());
    }

    @Test
    void ctrlFFocusesTheScansFilterEvenFromAnotherPage(FxRobot robot) {
        robot.clickOn("Settings");
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(main.current()).isEqualTo(MainView.Page.SCANS);
        assertThat(robot.lookup("#filterField").query().isFocused()).isTrue();
    }

    @Test
    void f1AndTheHelpMenuShowTheShortcutsSheetAndTheAboutBox(FxRobot robot) {
        robot.push(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        for (Shortcuts.Shortcut s : Shortcuts.ALL) assertThat(robot.lookup(s.action()).tryQuery()).as(s.keys()).isPresent();
        robot.clickOn("Close");
        robot.clickOn("Help");
        robot.clickOn("About Watchpost");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".licences-table").tryQuery()).isPresent();
        assertThat(robot.lookup("GPL-2.0 with Classpath Exception").tryQuery()).isPresent();
        javafx.scene.control.TableView<?> table = robot.lookup(".licences-table").queryAs(javafx.scene.control.TableView.class);
        assertThat(table.getItems()).extracting(c -> ((org.watchpost.ui.help.AboutDialog.Component) c).licence())
                .contains("EPL-1.0 / LGPL-2.1", "Apache-2.0", "BSD-3-Clause", "ISC", "LGPL-2.1");
    }

    @Test
    void anUncaughtErrorOnAnyThreadIsShownReadablyWithCopyDetailsNotSwallowed(FxRobot robot) throws Exception {
        robot.interact(desktop::installErrorHandling);
        Thread t = new Thread(() -> {
            throw new IllegalStateException("boom in a worker");
        }, "test-worker");
        t.start();
        t.join(5000);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("Something went wrong in Watchpost").tryQuery().isPresent());
        // a second error while the first is shown is logged, not stacked as another dialog
        Thread t2 = new Thread(() -> {
            throw new IllegalStateException("second");
        });
        t2.start();
        t2.join(5000);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".dialog-pane").queryAll()).hasSize(1);
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(((Label) pane.getContent()).getText()).contains("boom in a worker").contains("watchpost.log");
        robot.clickOn("Copy details");
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = Clipboard.getSystemClipboard().getString());
        assertThat(clip[0]).contains("IllegalStateException: boom in a worker").contains("test-worker").contains("Java:");
        robot.clickOn("Close");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".dialog-pane").tryQuery()).isEmpty();
        // errors on the FX thread itself take the same path
        robot.interact(() -> Thread.currentThread().getUncaughtExceptionHandler()
                .uncaughtException(Thread.currentThread(), new IllegalArgumentException("fx boom")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((Label) robot.lookup(".dialog-pane").queryAs(DialogPane.class).getContent()).getText()).contains("fx boom");
    }

    @Test
    void theWelcomeShowsOnAFirstRunAndItsScanIsThisComputersTop100(FxRobot robot) throws Exception {
        assertThat(context.settings().firstRunPending()).isTrue();
        robot.interact(() -> desktop.maybeShowWelcome(false, (name, config) -> started.add(name + "|" + config.targets()
                + "|" + config.ports() + "|" + config.timeoutMs())));
        robot.clickOn("Scan this computer");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(started).containsExactly("This computer (first scan)|127.0.0.1|top-100|" + ScanConfig.DEFAULT_TIMEOUT_MS);
        assertThat(context.settings().firstRunPending()).isFalse();
        assertThat(new Settings(dir).firstRunPending()).as("saved").isFalse();
        // not again once done, unless the database is new
        robot.interact(() -> desktop.maybeShowWelcome(false, (n, c) -> started.add("again")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".welcome").tryQuery()).isEmpty();
        robot.interact(() -> desktop.maybeShowWelcome(true, (n, c) -> started.add("new db")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".welcome").tryQuery()).isPresent();
        robot.clickOn("Not now");
        assertThat(started).hasSize(1);
    }

    @Test
    void theFirstScanStarterRunsARealScanOfLoopbackThroughTheScanManager(FxRobot robot) throws Exception {
        robot.interact(() -> desktop.starter(id -> started.add("touched " + id)).start("first",
                desktop.firstScanConfig().withPorts("1")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(started).containsExactly("touched 1");
        assertThat(context.scanManager().awaitEnd(List.of(1L), 20_000)).isTrue();
        assertThat(context.scans().require(1L).config().targets()).isEqualTo("127.0.0.1");
    }
}
