package org.watchpost.schedule;

import org.watchpost.store.StoreException;

/** The ID names no monitor (never existed, or deleted). */
public class NoSuchMonitorException extends StoreException {
    private final long id;

    public NoSuchMonitorException(long id) {
        super("no monitor MON-" + id + " (it may have been deleted)");
        this.id = id;
    }

    public long id() {
        return id;
    }
}
