package org.watchpost.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.ScanConfig;

class MigrationTest {
    @TempDir
    Path dir;

    @Test
    void migratesAnEmptyFileAndReopensWithoutMigratingAgain() throws Exception {
        Path file = dir.resolve("w.db");
        try (Database db = Database.open(file)) {
            assertThat(db.read(Migrator::currentVersion)).isEqualTo(Schema.latestVersion());
            new ScanRepository(db, Clock.systemUTC()).create("first", ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1);
        }
        try (Database db = Database.open(file)) {
            assertThat(db.read(Migrator::currentVersion)).isEqualTo(Schema.latestVersion());
            List<String> names = db.read(MigrationTest::tables);
            assertThat(names).contains("scans", "scan_events", "hosts", "services", "findings",
                    "investigations", "investigation_scans", "monitors");
            assertThat(new ScanRepository(db, Clock.systemUTC()).list()).extracting(ScanRecord::name).containsExactly("first");
            String mode = db.read(c -> pragma(c, "journal_mode"));
            assertThat(mode).isEqualTo("wal");
        }
    }

    @Test
    void aFailingMigrationLeavesTheFileByteIdenticalAndSaysWhichStepFailed() throws Exception {
        Path file = dir.resolve("w.db");
        try (Database db = Database.open(file)) {
            new ScanRepository(db, Clock.systemUTC()).create("keep me", ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1);
        }
        byte[] before = sha256(file);
        List<Migration> broken = new ArrayList<>(Schema.all());
        broken.add(new Migration(Schema.latestVersion() + 1, "add a column, then fail", List.of(
                "ALTER TABLE scans ADD COLUMN extra_col TEXT",
                "UPDATE scans SET extra_col = 'x'",
                "INSERT INTO no_such_table VALUES (1)")));

        assertThatThrownBy(() -> Database.open(file, broken))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("migration " + (Schema.latestVersion() + 1))
                .hasMessageContaining("no_such_table")
                .hasMessageContaining("Nothing was changed");

        assertThat(HexFormat.of().formatHex(sha256(file))).isEqualTo(HexFormat.of().formatHex(before));
        assertThat(Files.exists(dir.resolve("w.db-wal")) ? Files.size(dir.resolve("w.db-wal")) : 0L).isZero();
        try (Database db = Database.open(file)) {
            assertThat(db.read(Migrator::currentVersion)).isEqualTo(Schema.latestVersion());
            assertThat(new ScanRepository(db, Clock.systemUTC()).list()).extracting(ScanRecord::name).containsExactly("keep me");
        }
    }

    @Test
    void aFailingFirstMigrationOnAFreshFileLeavesNoSchema() throws Exception {
        Path file = dir.resolve("fresh.db");
        List<Migration> broken = List.of(new Migration(1, "broken", List.of("CREATE TABLE a(x)", "CREATE TABLE a(x)")));
        assertThatThrownBy(() -> Database.open(file, broken)).isInstanceOf(MigrationException.class);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(Migrator.currentVersion(c)).isZero();
            assertThat(tables(c)).isEmpty();
        }
    }

    @Test
    void refusesADatabaseFromANewerWatchpost() throws Exception {
        Path file = dir.resolve("new.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 999");
        }
        assertThatThrownBy(() -> Database.open(file)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("newer Watchpost");
    }

    @Test
    void refusesAFileThatIsNotADatabase() throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "this is a text file, not SQLite, and it is long enough to have a header".repeat(20));
        byte[] before = sha256(file);
        assertThatThrownBy(() -> Database.open(file)).isInstanceOf(StoreException.class).hasMessageContaining("not a");
        assertThat(sha256(file)).isEqualTo(before);
    }

    static List<String> tables(Connection c) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    static String pragma(Connection c, String name) throws java.sql.SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static byte[] sha256(Path p) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
    }
}
