package org.watchpost.app;

import java.nio.file.Path;
import java.time.Clock;
import org.watchpost.engine.CheckStage;
import org.watchpost.engine.DefaultScanner;
import org.watchpost.engine.target.HostResolver;
import org.watchpost.engine.vulndb.VulnDb;
import org.watchpost.schedule.DigestService;
import org.watchpost.schedule.MonitorDigestObserver;
import org.watchpost.schedule.MonitorRepository;
import org.watchpost.schedule.MonitorScheduler;
import org.watchpost.schedule.NotificationSink;
import org.watchpost.schedule.ScanManager;
import org.watchpost.schedule.ScanStarter;
import org.watchpost.store.InvestigationRepository;
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
    private volatile boolean interactive;
    private VulnDb vulnDb;
    private final java.util.List<VulnDb> retiredVulnDbs = new java.util.ArrayList<>();
    private Settings settings;
    private InvestigationRepository investigations;
    private MonitorRepository monitors;
    private DigestService digests;
    private MonitorScheduler scheduler;
    private NotificationSink notificationSink = NotificationSink.NONE;

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
        Preopened p = PREOPENED.getAndSet(null);
        if (p != null) {
            if (java.util.Objects.equals(p.flag(), dataDirFlag)) return p.take();
            p.discard();   // opened for another folder: not this caller's
        }
        return openNow(dataDirFlag);
    }

    private static AppContext openNow(String dataDirFlag) {
        Path dir = DataDirectory.ensure(DataDirectory.resolve(dataDirFlag));
        Database db = Database.open(dir.resolve(DataDirectory.DB_FILE));
        AppContext ctx = new AppContext(dir, db, Clock.systemDefaultZone());
        try {
            ctx.scans.prepare();   // off the critical path when opened ahead (preopen, the window's start)
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
        return ctx;
    }

    private static final java.util.concurrent.atomic.AtomicReference<Preopened> PREOPENED =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** A context being opened ahead of time on its own thread. */
    private record Preopened(String flag, java.util.concurrent.CompletableFuture<AppContext> future) {
        AppContext take() {
            try {
                return future.join();
            } catch (java.util.concurrent.CompletionException e) {
                // the same exception (and message) the caller would have met opening it itself
                if (e.getCause() instanceof RuntimeException re) throw re;
                if (e.getCause() instanceof Error err) throw err;
                throw e;
            }
        }

        void discard() {
            future.thenAccept(AppContext::close);
        }
    }

    /**
     * Starts opening (creating, migrating) the database of {@code dataDirFlag} on a background
     * thread, so a command's start-up (argument parsing, logging set-up) and the database's overlap;
     * the next {@link #open} of the same folder takes it, with any error it met. A headless command
     * calls this first thing; {@link #discardPreopened} closes it if no one took it.
     */
    public static void preopen(String dataDirFlag) {
        var future = new java.util.concurrent.CompletableFuture<AppContext>();
        Preopened p = new Preopened(dataDirFlag, future);
        Preopened old = PREOPENED.getAndSet(p);
        if (old != null) old.discard();
        Thread t = new Thread(() -> {
            try {
                future.complete(openNow(dataDirFlag));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "watchpost-db-open");
        t.setDaemon(true);
        t.start();
    }

    /** Closes a context opened by {@link #preopen} that no command took (a usage error, help). */
    public static void discardPreopened() {
        Preopened p = PREOPENED.getAndSet(null);
        if (p == null) return;
        try {
            p.future().get(10, java.util.concurrent.TimeUnit.SECONDS).close();
        } catch (Exception ignored) {
            // it failed to open, or is still opening: nothing of it to close
        }
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

    public synchronized InvestigationRepository investigations() {
        if (investigations == null) investigations = new InvestigationRepository(database, clock);
        return investigations;
    }

    public synchronized MonitorRepository monitors() {
        if (monitors == null) monitors = new MonitorRepository(database, clock);
        return monitors;
    }

    /** Where High/Critical news from monitors goes (the desktop app shows a notification). */
    public synchronized void setNotificationSink(NotificationSink sink) {
        this.notificationSink = sink == null ? NotificationSink.NONE : sink;
    }

    /** Change digests of monitor scans; computed when a monitor's scan ends. */
    public synchronized DigestService digests() {
        if (digests == null) {
            digests = new DigestService(database, clock, n -> notificationSink.notify(n));
            scanManager().addObserver(new MonitorDigestObserver(digests, Runnable::run));
        }
        return digests;
    }

    /** Runs monitors when due (and one catch-up after missed times). */
    public synchronized MonitorScheduler scheduler() {
        if (scheduler == null) {
            digests();
            scheduler = new MonitorScheduler(monitors(), ScanStarter.of(scanManager()), clock);
        }
        return scheduler;
    }

    /** The vulnerability dataset's date for reports, or a short reason why it is unknown. */
    public String datasetDate() {
        try {
            return String.valueOf(vulnDb().info().datasetDate());
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** Closes and reopens the vulnerability database, so an import into its file is seen everywhere. */
    public synchronized VulnDb reloadVulnDb() {
        // a scan's checks may still be reading the old one: retire it, close it with the context
        if (vulnDb != null) retiredVulnDbs.add(vulnDb);
        vulnDb = null;
        return vulnDb();
    }

    public synchronized Settings settings() {
        if (settings == null) settings = new Settings(dataDir);
        return settings;
    }

    /**
     * Marks this context as serving a window: scans then leave one core to the user interface
     * (call before the first {@link #scanManager()}). Headless commands use every core.
     */
    public AppContext interactive() {
        this.interactive = true;
        return this;
    }

    /** The scan runner (created on first use). */
    public synchronized ScanManager scanManager() {
        if (scanManager == null) {
            DefaultScanner scanner = new DefaultScanner(HostResolver.system(), new CheckStage(this::vulnDb, clock));
            if (interactive) scanner.sharingCoresWithUi();
            scanManager = new ScanManager(scans, scanner, clock, settings().concurrentScans());
        }
        return scanManager;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (scanManager != null) scanManager.close();
            if (vulnDb != null) vulnDb.close();
            for (VulnDb old : retiredVulnDbs) old.close();
        }
        database.close();
    }
}
