package org.watchpost.engine.vulndb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.zip.GZIPInputStream;

import org.sqlite.SQLiteConfig;

/**
 * Expands the vulnerability dataset bundled in the application
 * ({@value #RESOURCE}, a gzip of the SQLite file) into the user's data directory, where it
 * can be opened by SQLite and updated by imports.
 */
public final class VulnDbInstaller {
    /** Class-path location of the bundled dataset. */
    public static final String RESOURCE = "/org/watchpost/engine/vulndb/vulndb.sqlite.gz";
    /** File name of the expanded database inside the data directory. */
    public static final String FILE_NAME = "vulndb.sqlite";

    private VulnDbInstaller() {
    }

    /**
     * Returns {@code dataDir/vulndb.sqlite}, expanding the bundled dataset there when the file
     * is missing, has another schema version, or is older than the bundled dataset (an
     * application update brought newer data). A database the user updated by import to a
     * date at least as new as the bundle is kept. Expansion writes a temporary file and moves
     * it into place, so a crash never leaves a half-written database.
     *
     * @throws VulnDbException when the bundle is missing or the directory is not writable
     */
    public static Path ensureInstalled(Path dataDir) {
        Path target = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (Files.isRegularFile(target) && !needsReplacing(target)) return target;
            Path tmp = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
            try {
                try (InputStream res = VulnDbInstaller.class.getResourceAsStream(RESOURCE)) {
                    if (res == null) throw new VulnDbException("bundled vulnerability dataset " + RESOURCE + " is missing from the application");
                    try (InputStream in = new GZIPInputStream(res, 1 << 16)) {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new VulnDbException("cannot install the vulnerability database in " + dataDir + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new VulnDbException("cannot install the vulnerability database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** The dataset date of the bundled dataset, read from its metadata. */
    public static LocalDate bundledDatasetDate() {
        try {
            Path tmp = Files.createTempFile("watchpost-vulndb", ".sqlite");
            try {
                try (InputStream res = VulnDbInstaller.class.getResourceAsStream(RESOURCE)) {
                    if (res == null) throw new VulnDbException("bundled vulnerability dataset " + RESOURCE + " is missing");
                    try (InputStream in = new GZIPInputStream(res)) {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                return Meta.read(tmp).datasetDate;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new VulnDbException("cannot read the bundled vulnerability dataset: " + e.getMessage(), e);
        }
    }

    private static boolean needsReplacing(Path installed) {
        Meta m;
        try {
            m = Meta.read(installed);
        } catch (RuntimeException e) {
            return true; // unreadable or not a database: replace it
        }
        if (m.schemaVersion != VulnDbSchema.VERSION) return true;
        if (m.datasetDate == null) return true;
        LocalDate bundled = bundledDatasetDate();
        return bundled != null && m.datasetDate.isBefore(bundled);
    }

    /** The two facts the installer needs from a file. */
    private record Meta(int schemaVersion, LocalDate datasetDate) {
        static Meta read(Path file) {
            SQLiteConfig cfg = new SQLiteConfig();
            cfg.setReadOnly(true);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
                 Statement st = c.createStatement()) {
                int v;
                try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                    v = rs.next() ? rs.getInt(1) : 0;
                }
                LocalDate d = null;
                if (v == VulnDbSchema.VERSION) {
                    try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'dataset_date'")) {
                        if (rs.next()) d = LocalDate.parse(rs.getString(1));
                    }
                }
                return new Meta(v, d);
            } catch (SQLException e) {
                throw new VulnDbException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
