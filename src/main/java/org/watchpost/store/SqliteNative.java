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
 * This unpacks it once per library build (the jar entry's CRC names the folder) into a private folder ({@code $XDG_CACHE_HOME/watchpost/native/sqlite-<crc>-…},
 * mode 700 on POSIX systems), written under a temporary name and moved into place so a
 * concurrent start never loads half a file, and points the driver at it through its own
 * {@code org.sqlite.lib.path}/{@code org.sqlite.lib.name} properties. A copy whose size differs
 * from the jar's is replaced. Whenever anything here fails the properties stay unset and the
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
     */
    static Path unpack(Path root) throws IOException {
        String folder = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath();
        String name = org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
        String resource = folder + "/" + name;
        var url = org.sqlite.JDBC.class.getResource(resource);
        if (url == null) return null;
        long size;
        String id;
        if (url.openConnection() instanceof java.net.JarURLConnection jar) {
            // the jar's directory has each entry's size and CRC: a changed library gets a new folder
            var entry = jar.getJarEntry();
            size = entry.getSize();
            id = Long.toHexString(entry.getCrc());
        } else {
            size = url.openConnection().getContentLengthLong();
            id = "size" + size;
        }
        Path dir = root.resolve("native").resolve("sqlite-" + id + folder.replace('/', '-'));
        Path lib = dir.resolve(name);
        if (size > 0 && Files.isRegularFile(lib) && Files.size(lib) == size) return lib;
        createPrivate(dir);
        Path tmp = Files.createTempFile(dir, name, ".part");
        try {
            try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream(resource)) {
                if (in == null) return null;
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (size > 0 && Files.size(tmp) != size) throw new IOException("short copy of " + resource);
            try {
                Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING);
            }
            return lib;
        } finally {
            Files.deleteIfExists(tmp);
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
