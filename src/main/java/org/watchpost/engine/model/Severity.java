package org.watchpost.engine.model;

import java.util.Locale;

/**
 * Finding severity. The single source of truth for ordering and for the CVSS v3.1
 * qualitative bands; every view, export and report ranks through this enum.
 */
public enum Severity {
    CRITICAL("Critical"), HIGH("High"), MEDIUM("Medium"), LOW("Low"), INFO("Info");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Higher is worse: CRITICAL = 4 … INFO = 0. */
    public int rank() {
        return 4 - ordinal();
    }

    /** CVSS v3.1 qualitative rating for a base score (0.0 maps to INFO). */
    public static Severity fromCvss(double score) {
        if (score >= 9.0) return CRITICAL;
        if (score >= 7.0) return HIGH;
        if (score >= 4.0) return MEDIUM;
        if (score >= 0.1) return LOW;
        return INFO;
    }

    /** Parses a label case-insensitively ("high", "HIGH", "High"). */
    public static Severity parse(String text) {
        if (text == null) throw new IllegalArgumentException("severity is missing");
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.equals("INFORMATIONAL") || t.equals("NONE")) return INFO;
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown severity '" + text + "' (expected critical, high, medium, low or info)");
        }
    }
}
