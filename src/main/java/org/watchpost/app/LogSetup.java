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

    /**
     * Sets up Logback on a background thread. Building the appenders and pattern encoders costs
     * 0.1–0.2 s of class loading; done this way it overlaps the command-line parsing and the
     * database opening instead of coming before them. Loggers asked for meanwhile are SLF4J's
     * stand-ins, and what they log is kept and handed over once Logback is ready (SLF4J's own
     * notice about that replay is silenced: it is expected here, not a problem).
     */
    public static void initInBackground() {
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> {
            // SLF4J initialises under this class's monitor, on whichever thread asks first: take the
            // monitor before letting the caller go on, so that thread is this one and the caller's
            // first logger gets a stand-in instead of waiting for the whole set-up
            synchronized (org.slf4j.LoggerFactory.class) {
                inside.countDown();
                org.slf4j.LoggerFactory.getILoggerFactory();
            }
        }, "watchpost-log-init");
        t.setDaemon(true);
        t.start();
        try {
            inside.await(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
