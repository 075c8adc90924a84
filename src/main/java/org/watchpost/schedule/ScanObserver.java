package org.watchpost.schedule;

import org.watchpost.engine.model.ScanStatus;

/**
 * Hears about scans the {@link ScanManager} runs. Called on worker threads; implementations
 * batch what they need onto their own thread.
 */
public interface ScanObserver {
    /** The scan's status changed (also fired once when a scan is created, as QUEUED). */
    default void statusChanged(long scanId, ScanStatus status) {}

    /** New results or progress for the scan were recorded (at most every ~150 ms per scan). */
    default void resultsChanged(long scanId) {}

    /** Live progress of a running scan (at most every ~150 ms per scan). */
    default void progress(long scanId, org.watchpost.engine.model.ScanProgress progress) {}

    /** Scans were deleted. */
    default void deleted(java.util.Collection<Long> scanIds) {}
}
