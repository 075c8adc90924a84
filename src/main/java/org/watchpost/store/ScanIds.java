package org.watchpost.store;

import java.util.Locale;

/** Shareable scan identifiers: {@code SCAN-<n>}. */
public final class ScanIds {
    public static final String PREFIX = "SCAN-";

    private ScanIds() {
    }

    public static String format(long id) {
        return PREFIX + id;
    }

    /**
     * Parses {@code SCAN-12}, {@code scan-12} or {@code 12}.
     *
     * @throws IllegalArgumentException with a message naming the bad text
     */
    public static long parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("scan ID is missing (expected SCAN-<number>)");
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.startsWith(PREFIX)) t = t.substring(PREFIX.length());
        try {
            long n = Long.parseLong(t);
            if (n <= 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a scan ID (expected SCAN-<number>, e.g. SCAN-12)");
        }
    }
}
