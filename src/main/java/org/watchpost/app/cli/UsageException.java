package org.watchpost.app.cli;

/**
 * Bad input on the command line (an unknown option, a missing or malformed value, a bad scan ID).
 * The dispatcher prints the message with a short usage hint and exits with {@code Main.USAGE} (2).
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
