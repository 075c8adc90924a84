package org.watchpost.ui.investigations;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.watchpost.store.InvestigationSummary;

/** Small dialogs: name/description of an investigation, and "add scans to an investigation". */
public final class InvestigationDialogs {
    /** Name and description the user entered. */
    public record Details(String name, String description) {}

    /** Either an existing investigation or a new one to create. */
    public record Target(Long existingId, Details newOne) {}

    private InvestigationDialogs() {
    }

    static void style(Dialog<?> d, Window owner) {
        if (owner != null) {
            d.initOwner(owner);
            if (owner.getScene() != null) d.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
    }

    public static Optional<Details> edit(Window owner, String title, String name, String description) {
        Dialog<ButtonType> d = new Dialog<>();
        style(d, owner);
        d.setTitle(title);
        d.setHeaderText("Name it after the engagement; the description says what it covers. Neither has to be unique.");
        TextField nameField = new TextField(name == null ? "" : name);
        nameField.setPromptText("e.g. Q4 perimeter review");
        TextArea descField = new TextArea(description == null ? "" : description);
        descField.setPromptText("Scope, client, ticket…");
        descField.setPrefRowCount(4);
        descField.setWrapText(true);
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.setPadding(new Insets(6));
        g.addRow(0, new Label("Name"), nameField);
        g.addRow(1, new Label("Description"), descField);
        g.getStyleClass().add("investigation-form");
        d.getDialogPane().setContent(g);
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, save);
        d.getDialogPane().lookupButton(save).disableProperty().bind(nameField.textProperty().isEmpty());
        d.getDialogPane().lookupButton(save).getStyleClass().add("accent");
        nameField.requestFocus();
        return d.showAndWait().filter(b -> b == save)
                .map(b -> new Details(nameField.getText().strip(), descField.getText().strip()));
    }

    /** Lets the user pick an investigation for {@code count} scans, or name a new one. */
    public static Optional<Target> chooseForScans(Window owner, int count, List<InvestigationSummary> existing) {
        Dialog<ButtonType> d = new Dialog<>();
        style(d, owner);
        d.setTitle("Add to investigation");
        d.setHeaderText("Add " + count + (count == 1 ? " scan" : " scans") + " to an investigation. Running, completed,"
                + " stopped and failed scans can all be added; removing them later keeps their data.");
        ToggleGroup group = new ToggleGroup();
        RadioButton useExisting = new RadioButton("Existing investigation");
        RadioButton makeNew = new RadioButton("New investigation");
        useExisting.setToggleGroup(group);
        makeNew.setToggleGroup(group);
        ComboBox<InvestigationSummary> picker = new ComboBox<>();
        picker.getItems().setAll(existing);
        picker.setMaxWidth(Double.MAX_VALUE);
        picker.setCellFactory(l -> new SummaryCell());
        picker.setButtonCell(new SummaryCell());
        TextField name = new TextField();
        name.setPromptText("Name of the new investigation");
        if (existing.isEmpty()) {
            makeNew.setSelected(true);
            useExisting.setDisable(true);
        } else {
            useExisting.setSelected(true);
            picker.getSelectionModel().select(0);
        }
        picker.disableProperty().bind(useExisting.selectedProperty().not());
        name.disableProperty().bind(makeNew.selectedProperty().not());
        VBox box = new VBox(8, useExisting, picker, makeNew, name);
        box.setPadding(new Insets(6));
        box.setPrefWidth(460);
        d.getDialogPane().setContent(box);
        ButtonType add = new ButtonType("Add", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, add);
        d.getDialogPane().lookupButton(add).getStyleClass().add("accent");
        d.getDialogPane().lookupButton(add).disableProperty().bind(makeNew.selectedProperty().and(name.textProperty().isEmpty())
                .or(useExisting.selectedProperty().and(picker.valueProperty().isNull())));
        return d.showAndWait().filter(b -> b == add).map(b -> makeNew.isSelected()
                ? new Target(null, new Details(name.getText().strip(), ""))
                : new Target(picker.getValue().id(), null));
    }

    static final class SummaryCell extends ListCell<InvestigationSummary> {
        @Override
        protected void updateItem(InvestigationSummary s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty || s == null ? null : s.investigation().displayId() + "  " + s.name() + "  (" + s.scanCount() + " scans)");
        }
    }
}
