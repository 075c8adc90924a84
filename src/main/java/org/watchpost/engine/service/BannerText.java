package org.watchpost.engine.service;

/**
 * Renders received bytes as printable evidence: printable ASCII as is, {@code \r \n \t \\}
 * as two-character escapes, every other byte as {@code \xNN}. Output is bounded.
 */
public final class BannerText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private BannerText() {
    }

    /** Renders {@code data[0..len)} into at most {@code maxChars} characters (an escape is never cut). */
    public static String render(byte[] data, int len, int maxChars) {
        if (data == null || len <= 0 || maxChars <= 0) return "";
        int n = Math.min(len, data.length);
        StringBuilder sb = new StringBuilder(Math.min(maxChars, n * 2));
        for (int i = 0; i < n; i++) {
            int b = data[i] & 0xff;
            String esc = switch (b) {
                case '\r' -> "\\r";
                case '\n' -> "\\n";
                case '\t' -> "\\t";
                case '\\' -> "\\\\";
                default -> null;
            };
            if (esc != null) {
                if (sb.length() + 2 > maxChars) break;
                sb.append(esc);
            } else if (b >= 0x20 && b < 0x7f) {
                if (sb.length() + 1 > maxChars) break;
                sb.append((char) b);
            } else {
                if (sb.length() + 4 > maxChars) break;
                sb.append("\\x").append(HEX[b >> 4]).append(HEX[b & 15]);
            }
        }
        return sb.toString();
    }

    public static String render(byte[] data, int maxChars) {
        return data == null ? "" : render(data, data.length, maxChars);
    }
}
