package org.watchpost.store;

/** Hygiene for text that came from scanned hosts before it is stored in a short column. */
public final class Text {
    private Text() {
    }

    /** Drops control characters (keeps tab/newline as space) and bounds the length. */
    public static String clean(String s, int max) {
        if (s == null) return null;
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char ch = s.charAt(i);
            if (ch == '\t' || ch == '\n' || ch == '\r') b.append(' ');
            else if (!Character.isISOControl(ch)) b.append(ch);
        }
        return b.toString();
    }
}
