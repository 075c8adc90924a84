package org.watchpost.engine.service;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Just enough BSON to ask MongoDB who it is: write flat documents, read top-level scalars. */
final class Bson {
    private Bson() {
    }

    /** A flat document from name/value pairs (String, Integer, Double, Boolean values). */
    static byte[] doc(Object... kv) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            String name = (String) kv[i];
            Object v = kv[i + 1];
            if (v instanceof String s) {
                body.write(0x02);
                cstring(body, name);
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                int32(body, b.length + 1);
                body.writeBytes(b);
                body.write(0);
            } else if (v instanceof Integer n) {
                body.write(0x10);
                cstring(body, name);
                int32(body, n);
            } else if (v instanceof Double x) {
                body.write(0x01);
                cstring(body, name);
                long bits = Double.doubleToLongBits(x);
                for (int k = 0; k < 8; k++) body.write((int) (bits >>> (8 * k)));
            } else if (v instanceof Boolean b) {
                body.write(0x08);
                cstring(body, name);
                body.write(b ? 1 : 0);
            } else {
                throw new IllegalArgumentException("unsupported BSON value for " + name);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int32(out, body.size() + 5);
        out.writeBytes(body.toByteArray());
        out.write(0);
        return out.toByteArray();
    }

    static void cstring(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    static void int32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    /**
     * Top-level scalar fields (string, int32, int64, double, boolean) of the document at
     * {@code off}; nested values are skipped. Returns null if the bytes are not a document.
     * The declared length is clipped to the bytes present.
     */
    static Map<String, Object> read(byte[] d, int n, int off) {
        if (off < 0 || off + 5 > n) return null;
        int declared = Bytes.i32le(d, off);
        if (declared < 5) return null;
        int end = (int) Math.min((long) n, (long) off + declared);
        Map<String, Object> out = new LinkedHashMap<>();
        int p = off + 4;
        while (p < end && out.size() < 200) {
            int type = d[p++] & 0xff;
            if (type == 0) return out;
            int z = p;
            while (z < end && d[z] != 0) z++;
            if (z >= end) return out;
            String name = new String(d, p, z - p, StandardCharsets.UTF_8);
            p = z + 1;
            switch (type) {
                case 0x01 -> {
                    if (p + 8 > end) return out;
                    long bits = (Bytes.i32le(d, p) & 0xffffffffL) | ((long) Bytes.i32le(d, p + 4) << 32);
                    out.put(name, Double.longBitsToDouble(bits));
                    p += 8;
                }
                case 0x02, 0x0d, 0x0e -> {
                    if (p + 4 > end) return out;
                    int len = Bytes.i32le(d, p);
                    if (len < 1 || (long) p + 4 + len > end) return out;
                    if (type == 0x02) out.put(name, new String(d, p + 4, len - 1, StandardCharsets.UTF_8));
                    p += 4 + len;
                }
                case 0x03, 0x04 -> {
                    if (p + 4 > end) return out;
                    int len = Bytes.i32le(d, p);
                    if (len < 5 || (long) p + len > end) return out;
                    p += len;
                }
                case 0x05 -> {
                    if (p + 5 > end) return out;
                    int len = Bytes.i32le(d, p);
                    if (len < 0 || (long) p + 5 + len > end) return out;
                    p += 5 + len;
                }
                case 0x07 -> p += 12;
                case 0x08 -> {
                    if (p + 1 > end) return out;
                    out.put(name, d[p] != 0);
                    p += 1;
                }
                case 0x09, 0x11 -> p += 8;
                case 0x12 -> {
                    if (p + 8 > end) return out;
                    out.put(name, (Bytes.i32le(d, p) & 0xffffffffL) | ((long) Bytes.i32le(d, p + 4) << 32));
                    p += 8;
                }
                case 0x0a, 0x06, 0xff, 0x7f -> {
                    // no value bytes
                }
                case 0x10 -> {
                    if (p + 4 > end) return out;
                    out.put(name, Bytes.i32le(d, p));
                    p += 4;
                }
                case 0x13 -> p += 16;
                default -> {
                    return out; // unknown type: cannot know its size, stop here
                }
            }
        }
        return out;
    }
}
