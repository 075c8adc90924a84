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

    /** Report and export entries for the scan {@code scanId} supplies; empty when reports are not wired. */
    default List<javafx.scene.control.MenuItem> reportMenu(java.util.function.Supplier<Long> scanId) {
        return List.of();
    }
}
