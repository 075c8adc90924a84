package org.watchpost.engine;

import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanListener;

/** Runs one scan: discovery, port scan, service identification, checks. */
public interface Scanner {
    /**
     * Parses and sizes a configuration without touching the network (host names aside,
     * which are resolved).
     *
     * @throws InvalidScanConfigException naming the bad token and where it is
     */
    ScanPlan plan(ScanConfig config) throws InvalidScanConfigException;

    /**
     * Runs the scan, reporting through {@code listener} as results are found. Returns when
     * done or, soon after {@code cancel} fires, with what was found so far.
     *
     * @throws InvalidScanConfigException for a configuration {@link #plan} would refuse
     * @throws ScanFailedException when the scan cannot go on (e.g. no file descriptors)
     */
    void run(ScanConfig config, ScanListener listener, Cancellation cancel)
            throws InvalidScanConfigException, ScanFailedException;
}
