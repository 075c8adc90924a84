package org.watchpost.engine.model;

/**
 * Receives results as they are found. Called on engine worker threads, possibly several
 * at once: implementations must be thread-safe and must not block for long.
 */
public interface ScanListener {
    default void onHost(HostResult host) {}

    /** Every probed port, open, closed or filtered. */
    default void onPort(PortResult port) {}

    default void onService(ServiceInfo service) {}

    default void onFinding(Finding finding) {}

    /** At most every ~150 ms. */
    default void onProgress(ScanProgress progress) {}

    /** A line for the scan's event log. level: "info", "warn", "error". */
    default void onEvent(String level, String message) {}

    ScanListener NONE = new ScanListener() {};
}
