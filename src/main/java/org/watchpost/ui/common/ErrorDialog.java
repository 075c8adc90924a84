package org.watchpost.ui.common;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A readable error: what happened in one sentence, the details (stack trace) folded away,
 * and a "Copy details" button that puts them on the clipboard for a bug report.
 */
public final class ErrorDialog {
    private final Alert alert;
    private final String details;

    /**
     * @param owner    the window it belongs to (may be null)
     * @param headline what went wrong, for a person
     * @param error    the cause
     * @param logHint  where the log file is (shown under the message; may be null)
     */
    public ErrorDialog(Window owner, String headline, Throwable error, String logHint) {
        this(owner, headline, error, logHint, null);
    }

    /** As above, naming the thread the error happened on in the details. */
    public ErrorDialog(Window owner, String headline, Throwable error, String logHint, String thread) {
        this.details = details(headline, thread, error);
        alert = new Alert(Alert.AlertType.ERROR);
        if (owner != null && owner.isShowing()) alert.initOwner(owner);
        alert.setTitle("Watchpost — unexpected error");
        alert.setHeaderText(headline);
        String msg = error == null ? "" : (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
        Label text = new Label(msg + "\n\nWatchpost keeps running. If this happens again, copy the details and report them."
                + (logHint == null ? "" : "\nThe error is also written to the log: " + logHint));
        text.setWrapText(true);
        text.setMaxWidth(520);
        alert.getDialogPane().setContent(text);
        TextArea area = new TextArea(details);
        area.setEditable(false);
        area.setWrapText(false);
        area.setPrefRowCount(14);
        area.getStyleClass().add("error-details");
        VBox.setVgrow(area, Priority.ALWAYS);
        alert.getDialogPane().setExpandableContent(new VBox(area));
        ButtonType copy = new ButtonType("Copy details", ButtonBar.ButtonData.LEFT);
        alert.getButtonTypes().setAll(copy, ButtonType.CLOSE);
        Button copyButton = (Button) alert.getDialogPane().lookupButton(copy);
        copyButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            copyToClipboard();
            copyButton.setText("Copied");
            e.consume(); // keep the dialog open
        });
    }

    /** Shows the dialog without waiting. */
    public void show() {
        alert.show();
    }

    public Alert alert() {
        return alert;
    }

    /** What "Copy details" copies. */
    public String details() {
        return details;
    }

    public void copyToClipboard() {
        ClipboardContent c = new ClipboardContent();
        c.putString(details);
        Clipboard.getSystemClipboard().setContent(c);
    }

    /** Headline, time, thread, Java and OS versions, and the full stack trace. */
    public static String details(String headline, String thread, Throwable error) {
        StringWriter sw = new StringWriter();
        PrintWriter pw = new PrintWriter(sw);
        pw.println(headline);
        pw.println("Time: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        if (thread != null) pw.println("Thread: " + thread);
        pw.println("Java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), JavaFX "
                + System.getProperty("javafx.runtime.version", "?"));
        pw.println("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        pw.println();
        if (error != null) error.printStackTrace(pw);
        pw.flush();
        return sw.toString();
    }
}
