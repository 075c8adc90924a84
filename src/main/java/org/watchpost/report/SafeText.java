package org.watchpost.report;

import java.util.function.IntPredicate;

/**
 * Makes untrusted text (banners, headers, certificate fields, evidence) safe to print: control
 * characters become spaces (newlines may be kept), bidirectional overrides and marks are
 * dropped so they cannot reorder what follows, code points the font cannot draw become
 * {@code '?'}, and very long text is cut with a visible "… (N more characters)" marker.
 */
public final class SafeText {
    /** Default cap for one field in a report. */
    public static final int DEFAULT_MAX = 2000;

    private SafeText() {
    }

    /** The marker appended to a cut text: {@code "… (N more characters)"}. */
    public static String truncationMarker(long more) {
        return "… (" + String.format(java.util.Locale.ROOT, "%,d", more) + " more characters)";
    }

    /** True for the explicit bidi controls and marks (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C). */
    public static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }

    /**
     * Cleans {@code s} for printing.
     *
     * @param s          text, may be null (gives "")
     * @param max        largest number of characters kept before the truncation marker
     * @param keepLines  keep line breaks (as '\n'); otherwise they become spaces
     * @param drawable   which code points the font can draw; null accepts all
     */
    public static String clean(String s, int max, boolean keepLines, IntPredicate drawable) {
        if (s == null || s.isEmpty()) return "";
        int limit = Math.min(s.length(), Math.max(1, max));
        StringBuilder b = new StringBuilder(limit + 32);
        int i = 0;
        while (i < limit) {
            char ch = s.charAt(i);
            if (ch >= 0x20 && ch < 0x7F) { // printable ASCII: every bundled font draws it
                b.append(ch);
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (i + n > limit && n == 2) break; // do not split a pair at the cut
            i += n;
            if (cp == '\r') {
                if (i < s.length() && s.charAt(i) == '\n') continue; // CRLF: the LF follows
                b.append(keepLines ? '\n' : ' ');
            } else if (cp == '\n') {
                b.append(keepLines ? '\n' : ' ');
            } else if (cp == '\t') {
                b.append(' ');
            } else if (Character.isISOControl(cp) || isBidiControl(cp)) {
                if (!isBidiControl(cp)) b.append(' ');
            } else if (Character.isSurrogate((char) cp) || cp == 0xFEFF || Character.getType(cp) == Character.UNASSIGNED
                    || Character.getType(cp) == Character.PRIVATE_USE) {
                b.append('?');
            } else if (drawable != null && !drawable.test(cp)) {
                b.append('?');
            } else {
                b.appendCodePoint(cp);
            }
        }
        if (i < s.length()) b.append(' ').append(truncationMarker(s.length() - i));
        return b.toString();
    }

    /** {@link #clean(String, int, boolean, IntPredicate)} on one line, any font, {@link #DEFAULT_MAX}. */
    public static String line(String s) {
        return clean(s, DEFAULT_MAX, false, null);
    }
}
