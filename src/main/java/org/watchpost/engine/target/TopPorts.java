package org.watchpost.engine.target;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Watchpost's own ranking of the TCP ports most often found open, from the resource
 * {@code top-ports.txt} beside this class (one port per line, rank order, {@code #} comments).
 * How it was assembled is in {@code docs/ports-ranking.md}. {@code top-N} is its first N entries.
 */
public final class TopPorts {

    /** Number of ranked ports in the resource. */
    public static final int SIZE = 1000;

    private TopPorts() {
    }

    private static final class Holder {
        static final int[] RANKED = load();
    }

    /** Number of ranked ports (1000). */
    public static int size() {
        return Holder.RANKED.length;
    }

    /** The first {@code n} ports of the ranking, in rank order (most common first). */
    public static int[] top(int n) {
        if (n < 0 || n > Holder.RANKED.length) {
            throw new IllegalArgumentException("n must be 0.." + Holder.RANKED.length + ", was " + n);
        }
        return Arrays.copyOf(Holder.RANKED, n);
    }

    /** 1-based rank of {@code port}, or -1 when it is not in the ranking. */
    public static int rank(int port) {
        int[] r = Holder.RANKED;
        for (int i = 0; i < r.length; i++) {
            if (r[i] == port) return i + 1;
        }
        return -1;
    }

    private static int[] load() {
        String name = "top-ports.txt";
        InputStream in = TopPorts.class.getResourceAsStream(name);
        if (in == null) throw new IllegalStateException("resource " + name + " is missing beside " + TopPorts.class);
        int[] out = new int[SIZE];
        BitSet seen = new BitSet(65536);
        int n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                int hash = line.indexOf('#');
                String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (s.isEmpty()) continue;
                int p;
                try {
                    p = Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(name + " line " + lineNo + ": '" + s + "' is not a port");
                }
                if (p < 1 || p > 65535) throw new IllegalStateException(name + " line " + lineNo + ": port " + p + " out of range");
                if (seen.get(p)) throw new IllegalStateException(name + " line " + lineNo + ": port " + p + " repeated");
                if (n == SIZE) throw new IllegalStateException(name + " has more than " + SIZE + " ports");
                seen.set(p);
                out[n++] = p;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n != SIZE) throw new IllegalStateException(name + " has " + n + " ports, expected " + SIZE);
        return out;
    }
}
