package org.watchpost.store;

/** Where a finding stands at one scan of an investigation or monitor, compared with the scans before it. */
public enum FindingState {
    /** Seen for the first time. */
    NEW,
    /** Seen before and still there (not resolved in between). */
    PERSISTING,
    /** Seen before, absent from a COMPLETED scan whose results include the (answering) host. */
    RESOLVED,
    /** Resolved earlier, seen again. */
    REOPENED;

    /** True for the states in which the finding is present. */
    public boolean isOpen() {
        return this != RESOLVED;
    }

    public String label() {
        return switch (this) {
            case NEW -> "New";
            case PERSISTING -> "Persisting";
            case RESOLVED -> "Resolved";
            case REOPENED -> "Reopened";
        };
    }
}
