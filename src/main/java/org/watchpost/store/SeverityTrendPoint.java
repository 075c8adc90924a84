package org.watchpost.store;

import java.time.Instant;
import org.watchpost.engine.model.ScanStatus;

/** One scan's findings by severity, a point of an investigation's trend (scans in time order). */
public record SeverityTrendPoint(long scanId, String scanName, Instant at, ScanStatus status, SeverityCounts counts) {
    public String scanIdText() {
        return ScanIds.format(scanId);
    }
}
