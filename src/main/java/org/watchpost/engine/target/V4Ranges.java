package org.watchpost.engine.target;

import java.util.Arrays;

/**
 * A set of IPv4 addresses stored as sorted, disjoint, non-adjacent inclusive intervals
 * ({@code starts[i]..ends[i]}, unsigned 32-bit values held in longs). Immutable.
 */
final class V4Ranges {

    static final V4Ranges EMPTY = new V4Ranges(new long[0], new long[0]);

    final long[] starts;
    final long[] ends;
    final long size;

    private V4Ranges(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
        long s = 0;
        for (int i = 0; i < starts.length; i++) s += ends[i] - starts[i] + 1;
        this.size = s;
    }

    int intervals() {
        return starts.length;
    }

    boolean contains(long v) {
        int i = Arrays.binarySearch(starts, v);
        if (i >= 0) return true;
        int before = -i - 2;
        return before >= 0 && v <= ends[before];
    }

    /** This set minus {@code other}; both are merged, so one linear pass does it. */
    V4Ranges minus(V4Ranges other) {
        if (other.starts.length == 0 || starts.length == 0) return this;
        long[] rs = new long[starts.length + other.starts.length];
        long[] re = new long[rs.length];
        int n = 0;
        int j = 0;
        for (int i = 0; i < starts.length; i++) {
            long s = starts[i];
            long e = ends[i];
            while (j < other.starts.length && other.ends[j] < s) j++;
            int k = j;
            while (s <= e && k < other.starts.length && other.starts[k] <= e) {
                if (other.starts[k] > s) {
                    if (n == rs.length) {
                        rs = Arrays.copyOf(rs, n * 2);
                        re = Arrays.copyOf(re, n * 2);
                    }
                    rs[n] = s;
                    re[n++] = other.starts[k] - 1;
                }
                s = Math.max(s, other.ends[k] + 1);
                k++;
            }
            if (s <= e) {
                if (n == rs.length) {
                    rs = Arrays.copyOf(rs, n * 2);
                    re = Arrays.copyOf(re, n * 2);
                }
                rs[n] = s;
                re[n++] = e;
            }
        }
        return new V4Ranges(Arrays.copyOf(rs, n), Arrays.copyOf(re, n));
    }

    /**
     * Collects intervals in any order with overlaps; keeps memory bounded by the number of
     * distinct intervals by sorting and merging whenever its buffer fills.
     */
    static final class Builder {
        // each entry packs start << 32 | end, sign bit flipped so signed sort == unsigned order
        private long[] buf = new long[64];
        private int n;
        private int merged; // intervals left by the last compaction

        void add(long start, long end) {
            if (n == buf.length) {
                compact();
                if (n > buf.length / 2) buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[n++] = ((start << 32) | end) ^ Long.MIN_VALUE;
        }

        /** Number of disjoint intervals after merging what was added so far. */
        int compact() {
            if (n == 0) return 0;
            Arrays.sort(buf, 0, n);
            int out = 0;
            long cs = start(buf[0]);
            long ce = end(buf[0]);
            for (int i = 1; i < n; i++) {
                long s = start(buf[i]);
                long e = end(buf[i]);
                if (s <= ce + 1) {
                    ce = Math.max(ce, e);
                } else {
                    buf[out++] = ((cs << 32) | ce) ^ Long.MIN_VALUE;
                    cs = s;
                    ce = e;
                }
            }
            buf[out++] = ((cs << 32) | ce) ^ Long.MIN_VALUE;
            n = out;
            merged = out;
            return n;
        }

        /**
         * True when the last merge left more than {@code max} separate intervals. Merging happens
         * whenever the buffer fills, so memory stays within a small multiple of {@code max}.
         */
        boolean overflowed(int max) {
            return merged > max;
        }

        /** Addresses covered so far, each counted once. */
        long size() {
            compact();
            long s = 0;
            for (int i = 0; i < n; i++) s += end(buf[i]) - start(buf[i]) + 1;
            return s;
        }

        V4Ranges build() {
            compact();
            long[] s = new long[n];
            long[] e = new long[n];
            for (int i = 0; i < n; i++) {
                s[i] = start(buf[i]);
                e[i] = end(buf[i]);
            }
            return new V4Ranges(s, e);
        }

        private static long start(long packed) {
            return (packed ^ Long.MIN_VALUE) >>> 32;
        }

        private static long end(long packed) {
            return (packed ^ Long.MIN_VALUE) & 0xffffffffL;
        }
    }
}
