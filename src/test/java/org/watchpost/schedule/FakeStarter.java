package org.watchpost.schedule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.watchpost.engine.InvalidScanConfigException;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.store.ScanRepository;

/** Starts "scans" by writing their records (origin monitor) without scanning; the test ends them. */
final class FakeStarter implements ScanStarter {
    final ScanRepository scans;
    final Set<Long> active = new HashSet<>();
    final List<Long> started = new ArrayList<>();
    String failWith;

    FakeStarter(ScanRepository scans) {
        this.scans = scans;
    }

    @Override
    public synchronized long start(String name, ScanConfig config, long monitorId) throws InvalidScanConfigException {
        if (failWith != null) throw new InvalidScanConfigException("targets", failWith, null);
        long id = scans.create(name, config, "monitor", monitorId, null, 1).id();
        scans.transition(id, ScanStatus.RUNNING, null);
        active.add(id);
        started.add(id);
        return id;
    }

    @Override
    public synchronized boolean isActive(long scanId) {
        return active.contains(scanId);
    }

    synchronized void finish(long scanId) {
        scans.transition(scanId, ScanStatus.COMPLETED, null);
        active.remove(scanId);
    }

    synchronized void finishAll() {
        for (long id : List.copyOf(active)) finish(id);
    }
}
