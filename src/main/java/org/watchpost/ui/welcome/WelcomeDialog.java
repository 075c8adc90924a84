package org.watchpost.ui.welcome;

import java.util.Objects;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The first-run welcome: what Watchpost does, the one rule (scan only what you are
 * authorised to scan) and a safe first scan of this computer. Non-blocking: the answer
 * arrives through the callbacks.
 */
public final class WelcomeDialog {
    /** Target and ports of the offered first scan. */
    public static final String FIRST_SCAN_TARGET = "127.0.0.1";
    public static final String FIRST_SCAN_PORTS = "top-100";
    public static final String FIRST_SCAN_NAME = "This computer (first scan)";

    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ButtonType scanType = new ButtonType("Scan this computer", ButtonBar.ButtonData.OK_DONE);
    private final ButtonType laterType = new ButtonType("Not now", ButtonBar.ButtonData.CANCEL_CLOSE);

    /**
     * @param owner       the main window (may be null)
     * @param onFirstScan starts the scan of {@value #FIRST_SCAN_TARGET} ({@value #FIRST_SCAN_PORTS})
     * @param onClosed    runs once the dialog is closed, whatever the choice (marks the first run done)
     */
    public WelcomeDialog(Window owner, Runnable onFirstScan, Runnable onClosed) {
        Objects.requireNonNull(onFirstScan);
        Objects.requireNonNull(onClosed);
        if (owner != null) dialog.initOwner(owner);
        dialog.setTitle("Welcome to Watchpost");
        dialog.getDialogPane().getStyleClass().add("welcome");
        dialog.getDialogPane().setHeader(header());
        dialog.getDialogPane().setContent(body());
        dialog.getDialogPane().getButtonTypes().setAll(laterType, scanType);
        Button scan = (Button) dialog.getDialogPane().lookupButton(scanType);
        scan.getStyleClass().add("accent");
        scan.setDefaultButton(true);
        dialog.getDialogPane().setPrefWidth(600);
        dialog.setResultConverter(bt -> bt);
        dialog.setOnHidden(e -> {
            ButtonType r = dialog.getResult();
            onClosed.run();
            if (r == scanType) onFirstScan.run();
        });
    }

    private HBox header() {
        ImageView logo = new ImageView();
        var icon = WelcomeDialog.class.getResource("/org/watchpost/icons/watchpost-64.png");
        if (icon != null) logo.setImage(new Image(icon.toExternalForm()));
        logo.setFitWidth(48);
        logo.setFitHeight(48);
        Label title = new Label("Welcome to Watchpost");
        title.getStyleClass().add("welcome-title");
        Label sub = new Label("Network perimeter risk scanning, on your own machine.");
        sub.getStyleClass().add("muted");
        HBox h = new HBox(14, logo, new VBox(2, title, sub));
        h.getStyleClass().add("welcome-header");
        return h;
    }

    private VBox body() {
        Label what = wrap("Watchpost finds the open ports on the hosts you give it, identifies the services behind them, "
                + "checks them for weaknesses and known vulnerabilities, and keeps every scan so you can compare, "
                + "report and re-run. Everything stays on this computer: no account, no cloud, no network access "
                + "except to the hosts you scan.");
        Label ruleTitle = new Label("The one rule");
        ruleTitle.getStyleClass().add("section-title");
        Label rule = wrap("Scan only hosts you own or are authorised in writing to assess. Scanning other people's "
                + "systems can be illegal and can disrupt them. When in doubt, ask first.");
        rule.getStyleClass().add("welcome-rule-text");
        VBox ruleBox = new VBox(4, ruleTitle, rule);
        ruleBox.getStyleClass().add("welcome-rule");
        Label first = wrap("A safe first step: scan this computer (" + FIRST_SCAN_TARGET + ", the " + FIRST_SCAN_PORTS
                + " most common ports). It takes a few seconds and shows what this machine exposes. "
                + "You can start a scan of your own any time with New scan (Ctrl+N).");
        VBox box = new VBox(14, what, ruleBox, first);
        box.getStyleClass().add("welcome-body");
        return box;
    }

    private static Label wrap(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    /** Shows the dialog without waiting. */
    public void show() {
        dialog.show();
    }

    public Dialog<ButtonType> dialog() {
        return dialog;
    }
}
