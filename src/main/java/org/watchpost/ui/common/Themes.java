package org.watchpost.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Objects;
import javafx.application.Application;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * The application's look: AtlantaFX's Primer Light or Primer Dark as the base stylesheet,
 * with {@code watchpost.css} on top (sidebar, severity colours, status pills) and, for the
 * dark theme, {@code watchpost-dark.css} re-pointing our own colour variables. Once
 * {@link #install() installed}, every window that opens (dialogs included) gets the
 * stylesheets of the current theme, and {@link #apply(boolean)} switches all open windows.
 * Call on the FX thread.
 */
public final class Themes {
    public static final String BASE_CSS = "/org/watchpost/ui/watchpost.css";
    public static final String DARK_CSS = "/org/watchpost/ui/watchpost-dark.css";

    private static boolean dark;
    private static boolean installed;

    private Themes() {
    }

    /** Styles every window opened from now on with the current theme. */
    public static void install() {
        if (installed) return;
        installed = true;
        Window.getWindows().addListener((ListChangeListener<Window>) c -> {
            while (c.next()) {
                for (Window w : c.getAddedSubList()) {
                    if (w.getScene() != null) style(w.getScene());
                    w.sceneProperty().addListener((o, old, now) -> {
                        if (now != null) style(now);
                    });
                }
            }
        });
    }

    /** Switches to the dark ({@code true}) or light theme, restyling every open window. */
    public static void apply(boolean darkTheme) {
        dark = darkTheme;
        Application.setUserAgentStylesheet(darkTheme ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null) style(w.getScene());
        }
    }

    /** Back to JavaFX's own Modena look without our dark overrides (tests restore the default with it). */
    public static void reset() {
        dark = false;
        Application.setUserAgentStylesheet(null);
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null) w.getScene().getStylesheets().remove(url(DARK_CSS));
        }
    }

    public static boolean isDark() {
        return dark;
    }

    /** Adds our stylesheet (and the dark one when dark) to a scene, once. */
    public static void style(Scene scene) {
        String base = url(BASE_CSS);
        String darkCss = url(DARK_CSS);
        if (!scene.getStylesheets().contains(base)) scene.getStylesheets().add(base);
        if (dark) {
            if (!scene.getStylesheets().contains(darkCss)) scene.getStylesheets().add(darkCss);
        } else {
            scene.getStylesheets().remove(darkCss);
        }
    }

    private static String url(String resource) {
        return Objects.requireNonNull(Themes.class.getResource(resource), resource).toExternalForm();
    }
}
