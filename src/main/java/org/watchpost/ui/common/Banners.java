package org.watchpost.ui.common;

import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;

/** Info and error banners that show only while their text is set. */
public final class Banners {
    private Banners() {
    }

    public static void bind(Label label, StringProperty text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(text.isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }
}
