package org.watchpost.ui.scans;

import java.util.List;

/** What the Scans views can ask the application to do; wired by the main window. */
public interface ScanActions {
    void newScan();

    default void openScan(long scanId) {}

    default void rerun(List<Long> scanIds) {}

    default void cloneScan(long scanId) {}

    default void stop(List<Long> scanIds) {}

    default void delete(List<Long> scanIds) {}

    default void editConfig(long scanId) {}

    default void addToInvestigation(List<Long> scanIds) {}
}
