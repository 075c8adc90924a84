package org.watchpost.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/** Application settings kept in {@code settings.properties} beside the database. */
public final class Settings {
    public static final String CONCURRENT_SCANS = "scans.concurrent";
    public static final int DEFAULT_CONCURRENT_SCANS = 2;
    public static final int MAX_CONCURRENT_SCANS = 16;

    private final Path file;
    private final Properties props = new Properties();

    public Settings(Path dataDir) {
        this.file = dataDir.resolve("settings.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // unreadable settings fall back to defaults; the file is rewritten on the next save
            }
        }
    }

    /** Scans run at once; more wait as QUEUED. Out-of-range values fall back to the default. */
    public int concurrentScans() {
        try {
            int n = Integer.parseInt(props.getProperty(CONCURRENT_SCANS, "").strip());
            return n >= 1 && n <= MAX_CONCURRENT_SCANS ? n : DEFAULT_CONCURRENT_SCANS;
        } catch (NumberFormatException e) {
            return DEFAULT_CONCURRENT_SCANS;
        }
    }

    public void setConcurrentScans(int n) {
        if (n < 1 || n > MAX_CONCURRENT_SCANS) {
            throw new IllegalArgumentException("scans at once must be between 1 and " + MAX_CONCURRENT_SCANS + ", was " + n);
        }
        props.setProperty(CONCURRENT_SCANS, Integer.toString(n));
    }

    public void save() throws IOException {
        Path tmp = file.resolveSibling("settings.properties.tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            props.store(out, "Watchpost settings");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
