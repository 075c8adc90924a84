package org.watchpost.schedule;

import java.util.List;
import org.watchpost.engine.InvalidScanConfigException;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;

/** How the {@link MonitorScheduler} starts scans; tests pass a fake, the app {@link #of(ScanManager)}. */
public interface ScanStarter {
    /**
     * Starts (queues) a scan for a monitor, with origin "monitor".
     *
     * @return the new scan's ID
     * @throws InvalidScanConfigException when the configuration no longer validates
     */
    long start(String name, ScanConfig config, long monitorId) throws InvalidScanConfigException;

    /** Whether the scan is still QUEUED or RUNNING (here or in another Watchpost process). */
    boolean isActive(long scanId);

    /** Waits until the scans are no longer active or the timeout passes; true if they all ended. */
    default boolean awaitEnd(List<Long> scanIds, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        for (long id : scanIds) {
            while (isActive(id)) {
                if (System.nanoTime() > deadline) return false;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Adapter for the real scan runner. */
    static ScanStarter of(ScanManager manager) {
        return new ScanStarter() {
            @Override
            public long start(String name, ScanConfig config, long monitorId) throws InvalidScanConfigException {
                return manager.start(name, config, "monitor", monitorId, null).id();
            }

            @Override
            public boolean isActive(long scanId) {
                if (manager.isRunningHere(scanId)) return true;
                return manager.repository().get(scanId).map(s -> s.status().isActive()).orElse(false);
            }

            @Override
            public boolean awaitEnd(List<Long> scanIds, long timeoutMs) {
                if (!manager.awaitEnd(scanIds, timeoutMs)) return false;
                return scanIds.stream().noneMatch(id -> manager.repository().get(id)
                        .map(s -> s.status() == ScanStatus.QUEUED || s.status() == ScanStatus.RUNNING).orElse(false));
            }
        };
    }
}
