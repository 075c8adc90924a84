package org.watchpost.store;

/**
 * One finding identity of an investigation: its latest occurrence and its lifecycle.
 *
 * @param latest    the stored finding from the latest scan that saw it
 * @param lifecycle its states across the investigation's scans
 */
public record InvestigationFinding(FindingRecord latest, FindingLifecycle lifecycle) {
    public FindingState state() {
        return lifecycle.current();
    }
}
