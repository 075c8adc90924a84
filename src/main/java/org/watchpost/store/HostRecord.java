package org.watchpost.store;

/** A host of a scan. */
public record HostRecord(long id, long scanId, String address, String hostname, boolean up, String reason,
                         long rttMicros, int closedPorts, int filteredPorts, int openPorts) {
    public String display() {
        return hostname == null || hostname.isBlank() ? address : hostname + " (" + address + ")";
    }
}
