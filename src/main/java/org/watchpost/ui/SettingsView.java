package org.watchpost.ui;

import java.nio.file.Path;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.watchpost.ui.common.Fxml;

/** Settings: where the data lives and what is running. */
public final class SettingsView {
    private final Parent root;
    @FXML private Label version;
    @FXML private TextField dataDir;
    @FXML private TextField dbFile;
    @FXML private Label schema;
    @FXML private javafx.scene.control.Spinner<Integer> concurrentScans;

    public SettingsView(String versionText, Path dataDirectory, Path databaseFile, int schemaVersion) {
        root = Fxml.load(SettingsView.class, "SettingsView.fxml", this);
        version.setText(versionText);
        dataDir.setText(dataDirectory.toString());
        dbFile.setText(databaseFile.toString());
        schema.setText(Integer.toString(schemaVersion));
    }

    /** Shows the scans-at-once setting; {@code onChange} saves a new value. */
    public void bindConcurrentScans(int current, java.util.function.IntConsumer onChange) {
        concurrentScans.setValueFactory(new javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory(1, 16, current));
        concurrentScans.valueProperty().addListener((o, a, b) -> {
            if (b != null) onChange.accept(b);
        });
    }

    public Parent root() {
        return root;
    }
}
