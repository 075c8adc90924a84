package org.watchpost.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the SQLite driver's native library unpacked in the user's cache folder.
 *
 * <p>Left to itself, sqlite-jdbc copies its native library out of the jar into the temporary
 * folder at every start and reads it back to compare (about 60 ms of each command's start-up).
 * This unpacks it once per driver jar and platform into a private folder ({@code $XDG_CACHE_HOME/watchpost/native/sqlite-<key>},
 * mode 700 on POSIX systems), written under a temporary name and moved into place so a
 * concurrent start never loads half a file, and points the driver at it through its own
 * {@code org.sqlite.lib.path}/{@code org.sqlite.lib.name} properties. A copy whose size differs
 * from the size noted when it was unpacked is replaced. Whenever anything here fails the properties stay unset and the
 * driver unpacks the library itself as before: this is an optimisation, never a requirement.
 * Set {@code -Dorg.sqlite.lib.path} yourself (or {@code WATCHPOST_NATIVE_CACHE=off}) to opt out.
 */
public final class SqliteNative {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteNative.class);
    private static volatile boolean prepared;

    private SqliteNative() {
    }

    /** Idempotent; call before the driver first loads (before the first {@code jdbc:sqlite:} connection). */
    public static synchronized void prepare() {
        if (prepared) return;
        prepared = true;
        if (System.getProperty("org.sqlite.lib.path") != null || "off".equalsIgnoreCase(System.getenv("WATCHPOST_NATIVE_CACHE"))) {
            return;
        }
        try {
            Path lib = unpack(cacheRoot(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home")));
            if (lib != null) {
                System.setProperty("org.sqlite.lib.path", lib.getParent().toString());
                System.setProperty("org.sqlite.lib.name", lib.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("SQLite native library not cached ({}); the driver unpacks it itself", e.toString());
        }
    }

    /** The per-user cache folder of Watchpost on this platform. */
    static Path cacheRoot(Map<String, String> env, String osName, String userHome) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return local != null ? Path.of(local, "Watchpost", "cache") : Path.of(userHome, "AppData", "Local", "Watchpost", "cache");
        }
        if (os.contains("mac")) return Path.of(userHome, "Library", "Caches", "Watchpost");
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "watchpost");
        return Path.of(userHome, ".cache", "watchpost");
    }

    /**
     * Unpacks the driver's library for this platform under {@code root} unless an intact copy is
     * there; returns its path, or null when the jar has no library for this platform.
     *
     * <p>The folder is named after where the driver's classes come from (the jar's path, size and
     * time) and the platform (OS, architecture, Java runtime), and holds a note of the library's
     * expected size. A start that finds both reads no jar entry and asks the driver nothing: its own
     * platform detection runs {@code uname} and lists {@code /proc/self/map_files}, about 60 ms. Only
     * a first start, or one after the jar changed, pays for that and the copy.
     */
    static Path unpack(Path root) throws IOException {
        Path dir = root.resolve("native").resolve("sqlite-" + sourceKey());
        Path note = dir.resolve(NOTE);
        if (Files.isRegularFile(note)) {
            // "<file name>\n<size>\n", written after the copy: nothing of the driver is asked
            String[] lines = Files.readString(note).split("\n");
            try {
                if (lines.length >= 2 && !lines[0].isBlank() && !lines[0].contains("/") && !lines[0].contains("\\")) {
                    Path lib = dir.resolve(lines[0].strip());
                    long expected = Long.parseLong(lines[1].strip());
                    if (expected > 0 && Files.isRegularFile(lib) && Files.size(lib) == expected) return lib;
                }
            } catch (NumberFormatException damaged) {
                // unpacked again below
            }
        }
        String name = org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
        String folder = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath();
        String resource = folder + "/" + name;
        if (org.sqlite.JDBC.class.getResource(resource) == null) return null;
        createPrivate(dir);
        Path lib = dir.resolve(name);
        Path tmp = Files.createTempFile(dir, name, ".part");
        try {
            long size;
            try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream(resource)) {
                if (in == null) return null;
                size = Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (size <= 0) throw new IOException("empty copy of " + resource);
            move(tmp, lib);
            Path noteTmp = Files.createTempFile(dir, NOTE, ".part");
            Files.writeString(noteTmp, name + "\n" + size + "\n");
            move(noteTmp, note);
            forgetOldCopies(dir);
            return lib;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The note beside the copy: its file name and size. */
    static final String NOTE = "library";

    /** Removes copies unpacked for other jars or platforms that no start has used for a day. */
    private static void forgetOldCopies(Path keep) {
        long dayAgo = System.currentTimeMillis() - 24L * 3600 * 1000;
        try (var siblings = Files.list(keep.getParent())) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                if (p.equals(keep) || !p.getFileName().toString().startsWith("sqlite-")) continue;
                if (Files.getLastModifiedTime(p).toMillis() > dayAgo) continue;
                try (var files = Files.list(p)) {
                    for (Path f : (Iterable<Path>) files::iterator) Files.deleteIfExists(f);
                }
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("old SQLite library copies not removed: {}", e.toString());
        }
    }

    /** Names where the driver's classes come from and the platform, without opening anything. */
    static String sourceKey() {
        StringBuilder k = new StringBuilder();
        try {
            var src = org.sqlite.JDBC.class.getProtectionDomain().getCodeSource();
            if (src != null) {
                Path jar = Path.of(src.getLocation().toURI());
                k.append(jar).append('|').append(Files.size(jar)).append('|').append(Files.getLastModifiedTime(jar).toMillis());
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            k.append("unknown-source");
        }
        k.append('|').append(System.getProperty("os.name")).append('|').append(System.getProperty("os.arch"))
                .append('|').append(System.getProperty("java.home"));
        // two checksums of the description (no message digest: loading the security providers costs 10 ms)
        byte[] b = k.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b);
        java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        adler.update(b);
        return String.format("%08x%08x", crc.getValue(), adler.getValue());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void createPrivate(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            for (Path p = dir; p != null && p.startsWith(dir.getParent().getParent()); p = p.getParent()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the per-user local application data folder is private already
        }
    }
}
