package org.watchpost.store;

/** The scan ID names no scan (never existed, or deleted). */
public class NoSuchScanException extends StoreException {
    private final long id;

    public NoSuchScanException(long id) {
        super("no scan " + ScanIds.format(id) + " (it may have been deleted)");
        this.id = id;
    }

    public long id() {
        return id;
    }
}
