package org.watchpost.store;

import java.time.Instant;
import java.util.List;
import org.watchpost.engine.model.Severity;

/**
 * The history of one finding identity (check, address, port and CVEs: the de-duplication key)
 * across the scans of an investigation, in scan order.
 *
 * <p>The timeline has a step for each scan in which the state was decided: every scan that saw
 * the finding (NEW, PERSISTING or REOPENED) and the first covering scan that no longer saw it
 * (RESOLVED). Scans that did not cover the host (not COMPLETED, or the host absent or not
 * answering) decide nothing and have no step; nor do further covering scans after RESOLVED.
 * {@link #stateAt} fills those gaps for a per-scan matrix.
 *
 * @param key      de-duplication key ({@code check|address|port|cves})
 * @param severity, title severity and title of the latest occurrence
 * @param timeline steps in scan order; never empty
 */
public record FindingLifecycle(String key, String checkId, Severity severity, String title, String address, int port,
                               List<String> cves, List<Step> timeline) {
    /**
     * One decided state.
     *
     * @param findingId the stored finding of that scan, or null for RESOLVED
     */
    public record Step(long scanId, Instant at, FindingState state, Long findingId) {
    }

    public FindingLifecycle {
        cves = List.copyOf(cves);
        timeline = List.copyOf(timeline);
        if (timeline.isEmpty()) throw new IllegalArgumentException("a lifecycle has at least one step");
    }

    /** The state after the last scan. */
    public FindingState current() {
        return timeline.get(timeline.size() - 1).state();
    }

    /** The scan that first saw it. */
    public long firstSeenScanId() {
        return timeline.get(0).scanId();
    }

    /** The latest scan that saw it. */
    public long lastSeenScanId() {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            if (timeline.get(i).state().isOpen()) return timeline.get(i).scanId();
        }
        throw new IllegalStateException("unreachable: the first step is always NEW");
    }

    /** Number of scans that saw it. */
    public int occurrences() {
        return (int) timeline.stream().filter(s -> s.state().isOpen()).count();
    }

    /**
     * The state in effect at a scan, given the investigation's scan order: the last step at or
     * before it, or null before the first sighting.
     *
     * @param scanOrder scan IDs in the order of {@link InvestigationRepository#scansOf}
     */
    public FindingState stateAt(long scanId, List<Long> scanOrder) {
        int pos = scanOrder.indexOf(scanId);
        if (pos < 0) return null;
        FindingState state = null;
        for (Step s : timeline) {
            int p = scanOrder.indexOf(s.scanId());
            if (p <= pos) state = s.state();
        }
        return state;
    }

    /** "127.0.0.1:22" or the address alone for host-level findings. */
    public String location() {
        if (address == null) return "";
        String a = address.contains(":") ? "[" + address + "]" : address;
        return port > 0 ? a + ":" + port : a;
    }
}
