package org.watchpost.report;

/** Which rows a CSV export holds. */
public enum CsvKind {
    /** One row per finding. */
    FINDINGS,
    /** One row per open port / service, with its host. */
    SERVICES,
    /** One row per host. */
    HOSTS;

    /** Parses "findings", "services" or "hosts" (any case). */
    public static CsvKind parse(String text) {
        if (text != null) {
            for (CsvKind k : values()) if (k.name().equalsIgnoreCase(text.strip())) return k;
        }
        throw new IllegalArgumentException("unknown CSV kind '" + text + "' (expected findings, services or hosts)");
    }
}
