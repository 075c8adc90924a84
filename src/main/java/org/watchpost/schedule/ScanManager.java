package org.watchpost.schedule;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.engine.Cancellation;
import org.watchpost.engine.InvalidScanConfigException;
import org.watchpost.engine.ScanFailedException;
import org.watchpost.engine.ScanPlan;
import org.watchpost.engine.Scanner;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.HostResult;
import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanListener;
import org.watchpost.engine.model.ScanProgress;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.store.ScanIds;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRecorder;
import org.watchpost.store.ScanRepository;
import org.watchpost.store.StoreException;

/**
 * Runs scans: creates their records, runs up to {@code maxConcurrent} at once (the rest
 * wait as QUEUED), persists results while they stream, and ends every scan in a terminal
 * state. Stop is cooperative and also honoured when asked from another process (the CLI)
 * through the database.
 */
public final class ScanManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScanManager.class);
    private static final long NOTIFY_MS = 150;

    private final ScanRepository repo;
    private final Scanner scanner;
    private final Clock clock;
    private final ExecutorService pool;
    private final ScheduledExecutorService ticker;
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private final List<ScanObserver> observers = new CopyOnWriteArrayList<>();
    private final AtomicInteger threadNo = new AtomicInteger();

    private static final class Running {
        final Cancellation cancel = new Cancellation();
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicLong lastNotify = new AtomicLong();
        final AtomicLong lastProgress = new AtomicLong();
        final boolean fromMonitor;
        volatile boolean started;

        Running(boolean fromMonitor) {
            this.fromMonitor = fromMonitor;
        }
    }

    public ScanManager(ScanRepository repo, Scanner scanner, Clock clock, int maxConcurrent) {
        this.repo = repo;
        this.scanner = scanner;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(Math.max(1, maxConcurrent), r -> {
            Thread t = new Thread(r, "watchpost-scan-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchpost-scan-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::pollStopRequests, 250, 250, TimeUnit.MILLISECONDS);
    }

    public void addObserver(ScanObserver o) {
        observers.add(o);
    }

    public void removeObserver(ScanObserver o) {
        observers.remove(o);
    }

    public ScanRepository repository() {
        return repo;
    }

    /** Sizes a configuration (host count before the scan starts) or explains what is wrong. */
    public ScanPlan plan(ScanConfig config) throws InvalidScanConfigException {
        return scanner.plan(config);
    }

    /** Validates, records (QUEUED) and queues a new scan. */
    public ScanRecord start(String name, ScanConfig config, String origin, Long monitorId, Long rerunOf)
            throws InvalidScanConfigException {
        ScanPlan plan = scanner.plan(config);
        ScanRecord rec = repo.create(name, config, origin, monitorId, rerunOf, plan.hosts());
        repo.addEvent(rec.id(), "info", "queued: " + plan.hosts() + (plan.hosts() == 1 ? " host" : " hosts") + " × "
                + plan.ports() + (plan.ports() == 1 ? " port" : " ports"));
        Running r = new Running("monitor".equals(origin));
        running.put(rec.id(), r);
        notifyStatus(rec.id(), ScanStatus.QUEUED);
        pool.execute(() -> execute(rec.id(), config, r));
        return rec;
    }

    /** Re-runs a scan with its settings (as edited for next runs, if they were): a new scan ID. */
    public ScanRecord rerun(long scanId) throws InvalidScanConfigException {
        ScanRecord old = repo.require(scanId);
        ScanConfig cfg = repo.configForNextRun(scanId);
        return start(old.name(), cfg, old.fromMonitor() ? "ui" : old.origin(), null, scanId);
    }

    private void execute(long id, ScanConfig config, Running r) {
        try {
            if (r.cancel.isCancelled()) {
                endQuietly(id, ScanStatus.STOPPED, "stopped before it started");
                return;
            }
            try {
                synchronized (r) {
                    repo.transition(id, ScanStatus.RUNNING, null);
                    r.started = true;
                }
            } catch (IllegalStateException | StoreException e) {
                LOG.info("{} not started: {}", ScanIds.format(id), e.getMessage());
                return;
            }
            r.started = true;
            notifyStatus(id, ScanStatus.RUNNING);
            ScanStatus end = ScanStatus.COMPLETED;
            String error = null;
            try (ScanRecorder recorder = new ScanRecorder(repo.database(), id, clock)) {
                try {
                    scanner.run(config, notifying(id, r, recorder), r.cancel);
                    if (r.cancel.isCancelled()) end = ScanStatus.STOPPED;
                } catch (InvalidScanConfigException e) {
                    end = ScanStatus.FAILED;
                    error = e.getMessage();
                } catch (ScanFailedException e) {
                    end = r.cancel.isCancelled() ? ScanStatus.STOPPED : ScanStatus.FAILED;
                    error = e.getMessage();
                    recorder.onEvent("error", e.getMessage());
                } catch (RuntimeException e) {
                    LOG.error("scan {} failed", ScanIds.format(id), e);
                    end = ScanStatus.FAILED;
                    error = "internal error: " + e;
                    recorder.onEvent("error", error);
                }
            } catch (StoreException e) {
                LOG.warn("could not store the last results of {}: {}", ScanIds.format(id), e.getMessage());
            }
            endQuietly(id, end, end == ScanStatus.STOPPED ? (error == null ? "stopped by the user" : error) : error);
        } finally {
            running.remove(id);
            r.done.countDown();
        }
    }

    private void endQuietly(long id, ScanStatus end, String error) {
        try {
            repo.transition(id, end, end == ScanStatus.COMPLETED ? null : error);
        } catch (IllegalStateException | StoreException e) {
            LOG.info("{} could not be marked {}: {}", ScanIds.format(id), end, e.getMessage());
        }
        notifyStatus(id, end);
    }

    private ScanListener notifying(long id, Running r, ScanRecorder recorder) {
        return new ScanListener() {
            @Override
            public void onHost(HostResult host) {
                recorder.onHost(host);
                changed();
            }

            @Override
            public void onPort(PortResult port) {
                recorder.onPort(port);
                changed();
            }

            @Override
            public void onService(ServiceInfo service) {
                recorder.onService(service);
                changed();
            }

            @Override
            public void onFinding(Finding finding) {
                recorder.onFinding(finding);
                changed();
            }

            @Override
            public void onProgress(ScanProgress progress) {
                recorder.onProgress(progress);
                long now = System.nanoTime();
                long last = r.lastProgress.get();
                if (now - last >= NOTIFY_MS * 1_000_000L && r.lastProgress.compareAndSet(last, now)) {
                    for (ScanObserver o : observers) {
                        try {
                            o.progress(id, progress);
                        } catch (RuntimeException e) {
                            LOG.warn("observer failed: {}", e.toString());
                        }
                    }
                }
                changed();
            }

            @Override
            public void onEvent(String level, String message) {
                recorder.onEvent(level, message);
                changed();
            }

            private void changed() {
                long now = System.nanoTime();
                long last = r.lastNotify.get();
                if (now - last >= NOTIFY_MS * 1_000_000L && r.lastNotify.compareAndSet(last, now)) {
                    // let the recorder's batch land first, then tell observers
                    ticker.schedule(() -> notifyResults(id), NOTIFY_DELAY_MS, TimeUnit.MILLISECONDS);
                }
            }
        };
    }

    /** How long after a burst of results observers are told (a little more than the recorder's flush period). */
    static final long NOTIFY_DELAY_MS = 220;

    /**
     * Stops scans cooperatively; each keeps what it found and ends STOPPED.
     *
     * @throws IllegalStateException naming a scan created by a monitor (those are only deleted)
     */
    public void stop(Collection<Long> ids) {
        for (long id : ids) {
            Running r = running.get(id);
            if (r != null && r.fromMonitor) {
                throw new IllegalStateException(ScanIds.format(id) + " was started by a monitor and cannot be stopped; delete it instead");
            }
        }
        for (long id : ids) {
            Running r = running.get(id);
            if (r != null) {
                r.cancel.cancel();
                if (!r.started) {
                    // still waiting for a free slot: it ends now rather than when a slot frees
                    try {
                        repo.transition(id, ScanStatus.STOPPED, "stopped before it started");
                        notifyStatus(id, ScanStatus.STOPPED);
                    } catch (IllegalStateException raced) {
                        // it just started; the cancel above stops it
                    }
                }
            } else {
                ScanRecord rec = repo.get(id).orElse(null);
                if (rec != null && rec.fromMonitor() && rec.status().isActive()) {
                    throw new IllegalStateException(rec.scanId() + " was started by a monitor and cannot be stopped; delete it instead");
                }
                if (rec != null && rec.status().isActive()) repo.requestStop(id); // runs in another process
            }
        }
    }

    /** Waits until the given scans run no more here (or the timeout passes). */
    public boolean awaitEnd(Collection<Long> ids, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        for (long id : ids) {
            Running r = running.get(id);
            if (r == null) continue;
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !r.done.await(left, TimeUnit.NANOSECONDS)) return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Deletes scans and all their rows, stopping running ones first (monitor scans too:
     * deleting is always allowed). Irreversible.
     */
    public int delete(Collection<Long> ids) {
        List<Long> toWait = new ArrayList<>();
        for (long id : ids) {
            Running r = running.get(id);
            if (r != null) {
                r.cancel.cancel();
                toWait.add(id);
            }
        }
        awaitEnd(toWait, 5000);
        int n = repo.delete(ids);
        for (ScanObserver o : observers) o.deleted(ids);
        return n;
    }

    public boolean isRunningHere(long id) {
        return running.containsKey(id);
    }

    public int activeCount() {
        return running.size();
    }

    private void pollStopRequests() {
        if (running.isEmpty()) return;
        try {
            for (long id : repo.stopRequested(running.keySet())) {
                Running r = running.get(id);
                if (r != null && !r.cancel.isCancelled()) {
                    LOG.info("{} stop requested from another process", ScanIds.format(id));
                    r.cancel.cancel();
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("stop poll failed: {}", e.getMessage());
        }
    }

    private void notifyStatus(long id, ScanStatus s) {
        for (ScanObserver o : observers) {
            try {
                o.statusChanged(id, s);
            } catch (RuntimeException e) {
                LOG.warn("observer failed: {}", e.toString());
            }
        }
    }

    private void notifyResults(long id) {
        for (ScanObserver o : observers) {
            try {
                o.resultsChanged(id);
            } catch (RuntimeException e) {
                LOG.warn("observer failed: {}", e.toString());
            }
        }
    }

    /** Stops every running scan (they end STOPPED) and waits up to 5 s. */
    @Override
    public void close() {
        List<Long> ids = new ArrayList<>(running.keySet());
        for (long id : ids) {
            Running r = running.get(id);
            if (r != null) r.cancel.cancel();
        }
        awaitEnd(ids, 5000);
        pool.shutdownNow();
        ticker.shutdownNow();
    }
}
