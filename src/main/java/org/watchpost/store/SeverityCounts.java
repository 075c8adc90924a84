package org.watchpost.store;

import org.watchpost.engine.model.Severity;

/** Findings per severity. */
public record SeverityCounts(long critical, long high, long medium, long low, long info) {
    public static final SeverityCounts ZERO = new SeverityCounts(0, 0, 0, 0, 0);

    public long total() {
        return critical + high + medium + low + info;
    }

    public long get(Severity s) {
        return switch (s) {
            case CRITICAL -> critical;
            case HIGH -> high;
            case MEDIUM -> medium;
            case LOW -> low;
            case INFO -> info;
        };
    }

    /** The worst severity present, or null when there is none. */
    public Severity worst() {
        for (Severity s : Severity.values()) if (get(s) > 0) return s;
        return null;
    }

    public SeverityCounts plus(SeverityCounts o) {
        return new SeverityCounts(critical + o.critical, high + o.high, medium + o.medium, low + o.low, info + o.info);
    }
}
