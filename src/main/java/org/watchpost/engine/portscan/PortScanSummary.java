package org.watchpost.engine.portscan;

/**
 * What a finished (or stopped) port scan did.
 *
 * @param open         ports reported OPEN
 * @param closed       ports reported CLOSED
 * @param filtered     ports reported FILTERED
 * @param probesSent   connect attempts, retries included
 * @param retries      retried attempts
 * @param hostsDone    hosts with every port decided
 * @param elapsedMs    wall time of {@link PortScanner#scan}
 * @param cancelled    true when the scan stopped on a cancel request
 * @param window       the in-flight window used (after the file-descriptor budget)
 * @param aborted      non-null when the scan ended early on its safety deadline or an internal error
 */
public record PortScanSummary(long open, long closed, long filtered, long probesSent, long retries, long hostsDone,
                              long elapsedMs, boolean cancelled, int window, String aborted) {

    public long portsDone() {
        return open + closed + filtered;
    }
}
