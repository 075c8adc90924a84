package org.watchpost.engine;

/** A scan could not go on; what was found before stays reported. */
public class ScanFailedException extends Exception {
    public ScanFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
