package org.watchpost.engine.vulndb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a CPE 2.3 formatted string that matching needs. Vendor, product, version and
 * update are unescaped ({@code erlang\/otp → erlang/otp}) and lower-cased; {@code *} means
 * ANY and {@code -} means NA, as in the specification.
 */
record Cpe(String part, String vendor, String product, String version, String update) {

    /**
     * Parses {@code cpe:2.3:part:vendor:product:version:update:…} (13 colon-separated
     * components, {@code \:} escapes honoured).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Cpe parse(String s) {
        if (s == null) throw new IllegalArgumentException("CPE is missing");
        if (!s.startsWith("cpe:2.3:")) throw new IllegalArgumentException("not a CPE 2.3 name: '" + s + "'");
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
            } else if (c == ':') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        if (parts.size() != 13) {
            throw new IllegalArgumentException("CPE 2.3 name must have 13 components, found " + parts.size() + ": '" + s + "'");
        }
        String part = parts.get(2);
        if (!part.equals("a") && !part.equals("o") && !part.equals("h") && !part.equals("*")) {
            throw new IllegalArgumentException("CPE part must be a, o or h: '" + s + "'");
        }
        if (parts.get(3).isEmpty() || parts.get(4).isEmpty()) {
            throw new IllegalArgumentException("CPE vendor and product must not be empty: '" + s + "'");
        }
        return new Cpe(part, lower(parts.get(3)), lower(parts.get(4)), lower(parts.get(5)), lower(parts.get(6)));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** True when the value is a concrete value rather than ANY ({@code *}), NA ({@code -}) or empty. */
    static boolean concrete(String v) {
        return v != null && !v.isEmpty() && !v.equals("*") && !v.equals("-");
    }
}
