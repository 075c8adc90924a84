package org.watchpost.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.api.FxAssert.verifyThat;
import static org.testfx.matcher.base.NodeMatchers.isVisible;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.store.Database;
import org.watchpost.store.ScanRepository;
import org.watchpost.ui.common.DirectTaskExecutor;
import org.watchpost.ui.scans.ScanActions;
import org.watchpost.ui.scans.ScansView;
import org.watchpost.ui.scans.ScansViewModel;

@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {
    Database db;
    ScanRepository repo;
    ScansViewModel vm;
    int newScanClicks;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("wp-fx");
        db = Database.open(dir.resolve("w.db"));
        repo = new ScanRepository(db, Clock.systemUTC());
        vm = new ScansViewModel(repo, new DirectTaskExecutor(), Clock.systemUTC());
        ScanActions actions = () -> newScanClicks++;
        MainView main = new MainView("test");
        ScansView scans = new ScansView(vm, actions);
        main.register(MainView.Page.SCANS, scans::root);
        main.register(MainView.Page.SETTINGS, () -> new SettingsView("t", dir, db.file(), 1).root());
        main.show(MainView.Page.SCANS);
        vm.refresh();
        Scene scene = new Scene(main.root(), 1100, 700);
        scene.getStylesheets().add(getClass().getResource("/org/watchpost/ui/watchpost.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void emptyDatabaseShowsAHelpfulEmptyStateWithANewScanAction(FxRobot robot) {
        verifyThat("No scans yet", isVisible());
        robot.clickOn("Start your first scan…");
        assertThat(newScanClicks).isEqualTo(1);
        robot.clickOn("New scan…");
        assertThat(newScanClicks).isEqualTo(2);
    }

    @Test
    void listsScansFromTheDatabaseAfterRefresh(FxRobot robot) {
        repo.create("perimeter", ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1);
        robot.clickOn("Refresh");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup(".scans-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(1);
        verifyThat("SCAN-1", isVisible());
        verifyThat("perimeter", isVisible());
    }

    @Test
    void navigationSwitchesPages(FxRobot robot) {
        robot.clickOn("Settings");
        verifyThat("Schema version", isVisible());
        robot.clickOn("Scans");
        verifyThat("No scans yet", isVisible());
    }
}
