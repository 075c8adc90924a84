package org.watchpost.store;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.watchpost.engine.model.Severity;

/**
 * Filters for listing findings across scans. Every filter is optional; they combine with AND.
 *
 * @param severities severities to include; all five means "any", an empty set matches nothing
 * @param scanId     only this scan's findings, or null
 * @param host       substring of the affected address (case-insensitive), or null
 * @param service    affected service name (exact, case-insensitive), or null
 * @param text       substring of the title, check ID or CVE list (case-insensitive), or null
 */
public record FindingQuery(Set<Severity> severities, Long scanId, String host, String service, String text) {
    public FindingQuery {
        EnumSet<Severity> s = EnumSet.noneOf(Severity.class);
        if (severities != null) s.addAll(severities);
        else s.addAll(EnumSet.allOf(Severity.class));
        severities = java.util.Collections.unmodifiableSet(s);
        host = blankToNull(host);
        service = blankToNull(service);
        text = blankToNull(text);
    }

    /** Every finding. */
    public static FindingQuery all() {
        return new FindingQuery(null, null, null, null, null);
    }

    /** The severities at least as bad as {@code min} (HIGH → CRITICAL and HIGH). */
    public static Set<Severity> atLeast(Severity min) {
        EnumSet<Severity> out = EnumSet.noneOf(Severity.class);
        for (Severity s : Severity.values()) if (s.rank() >= min.rank()) out.add(s);
        return out;
    }

    public FindingQuery withSeverities(Collection<Severity> s) {
        return new FindingQuery(s.isEmpty() ? EnumSet.noneOf(Severity.class) : EnumSet.copyOf(s), scanId, host, service, text);
    }

    public FindingQuery withScan(Long id) {
        return new FindingQuery(severities, id, host, service, text);
    }

    public FindingQuery withHost(String h) {
        return new FindingQuery(severities, scanId, h, service, text);
    }

    public FindingQuery withService(String s) {
        return new FindingQuery(severities, scanId, host, s, text);
    }

    public FindingQuery withText(String t) {
        return new FindingQuery(severities, scanId, host, service, t);
    }

    /** True when no filter narrows the list. */
    public boolean isUnfiltered() {
        return severities.size() == Severity.values().length && scanId == null && host == null && service == null && text == null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
