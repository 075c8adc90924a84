package org.watchpost.ui.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class WelcomeDialogFxTest {
    Stage stage;
    final List<String> calls = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(new Label("main")), 800, 600));
        stage.show();
    }

    void open(FxRobot robot) {
        robot.interact(() -> new WelcomeDialog(stage, () -> calls.add("scan"), () -> calls.add("closed")).show());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void explainsTheOneRuleAndStartsTheSafeFirstScanOnRequest(FxRobot robot) {
        open(robot);
        assertThat(robot.lookup("The one rule").tryQuery()).isPresent();
        assertThat(robot.lookup((Label l) -> l.getText().contains("authorised")).tryQuery()).isPresent();
        assertThat(robot.lookup((Label l) -> l.getText().contains("127.0.0.1") && l.getText().contains("top-100")).tryQuery())
                .isPresent();
        robot.clickOn("Scan this computer");
        WaitForAsyncUtils.waitForFxEvents();
        // the first run is recorded as done before the scan starts
        assertThat(calls).containsExactly("closed", "scan");
        assertThat(robot.lookup(".welcome").tryQuery()).isEmpty();
    }

    @Test
    void notNowClosesWithoutScanning(FxRobot robot) {
        open(robot);
        robot.clickOn("Not now");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(calls).containsExactly("closed");
    }
}
