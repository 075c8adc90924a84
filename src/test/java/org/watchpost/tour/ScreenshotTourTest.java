package org.watchpost.tour;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchpost.app.AppContext;
import org.watchpost.app.DesktopWindow;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.schedule.Frequency;
import org.watchpost.store.ScanRecord;
import org.watchpost.ui.MainView;
import org.watchpost.ui.common.FxTaskExecutor;
import org.watchpost.ui.scans.LiveScanFeed;

/**
 * Drives the real window through loopback-only lab scans and saves what the user sees as
 * PNGs (scene snapshots). Not part of the normal suite: run with
 * {@code mvn test -Dtest=ScreenshotTourTest -Dgroups=screenshots -DexcludedGroups=none -Dtour.out=DIR}.
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class ScreenshotTourTest {
    AppContext ctx;
    FxTaskExecutor executor;
    LiveScanFeed feed;
    DesktopWindow window;
    Stage stage;
    final Map<String, ServerSocket> lab = new LinkedHashMap<>();
    Path out = Path.of(System.getProperty("tour.out", "target/screenshots"));

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("wp-tour");
        ctx = AppContext.open(dir.toString());
        executor = new FxTaskExecutor();
        feed = new LiveScanFeed(ctx.scans(), Platform::runLater);
        ctx.scanManager().addObserver(feed);
        ctx.digests();
        org.watchpost.ui.common.Themes.install();
        org.watchpost.ui.common.Themes.apply(Boolean.getBoolean("tour.dark"));
        window = new DesktopWindow(stage, ctx, executor, feed, null, String.valueOf(ctx.vulnDb().info().datasetDate()));
        Scene scene = new Scene(window.main().root(), 1280, 780);
        scene.getStylesheets().add(getClass().getResource("/org/watchpost/ui/watchpost.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Watchpost");
        stage.show();
    }

    /** Starts a loopback service that greets or answers; named so it can be stopped to change the lab. */
    void up(String key, String address, int port, String greeting, String reply) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new java.net.InetSocketAddress(InetAddress.getByName(address), port), 50);
        lab.put(key, ss);
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try (Socket s = ss.accept()) {
                    s.setSoTimeout(800);
                    if (greeting != null) s.getOutputStream().write(greeting.getBytes());
                    if (reply != null) {
                        try {
                            s.getInputStream().read(new byte[4096]);
                        } catch (IOException timeout) {
                            // answer anyway
                        }
                        s.getOutputStream().write(reply.getBytes());
                    }
                } catch (IOException e) {
                    if (ss.isClosed()) return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    void down(String key) throws IOException {
        lab.remove(key).close();
    }

    @AfterEach
    void stop() throws Exception {
        org.watchpost.ui.common.Themes.reset();
        for (ServerSocket s : lab.values()) s.close();
        feed.close();
        executor.close();
        ctx.close();
    }

    static final String PORTS = "22,80,2121,2222,2323,6379,8080,8081";
    static final String APACHE = "HTTP/1.1 200 OK\r\nServer: Apache/2.4.49 (Unix)\r\nContent-Length: 2\r\n\r\nok";

    void labWeek1() throws IOException {
        up("ssh", "127.0.0.5", 2222, "SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n", null);
        up("apache", "127.0.0.5", 8080, null, APACHE);
        up("ftp", "127.0.0.6", 2121, "220 (vsFTPd 3.0.3)\r\n", null);
        up("nginx", "127.0.0.7", 8081, null, "HTTP/1.1 200 OK\r\nServer: nginx/1.18.0\r\nContent-Length: 2\r\n\r\nok");
    }

    ScanConfig lab() {
        return new ScanConfig("127.0.0.5-7", "", PORTS, true, 1000, 0, 500, true, true, "custom");
    }

    ScanRecord runScan(String name) throws Exception {
        ScanRecord r = ctx.scanManager().start(name, lab(), "ui", null, null);
        waitFor(60, () -> ctx.scans().require(r.id()).status().isTerminal());
        return r;
    }

    static void waitFor(int seconds, BooleanSupplier c) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return c.getAsBoolean();
        });
    }

    void shot(FxRobot robot, String name, Window w) throws Exception {
        Thread.sleep(400);
        WaitForAsyncUtils.waitForFxEvents();
        Files.createDirectories(out);
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = w.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", out.resolve(name + ".png").toFile());
    }

    void tab(FxRobot robot, String text) {
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        robot.interact(() -> tabs.getTabs().stream().filter(t -> t.getText().equals(text)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));
    }

    @Test
    void tour(FxRobot robot) throws Exception {
        shot(robot, "01-scans-empty", stage);
        labWeek1();

        // the New scan dialog, filled in, then a live scan
        robot.clickOn("New scan…");
        robot.clickOn(robot.lookup(".new-scan .text-field").queryAs(TextField.class)).write("Perimeter week 1");
        robot.clickOn(robot.lookup(".new-scan .text-area").queryAs(TextArea.class)).write("127.0.0.5-7");
        TextField ports = robot.lookup(".new-scan .combo-box .text-field").queryAs(TextField.class);
        robot.interact(() -> ports.setText("1-1024," + PORTS));
        // a rate limit keeps this loopback scan running long enough (≈ 1.5 s) to be seen live
        @SuppressWarnings("unchecked")
        javafx.scene.control.Spinner<Integer> rate = robot.lookup("#rateSpinner").queryAs(javafx.scene.control.Spinner.class);
        robot.interact(() -> rate.getValueFactory().setValue(2000));
        waitFor(10, () -> !robot.lookup("Start scan").queryButton().isDisabled());
        shot(robot, "02-new-scan", robot.lookup(".new-scan").query().getScene().getWindow());
        robot.clickOn("Start scan");
        waitFor(10, () -> ctx.scanManager().activeCount() > 0);
        Thread.sleep(700);
        shot(robot, "03-scan-running", stage);
        waitFor(60, () -> ctx.scanManager().activeCount() == 0);
        ScanRecord week1 = ctx.scans().list().get(0);

        long inv = ctx.investigations().create("Q4 perimeter review", "Quarterly review of the DMZ hosts 127.0.0.5-7 (lab).").id();
        ctx.investigations().addScans(inv, List.of(week1.id()));
        // week 2: Apache patched away, an unauthenticated Redis appeared
        down("apache");
        up("redis", "127.0.0.6", 6379, null, "$120\r\n# Server\r\nredis_version:6.0.16\r\nredis_mode:standalone\r\nos:Linux\r\n\r\n+PONG\r\n");
        ScanRecord week2 = runScan("Perimeter week 2");
        ctx.investigations().addScans(inv, List.of(week2.id()));
        // week 3: Apache is back (reopened)
        up("apache", "127.0.0.5", 8080, null, APACHE);
        ScanRecord week3 = runScan("Perimeter week 3");
        ctx.investigations().addScans(inv, List.of(week3.id()));

        // a monitor with two runs and a change between them
        var run = ctx.scheduler().createAndStart("DMZ nightly", lab(), Frequency.decode("daily", "02:00"));
        waitFor(60, () -> ctx.scans().require(run.scanId()).status().isTerminal());
        down("ftp");
        up("telnet", "127.0.0.7", 2323, "\u00ff\u00fd\u0018\u00ff\u00fd\u0020", null);
        waitFor(10, () -> ctx.scanManager().activeCount() == 0);
        var run2 = ctx.scheduler().runNow(run.monitorId());
        if (run2.scanId() == null) throw new AssertionError("monitor run not started: " + run2.outcome() + " " + run2.message());
        waitFor(60, () -> ctx.scans().require(run2.scanId()).status().isTerminal());
        Thread.sleep(500);

        // a stopped scan, an interrupted one and a running one for the dashboard's variety
        ScanRecord slow = ctx.scanManager().start("Full range, throttled", new ScanConfig("127.0.0.5", "", "all", false, 1000, 300,
                100, false, false, "custom"), "ui", null, null);
        waitFor(10, () -> ctx.scans().require(slow.id()).status() == ScanStatus.RUNNING);
        Thread.sleep(1500);
        ctx.scanManager().stop(List.of(slow.id()));
        waitFor(10, () -> ctx.scans().require(slow.id()).status() == ScanStatus.STOPPED);
        ScanRecord running = ctx.scanManager().start("All ports of 127.0.0.7", new ScanConfig("127.0.0.7", "", "all", false, 1000,
                400, 100, true, false, "custom"), "ui", null, null);
        waitFor(10, () -> ctx.scans().require(running.id()).status() == ScanStatus.RUNNING);
        Thread.sleep(1500);

        robot.clickOn("Refresh");
        shot(robot, "04-scans-dashboard", stage);
        robot.interact(() -> window.actions().openScan(week1.id()));
        waitFor(10, () -> robot.lookup(".findings-table .table-row-cell").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".findings-table .table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        shot(robot, "05-details-findings", stage);
        tab(robot, "Hosts and services");
        shot(robot, "06-details-hosts", stage);
        tab(robot, "Severity chart");
        shot(robot, "07-details-chart", stage);
        tab(robot, "Event log");
        shot(robot, "08-details-events", stage);

        robot.clickOn("Vulnerabilities");
        Thread.sleep(1200);
        shot(robot, "09-vulnerabilities", stage);

        robot.clickOn("Investigations");
        waitFor(10, () -> robot.lookup("Q4 perimeter review").tryQuery().isPresent());
        shot(robot, "10-investigations", stage);
        robot.doubleClickOn("Q4 perimeter review");
        waitFor(10, () -> robot.lookup(".lifecycle-table .table-row-cell").tryQuery().isPresent());
        shot(robot, "11-investigation-lifecycle", stage);
        tab(robot, "Severity trend");
        shot(robot, "12-investigation-trend", stage);

        robot.clickOn("Monitors");
        waitFor(10, () -> robot.lookup("DMZ nightly").tryQuery().isPresent());
        shot(robot, "13-monitors", stage);
        robot.doubleClickOn("DMZ nightly");
        waitFor(10, () -> robot.lookup("What changed, run by run").tryQuery().isPresent());
        shot(robot, "14-monitor-page", stage);
        ctx.scanManager().stop(List.of(running.id()));
        robot.interact(() -> window.main().show(MainView.Page.SCANS));
    }
}
