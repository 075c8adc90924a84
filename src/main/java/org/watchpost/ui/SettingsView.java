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

    public SettingsView(String versionText, Path dataDirectory, Path databaseFile, int schemaVersion) {
        root = Fxml.load(SettingsView.class, "SettingsView.fxml", this);
        version.setText(versionText);
        dataDir.setText(dataDirectory.toString());
        dbFile.setText(databaseFile.toString());
        schema.setText(Integer.toString(schemaVersion));
    }

    public Parent root() {
        return root;
    }
}
