package org.watchpost.engine.check;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Bounded reading and evidence rendering shared by the checks. */
final class Io {
    private Io() {
    }

    /** Reads exactly n bytes or throws EOFException. */
    static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) throw new EOFException("connection closed after " + off + " of " + n + " bytes");
            off += r;
        }
        return b;
    }

    /**
     * Reads one line terminated by LF (a preceding CR is dropped), at most max bytes.
     * Returns null on EOF before any byte.
     */
    static String readLine(InputStream in, int max) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (b.size() < max) {
            int c = in.read();
            if (c < 0) {
                if (b.size() == 0) return null;
                break;
            }
            if (c == '\n') break;
            b.write(c);
        }
        byte[] a = b.toByteArray();
        int len = a.length;
        if (len > 0 && a[len - 1] == '\r') len--;
        return new String(a, 0, len, StandardCharsets.ISO_8859_1);
    }

    static void writeAscii(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Printable rendering: ASCII kept, CR/LF as \r \n, other bytes as \xNN; at most max input bytes. */
    static String printable(byte[] b, int off, int len, int max) {
        StringBuilder sb = new StringBuilder();
        int end = Math.min(off + len, off + max);
        for (int i = off; i < end; i++) {
            int c = b[i] & 0xff;
            if (c == '\r') sb.append("\\r");
            else if (c == '\n') sb.append("\\n");
            else if (c >= 0x20 && c < 0x7f) sb.append((char) c);
            else sb.append(String.format("\\x%02x", c));
        }
        if (len > max) sb.append("…");
        return sb.toString();
    }

    static String printable(String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return printable(b, 0, b.length, max);
    }

    /** Hex of at most max bytes, space separated. */
    static String hex(byte[] b, int off, int len, int max) {
        StringBuilder sb = new StringBuilder();
        int end = Math.min(off + len, off + max);
        for (int i = off; i < end; i++) {
            if (i > off) sb.append(' ');
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        if (len > max) sb.append(" …");
        return sb.toString();
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    static boolean isIpLiteral(String host) {
        return host != null && (IPV4.matcher(host).matches() || host.indexOf(':') >= 0);
    }

}
