package org.watchpost.ui.monitors;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.watchpost.schedule.Frequency;
import org.watchpost.ui.common.TimeText;
import org.watchpost.ui.scans.NewScanViewModel;

/** Asks for a monitor's frequency, validated as the user types, with the next run previewed. */
public final class FrequencyDialog {
    private FrequencyDialog() {
    }

    public static Optional<Frequency> show(Window owner, Frequency current) {
        Dialog<ButtonType> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
            if (owner.getScene() != null) d.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        d.setTitle("Modify frequency");
        d.setHeaderText("When should this monitor run? Update moves its next run accordingly.");
        ChoiceBox<String> kind = new ChoiceBox<>();
        kind.getItems().setAll("hourly", "daily", "weekly", "monthly", "cron");
        kind.setValue(current.kind());
        TextField expr = new TextField(current.expression());
        expr.setPrefWidth(180);
        Label preview = new Label();
        preview.setWrapText(true);
        preview.setMaxWidth(440);
        Label help = new Label("hourly: minute (15) · daily: 02:00 · weekly: MON 06:30 · monthly: 1 02:00 · cron: 0 */6 * * *");
        help.getStyleClass().add("muted");
        VBox box = new VBox(8, new HBox(8, kind, expr), preview, help);
        box.setPadding(new Insets(6));
        d.getDialogPane().setContent(box);
        ButtonType update = new ButtonType("Update", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, update);
        var updateButton = d.getDialogPane().lookupButton(update);
        updateButton.getStyleClass().add("accent");
        Frequency[] parsed = {current};
        Runnable check = () -> {
            try {
                parsed[0] = Frequency.decode(kind.getValue(), expr.getText());
                Instant next = parsed[0].next(Instant.now(), ZoneId.systemDefault());
                preview.setText(parsed[0].describe() + " · next run " + TimeText.stamp(next, ZoneId.systemDefault()));
                preview.getStyleClass().setAll("label", "muted");
                updateButton.setDisable(false);
            } catch (IllegalArgumentException e) {
                parsed[0] = null;
                preview.setText(e.getMessage());
                preview.getStyleClass().setAll("label", "validation-error");
                updateButton.setDisable(true);
            }
        };
        kind.valueProperty().addListener((o, a, k) -> {
            if (a != null && k != null) expr.setText(NewScanViewModel.exampleFor(k));
            check.run();
        });
        expr.textProperty().addListener(o -> check.run());
        check.run();
        return d.showAndWait().filter(b -> b == update).map(b -> parsed[0]);
    }
}
