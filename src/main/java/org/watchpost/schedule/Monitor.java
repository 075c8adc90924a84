package org.watchpost.schedule;

import java.time.Instant;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;

/**
 * A scan configuration re-run on a schedule.
 *
 * @param nextRunAt     when it runs next; null while disabled
 * @param lastRunAt     when it last started a scan (scheduled, caught up, manual or first), or null
 * @param lastRun       its latest run record (started, skipped or failed to start), or null
 * @param lastScanId    the latest scan it started, or null
 * @param lastScanStatus that scan's status, or null
 */
public record Monitor(long id, String name, ScanConfig config, Frequency frequency, boolean enabled, Instant nextRunAt,
                      Instant lastRunAt, Instant createdAt, MonitorRun lastRun, Long lastScanId, ScanStatus lastScanStatus) {
    /** Display ID, {@code MON-3}. */
    public String displayId() {
        return "MON-" + id;
    }

    public String targets() {
        return config.targets();
    }
}
