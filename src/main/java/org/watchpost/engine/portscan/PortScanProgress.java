package org.watchpost.engine.portscan;

/**
 * Progress counters of a running port scan.
 *
 * @param portsDone     host/port pairs with a final state
 * @param portsTotal    host/port pairs planned; when the host source is lazy and its size unknown this
 *                      counts only the hosts read so far
 * @param probesSent    connect attempts made, retries included
 * @param retries       connect attempts that were retries of a timed-out probe
 * @param probesPerSec  recent probe rate (attempts per second since the previous report)
 * @param inFlight      connects currently outstanding
 * @param hostsDone     hosts whose every port has a final state
 */
public record PortScanProgress(long portsDone, long portsTotal, long probesSent, long retries, double probesPerSec,
                               int inFlight, long hostsDone) {

    /** 0.0 … 1.0 */
    public double fraction() {
        return portsTotal <= 0 ? 0.0 : Math.min(1.0, (double) portsDone / portsTotal);
    }
}
