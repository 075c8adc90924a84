package org.watchpost.report;

/** Receives progress of a report or export; called on the generating thread. */
@FunctionalInterface
public interface ReportProgress {
    /**
     * @param fraction 0.0 … 1.0
     * @param message  what is being done ("Host 12 of 500")
     */
    void update(double fraction, String message);

    ReportProgress NONE = (f, m) -> { };
}
