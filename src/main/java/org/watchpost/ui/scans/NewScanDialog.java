package org.watchpost.ui.scans;

import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.converter.IntegerStringConverter;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.ui.common.Fxml;

/** The New scan / Clone / Edit configuration dialog. */
public final class NewScanDialog {
    /** What the user confirmed: the scan, the investigation to add it to (or null), the monitor schedule (or null). */
    public record Result(String name, ScanConfig config, Long investigationId, org.watchpost.schedule.Frequency frequency) {}

    static final String[] PORT_PRESETS = {"top-100", "top-1000", "all", "1-1024", "22,80,443"};

    private final NewScanViewModel vm;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ButtonType okType;
    private final PauseTransition debounce = new PauseTransition(Duration.millis(250));

    @FXML private TextField nameField;
    @FXML private TextArea targetsField;
    @FXML private TextField exclusionsField;
    @FXML private ComboBox<String> portsField;
    @FXML private CheckBox discoveryBox;
    @FXML private CheckBox servicesBox;
    @FXML private CheckBox checksBox;
    @FXML private Spinner<Integer> timeoutSpinner;
    @FXML private Spinner<Integer> rateSpinner;
    @FXML private Spinner<Integer> concurrencySpinner;
    @FXML private Label messageLabel;
    @FXML private ComboBox<org.watchpost.store.InvestigationSummary> investigationBox;
    @FXML private Label datasetNote;
    @FXML private CheckBox monitorBox;
    @FXML private javafx.scene.layout.HBox monitorRow;
    @FXML private javafx.scene.control.ChoiceBox<String> monitorKind;
    @FXML private TextField monitorExpression;
    @FXML private Label monitorMessage;

    public NewScanDialog(NewScanViewModel vm, Window owner) {
        this.vm = vm;
        Parent content = Fxml.load(NewScanDialog.class, "NewScanDialog.fxml", this);
        String title = switch (vm.modeProperty().get()) {
            case NEW -> "New scan";
            case CLONE -> "New scan (cloned)";
            case EDIT -> "Edit scan configuration";
        };
        dialog.setTitle(title);
        dialog.setHeaderText(switch (vm.modeProperty().get()) {
            case NEW -> "Scan only hosts you are authorised to assess.";
            case CLONE -> "Settings copied from the scan. Change what you need, then start.";
            case EDIT -> "Saved settings are used by this scan's next runs (re-run, monitor). The past run's record stays as it was.";
        });
        if (owner != null) dialog.initOwner(owner);
        dialog.getDialogPane().setContent(content);
        okType = new ButtonType(vm.modeProperty().get() == NewScanViewModel.Mode.EDIT ? "Save" : "Start scan",
                ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, okType);
        Node ok = dialog.getDialogPane().lookupButton(okType);
        ok.getStyleClass().add("accent");
        ok.disableProperty().bind(vm.validProperty().not().or(vm.validatingProperty()).or(vm.monitorValidProperty().not()));
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        dialog.setResizable(true);
    }

    @FXML
    private void initialize() {
        nameField.textProperty().bindBidirectional(vm.nameProperty());
        targetsField.textProperty().bindBidirectional(vm.targetsProperty());
        exclusionsField.textProperty().bindBidirectional(vm.exclusionsProperty());
        portsField.getItems().setAll(PORT_PRESETS);
        portsField.getEditor().textProperty().bindBidirectional(vm.portsProperty());
        portsField.valueProperty().addListener((o, a, b) -> {
            if (b != null) vm.portsProperty().set(b);
        });
        discoveryBox.selectedProperty().bindBidirectional(vm.discoveryProperty());
        servicesBox.selectedProperty().bindBidirectional(vm.serviceDetectionProperty());
        checksBox.selectedProperty().bindBidirectional(vm.checksProperty());
        checksBox.disableProperty().bind(servicesBox.selectedProperty().not());
        datasetNote.textProperty().bind(vm.datasetNoteProperty());
        datasetNote.visibleProperty().bind(vm.datasetNoteProperty().isNotEmpty().and(checksBox.selectedProperty()));
        datasetNote.managedProperty().bind(datasetNote.visibleProperty());
        spinner(timeoutSpinner, 1, 60_000, 100, vm.timeoutMsProperty());
        spinner(rateSpinner, 0, 10_000_000, 100, vm.rateLimitProperty());
        spinner(concurrencySpinner, 1, 100_000, 100, vm.concurrencyProperty());
        messageLabel.textProperty().bind(vm.messageProperty());
        vm.errorFieldProperty().addListener((o, a, field) -> {
            messageLabel.getStyleClass().removeAll("info-banner", "error-banner");
            messageLabel.getStyleClass().add(field == null ? "info-banner" : "error-banner");
            mark(targetsField, "targets".equals(field) || "target".equals(field));
            mark(exclusionsField, "exclusions".equals(field) || "exclusion".equals(field));
            mark(portsField.getEditor(), "ports".equals(field) || "port".equals(field));
        });
        investigationBox.getItems().add(null);
        investigationBox.getItems().addAll(vm.investigations());
        javafx.util.Callback<javafx.scene.control.ListView<org.watchpost.store.InvestigationSummary>,
                javafx.scene.control.ListCell<org.watchpost.store.InvestigationSummary>> cells = l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(org.watchpost.store.InvestigationSummary s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s == null ? "None" : s.investigation().displayId() + "  " + s.name());
            }
        };
        investigationBox.setCellFactory(cells);
        investigationBox.setButtonCell(cells.call(null));
        investigationBox.valueProperty().bindBidirectional(vm.investigationProperty());
        boolean edit = vm.modeProperty().get() == NewScanViewModel.Mode.EDIT;
        investigationBox.setDisable(edit);
        monitorBox.setDisable(edit);
        monitorBox.selectedProperty().bindBidirectional(vm.monitorProperty());
        monitorRow.visibleProperty().bind(monitorBox.selectedProperty());
        monitorRow.managedProperty().bind(monitorBox.selectedProperty());
        monitorKind.getItems().setAll("hourly", "daily", "weekly", "monthly", "cron");
        monitorKind.valueProperty().bindBidirectional(vm.monitorKindProperty());
        monitorKind.valueProperty().addListener((o, a, k) -> {
            if (k != null && a != null) vm.monitorExpressionProperty().set(NewScanViewModel.exampleFor(k));
        });
        monitorExpression.textProperty().bindBidirectional(vm.monitorExpressionProperty());
        monitorMessage.textProperty().bind(vm.monitorMessageProperty());
        vm.monitorValidProperty().addListener((o, a, ok) -> mark(monitorExpression, !ok));
        monitorBox.setTooltip(new javafx.scene.control.Tooltip("A monitor runs this scan again on its schedule; its scans"
                + " cannot be stopped, only deleted. hourly: minute (15) · daily: 02:00 · weekly: MON 06:30 · monthly: 1 02:00 · cron: 0 */6 * * *"));
        debounce.setOnFinished(e -> vm.validate());
        for (var p : new javafx.beans.Observable[] {vm.targetsProperty(), vm.exclusionsProperty(), vm.portsProperty(),
                vm.timeoutMsProperty(), vm.rateLimitProperty(), vm.concurrencyProperty()}) {
            p.addListener(o -> {
                vm.validProperty().set(false);
                debounce.playFromStart();
            });
        }
    }

    private static void mark(Node n, boolean bad) {
        if (bad) {
            if (!n.getStyleClass().contains("invalid")) n.getStyleClass().add("invalid");
        } else {
            n.getStyleClass().remove("invalid");
        }
    }

    private static void spinner(Spinner<Integer> s, int min, int max, int step, javafx.beans.property.IntegerProperty prop) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, prop.get(), step);
        f.setConverter(new IntegerStringConverter() {
            @Override
            public Integer fromString(String value) {
                try {
                    return super.fromString(value == null ? "" : value.strip().replace(",", ""));
                } catch (NumberFormatException e) {
                    return prop.get();
                }
            }
        });
        s.setValueFactory(f);
        f.valueProperty().addListener((o, a, b) -> {
            if (b != null) prop.set(b);
        });
        prop.addListener((o, a, b) -> f.setValue(b.intValue()));
        // commit typed text when focus leaves
        s.focusedProperty().addListener((o, was, is) -> {
            if (!is) s.increment(0);
        });
    }

    /** Shows the dialog; returns the result if the user started (or saved) and confirmed. */
    public Optional<Result> showAndWait() {
        vm.validate();
        while (true) {
            Optional<ButtonType> b = dialog.showAndWait();
            if (b.isEmpty() || b.get() != okType) return Optional.empty();
            if (vm.modeProperty().get() != NewScanViewModel.Mode.EDIT && vm.needsConfirmation()) {
                Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
                confirm.initOwner(dialog.getOwner());
                confirm.setTitle("Large scan");
                confirm.setHeaderText(String.format("This scan covers %,d hosts.", vm.hostCountProperty().get()));
                confirm.setContentText(vm.messageProperty().get() + ". Make sure you are authorised to scan all of them. Start it?");
                Optional<ButtonType> c = confirm.showAndWait();
                if (c.isEmpty() || c.get() != ButtonType.OK) continue; // back to the form, nothing lost
            }
            var inv = vm.investigationProperty().get();
            return Optional.of(new Result(vm.nameProperty().get(), vm.toConfig(), inv == null ? null : inv.id(), vm.frequency()));
        }
    }

    public Dialog<ButtonType> dialog() {
        return dialog;
    }
}
