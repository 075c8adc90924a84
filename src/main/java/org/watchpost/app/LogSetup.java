package org.watchpost.app;

import java.nio.file.Path;
import org.watchpost.store.DataDirectory;

/**
 * Points the log file at {@code <data folder>/logs} before the first logger is created:
 * {@link LogConfigurator} reads the {@value #PROPERTY} system property. Must run first thing in
 * {@link Main#main}, before any class that holds a logger is loaded.
 */
public final class LogSetup {
    /** System property (or environment variable) naming the log folder. */
    public static final String PROPERTY = "WATCHPOST_LOG_DIR";
    public static final String LOG_FILE = "watchpost.log";

    private LogSetup() {
    }

    /**
     * Sets {@value #PROPERTY} from the command line's {@code --data-dir} (or the usual data
     * folder) unless it is already set as a property or environment variable.
     *
     * @return the log folder
     */
    public static Path configure(String[] args) {
        String given = System.getProperty(PROPERTY);
        if (given == null || given.isBlank()) given = System.getenv(PROPERTY);
        Path dir = given != null && !given.isBlank() ? Path.of(given).toAbsolutePath()
                : logDir(DataDirectory.resolve(dataDirFlag(args)));
        System.setProperty(PROPERTY, dir.toString());
        return dir;
    }

    /** The log folder inside a data folder. */
    public static Path logDir(Path dataDir) {
        return dataDir.resolve("logs");
    }

    /** The folder logs are written to now ({@value #PROPERTY}), or the default one for that data folder. */
    public static Path currentLogDir(Path dataDir) {
        String p = System.getProperty(PROPERTY);
        return p != null && !p.isBlank() ? Path.of(p) : logDir(dataDir);
    }

    /** The value of {@code --data-dir DIR} or {@code --data-dir=DIR}, wherever it stands; null if absent. */
    static String dataDirFlag(String[] args) {
        if (args == null) return null;
        String found = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ("--".equals(a)) break;
            if ("--data-dir".equals(a) && i + 1 < args.length) found = args[++i];
            else if (a != null && a.startsWith("--data-dir=")) found = a.substring("--data-dir=".length());
        }
        return found;
    }
}
