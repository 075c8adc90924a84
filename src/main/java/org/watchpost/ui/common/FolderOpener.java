package org.watchpost.ui.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens a folder in the system's file manager. Blocks for up to a few seconds: call it off
 * the FX thread. Fails with an {@link IOException} whose message says what to do when no
 * file manager is available (a bare server, an Xvfb session).
 */
public final class FolderOpener {
    private FolderOpener() {
    }

    /** Opens {@code dir} (created first if missing). */
    public static void open(Path dir) throws IOException {
        Files.createDirectories(dir);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        IOException failure;
        if (os.contains("win")) {
            failure = run(List.of("explorer.exe", dir.toString()), true);
        } else if (os.contains("mac")) {
            failure = run(List.of("open", dir.toString()), false);
        } else {
            failure = run(List.of("xdg-open", dir.toString()), false);
        }
        if (failure == null) return;
        if (tryAwtDesktop(dir)) return;
        throw new IOException("No file manager could open the folder. Open it yourself: " + dir
                + " (" + failure.getMessage() + ")");
    }

    /** Runs the opener; null when it worked (or is still running after 5 s, as some do). */
    private static IOException run(List<String> cmd, boolean ignoreExit) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) return null;
            if (ignoreExit || p.exitValue() == 0) return null;
            return new IOException(cmd.get(0) + " exited with code " + p.exitValue());
        } catch (IOException e) {
            return new IOException(cmd.get(0) + " is not available");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IOException("interrupted");
        }
    }

    private static boolean tryAwtDesktop(Path dir) {
        try {
            if (java.awt.GraphicsEnvironment.isHeadless() || !java.awt.Desktop.isDesktopSupported()) return false;
            java.awt.Desktop d = java.awt.Desktop.getDesktop();
            if (!d.isSupported(java.awt.Desktop.Action.OPEN)) return false;
            d.open(dir.toFile());
            return true;
        } catch (IOException | RuntimeException | Error e) {
            return false;
        }
    }
}
