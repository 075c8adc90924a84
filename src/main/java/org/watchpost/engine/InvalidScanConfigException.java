package org.watchpost.engine;

/** A scan configuration that cannot run; the message names the field, the bad token and where it is. */
public class InvalidScanConfigException extends Exception {
    private final String field;

    public InvalidScanConfigException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** "targets", "exclusions", "ports" or an option name. */
    public String field() {
        return field;
    }
}
