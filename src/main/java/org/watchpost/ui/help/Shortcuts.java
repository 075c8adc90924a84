package org.watchpost.ui.help;

import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The keyboard shortcuts, and the Help → Keyboard shortcuts sheet that lists them. */
public final class Shortcuts {
    /** One shortcut: keys as shown (Ctrl stands for Cmd on macOS) and what they do. */
    public record Shortcut(String keys, String action) {
    }

    /** Every shortcut the window answers to, in the order the sheet lists them. */
    public static final List<Shortcut> ALL = List.of(
            new Shortcut("Ctrl+N", "New scan"),
            new Shortcut("F5", "Refresh the scans list from the database"),
            new Shortcut("Ctrl+F", "Search: focus the scans filter"),
            new Shortcut("Enter", "Open the selected scan"),
            new Shortcut("Ctrl+R", "Re-run the selected scans"),
            new Shortcut("Ctrl+Shift+C", "Clone the selected scan"),
            new Shortcut("Ctrl+E", "Edit the selected scan's configuration"),
            new Shortcut("Ctrl+C", "Copy the selected scan IDs"),
            new Shortcut("Ctrl+Shift+S", "Stop the selected running scans"),
            new Shortcut("Delete", "Delete the selected scans (asks first)"),
            new Shortcut("F1", "This list of shortcuts"));

    private Shortcuts() {
    }

    /** The sheet, not yet shown. */
    public static Dialog<ButtonType> sheet(Window owner) {
        Dialog<ButtonType> d = new Dialog<>();
        if (owner != null) d.initOwner(owner);
        d.setTitle("Keyboard shortcuts");
        d.setHeaderText("Keyboard shortcuts");
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(8);
        grid.getStyleClass().add("shortcuts-sheet");
        int row = 0;
        for (Shortcut s : ALL) {
            Label keys = new Label(s.keys());
            keys.getStyleClass().add("key-cap");
            grid.addRow(row++, keys, new Label(s.action()));
        }
        Label note = new Label("On macOS, Ctrl is Cmd.");
        note.getStyleClass().add("muted");
        grid.add(note, 0, row, 2, 1);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        return d;
    }
}
