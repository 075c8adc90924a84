package org.watchpost.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.schedule.Frequency;
import org.watchpost.schedule.Monitor;
import org.watchpost.store.ScanRecord;
import org.watchpost.ui.MainView;
import org.watchpost.ui.common.FxTaskExecutor;
import org.watchpost.ui.scans.LiveScanFeed;
import org.watchpost.ui.scans.ScanRowViewModel;

/** Investigations and monitors through the real window wiring, a real database and a loopback listener. */
@ExtendWith(ApplicationExtension.class)
class GroupsFlowsFxTest {
    AppContext ctx;
    FxTaskExecutor executor;
    LiveScanFeed feed;
    DesktopWindow window;
    ServerSocket listener;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("wp-groups");
        ctx = AppContext.open(dir.toString());
        executor = new FxTaskExecutor();
        feed = new LiveScanFeed(ctx.scans(), Platform::runLater);
        ctx.scanManager().addObserver(feed);
        window = new DesktopWindow(stage, ctx, executor, feed, null, "test");
        Scene scene = new Scene(window.main().root(), 1280, 800);
        scene.getStylesheets().add(getClass().getResource("/org/watchpost/ui/watchpost.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    s.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n".getBytes());
                } catch (IOException e) {
                    if (listener.isClosed()) return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        listener.close();
        feed.close();
        executor.close();
        ctx.close();
    }

    static void waitFor(BooleanSupplier c) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return c.getAsBoolean();
        });
    }

    ScanConfig config() {
        return new ScanConfig("127.0.0.1", "", String.valueOf(listener.getLocalPort()), false, 1000, 0, 100, true, false, "t");
    }

    ScanRecord finishedScan(String name) throws Exception {
        ScanRecord r = ctx.scanManager().start(name, config(), "ui", null, null);
        waitFor(() -> ctx.scans().require(r.id()).status().isTerminal());
        return r;
    }

    @SuppressWarnings("unchecked")
    TableView<ScanRowViewModel> scansTable(FxRobot robot) {
        return window.actions().scansView().table();
    }

    @Test
    void createAnInvestigationAddScansFromTheDashboardThenRemoveOneAndItsDataStays(FxRobot robot) throws Exception {
        ScanRecord a = finishedScan("first");
        ScanRecord b = finishedScan("second");
        robot.clickOn("Refresh");
        waitFor(() -> scansTable(robot).getItems().size() == 2);
        robot.interact(() -> scansTable(robot).getSelectionModel().selectAll());
        robot.clickOn("Add to investigation…");
        waitFor(() -> robot.lookup("New investigation").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".dialog-pane .text-field").queryAs(TextField.class)).write("Q4 perimeter");
        robot.clickOn("Add");
        waitFor(() -> ctx.investigations().list().size() == 1 && ctx.investigations().list().get(0).scanCount() == 2);
        long inv = ctx.investigations().list().get(0).id();

        robot.clickOn("Investigations");
        waitFor(() -> robot.lookup("Q4 perimeter").tryQuery().isPresent());
        robot.doubleClickOn("Q4 perimeter");
        waitFor(() -> robot.lookup("Remove from investigation").tryQuery().isPresent());
        javafx.scene.control.TabPane tabs = robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getTabs().stream().filter(t -> t.getText().equals("Scans")).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));
        waitFor(() -> robot.lookup(".table-view").queryAllAs(TableView.class).stream()
                .anyMatch(t -> !t.getItems().isEmpty() && t.getItems().get(0) instanceof ScanRecord));
        @SuppressWarnings("unchecked")
        TableView<ScanRecord> invScans = robot.lookup(".table-view").queryAllAs(TableView.class).stream()
                .filter(t -> !t.getItems().isEmpty() && t.getItems().get(0) instanceof ScanRecord).findFirst().orElseThrow();
        robot.interact(() -> invScans.getSelectionModel().select(0));
        long removed = invScans.getSelectionModel().getSelectedItem().id();
        robot.clickOn("Remove from investigation");
        waitFor(() -> ctx.investigations().scansOf(inv).size() == 1);
        assertThat(ctx.scans().get(removed)).as("a removed scan keeps its data").isPresent();
        assertThat(ctx.scans().services(removed)).hasSize(1);
        assertThat(List.of(a.id(), b.id())).contains(removed);
    }

    @Test
    void createAMonitorFromTheNewScanDialogThenModifyDisableAndDeleteIt(FxRobot robot) throws Exception {
        robot.clickOn("New scan…");
        robot.clickOn(robot.lookup(".new-scan .text-field").queryAs(TextField.class)).write("nightly ssh");
        robot.clickOn(robot.lookup(".new-scan .text-area").queryAs(TextArea.class)).write("127.0.0.1");
        TextField ports = robot.lookup(".new-scan .combo-box .text-field").queryAs(TextField.class);
        robot.interact(() -> ports.setText(String.valueOf(listener.getLocalPort())));
        robot.clickOn(robot.lookup("Repeat this scan on a schedule and report what changed").queryAs(CheckBox.class));
        waitFor(() -> !robot.lookup("Start scan").queryButton().isDisabled());
        robot.clickOn("Start scan");
        waitFor(() -> ctx.monitors().list().size() == 1);
        Monitor m = ctx.monitors().list().get(0);
        assertThat(m.frequency()).isEqualTo(Frequency.decode("daily", "02:00"));
        waitFor(() -> ctx.monitors().scansOf(m.id()).size() == 1);
        ScanRecord first = ctx.monitors().scansOf(m.id()).get(0);
        assertThat(first.fromMonitor()).isTrue();

        robot.clickOn("Monitors");
        waitFor(() -> robot.lookup("nightly ssh").tryQuery().isPresent());
        robot.clickOn("nightly ssh");
        robot.clickOn("Modify frequency…");
        waitFor(() -> robot.lookup("Update").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<String> kind = robot.lookup(".dialog-pane .choice-box").queryAs(javafx.scene.control.ChoiceBox.class);
        robot.interact(() -> kind.setValue("weekly"));
        TextField expr = robot.lookup(".dialog-pane .text-field").queryAs(TextField.class);
        robot.interact(() -> expr.setText("FRI 23:15"));
        robot.clickOn("Update");
        waitFor(() -> ctx.monitors().require(m.id()).frequency().equals(Frequency.decode("weekly", "FRI 23:15")));
        assertThat(ctx.monitors().require(m.id()).nextRunAt().atZone(java.time.ZoneId.systemDefault()).getDayOfWeek())
                .isEqualTo(java.time.DayOfWeek.FRIDAY);

        robot.clickOn("nightly ssh");
        robot.clickOn("Disable");
        waitFor(() -> !ctx.monitors().require(m.id()).enabled());
        robot.clickOn("nightly ssh");
        robot.clickOn("Enable");
        waitFor(() -> ctx.monitors().require(m.id()).enabled());
        assertThat(ctx.monitors().require(m.id()).nextRunAt()).isAfter(java.time.Instant.now());

        robot.clickOn("nightly ssh");
        robot.clickOn("Delete…");
        robot.clickOn("Delete monitor");
        waitFor(() -> ctx.monitors().list().isEmpty());
        ScanRecord kept = ctx.scans().require(first.id());
        assertThat(kept.fromMonitor()).as("its scans stay, still marked as a monitor's").isTrue();
    }

    @Test
    void stopIsRefusedForAMonitorScanInTheUiAndTheManager(FxRobot robot) throws Exception {
        Monitor m = ctx.monitors().create("slow", new ScanConfig("127.0.0.1", "", "1-65535", false, 1000, 200, 50, false, false, "t"),
                Frequency.decode("hourly", "5"));
        ScanRecord scan = ctx.scanManager().start("slow", m.config(), "monitor", m.id(), null);
        robot.clickOn("Refresh");
        waitFor(() -> scansTable(robot).getItems().stream().anyMatch(r -> r.id() == scan.id()
                && r.statusProperty().get() == ScanStatus.RUNNING));
        robot.interact(() -> scansTable(robot).getSelectionModel().select(0));
        assertThat(robot.lookup("#stopButton").queryAs(Button.class).isDisabled()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ctx.scanManager().stop(List.of(scan.id())))
                .hasMessageContaining("cannot be stopped; delete it instead");
        robot.interact(() -> window.actions().openScan(scan.id()));
        waitFor(() -> robot.lookup("Monitor scan: can be deleted, not stopped").tryQuery().map(n -> n.isVisible()).orElse(false));
        assertThat(robot.lookup("#stopButton").queryAllAs(Button.class)).allMatch(Button::isDisabled);
        ctx.scanManager().delete(List.of(scan.id()));
        assertThat(ctx.scans().get(scan.id())).isEmpty();
    }
}
