package org.watchpost.engine.vulndb;

/** The vulnerability database file could not be opened, read or written. */
public final class VulnDbException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VulnDbException(String message, Throwable cause) {
        super(message, cause);
    }

    public VulnDbException(String message) {
        super(message);
    }
}
