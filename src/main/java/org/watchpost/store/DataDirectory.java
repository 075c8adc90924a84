package org.watchpost.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Watchpost keeps its database and settings: {@code --data-dir} first, then the
 * {@code WATCHPOST_HOME} environment variable, then the platform's per-user data folder
 * ({@code $XDG_DATA_HOME/watchpost} or {@code ~/.local/share/watchpost} on Linux,
 * {@code ~/Library/Application Support/Watchpost} on macOS, {@code %APPDATA%\Watchpost} on Windows).
 */
public final class DataDirectory {
    public static final String ENV = "WATCHPOST_HOME";
    public static final String DB_FILE = "watchpost.db";

    private DataDirectory() {
    }

    public static Path resolve(String flag, Map<String, String> env, String osName, String userHome) {
        if (flag != null && !flag.isBlank()) return Path.of(flag).toAbsolutePath();
        String home = env.get(ENV);
        if (home != null && !home.isBlank()) return Path.of(home).toAbsolutePath();
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return appData != null ? Path.of(appData, "Watchpost") : Path.of(userHome, "AppData", "Roaming", "Watchpost");
        }
        if (os.contains("mac")) return Path.of(userHome, "Library", "Application Support", "Watchpost");
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "watchpost");
        return Path.of(userHome, ".local", "share", "watchpost");
    }

    public static Path resolve(String flag) {
        return resolve(flag, System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    /** Creates the directory if needed; throws a {@link StoreException} naming it when that fails. */
    public static Path ensure(Path dir) {
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) throw new StoreException("data directory " + dir + " is not writable");
            return dir;
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
