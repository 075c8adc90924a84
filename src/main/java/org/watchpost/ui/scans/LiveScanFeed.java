package org.watchpost.ui.scans;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.watchpost.engine.model.ScanProgress;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.schedule.ScanObserver;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRepository;

/**
 * The one adapter between running scans and the FX thread. Engine and manager callbacks
 * only mark scans dirty; every {@value #PERIOD_MS} ms a background tick reloads the dirty
 * scans' rows (one cheap query each) and hands them to the FX thread in ONE dispatch.
 */
public final class LiveScanFeed implements ScanObserver, AutoCloseable {
    static final long PERIOD_MS = 120;

    /** What the FX side receives per tick. */
    public record Update(List<ScanRecord> changed, Set<Long> deleted, java.util.Map<Long, ScanProgress> progress) {}

    private final ScanRepository repo;
    private final Consumer<Runnable> fxDispatcher;
    private final Set<Long> dirty = ConcurrentHashMap.newKeySet();
    private final Set<Long> deleted = ConcurrentHashMap.newKeySet();
    private final java.util.Map<Long, ScanProgress> progress = new ConcurrentHashMap<>();
    private final List<Consumer<Update>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker;

    public LiveScanFeed(ScanRepository repo, Consumer<Runnable> fxDispatcher) {
        this.repo = repo;
        this.fxDispatcher = fxDispatcher;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchpost-live-feed");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Registers an FX-thread consumer of updates. */
    public void subscribe(Consumer<Update> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Consumer<Update> listener) {
        listeners.remove(listener);
    }

    @Override
    public void statusChanged(long scanId, ScanStatus status) {
        dirty.add(scanId);
    }

    @Override
    public void resultsChanged(long scanId) {
        dirty.add(scanId);
    }

    @Override
    public void progress(long scanId, ScanProgress p) {
        progress.put(scanId, p);
        dirty.add(scanId);
    }

    @Override
    public void deleted(Collection<Long> scanIds) {
        deleted.addAll(scanIds);
        dirty.removeAll(scanIds);
    }

    /** Marks a scan for reload at the next tick (e.g. after an action from this window). */
    public void touch(long scanId) {
        dirty.add(scanId);
    }

    void tick() {
        if (dirty.isEmpty() && deleted.isEmpty()) return;
        Set<Long> ids = new HashSet<>(dirty);
        dirty.removeAll(ids);
        Set<Long> gone = new HashSet<>(deleted);
        deleted.removeAll(gone);
        List<ScanRecord> changed = new ArrayList<>();
        java.util.Map<Long, ScanProgress> prog = new java.util.HashMap<>();
        for (long id : ids) {
            try {
                repo.get(id).ifPresentOrElse(changed::add, () -> gone.add(id));
            } catch (RuntimeException e) {
                dirty.add(id); // try again next tick
            }
            ScanProgress p = progress.get(id);
            if (p != null) prog.put(id, p);
        }
        for (ScanRecord r : changed) if (r.status().isTerminal()) progress.remove(r.id());
        Update u = new Update(changed, gone, prog);
        fxDispatcher.accept(() -> {
            for (Consumer<Update> l : listeners) l.accept(u);
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
