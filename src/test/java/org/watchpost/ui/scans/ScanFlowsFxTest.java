package org.watchpost.ui.scans;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchpost.engine.DefaultScanner;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.schedule.ScanManager;
import org.watchpost.store.Database;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRepository;
import org.watchpost.ui.MainView;
import org.watchpost.ui.common.FxTaskExecutor;

/** The dashboard's critical flows against a real database, scan manager and loopback listener. */
@ExtendWith(ApplicationExtension.class)
class ScanFlowsFxTest {
    Database db;
    ScanRepository repo;
    ScanManager manager;
    LiveScanFeed feed;
    ScanActionsController controller;
    FxTaskExecutor executor;
    ServerSocket listener;
    Thread acceptor;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("wp-flows");
        db = Database.open(dir.resolve("w.db"));
        repo = new ScanRepository(db, Clock.systemUTC());
        manager = new ScanManager(repo, new DefaultScanner(), Clock.systemUTC(), 2);
        feed = new LiveScanFeed(repo, Platform::runLater);
        manager.addObserver(feed);
        executor = new FxTaskExecutor();
        MainView main = new MainView("test");
        ScansViewModel vm = new ScansViewModel(repo, executor, Clock.systemUTC());
        controller = new ScanActionsController(manager, executor, main, vm, feed, () -> stage);
        main.register(MainView.Page.SCANS, () -> controller.scansView().root());
        main.show(MainView.Page.SCANS);
        vm.refresh();
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    s.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n".getBytes());
                } catch (IOException e) {
                    if (listener.isClosed()) return; // a probe that hung up first is not the end
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        Scene scene = new Scene(main.root(), 1200, 760);
        scene.getStylesheets().add(getClass().getResource("/org/watchpost/ui/watchpost.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
        listener.close();
        manager.close();
        feed.close();
        executor.close();
        db.close();
    }

    String ports() {
        return listener.getLocalPort() + ",1";
    }

    static void waitFor(String what, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    TableView<ScanRowViewModel> table(FxRobot robot) {
        return controller.scansView().table();
    }

    ScanRecord startViaDialog(FxRobot robot, String name, String targets) throws Exception {
        robot.clickOn("New scan…");
        robot.lookup(".new-scan .text-field").queryAs(TextField.class);
        robot.clickOn(robot.lookup(".new-scan .text-field").queryAs(TextField.class)).write(name);
        robot.clickOn(robot.lookup(".new-scan .text-area").queryAs(TextArea.class)).write(targets);
        var portsEditor = robot.lookup(".new-scan .combo-box .text-field").queryAs(TextField.class);
        robot.interact(() -> portsEditor.setText(ports()));
        waitFor("validation", () -> !robot.lookup("Start scan").queryButton().isDisabled());
        robot.clickOn("Start scan");
        waitFor("scan listed", () -> repo.list().stream().anyMatch(s -> s.name().equals(name)));
        return repo.list().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void newScanAppearsAndCompletes(FxRobot robot) throws Exception {
        ScanRecord rec = startViaDialog(robot, "flow new", "127.0.0.1");
        waitFor("completed", () -> repo.require(rec.id()).status() == ScanStatus.COMPLETED);
        waitFor("row shows completed", () -> table(robot).getItems().stream()
                .anyMatch(r -> r.id() == rec.id() && r.statusProperty().get() == ScanStatus.COMPLETED));
        ScanRecord done = repo.require(rec.id());
        assertThat(done.openPorts()).isEqualTo(1);
        assertThat(repo.services(rec.id())).extracting(s -> s.port()).containsExactly(listener.getLocalPort());
    }

    @Test
    void invalidTargetsAreExplainedAndCannotStart(FxRobot robot) throws Exception {
        robot.clickOn("New scan…");
        robot.clickOn(robot.lookup(".new-scan .text-area").queryAs(TextArea.class)).write("127.0.0.300");
        waitFor("message", () -> robot.lookup(".new-scan .error-banner").tryQuery().isPresent()
                && robot.lookup(".new-scan .error-banner").queryLabeled().getText().contains("'127.0.0.300'"));
        assertThat(robot.lookup("Start scan").queryButton().isDisabled()).isTrue();
        robot.clickOn("Cancel");
        assertThat(repo.count()).isZero();
    }

    @Test
    void stopKeepsWhatWasFound(FxRobot robot) throws Exception {
        // a slow scan: all ports of a blackholed-by-rate-limit host so it is still running when stopped
        ScanRecord rec = manager.start("slow", new ScanConfig("127.0.0.1", "", "1-65535", false, 1000, 200, 100, false, false,
                "custom"), "ui", null, null);
        waitFor("running row", () -> table(robot).getItems().stream()
                .anyMatch(r -> r.id() == rec.id() && r.statusProperty().get() == ScanStatus.RUNNING));
        robot.interact(() -> {
            table(robot).getSelectionModel().clearSelection();
            table(robot).getItems().stream().filter(r -> r.id() == rec.id()).findFirst()
                    .ifPresent(r -> table(robot).getSelectionModel().select(r));
        });
        long t0 = System.nanoTime();
        robot.clickOn("#stopButton");
        waitFor("stopped", () -> repo.require(rec.id()).status() == ScanStatus.STOPPED);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5.0);
        waitFor("row shows stopped", () -> table(robot).getItems().stream()
                .anyMatch(r -> r.id() == rec.id() && r.statusProperty().get() == ScanStatus.STOPPED));
        assertThat(repo.hosts(rec.id())).isNotEmpty();
    }

    @Test
    void deleteAsksThenRemovesEveryRow(FxRobot robot) throws Exception {
        ScanRecord rec = startViaDialog(robot, "doomed", "127.0.0.1");
        waitFor("completed", () -> repo.require(rec.id()).status().isTerminal());
        waitFor("row", () -> table(robot).getItems().stream().anyMatch(r -> r.id() == rec.id()));
        robot.interact(() -> table(robot).getSelectionModel().select(0));
        robot.clickOn("#deleteButton");
        assertThat(robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class).getContentText())
                .contains("cannot be undone");
        robot.clickOn("Cancel");
        assertThat(repo.get(rec.id())).isPresent();
        robot.clickOn("#deleteButton");
        robot.clickOn("Delete");
        waitFor("gone", () -> repo.get(rec.id()).isEmpty() && table(robot).getItems().isEmpty());
        assertThat(repo.dependentRowCounts(rec.id())).containsOnly(0L);
    }

    @Test
    void rerunMakesANewIdWithTheSameSettings(FxRobot robot) throws Exception {
        ScanRecord rec = startViaDialog(robot, "again", "127.0.0.1");
        waitFor("completed", () -> repo.require(rec.id()).status().isTerminal());
        robot.interact(() -> table(robot).getSelectionModel().select(0));
        robot.clickOn("#rerunButton");
        waitFor("second scan", () -> repo.list().size() == 2);
        ScanRecord second = repo.list().get(0);
        assertThat(second.id()).isGreaterThan(rec.id());
        assertThat(second.config()).isEqualTo(rec.config());
        assertThat(second.rerunOf()).isEqualTo(rec.id());
        waitFor("second done", () -> repo.require(second.id()).status().isTerminal());
    }

    @Test
    void cloneOpensTheDialogPrefilled(FxRobot robot) throws Exception {
        ScanRecord rec = manager.start("original", new ScanConfig("127.0.0.1", "127.0.0.9", ports(), false, 700, 0, 300, true,
                false, "custom"), "ui", null, null);
        waitFor("done", () -> repo.require(rec.id()).status().isTerminal());
        waitFor("row", () -> !table(robot).getItems().isEmpty());
        robot.interact(() -> table(robot).getSelectionModel().select(0));
        robot.clickOn("#cloneButton");
        waitFor("dialog", () -> robot.lookup(".new-scan .text-area").tryQuery().isPresent());
        assertThat(robot.lookup(".new-scan .text-area").queryAs(TextArea.class).getText()).isEqualTo("127.0.0.1");
        var fields = robot.lookup(".new-scan .text-field").queryAllAs(TextField.class);
        assertThat(fields).extracting(TextField::getText).contains("original (copy)", "127.0.0.9", ports());
        robot.clickOn("Cancel");
        assertThat(repo.list()).hasSize(1);
    }

    @Test
    void updateConfigurationSavesForTheNextRunOnly(FxRobot robot) throws Exception {
        ScanRecord rec = manager.start("edit me", new ScanConfig("127.0.0.1", "", ports(), false, 1000, 0, 300, false, false,
                "custom"), "ui", null, null);
        waitFor("done", () -> repo.require(rec.id()).status().isTerminal());
        waitFor("row", () -> !table(robot).getItems().isEmpty());
        robot.interact(() -> table(robot).getSelectionModel().select(0));
        robot.clickOn("#editButton");
        waitFor("dialog", () -> robot.lookup(".new-scan .text-area").tryQuery().isPresent());
        TextArea targets = robot.lookup(".new-scan .text-area").queryAs(TextArea.class);
        robot.interact(() -> targets.setText("127.0.0.1-2"));
        waitFor("valid", () -> !robot.lookup("Save").queryButton().isDisabled());
        robot.clickOn("Save");
        waitFor("saved", () -> repo.configForNextRun(rec.id()).targets().equals("127.0.0.1-2"));
        assertThat(repo.require(rec.id()).config().targets()).isEqualTo("127.0.0.1");
        ScanRecord rerun = manager.rerun(rec.id());
        assertThat(rerun.config().targets()).isEqualTo("127.0.0.1-2");
        manager.awaitEnd(List.of(rerun.id()), 10_000);
    }
}
