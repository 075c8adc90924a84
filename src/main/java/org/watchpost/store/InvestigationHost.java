package org.watchpost.store;

import java.util.List;

/**
 * A host as seen across an investigation's scans.
 *
 * @param hostname          the latest name given for it, or null
 * @param scanCount         scans whose results include it
 * @param lastScanId        the latest of those scans (scan order)
 * @param upInLastScan      whether it answered in that scan
 * @param openPortsInLastScan open TCP ports in that scan, ascending
 * @param portsEverOpen     ports open in any of the scans, ascending
 * @param openFindings      findings currently open on it (one per finding identity, latest severity)
 */
public record InvestigationHost(String address, String hostname, int scanCount, long lastScanId, boolean upInLastScan,
                                List<Integer> openPortsInLastScan, List<Integer> portsEverOpen, SeverityCounts openFindings) {
    public InvestigationHost {
        openPortsInLastScan = List.copyOf(openPortsInLastScan);
        portsEverOpen = List.copyOf(portsEverOpen);
    }
}
