package org.watchpost.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.target.PortSpec;
import org.watchpost.engine.target.SpecException;

/**
 * Application settings kept in {@code settings.properties} beside the database.
 *
 * <p>Reading never fails: a file that cannot be read, or a value that is out of range, falls
 * back to the default and {@link #warning()} says what was ignored (also logged). Setters
 * validate and refuse a bad value with an {@link IllegalArgumentException} whose message
 * names the field. {@link #save()} writes a temporary file and moves it over the old one,
 * so a crash mid-save leaves either the old or the new settings, never half of them.
 */
public final class Settings {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    public static final String FILE_NAME = "settings.properties";

    public static final String CONCURRENT_SCANS = "scans.concurrent";
    public static final int DEFAULT_CONCURRENT_SCANS = 2;
    public static final int MAX_CONCURRENT_SCANS = 16;

    public static final String THEME = "ui.theme";
    public static final String SCAN_PORTS = "scan.ports";
    public static final String SCAN_TIMEOUT_MS = "scan.timeoutMs";
    public static final String SCAN_RATE_LIMIT = "scan.rateLimit";
    public static final String SCAN_CONCURRENCY = "scan.concurrency";
    public static final String REPORT_ORGANISATION = "report.organisation";
    public static final String REPORT_LOGO = "report.logo";
    public static final String REPORT_CLASSIFICATION = "report.classification";
    /** Set (to the time it was done) once the first-run welcome has been shown. */
    public static final String FIRST_RUN = "firstRun";

    public static final String DEFAULT_PORTS = "top-1000";
    public static final int MAX_TIMEOUT_MS = 60_000;
    public static final int MAX_SCAN_CONCURRENCY = 100_000;
    public static final int MAX_TEXT = 200;

    /** The light or dark look of the window. */
    public enum Theme {
        LIGHT, DARK;

        /** {@code light} / {@code dark}, as stored. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The theme of that key, or null. */
        public static Theme of(String key) {
            for (Theme t : values()) if (t.key().equalsIgnoreCase(key == null ? "" : key.strip())) return t;
            return null;
        }
    }

    /** Default options that prefill the New scan dialog. */
    public record ScanDefaults(String ports, int timeoutMs, int rateLimit, int concurrency) {
    }

    /** What reports print on their cover and every page. Empty strings when not set. */
    public record ReportBranding(String organisation, String logoFile, String classification) {
        /** The logo as a path, if one is set. */
        public Optional<Path> logoPath() {
            return logoFile.isBlank() ? Optional.empty() : Optional.of(Path.of(logoFile));
        }
    }

    private final Path file;
    private final Properties props;
    private final String warning;

    public Settings(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
        Properties loaded = new Properties();
        String problem = null;
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                loaded.load(in);
            } catch (IOException | IllegalArgumentException e) {
                loaded = new Properties();
                problem = "The settings file " + file + " could not be read (" + e.getMessage()
                        + "); the defaults are used and the file is rewritten at the next save.";
            }
        }
        this.props = loaded;
        if (problem == null) problem = checkStoredValues();
        this.warning = problem;
        if (warning != null) LOG.warn(warning);
    }

    private Settings(Path file, Properties props) {
        this.file = file;
        this.props = props;
        this.warning = null;
    }

    /** A copy to change and then {@link #replaceWith(Settings) commit}: all-or-nothing edits. */
    public synchronized Settings draft() {
        Properties p = new Properties();
        p.putAll(props);
        return new Settings(file, p);
    }

    /** Takes over every value of a draft. */
    public synchronized void replaceWith(Settings draft) {
        synchronized (draft) {
            props.clear();
            props.putAll(draft.props);
        }
    }

    /** The settings file. */
    public Path file() {
        return file;
    }

    /** What was wrong with the file when it was read (values that fell back to defaults), if anything. */
    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    private String checkStoredValues() {
        StringBuilder bad = new StringBuilder();
        String[][] checks = {
            {CONCURRENT_SCANS, "Scans at once"}, {THEME, "Theme"}, {SCAN_PORTS, "Default ports"},
            {SCAN_TIMEOUT_MS, "Timeout (ms)"}, {SCAN_RATE_LIMIT, "Rate limit"}, {SCAN_CONCURRENCY, "Concurrency"},
        };
        for (String[] c : checks) {
            String raw = props.getProperty(c[0]);
            if (raw == null) continue;
            try {
                draft().set(c[0], raw);
            } catch (IllegalArgumentException e) {
                if (bad.length() > 0) bad.append("; ");
                bad.append(e.getMessage());
            }
        }
        return bad.length() == 0 ? null : "Some settings in " + file + " were ignored and the defaults used: " + bad;
    }

    /** Sets a value by its key, validated as its typed setter does. */
    public void set(String key, String value) {
        switch (key) {
            case CONCURRENT_SCANS -> setConcurrentScans(parseInt("Scans at once", value));
            case THEME -> {
                Theme t = Theme.of(value);
                if (t == null) throw new IllegalArgumentException("Theme must be light or dark, was '" + value + "'");
                setTheme(t);
            }
            case SCAN_PORTS -> setScanDefaults(new ScanDefaults(value, scanTimeoutMs(), scanRateLimit(), scanConcurrency()));
            case SCAN_TIMEOUT_MS -> setScanDefaults(new ScanDefaults(scanPorts(), parseInt("Timeout (ms)", value), scanRateLimit(),
                    scanConcurrency()));
            case SCAN_RATE_LIMIT -> setScanDefaults(new ScanDefaults(scanPorts(), scanTimeoutMs(), parseInt("Rate limit", value),
                    scanConcurrency()));
            case SCAN_CONCURRENCY -> setScanDefaults(new ScanDefaults(scanPorts(), scanTimeoutMs(), scanRateLimit(),
                    parseInt("Concurrency", value)));
            default -> throw new IllegalArgumentException("unknown setting " + key);
        }
    }

    private static int parseInt(String field, String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number, was '" + value + "'");
        }
    }

    private int intOr(String key, int def, int min, int max) {
        try {
            int n = Integer.parseInt(props.getProperty(key, "").strip());
            return n >= min && n <= max ? n : def;
        } catch (NumberFormatException e) {
            return def;
        }
    }

    // ---------------------------------------------------------------- scans at once

    /** Scans run at once; more wait as QUEUED. Out-of-range values fall back to the default. */
    public synchronized int concurrentScans() {
        return intOr(CONCURRENT_SCANS, DEFAULT_CONCURRENT_SCANS, 1, MAX_CONCURRENT_SCANS);
    }

    public synchronized void setConcurrentScans(int n) {
        if (n < 1 || n > MAX_CONCURRENT_SCANS) {
            throw new IllegalArgumentException("Scans at once must be between 1 and " + MAX_CONCURRENT_SCANS + ", was " + n);
        }
        props.setProperty(CONCURRENT_SCANS, Integer.toString(n));
    }

    // ---------------------------------------------------------------- theme

    public synchronized Theme theme() {
        Theme t = Theme.of(props.getProperty(THEME));
        return t == null ? Theme.LIGHT : t;
    }

    public synchronized void setTheme(Theme theme) {
        if (theme == null) throw new IllegalArgumentException("Theme must be light or dark");
        props.setProperty(THEME, theme.key());
    }

    // ---------------------------------------------------------------- scan defaults

    /** The port specification the New scan dialog starts with ({@value #DEFAULT_PORTS} unless changed). */
    public synchronized String scanPorts() {
        String p = props.getProperty(SCAN_PORTS, "").strip();
        if (p.isEmpty()) return DEFAULT_PORTS;
        try {
            PortSpec.parse(p);
            return p;
        } catch (SpecException | RuntimeException e) {
            return DEFAULT_PORTS;
        }
    }

    public synchronized int scanTimeoutMs() {
        return intOr(SCAN_TIMEOUT_MS, ScanConfig.DEFAULT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS);
    }

    /** Probes per second; 0 is no limit. */
    public synchronized int scanRateLimit() {
        return intOr(SCAN_RATE_LIMIT, 0, 0, Integer.MAX_VALUE);
    }

    public synchronized int scanConcurrency() {
        return intOr(SCAN_CONCURRENCY, ScanConfig.DEFAULT_CONCURRENCY, 1, MAX_SCAN_CONCURRENCY);
    }

    /** The New scan dialog's starting options. */
    public synchronized ScanDefaults scanDefaults() {
        return new ScanDefaults(scanPorts(), scanTimeoutMs(), scanRateLimit(), scanConcurrency());
    }

    /**
     * Sets the New scan dialog's starting options, all or none.
     *
     * @throws IllegalArgumentException naming the first field that is wrong
     */
    public synchronized void setScanDefaults(ScanDefaults d) {
        String ports = d.ports() == null ? "" : d.ports().strip();
        if (ports.isEmpty()) throw new IllegalArgumentException("Default ports must not be empty (for example top-1000 or 1-1024)");
        try {
            PortSpec.parse(ports);
        } catch (SpecException e) {
            throw new IllegalArgumentException("Default ports: " + e.getMessage(), e);
        }
        if (d.timeoutMs() < 1 || d.timeoutMs() > MAX_TIMEOUT_MS) {
            throw new IllegalArgumentException("Timeout (ms) must be between 1 and " + MAX_TIMEOUT_MS + ", was " + d.timeoutMs());
        }
        if (d.rateLimit() < 0) {
            throw new IllegalArgumentException("Rate limit must be 0 (no limit) or more, was " + d.rateLimit());
        }
        if (d.concurrency() < 1 || d.concurrency() > MAX_SCAN_CONCURRENCY) {
            throw new IllegalArgumentException("Concurrency must be between 1 and " + MAX_SCAN_CONCURRENCY + ", was "
                    + d.concurrency());
        }
        props.setProperty(SCAN_PORTS, ports);
        props.setProperty(SCAN_TIMEOUT_MS, Integer.toString(d.timeoutMs()));
        props.setProperty(SCAN_RATE_LIMIT, Integer.toString(d.rateLimit()));
        props.setProperty(SCAN_CONCURRENCY, Integer.toString(d.concurrency()));
    }

    // ---------------------------------------------------------------- report branding

    /** Organisation name, logo file and classification label for reports (read by the report generator). */
    public synchronized ReportBranding reportBranding() {
        return new ReportBranding(props.getProperty(REPORT_ORGANISATION, "").strip(), props.getProperty(REPORT_LOGO, "").strip(),
                props.getProperty(REPORT_CLASSIFICATION, "").strip());
    }

    /**
     * Sets the report branding, all or none. The logo, when given, must be an existing PNG or
     * JPEG file (checked by its first bytes).
     *
     * @throws IllegalArgumentException naming the first field that is wrong
     */
    public synchronized void setReportBranding(ReportBranding b) {
        String org = text("Organisation name", b.organisation());
        String cls = text("Classification label", b.classification());
        String logo = b.logoFile() == null ? "" : b.logoFile().strip();
        if (!logo.isEmpty()) checkLogo(logo);
        props.setProperty(REPORT_ORGANISATION, org);
        props.setProperty(REPORT_LOGO, logo);
        props.setProperty(REPORT_CLASSIFICATION, cls);
    }

    private static String text(String field, String value) {
        String v = value == null ? "" : value.strip();
        if (v.length() > MAX_TEXT) throw new IllegalArgumentException(field + " is too long (at most " + MAX_TEXT + " characters)");
        if (v.chars().anyMatch(c -> c < 0x20)) throw new IllegalArgumentException(field + " must be a single line of text");
        return v;
    }

    static void checkLogo(String logo) {
        Path p;
        try {
            p = Path.of(logo);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Logo file: not a valid path: " + logo);
        }
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException("Logo file not found: " + logo);
        byte[] head;
        try (InputStream in = Files.newInputStream(p)) {
            head = in.readNBytes(8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Logo file cannot be read: " + logo + " (" + e.getMessage() + ")");
        }
        boolean png = head.length >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
        boolean jpeg = head.length >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF;
        if (!png && !jpeg) throw new IllegalArgumentException("Logo file must be a PNG or JPEG image: " + logo);
    }

    // ---------------------------------------------------------------- first run

    /** True until the first-run welcome has been {@link #markFirstRunDone(String) done}. */
    public synchronized boolean firstRunPending() {
        return props.getProperty(FIRST_RUN, "").isBlank();
    }

    public synchronized void markFirstRunDone(String when) {
        props.setProperty(FIRST_RUN, when == null || when.isBlank() ? "done" : when);
    }

    // ---------------------------------------------------------------- persistence

    /** Writes the settings atomically (temporary file, then a move over the old one). */
    public void save() throws IOException {
        Properties snapshot = new Properties();
        synchronized (this) {
            snapshot.putAll(props);
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "settings", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                snapshot.store(out, "Watchpost settings");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
