package org.watchpost.engine.model;

/**
 * A host the scan looked at.
 *
 * @param address   numeric address as text ("127.0.0.7", "::1")
 * @param hostname  the name the user gave, or null
 * @param up        true when discovery saw it (or discovery was off and it had an open/closed port)
 * @param reason    how it was seen ("tcp-syn-ack 443", "icmp-echo", "assumed up"), may be null
 * @param rttMicros measured round-trip time in microseconds, -1 when unknown
 */
public record HostResult(String address, String hostname, boolean up, String reason, long rttMicros) {
}
