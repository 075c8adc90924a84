package org.watchpost.engine.target;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** IPv6 counterpart of {@link V4Ranges}: sorted, disjoint, non-adjacent inclusive intervals. Immutable. */
final class V6Ranges {

    record Interval(BigInteger start, BigInteger end) {
        BigInteger size() {
            return end.subtract(start).add(BigInteger.ONE);
        }
    }

    static final V6Ranges EMPTY = new V6Ranges(List.of());

    final List<Interval> intervals;
    /** Number of addresses; may be huge for an exclusion set. */
    final BigInteger size;

    private V6Ranges(List<Interval> intervals) {
        this.intervals = List.copyOf(intervals);
        BigInteger s = BigInteger.ZERO;
        for (Interval iv : intervals) s = s.add(iv.size());
        this.size = s;
    }

    boolean contains(BigInteger v) {
        int lo = 0, hi = intervals.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Interval iv = intervals.get(mid);
            if (v.compareTo(iv.start) < 0) hi = mid - 1;
            else if (v.compareTo(iv.end) > 0) lo = mid + 1;
            else return true;
        }
        return false;
    }

    V6Ranges minus(V6Ranges other) {
        if (other.intervals.isEmpty() || intervals.isEmpty()) return this;
        List<Interval> out = new ArrayList<>();
        List<Interval> ex = other.intervals;
        int j = 0;
        for (Interval iv : intervals) {
            BigInteger s = iv.start;
            BigInteger e = iv.end;
            while (j < ex.size() && ex.get(j).end.compareTo(s) < 0) j++;
            int k = j;
            while (s.compareTo(e) <= 0 && k < ex.size() && ex.get(k).start.compareTo(e) <= 0) {
                Interval x = ex.get(k);
                if (x.start.compareTo(s) > 0) out.add(new Interval(s, x.start.subtract(BigInteger.ONE)));
                BigInteger after = x.end.add(BigInteger.ONE);
                if (after.compareTo(s) > 0) s = after;
                k++;
            }
            if (s.compareTo(e) <= 0) out.add(new Interval(s, e));
        }
        return new V6Ranges(out);
    }

    static final class Builder {
        private static final Comparator<Interval> ORDER =
                Comparator.comparing(Interval::start).thenComparing(Interval::end);
        private List<Interval> list = new ArrayList<>();
        private int threshold = 1024;
        private int merged; // intervals left by the last compaction

        void add(BigInteger start, BigInteger end) {
            list.add(new Interval(start, end));
            if (list.size() >= threshold) {
                compact();
                if (list.size() > threshold / 2) threshold *= 2;
            }
        }

        int compact() {
            if (list.isEmpty()) return 0;
            list.sort(ORDER);
            List<Interval> merged = new ArrayList<>();
            BigInteger cs = list.get(0).start;
            BigInteger ce = list.get(0).end;
            for (int i = 1; i < list.size(); i++) {
                Interval iv = list.get(i);
                if (iv.start.compareTo(ce.add(BigInteger.ONE)) <= 0) {
                    if (iv.end.compareTo(ce) > 0) ce = iv.end;
                } else {
                    merged.add(new Interval(cs, ce));
                    cs = iv.start;
                    ce = iv.end;
                }
            }
            merged.add(new Interval(cs, ce));
            list = merged;
            this.merged = merged.size();
            return list.size();
        }

        /** True when the last merge (done whenever the list doubles) left more than {@code max} intervals. */
        boolean overflowed(int max) {
            return merged > max;
        }

        /** Addresses covered so far, each counted once. */
        BigInteger size() {
            compact();
            BigInteger s = BigInteger.ZERO;
            for (Interval iv : list) s = s.add(iv.size());
            return s;
        }

        V6Ranges build() {
            compact();
            return new V6Ranges(list);
        }
    }
}
