package org.watchpost.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TableView;
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
import org.watchpost.ui.common.Themes;
import org.watchpost.ui.scans.ScanRowViewModel;
import org.watchpost.ui.welcome.WelcomeDialog;

/**
 * Starts the real {@link WatchpostApp} on a fresh data folder (so the first-run welcome
 * shows), takes its first scan, runs a scan of loopback lab listeners, and saves scene
 * snapshots of the dashboard, welcome, settings and help in the light and dark themes.
 * On demand: {@code mvn test -Dtest=DesktopScreenshotTest -Dgroups=screenshots
 * -DexcludedGroups=none -Dtour.out=docs/screenshots}.
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class DesktopScreenshotTest {
    WatchpostApp app;
    Stage stage;
    final List<ServerSocket> listeners = new ArrayList<>();
    Path out = Path.of(System.getProperty("tour.out", "target/screenshots"));

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("wp-desktop");
        WatchpostApp.dataDirFlag = dir.toString();
        app = new WatchpostApp();
        app.init();
        app.start(stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(780); // within Monocle's 1280x800 headless screen
        lab("127.0.0.5", "SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n", null);
        lab("127.0.0.5", null, "HTTP/1.1 200 OK\r\nServer: Apache/2.4.49 (Unix)\r\nContent-Length: 2\r\n\r\nok");
        lab("127.0.0.6", "220 (vsFTPd 3.0.3)\r\n", null);
        lab("127.0.0.7", null, "HTTP/1.1 200 OK\r\nServer: nginx/1.18.0\r\nContent-Length: 2\r\n\r\nok");
    }

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
    void stop(FxRobot robot) throws Exception {
        for (ServerSocket s : listeners) s.close();
        robot.interact(() -> {
            Themes.apply(false);
            app.stop();
        });
    }

    void shot(FxRobot robot, String name, Window w) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(250);
        WaitForAsyncUtils.waitForFxEvents();
        Files.createDirectories(out);
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = w.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", out.resolve(name + ".png").toFile());
    }

    Window windowOf(FxRobot robot, String query) {
        return robot.lookup(query).query().getScene().getWindow();
    }

    boolean allScansDone(FxRobot robot) {
        TableView<?> table = robot.lookup(".scans-table").queryAs(TableView.class);
        return !table.getItems().isEmpty() && table.getItems().stream()
                .allMatch(r -> !((ScanRowViewModel) r).statusProperty().get().isActive());
    }

    @Test
    void desktopTour(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".welcome").tryQuery().isPresent());
        shot(robot, "desktop-welcome-light", windowOf(robot, ".welcome"));
        robot.clickOn("Scan this computer");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> allScansDone(robot));

        StringBuilder ports = new StringBuilder("1-1024");
        for (ServerSocket s : listeners) ports.append(',').append(s.getLocalPort());
        robot.clickOn("New scan…");
        robot.clickOn(robot.lookup(".new-scan .text-field").queryAs(TextField.class)).write("Lab hosts");
        robot.clickOn(robot.lookup(".new-scan .text-area").queryAs(TextArea.class)).write("127.0.0.5-7");
        var portsEditor = robot.lookup(".new-scan .combo-box .text-field").queryAs(TextField.class);
        robot.interact(() -> portsEditor.setText(ports.toString()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("Start scan").queryButton().isDisabled());
        robot.clickOn("Start scan");
        Thread.sleep(500);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> allScansDone(robot));
        Thread.sleep(500);
        shot(robot, "desktop-dashboard-light", stage);

        robot.clickOn("Settings");
        shot(robot, "desktop-settings-light", stage);

        robot.clickOn("Dark");
        robot.clickOn("Save settings");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, Themes::isDark);
        shot(robot, "desktop-settings-dark", stage);
        robot.clickOn("Scans");
        shot(robot, "desktop-dashboard-dark", stage);

        robot.interact(() -> new WelcomeDialog(stage, () -> { }, () -> { }).show());
        shot(robot, "desktop-welcome-dark", windowOf(robot, ".welcome"));
        robot.clickOn("Not now");

        robot.clickOn("Help");
        robot.clickOn("Keyboard shortcuts");
        shot(robot, "desktop-shortcuts-dark", windowOf(robot, ".shortcuts-sheet"));
        robot.clickOn("Close");
        robot.clickOn("Help");
        robot.clickOn("About Watchpost");
        shot(robot, "desktop-about-dark", windowOf(robot, ".licences-table"));
        robot.clickOn("Close");

        robot.interact(() -> Themes.apply(false));
        robot.clickOn("Help");
        robot.clickOn("About Watchpost");
        shot(robot, "desktop-about-light", windowOf(robot, ".licences-table"));
        robot.clickOn("Close");
    }
}
