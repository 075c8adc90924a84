package org.watchpost.engine.service;

import java.nio.charset.StandardCharsets;

/** Bounds-checked readers over untrusted bytes. Nothing here trusts a length from the peer. */
final class Bytes {
    private Bytes() {
    }

    static boolean startsWith(byte[] d, int n, String prefix) {
        if (n < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) if ((d[i] & 0xff) != prefix.charAt(i)) return false;
        return true;
    }

    static int u8(byte[] d, int i) {
        return d[i] & 0xff;
    }

    static int u16be(byte[] d, int i) {
        return ((d[i] & 0xff) << 8) | (d[i + 1] & 0xff);
    }

    static int i32be(byte[] d, int i) {
        return ((d[i] & 0xff) << 24) | ((d[i + 1] & 0xff) << 16) | ((d[i + 2] & 0xff) << 8) | (d[i + 3] & 0xff);
    }

    static int i32le(byte[] d, int i) {
        return (d[i] & 0xff) | ((d[i + 1] & 0xff) << 8) | ((d[i + 2] & 0xff) << 16) | ((d[i + 3] & 0xff) << 24);
    }

    static int u24le(byte[] d, int i) {
        return (d[i] & 0xff) | ((d[i + 1] & 0xff) << 8) | ((d[i + 2] & 0xff) << 16);
    }

    /** Latin-1 text of d[from..to), clipped to the array. */
    static String ascii(byte[] d, int from, int to) {
        from = Math.max(0, from);
        to = Math.min(to, d.length);
        if (to <= from) return "";
        return new String(d, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** First line (without CR/LF) of d[0..n), at most maxLen characters. */
    static String firstLine(byte[] d, int n, int maxLen) {
        int end = 0;
        int lim = Math.min(n, maxLen);
        while (end < lim && d[end] != '\n' && d[end] != '\r') end++;
        return ascii(d, 0, end);
    }

    /** True if every char is printable ASCII. */
    static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) return false;
        }
        return true;
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static int indexOf(byte[] d, int n, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i + needle.length <= n; i++) {
            for (int j = 0; j < needle.length; j++) if (d[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
