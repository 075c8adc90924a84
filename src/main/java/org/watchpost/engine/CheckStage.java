package org.watchpost.engine;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.watchpost.engine.check.CheckContext;
import org.watchpost.engine.check.CheckRunner;
import org.watchpost.engine.check.Checks;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanListener;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.vulndb.VulnDb;
import org.watchpost.engine.vulndb.VulnDbCheck;

/**
 * The checks stage of the pipeline: known-vulnerable versions from the offline database
 * (and the protocol checks, when present). Findings are de-duplicated within the scan.
 */
public final class CheckStage implements DefaultScanner.PostScanStage {
    static final int PROTOCOL_CHECK_THREADS = 16;
    private final Supplier<VulnDb> vulnDb;
    private final Clock clock;

    /** @param vulnDb opened lazily on first use; may supply null when no database is available */
    public CheckStage(Supplier<VulnDb> vulnDb, Clock clock) {
        this.vulnDb = vulnDb;
        this.clock = clock;
    }

    @Override
    public void run(ScanConfig config, List<ServiceInfo> services, Map<String, String> hostnames, ScanListener listener,
                    Cancellation cancel) {
        Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ScanListener dedup = new ScanListener() {
            @Override
            public void onFinding(Finding f) {
                if (seen.add(f.dedupKey())) listener.onFinding(f);
            }

            @Override
            public void onEvent(String level, String message) {
                listener.onEvent(level, message);
            }
        };
        // protocol checks: TLS, SSH, HTTP, unauthenticated and exposed services
        if (!services.isEmpty()) {
            CheckContext.Builder ctx = CheckContext.builder().cancellation(cancel).clock(clock)
                    .connectTimeoutMs(Math.max(500, Math.min(5000, config.timeoutMs() * 3)));
            hostnames.forEach(ctx::hostName);
            long t0 = System.nanoTime();
            new CheckRunner(Checks.all(), PROTOCOL_CHECK_THREADS, dedup).run(services, ctx.build());
            listener.onEvent("info", String.format("protocol checks done in %.2f s", (System.nanoTime() - t0) / 1e9));
        }
        if (cancel.isCancelled()) return;
        VulnDb db;
        try {
            db = vulnDb.get();
        } catch (RuntimeException e) {
            listener.onEvent("warn", "vulnerability database unavailable, version checks skipped: " + e.getMessage());
            db = null;
        }
        if (db != null) {
            var info = db.info();
            listener.onEvent("info", "vulnerability dataset of " + info.datasetDate() + " (" + info.cves() + " CVEs, "
                    + info.kevEntries() + " known-exploited)");
            if (db.isStale(clock)) {
                listener.onEvent("warn", "the vulnerability dataset is older than " + VulnDb.DEFAULT_STALE_DAYS
                        + " days (" + info.datasetDate() + "): recent CVEs are missing; import a newer feed");
            }
            VulnDbCheck check = new VulnDbCheck(db);
            for (ServiceInfo s : services) {
                if (cancel.isCancelled()) return;
                if (s.product() == null && s.cpe() == null) continue;
                try {
                    for (Finding f : check.check(s)) dedup.onFinding(f);
                } catch (RuntimeException e) {
                    listener.onEvent("warn", "version check of " + s.address() + ":" + s.port() + " failed: " + e.getMessage());
                }
            }
        }
    }
}
