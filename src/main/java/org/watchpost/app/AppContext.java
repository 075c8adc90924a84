package org.watchpost.app;

import java.nio.file.Path;
import java.time.Clock;
import org.watchpost.engine.CheckStage;
import org.watchpost.engine.DefaultScanner;
import org.watchpost.engine.target.HostResolver;
import org.watchpost.engine.vulndb.VulnDb;
import org.watchpost.schedule.ScanManager;
import org.watchpost.store.DataDirectory;
import org.watchpost.store.Database;
import org.watchpost.store.ScanRepository;

/** Hand-wired application services, shared by the desktop app and the CLI. */
public final class AppContext implements AutoCloseable {
    private final Path dataDir;
    private final Database database;
    private final ScanRepository scans;
    private final Clock clock;
    private ScanManager scanManager;
    private VulnDb vulnDb;
    private Settings settings;

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

    /** The offline vulnerability database, installed into the data folder on first use. */
    public synchronized VulnDb vulnDb() {
        if (vulnDb == null) vulnDb = VulnDb.openInstalled(dataDir);
        return vulnDb;
    }

    /** Closes and reopens the vulnerability database, so an import into its file is seen everywhere. */
    public synchronized VulnDb reloadVulnDb() {
        VulnDb old = vulnDb;
        vulnDb = null;
        if (old != null) old.close();
        return vulnDb();
    }

    public synchronized Settings settings() {
        if (settings == null) settings = new Settings(dataDir);
        return settings;
    }

    /** The scan runner (created on first use). */
    public synchronized ScanManager scanManager() {
        if (scanManager == null) {
            scanManager = new ScanManager(scans, new DefaultScanner(HostResolver.system(),
                    new CheckStage(this::vulnDb, clock)), clock, settings().concurrentScans());
        }
        return scanManager;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (scanManager != null) scanManager.close();
            if (vulnDb != null) vulnDb.close();
        }
        database.close();
    }
}
