package org.watchpost.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads an FXML view with a controller constructed by hand (constructor injection). */
public final class Fxml {
    private Fxml() {
    }

    public static Parent load(Class<?> owner, String file, Object controller) {
        URL url = owner.getResource(file);
        if (url == null) throw new IllegalStateException("missing view " + file + " beside " + owner.getName());
        FXMLLoader loader = new FXMLLoader(url);
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load view " + file, e);
        }
    }
}
