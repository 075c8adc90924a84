package org.watchpost.engine.model;

/**
 * A progress snapshot.
 *
 * @param fraction      0.0 … 1.0
 * @param probesDone    probes finished so far
 * @param probesTotal   probes planned (may grow slightly with retries)
 * @param probesPerSec  recent rate
 * @param etaSeconds    estimated seconds left, -1 when unknown
 * @param phase         human phase name ("discovery", "port scan", "service identification", "checks")
 */
public record ScanProgress(double fraction, long probesDone, long probesTotal, double probesPerSec,
                           long etaSeconds, String phase) {
}
