package org.watchpost.store;

/** A schema migration failed; the database file was left as it was. */
public class MigrationException extends StoreException {
    private final int version;

    public MigrationException(int version, String message, Throwable cause) {
        super(message, cause);
        this.version = version;
    }

    public int version() {
        return version;
    }
}
