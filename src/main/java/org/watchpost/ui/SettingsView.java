package org.watchpost.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.watchpost.ui.common.Fxml;

/**
 * Settings: theme, New scan defaults, report branding, the vulnerability dataset and
 * where the data and logs live. Without {@link #attach} only the read-only facts show.
 */
public final class SettingsView {
    /** Suggested classification labels (the field accepts any text). */
    public static final java.util.List<String> CLASSIFICATIONS = java.util.List.of("CONFIDENTIAL", "INTERNAL", "RESTRICTED",
            "TLP:AMBER", "TLP:RED", "OFFICIAL-SENSITIVE");

    private final Parent root;
    private SettingsViewModel vm;
    private Path dataDirectory;
    private Path logDirectory;

    @FXML private Label version;
    @FXML private TextField dataDir;
    @FXML private TextField dbFile;
    @FXML private Label schema;
    @FXML private Spinner<Integer> concurrentScans;
    @FXML private VBox editable;
    @FXML private RadioButton themeLight;
    @FXML private RadioButton themeDark;
    @FXML private TextField ports;
    @FXML private TextField timeout;
    @FXML private TextField rateLimit;
    @FXML private TextField concurrency;
    @FXML private TextField organisation;
    @FXML private TextField logo;
    @FXML private ComboBox<String> classification;
    @FXML private Button saveButton;
    @FXML private Button revertButton;
    @FXML private Label message;
    @FXML private Label dataset;
    @FXML private Button importButton;
    @FXML private Label importMessage;
    @FXML private Button openDataDir;
    @FXML private TextField logDir;
    @FXML private Button showLogs;
    @FXML private Label folderMessage;

    public SettingsView(String versionText, Path dataDirectory, Path databaseFile, int schemaVersion) {
        root = Fxml.load(SettingsView.class, "SettingsView.fxml", this);
        this.dataDirectory = dataDirectory;
        version.setText(versionText);
        dataDir.setText(dataDirectory.toString());
        dbFile.setText(databaseFile.toString());
        schema.setText(Integer.toString(schemaVersion));
        editable.setVisible(false);
        editable.setManaged(false);
        logDir.setText("");
    }

    /** Makes the page editable through a view model (loads it, reads the dataset). */
    public void attach(SettingsViewModel model, Path logDirectory) {
        this.vm = model;
        this.logDirectory = logDirectory;
        editable.setVisible(true);
        editable.setManaged(true);
        logDir.setText(logDirectory.toString());
        openDataDir.setDisable(false);
        showLogs.setDisable(false);

        ToggleGroup themes = new ToggleGroup();
        themeLight.setToggleGroup(themes);
        themeDark.setToggleGroup(themes);
        themeLight.setUserData("light");
        themeDark.setUserData("dark");
        model.load();
        themes.selectToggle("dark".equals(model.themeProperty().get()) ? themeDark : themeLight);
        themes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) model.themeProperty().set((String) b.getUserData());
        });
        model.themeProperty().addListener((o, a, b) -> themes.selectToggle("dark".equals(b) ? themeDark : themeLight));

        ports.textProperty().bindBidirectional(model.portsProperty());
        timeout.textProperty().bindBidirectional(model.timeoutMsProperty());
        rateLimit.textProperty().bindBidirectional(model.rateLimitProperty());
        concurrency.textProperty().bindBidirectional(model.concurrencyProperty());
        organisation.textProperty().bindBidirectional(model.organisationProperty());
        logo.textProperty().bindBidirectional(model.logoFileProperty());
        classification.getItems().setAll(CLASSIFICATIONS);
        classification.getEditor().textProperty().bindBidirectional(model.classificationProperty());
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 16,
                model.concurrentScansProperty().get());
        concurrentScans.setValueFactory(f);
        f.valueProperty().bindBidirectional(model.concurrentScansProperty());

        message.textProperty().bind(model.messageProperty());
        model.messageIsErrorProperty().addListener((o, a, b) -> styleMessage(message, b));
        styleMessage(message, model.messageIsErrorProperty().get());
        Map<String, Node> fields = Map.of("ports", ports, "timeout", timeout, "rateLimit", rateLimit, "concurrency", concurrency,
                "organisation", organisation, "logo", logo, "classification", classification, "concurrentScans", concurrentScans);
        model.errorFieldProperty().addListener((o, a, b) -> fields.forEach((k, n) -> {
            n.getStyleClass().remove("invalid");
            if (k.equals(b)) n.getStyleClass().add("invalid");
        }));
        saveButton.disableProperty().bind(model.busyProperty());

        dataset.textProperty().bind(model.datasetProperty());
        importMessage.textProperty().bind(model.importMessageProperty());
        model.importIsErrorProperty().addListener((o, a, b) -> styleMessage(importMessage, b));
        importButton.disableProperty().bind(model.importingProperty());
        importButton.textProperty().bind(Bindings.when(model.importingProperty()).then("Importing…")
                .otherwise("Import vulnerability data…"));
        folderMessage.textProperty().bind(model.folderMessageProperty());
        model.refreshDataset();
    }

    private static void styleMessage(Label l, boolean error) {
        l.getStyleClass().removeAll("validation-error", "ok-text");
        l.getStyleClass().add(error ? "validation-error" : "ok-text");
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    @FXML
    private void onSave() {
        if (vm != null) vm.save();
    }

    @FXML
    private void onRevert() {
        if (vm == null) return;
        vm.load();
        vm.messageProperty().set("Reverted to the saved settings.");
        vm.messageIsErrorProperty().set(false);
    }

    @FXML
    private void onChooseLogo() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Report logo");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images (PNG, JPEG)", "*.png", "*.jpg", "*.jpeg"));
        File f = fc.showOpenDialog(window());
        if (f != null && vm != null) vm.logoFileProperty().set(f.getAbsolutePath());
    }

    @FXML
    private void onImport() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Import vulnerability data");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("NVD / KEV JSON, EPSS CSV", "*.json", "*.json.gz", "*.csv", "*.csv.gz", "*.gz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = fc.showOpenDialog(window());
        if (f != null && vm != null) vm.importVulnData(f.toPath());
    }

    @FXML
    private void onOpenDataDir() {
        if (vm != null) vm.openFolder(dataDirectory);
    }

    @FXML
    private void onShowLogs() {
        if (vm != null && logDirectory != null) vm.openFolder(logDirectory);
    }

    public SettingsViewModel viewModel() {
        return vm;
    }

    public Parent root() {
        return root;
    }
}
