package org.watchpost.tour;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
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
import org.watchpost.engine.CheckStage;
import org.watchpost.engine.DefaultScanner;
import org.watchpost.engine.target.HostResolver;
import org.watchpost.engine.vulndb.VulnDb;
import org.watchpost.schedule.ScanManager;
import org.watchpost.store.Database;
import org.watchpost.store.ScanRepository;
import org.watchpost.ui.MainView;
import org.watchpost.ui.common.FxTaskExecutor;
import org.watchpost.ui.scans.LiveScanFeed;
import org.watchpost.ui.scans.ScanActionsController;
import org.watchpost.ui.scans.ScansViewModel;

/**
 * Drives the real views through a scan of loopback-only lab listeners and saves what the
 * user sees as PNGs (scene snapshots). Not part of the normal suite: run with
 * {@code mvn test -Dgroups=screenshots -DexcludedGroups=none -Dtour.out=docs/screenshots}.
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class ScreenshotTourTest {
    Database db;
    ScanManager manager;
    LiveScanFeed feed;
    FxTaskExecutor executor;
    VulnDb vulnDb;
    Stage stage;
    final List<ServerSocket> listeners = new ArrayList<>();
    Path out = Path.of(System.getProperty("tour.out", "target/screenshots"));

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("wp-tour");
        db = Database.open(dir.resolve("watchpost.db"));
        ScanRepository repo = new ScanRepository(db, Clock.systemUTC());
        vulnDb = VulnDb.openInstalled(dir);
        manager = new ScanManager(repo, new DefaultScanner(HostResolver.system(), new CheckStage(() -> vulnDb, Clock.systemUTC())),
                Clock.systemUTC(), 2);
        feed = new LiveScanFeed(repo, Platform::runLater);
        manager.addObserver(feed);
        executor = new FxTaskExecutor();
        MainView main = new MainView("v0.1.0\n" + dir);
        ScansViewModel vm = new ScansViewModel(repo, executor, Clock.systemUTC());
        ScanActionsController controller = new ScanActionsController(manager, executor, main, vm, feed, () -> stage);
        main.register(MainView.Page.SCANS, () -> controller.scansView().root());
        main.show(MainView.Page.SCANS);
        vm.refresh();
        Scene scene = new Scene(main.root(), 1280, 780);
        scene.getStylesheets().add(getClass().getResource("/org/watchpost/ui/watchpost.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Watchpost");
        stage.show();
        lab("127.0.0.5", "SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n", null);
        lab("127.0.0.5", null, "HTTP/1.1 200 OK\r\nServer: Apache/2.4.49 (Unix)\r\nContent-Length: 2\r\n\r\nok");
        lab("127.0.0.6", "220 (vsFTPd 3.0.3)\r\n", null);
        lab("127.0.0.7", null, "HTTP/1.1 200 OK\r\nServer: nginx/1.18.0\r\nContent-Length: 2\r\n\r\nok");
        lab("127.0.0.7", "220 mail.example ESMTP Postfix (Debian/GNU)\r\n", null);
    }

    /** A loopback listener with a greeting or a reply to whatever it is sent. */
    void lab(String address, String greeting, String reply) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getByName(address));
        listeners.add(ss);
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

    @AfterEach
    void stop() throws Exception {
        for (ServerSocket s : listeners) s.close();
        manager.close();
        feed.close();
        executor.close();
        vulnDb.close();
        db.close();
    }

    void shot(FxRobot robot, String name, Window w) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Files.createDirectories(out);
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = w.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", out.resolve(name + ".png").toFile());
    }

    @Test
    void tour(FxRobot robot) throws Exception {
        shot(robot, "01-scans-empty", stage);
        StringBuilder ports = new StringBuilder("1-1024");
        for (ServerSocket s : listeners) ports.append(',').append(s.getLocalPort());
        robot.clickOn("New scan…");
        robot.clickOn(robot.lookup(".new-scan .text-field").queryAs(TextField.class)).write("Lab hosts");
        robot.clickOn(robot.lookup(".new-scan .text-area").queryAs(TextArea.class)).write("127.0.0.1-20");
        var portsEditor = robot.lookup(".new-scan .combo-box .text-field").queryAs(TextField.class);
        robot.interact(() -> portsEditor.setText(ports.toString()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("Start scan").queryButton().isDisabled());
        shot(robot, "02-new-scan", robot.lookup(".new-scan").query().getScene().getWindow());
        robot.clickOn("Start scan");
        Thread.sleep(700);
        shot(robot, "03-scan-running", stage);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> manager.activeCount() == 0);
        Thread.sleep(600);
        // a second, stopped scan and a failed one for the dashboard's variety
        shot(robot, "04-scans-done", stage);
        robot.doubleClickOn("Lab hosts");
        Thread.sleep(1200);
        shot(robot, "05-details-findings", stage);
        robot.clickOn(robot.lookup(".findings-table .table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        Thread.sleep(300);
        shot(robot, "06-details-finding-selected", stage);
        robot.clickOn("Hosts and services");
        Thread.sleep(300);
        shot(robot, "07-details-hosts", stage);
        robot.clickOn("Severity chart");
        Thread.sleep(500);
        shot(robot, "08-details-chart", stage);
        robot.clickOn("Event log");
        Thread.sleep(300);
        shot(robot, "09-details-events", stage);
    }
}
