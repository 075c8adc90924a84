package org.watchpost.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Remembers the main window's size, position and maximised state in {@code ui.properties}. */
public final class WindowState {
    private final Path file;

    public WindowState(Path dataDir) {
        this.file = dataDir.resolve("ui.properties");
    }

    public void restore(Stage stage, double defaultW, double defaultH) {
        Properties p = load();
        double w = num(p, "window.width", defaultW);
        double h = num(p, "window.height", defaultH);
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        stage.setWidth(Math.max(640, w));
        stage.setHeight(Math.max(420, h));
        double x = num(p, "window.x", Double.NaN);
        double y = num(p, "window.y", Double.NaN);
        // only restore a position that is still on a connected screen
        if (!Double.isNaN(x) && !Double.isNaN(y)
                && !Screen.getScreensForRectangle(new Rectangle2D(x, y, Math.min(w, 100), Math.min(h, 100))).isEmpty()) {
            stage.setX(x);
            stage.setY(y);
        } else {
            stage.centerOnScreen();
        }
        // only ever maximise: un-maximising a window that was never shown lets some window managers map it at a tiny default size
        if (Boolean.parseBoolean(p.getProperty("window.maximized", "false"))) stage.setMaximized(true);
    }

    public void save(Stage stage) {
        Properties p = load();
        p.setProperty("window.maximized", Boolean.toString(stage.isMaximized()));
        if (!stage.isMaximized()) {
            p.setProperty("window.x", Double.toString(stage.getX()));
            p.setProperty("window.y", Double.toString(stage.getY()));
            p.setProperty("window.width", Double.toString(stage.getWidth()));
            p.setProperty("window.height", Double.toString(stage.getHeight()));
        }
        try {
            Path tmp = file.resolveSibling("ui.properties.tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "Watchpost window state");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(WindowState.class).warn("cannot save window state to {}: {}", file, e.getMessage());
        }
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // a damaged file only loses the window position
            }
        }
        return p;
    }

    private static double num(Properties p, String key, double dflt) {
        try {
            double v = Double.parseDouble(p.getProperty(key, ""));
            return Double.isFinite(v) ? v : dflt;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
