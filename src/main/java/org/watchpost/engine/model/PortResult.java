package org.watchpost.engine.model;

/**
 * One probed TCP port.
 *
 * @param rttMicros connect time for OPEN/CLOSED in microseconds, -1 for FILTERED
 */
public record PortResult(String address, int port, PortState state, long rttMicros) {
    public PortResult {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }
}
