package org.watchpost.engine.service;

import java.util.Map;

import static java.util.Map.entry;

/**
 * Which probe to try first on a well-known port. A hint only orders the work: the service is
 * always named from what it answers, so a hint that is wrong costs one round trip, no more.
 */
final class PortHints {
    /** @param serverFirst the protocol greets first (wait longer for its banner); probe the client-first probe to send at once */
    record Hint(boolean serverFirst, Identification.Probe probe) {
    }

    private static final Hint SERVER_FIRST = new Hint(true, null);

    private static final Map<Integer, Hint> HINTS = Map.ofEntries(
            entry(21, SERVER_FIRST), entry(22, SERVER_FIRST), entry(23, SERVER_FIRST), entry(25, SERVER_FIRST),
            entry(110, SERVER_FIRST), entry(143, SERVER_FIRST), entry(587, SERVER_FIRST), entry(3306, SERVER_FIRST),
            entry(5900, SERVER_FIRST), entry(5901, SERVER_FIRST),
            entry(80, new Hint(false, Identification.Probe.HTTP)),
            entry(8000, new Hint(false, Identification.Probe.HTTP)),
            entry(8008, new Hint(false, Identification.Probe.HTTP)),
            entry(8080, new Hint(false, Identification.Probe.HTTP)),
            entry(8081, new Hint(false, Identification.Probe.HTTP)),
            entry(8888, new Hint(false, Identification.Probe.HTTP)),
            entry(443, new Hint(false, Identification.Probe.TLS)),
            entry(465, new Hint(false, Identification.Probe.TLS)),
            entry(636, new Hint(false, Identification.Probe.TLS)),
            entry(993, new Hint(false, Identification.Probe.TLS)),
            entry(995, new Hint(false, Identification.Probe.TLS)),
            entry(8443, new Hint(false, Identification.Probe.TLS)),
            entry(6379, new Hint(false, Identification.Probe.REDIS)),
            entry(11211, new Hint(false, Identification.Probe.MEMCACHED)),
            entry(5432, new Hint(false, Identification.Probe.POSTGRES)),
            entry(27017, new Hint(false, Identification.Probe.MONGODB)),
            entry(3389, new Hint(false, Identification.Probe.RDP)),
            entry(53, new Hint(false, Identification.Probe.DNS)));

    private PortHints() {
    }

    /** The hint for a port, or null. */
    static Hint forPort(int port) {
        return HINTS.get(port);
    }
}
