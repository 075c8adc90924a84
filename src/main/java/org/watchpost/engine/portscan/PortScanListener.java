package org.watchpost.engine.portscan;

import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.ScanListener;

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

    /**
     * Adapts a scan's {@link ScanListener}: every port goes to {@code onPort}, events to
     * {@code onEvent}, and progress to {@code onProgress} as a {@code "port scan"} phase
     * {@code ScanProgress}, at most every {@code minIntervalMs} (the final report always passes).
     * Progress counts host/port pairs decided, so it never runs backwards when probes are retried.
     */
    static PortScanListener forwarding(ScanListener target, long minIntervalMs) {
        return new ForwardingPortScanListener(java.util.Objects.requireNonNull(target, "target"), minIntervalMs);
    }
}
