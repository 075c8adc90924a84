package org.watchpost.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Short human renderings of durations and ages ("45 s", "2 h 5 min", "2 h ago", "1 day ago"). */
public final class TimeText {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private TimeText() {
    }

    public static String duration(Duration d) {
        if (d == null) return "";
        long s = Math.max(0, d.getSeconds());
        if (s < 60) return s + " s";
        long m = s / 60;
        if (m < 60) return m + " min " + (s % 60) + " s";
        long h = m / 60;
        if (h < 24) return h + " h " + (m % 60) + " min";
        return (h / 24) + " d " + (h % 24) + " h";
    }

    public static String age(Instant then, Instant now) {
        if (then == null) return "";
        long s = Math.max(0, Duration.between(then, now).getSeconds());
        if (s < 60) return "just now";
        long m = s / 60;
        if (m < 60) return m + " min ago";
        long h = m / 60;
        if (h < 24) return h + " h ago";
        long d = h / 24;
        if (d == 1) return "1 day ago";
        if (d < 60) return d + " days ago";
        return (d / 30) + " months ago";
    }

    /** Month, day and minutes, for narrow table cells (the full stamp is on the details page). */
    public static String shortStamp(Instant t, ZoneId zone) {
        return t == null ? "" : SHORT.format(t.atZone(zone));
    }

    public static String stamp(Instant t, ZoneId zone) {
        return t == null ? "" : STAMP.format(t.atZone(zone));
    }
}
