package org.watchpost.report;

import java.util.Locale;

/** The three PDF reports, one per audience. */
public enum ReportType {
    /** Leadership: 2–4 pages, overall risk, top risks in plain language, trend. */
    EXECUTIVE("Executive summary"),
    /** Security engineers: scope and method, every host, service and finding with evidence. */
    TECHNICAL("Technical report"),
    /** Operations: findings grouped by the fix that removes them, in priority order. */
    REMEDIATION("Remediation plan");

    private final String title;

    ReportType(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Parses "executive", "technical" or "remediation" (any case). */
    public static ReportType parse(String text) {
        if (text != null) {
            for (ReportType t : values()) if (t.name().equalsIgnoreCase(text.strip())) return t;
        }
        throw new IllegalArgumentException("unknown report type '" + text + "' (expected executive, technical or remediation)");
    }

    public String fileSuffix() {
        return name().toLowerCase(Locale.ROOT);
    }
}
