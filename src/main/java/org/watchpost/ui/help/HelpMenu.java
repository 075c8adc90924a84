package org.watchpost.ui.help;

import javafx.geometry.Side;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/** The sidebar's Help button: a small menu of keyboard shortcuts, logs and the About box. */
public final class HelpMenu {
    private final ContextMenu menu = new ContextMenu();

    /**
     * @param button     the sidebar button that opens the menu
     * @param shortcuts  shows the shortcuts sheet
     * @param showLogs   opens the log folder
     * @param about      shows the About box
     */
    public HelpMenu(Button button, Runnable shortcuts, Runnable showLogs, Runnable about) {
        MenuItem keys = new MenuItem("Keyboard shortcuts");
        keys.setAccelerator(javafx.scene.input.KeyCombination.keyCombination("F1"));
        keys.setOnAction(e -> shortcuts.run());
        MenuItem logs = new MenuItem("Show logs");
        logs.setOnAction(e -> showLogs.run());
        MenuItem ab = new MenuItem("About Watchpost");
        ab.setOnAction(e -> about.run());
        menu.getItems().addAll(keys, logs, new SeparatorMenuItem(), ab);
        menu.getStyleClass().add("help-menu");
        button.setOnAction(e -> {
            if (menu.isShowing()) menu.hide();
            else menu.show(button, Side.RIGHT, 4, 0);
        });
    }

    public ContextMenu menu() {
        return menu;
    }
}
