package org.watchpost.store;

import java.time.Instant;

/**
 * One row of the investigations list.
 *
 * @param scanCount    scans linked to it
 * @param activeScans  linked scans still QUEUED or RUNNING
 * @param findings     findings by severity, summed over its scans (each scan's own counts: a finding
 *                     seen in three scans counts three times; see {@link InvestigationRepository#findings}
 *                     for one row per finding)
 * @param lastActivity latest of its own update time and its scans' creation and end times
 */
public record InvestigationSummary(Investigation investigation, int scanCount, int activeScans, SeverityCounts findings,
                                   Instant lastActivity) {
    public long id() {
        return investigation.id();
    }

    public String name() {
        return investigation.name();
    }

    public String description() {
        return investigation.description();
    }
}
