package org.watchpost.engine.portscan;

import org.watchpost.engine.model.PortResult;

/**
 * Receives port-scan results as they are determined. Called on the scanner's selector threads,
 * several at once: implementations must be thread-safe and return quickly.
 */
public interface PortScanListener {

    /** The final state of one port (OPEN, CLOSED, or FILTERED after the retries). Called once per port. */
    void onPort(PortResult result);

    /**
     * Progress counters, at most every ~100 ms while the scan runs and once more at its end.
     * Callers that update a UI may throttle further.
     */
    default void onProgress(PortScanProgress progress) {}

    /** Every port of {@code address} has a final state. */
    default void onHostDone(String address, int open, int closed, int filtered) {}

    /** A line for the scan's event log ("warn": reduced window, local resource shortage …). */
    default void onEvent(String level, String message) {}
}
