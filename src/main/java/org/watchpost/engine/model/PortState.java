package org.watchpost.engine.model;

/** Result of probing one TCP port. */
public enum PortState {
    /** The handshake completed. */
    OPEN,
    /** The host answered with a reset: nothing listens. */
    CLOSED,
    /** No answer within the timeout (after a retry), or unreachable: something drops the probes. */
    FILTERED
}
