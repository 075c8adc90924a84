package org.watchpost.engine.vulndb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A software version as announced by a service or named in an NVD CPE match criterion,
 * comparable the way upstream release numbers order.
 *
 * <p>The text is split into numeric and alphabetic segments (separators {@code . - _ + ~}
 * are dropped): {@code 8.2p1} → {@code 8, 2, p, 1}. Segments compare position by position:
 * numbers numerically (any length), words case-insensitively. A missing segment counts as
 * {@code 0} against a number ({@code 1.0 == 1.0.0}), sorts before a patch word
 * ({@code 9.8 < 9.8p1}, {@code 1.0.1 < 1.0.1f}) and after a pre-release word
 * ({@code 1.0rc1 < 1.0}). Hence {@code 8.2p1 < 8.9p1 < 9.3p2 < 9.8p1},
 * {@code 1.18.0 < 1.20.1}, {@code 2.4.49 < 2.4.50}.
 */
public final class Version implements Comparable<Version> {
    /** Words that mark a pre-release, lowest first. Everything else is a post-release word. */
    private static final List<String> PRE_RELEASE =
            List.of("dev", "snapshot", "alpha", "beta", "pre", "preview", "rc");

    private static final java.util.regex.Pattern PATCH_LEVEL =
            java.util.regex.Pattern.compile("(?i)(?<=\\d)(p\\d+)$");

    private static final int PRE = 0, END = 1, WORD = 2, NUMBER = 3;

    private final String text;
    private final List<String> segments;

    private Version(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    /** Parses a version string; never fails (an empty string is the lowest version). */
    public static Version of(String text) {
        Objects.requireNonNull(text, "version");
        String t = text.trim().toLowerCase(Locale.ROOT);
        List<String> segs = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (Character.isDigit(c)) {
                int j = i;
                while (j < t.length() && Character.isDigit(t.charAt(j))) j++;
                String num = t.substring(i, j).replaceFirst("^0+(?=.)", "");
                segs.add(num);
                i = j;
            } else if (Character.isLetter(c)) {
                int j = i;
                while (j < t.length() && Character.isLetter(t.charAt(j))) j++;
                segs.add(t.substring(i, j));
                i = j;
            } else {
                i++;
            }
        }
        return new Version(text.trim(), List.copyOf(segs));
    }

    /** Compares two version strings; see the class comment for the ordering. */
    public static int compare(String a, String b) {
        return of(a).compareTo(of(b));
    }

    /** The text this version was parsed from (trimmed). */
    public String text() {
        return text;
    }

    /**
     * The release without a trailing patch-level suffix of the form {@code pN}
     * (OpenSSH portable, FreeBSD): {@code 8.2p1 → 8.2}; other versions are returned unchanged.
     */
    public Version release() {
        String u = patchLevel();
        if (u == null) return this;
        return of(text.substring(0, text.length() - u.length()));
    }

    /**
     * The trailing patch-level suffix {@code pN} ({@code 8.2p1 → "p1"}), or null when the
     * version has none. The NVD encodes it in the CPE "update" field
     * ({@code cpe:2.3:a:openbsd:openssh:8.2:p1:…}).
     */
    public String patchLevel() {
        var m = PATCH_LEVEL.matcher(text);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    @Override
    public int compareTo(Version o) {
        int n = Math.max(segments.size(), o.segments.size());
        for (int i = 0; i < n; i++) {
            String a = i < segments.size() ? segments.get(i) : null;
            String b = i < o.segments.size() ? o.segments.get(i) : null;
            int c = compareSegment(a, b);
            if (c != 0) return c;
        }
        return 0;
    }

    private static int compareSegment(String a, String b) {
        int ka = kind(a), kb = kind(b);
        // a missing segment equals a zero number: 1.0 == 1.0.0
        if (ka == END && kb == NUMBER) return b.equals("0") ? 0 : -1;
        if (kb == END && ka == NUMBER) return a.equals("0") ? 0 : 1;
        if (ka != kb) return Integer.compare(ka, kb);
        switch (ka) {
            case END:
                return 0;
            case NUMBER:
                return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
            case PRE:
                return Integer.compare(PRE_RELEASE.indexOf(a), PRE_RELEASE.indexOf(b));
            default:
                return a.compareTo(b);
        }
    }

    private static int kind(String s) {
        if (s == null) return END;
        if (Character.isDigit(s.charAt(0))) return NUMBER;
        return PRE_RELEASE.contains(s) ? PRE : WORD;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version && compareTo((Version) o) == 0;
    }

    @Override
    public int hashCode() {
        // consistent with equals: trailing zero numbers do not count
        List<String> s = new ArrayList<>(segments);
        while (!s.isEmpty() && s.get(s.size() - 1).equals("0")) s.remove(s.size() - 1);
        return s.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
