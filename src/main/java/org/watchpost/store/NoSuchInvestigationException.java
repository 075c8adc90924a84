package org.watchpost.store;

/** The ID names no investigation (never existed, or deleted). */
public class NoSuchInvestigationException extends StoreException {
    private final long id;

    public NoSuchInvestigationException(long id) {
        super("no investigation " + InvestigationRepository.format(id) + " (it may have been deleted)");
        this.id = id;
    }

    public long id() {
        return id;
    }
}
