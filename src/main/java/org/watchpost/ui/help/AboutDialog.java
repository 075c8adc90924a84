package org.watchpost.ui.help;

import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.stage.Window;

/** Help → About: version, runtime and the licences of Watchpost and what it ships. */
public final class AboutDialog {
    /** A component and its licence. */
    public record Component(String name, String use, String licence) {
    }

    /** Watchpost's third-party components and data, with their licences. */
    public static final List<Component> THIRD_PARTY = List.of(
            new Component("OpenJFX (JavaFX)", "user interface", "GPL-2.0 with Classpath Exception"),
            new Component("AtlantaFX", "light and dark themes", "MIT"),
            new Component("ControlsFX", "user interface controls", "BSD-3-Clause"),
            new Component("sqlite-jdbc (SQLite)", "database", "Apache-2.0 (SQLite: public domain)"),
            new Component("ORMLite", "database mapping", "ISC"),
            new Component("JFreeChart, JFreeChart-FX", "charts", "LGPL-2.1"),
            new Component("Apache PDFBox", "PDF reports", "Apache-2.0"),
            new Component("Apache Commons CLI", "command line", "Apache-2.0"),
            new Component("Jackson", "JSON", "Apache-2.0"),
            new Component("SLF4J", "logging API", "MIT"),
            new Component("Logback", "logging", "EPL-1.0 / LGPL-2.1"),
            new Component("cron-utils", "monitor schedules", "Apache-2.0"),
            new Component("DejaVu fonts", "report fonts", "Bitstream Vera Fonts licence (free)"),
            new Component("NVD CVE data (NIST)", "vulnerability data", "public domain (U.S. Government work)"),
            new Component("CISA KEV catalog", "known exploited vulnerabilities", "public domain (U.S. Government work)"));

    private AboutDialog() {
    }

    /**
     * The About box, not yet shown.
     *
     * @param version     Watchpost's version
     * @param dataFolder  where the data lives (shown)
     */
    public static Dialog<ButtonType> create(Window owner, String version, String dataFolder) {
        Dialog<ButtonType> d = new Dialog<>();
        if (owner != null) d.initOwner(owner);
        d.setTitle("About Watchpost");
        ImageView logo = new ImageView();
        var icon = AboutDialog.class.getResource("/org/watchpost/icons/watchpost-64.png");
        if (icon != null) logo.setImage(new Image(icon.toExternalForm()));
        logo.setFitWidth(56);
        logo.setFitHeight(56);
        Label name = new Label("Watchpost " + version);
        name.getStyleClass().add("welcome-title");
        Label tag = new Label("Network perimeter risk scanner. Scan only hosts you are authorised to assess.");
        tag.getStyleClass().add("muted");
        tag.setWrapText(true);
        Label runtime = new Label("Java " + System.getProperty("java.version") + " · JavaFX "
                + System.getProperty("javafx.runtime.version", "?") + " · " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch"));
        runtime.getStyleClass().add("muted");
        HBox head = new HBox(14, logo, new VBox(3, name, tag, runtime));

        Label licence = new Label("Watchpost is licensed under the Apache License 2.0. It includes:");
        TableView<Component> table = new TableView<>(FXCollections.observableArrayList(THIRD_PARTY));
        table.getColumns().add(column("Component", 210, Component::name));
        table.getColumns().add(column("Used for", 200, Component::use));
        table.getColumns().add(column("Licence", 300, Component::licence));
        table.setPrefHeight(340);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().add("licences-table");
        Label data = new Label("Data folder: " + dataFolder);
        data.getStyleClass().add("muted");
        data.setWrapText(true);
        Label texts = new Label("The licence notices are in LICENSE and THIRD-PARTY.md, installed with the application.");
        texts.getStyleClass().add("muted");
        texts.setWrapText(true);
        VBox box = new VBox(12, head, licence, table, data, texts);
        box.setPrefWidth(740);
        box.setPadding(new javafx.geometry.Insets(8, 16, 4, 16));
        d.getDialogPane().setContent(box);
        d.getDialogPane().setPrefWidth(790);
        d.getDialogPane().setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        d.setResizable(true);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        return d;
    }

    private static TableColumn<Component, String> column(String title, double width,
                                                         java.util.function.Function<Component, String> value) {
        TableColumn<Component, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setSortable(false);
        return c;
    }
}
