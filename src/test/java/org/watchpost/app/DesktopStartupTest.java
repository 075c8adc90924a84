package org.watchpost.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.store.Database;
import org.watchpost.store.MigrationException;
import org.watchpost.store.ScanRepository;
import org.watchpost.store.StoreException;

/** The desktop start's data half, run on its own thread before the window exists. */
class DesktopStartupTest {
    @TempDir
    Path dir;

    @Test
    void opensTheDatabaseMarksLeftoverScansAndReadsTheNewestFirst() {
        try (Database db = Database.open(dir.resolve("watchpost.db"))) {
            ScanRepository repo = new ScanRepository(db, java.time.Clock.systemUTC());
            for (int i = 1; i <= 3; i++) {
                long id = repo.create("scan " + i, ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1).id();
                repo.transition(id, ScanStatus.RUNNING, null);
                if (i < 3) repo.transition(id, ScanStatus.COMPLETED, null);
            }
        }

        DesktopStartup.Opened opened = DesktopStartup.begin(dir.toString()).join();
        try {
            assertThat(opened.newInstall()).isFalse();
            assertThat(opened.interrupted()).isEqualTo(1);
            assertThat(opened.schemaVersion()).isPositive();
            assertThat(opened.firstScreen().records()).extracting(r -> r.name()).containsExactly("scan 3", "scan 2", "scan 1");
            assertThat(opened.firstScreen().records()).extracting(r -> r.status())
                    .containsExactly(ScanStatus.INTERRUPTED, ScanStatus.COMPLETED, ScanStatus.COMPLETED);
        } finally {
            opened.context().close();
        }
    }

    @Test
    void aDatabaseFromANewerWatchpostStopsTheStartWithItsMessageAndIsLeftAsItWas() throws Exception {
        Path file = dir.resolve("watchpost.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 999");
        }
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> DesktopStartup.begin(dir.toString()).join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(MigrationException.class);

        // the app keeps it for the dialog its start() shows, instead of failing to launch
        WatchpostApp.dataDirFlag = dir.toString();
        WatchpostApp app = new WatchpostApp();
        app.init();
        assertThat(app.startupError()).isInstanceOf(StoreException.class).hasMessageContaining("newer Watchpost");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
}
