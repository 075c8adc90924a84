package org.watchpost.app;

import java.nio.file.Path;
import java.time.Clock;
import org.watchpost.store.DataDirectory;
import org.watchpost.store.Database;
import org.watchpost.store.ScanRepository;

/** Hand-wired application services, shared by the desktop app and the CLI. */
public final class AppContext implements AutoCloseable {
    private final Path dataDir;
    private final Database database;
    private final ScanRepository scans;
    private final Clock clock;

    private AppContext(Path dataDir, Database database, Clock clock) {
        this.dataDir = dataDir;
        this.database = database;
        this.clock = clock;
        this.scans = new ScanRepository(database, clock);
    }

    /**
     * Opens (creating and migrating if needed) the database in the data directory.
     *
     * @throws org.watchpost.store.StoreException with a user-facing message
     */
    public static AppContext open(String dataDirFlag) {
        Path dir = DataDirectory.ensure(DataDirectory.resolve(dataDirFlag));
        Database db = Database.open(dir.resolve(DataDirectory.DB_FILE));
        return new AppContext(dir, db, Clock.systemDefaultZone());
    }

    public Path dataDir() {
        return dataDir;
    }

    public Database database() {
        return database;
    }

    public ScanRepository scans() {
        return scans;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        database.close();
    }
}
