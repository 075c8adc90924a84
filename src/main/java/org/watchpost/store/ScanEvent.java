package org.watchpost.store;

import java.time.Instant;

/** A line of a scan's event log. */
public record ScanEvent(long id, long scanId, Instant at, String level, String message) {
}
