package org.watchpost.schedule;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often a monitor runs. Times are wall-clock times in the zone passed to {@link #next}
 * (the app passes the system zone).
 *
 * <p>Daylight saving time: a daily, weekly or monthly time that does not exist on a
 * spring-forward day (02:30 in Europe/Berlin on the last Sunday of March) runs at the shifted
 * time that day (03:30); a time that occurs twice on a fall-back day runs once, at its first
 * occurrence. Hourly runs follow real hours: the repeated hour of a fall-back night has its run
 * too. Cron expressions follow cron-utils, which skips times that do not exist.
 *
 * <p>Monthly on day 29, 30 or 31: in shorter months it runs on the month's last day (clamped,
 * so it runs every month). A cron expression such as {@code 0 2 31 * *} instead skips months
 * without that day, as cron does.
 *
 * <p>Stored as two text columns ({@link #kind()}, {@link #expression()}); {@link #decode} reads
 * them back and {@link #parse} reads the one-line form {@code "<kind> <expression>"} used by
 * the CLI ("daily 02:00", "weekly mon 06:30", "monthly 31 02:00", "hourly 15",
 * "cron *&#47;15 * * * *").
 */
public sealed interface Frequency permits Frequency.Hourly, Frequency.Daily, Frequency.Weekly, Frequency.Monthly,
        Frequency.Cron {

    /** The first run time strictly after {@code after}. */
    Instant next(Instant after, ZoneId zone);

    /** For people: "Daily at 02:00", "Every Monday at 06:30", "Every 15 minutes (cron: *&#47;15 * * * *)". */
    String describe();

    /** Stored kind: hourly, daily, weekly, monthly or cron. */
    String kind();

    /** Stored expression for {@link #kind()}: "15", "02:00", "MON 06:30", "31 02:00", a cron expression. */
    String expression();

    /** The one-line text form, {@code kind + " " + expression}, that {@link #parse} reads. */
    default String encode() {
        return kind() + " " + expression();
    }

    static Hourly hourly(int minute) {
        return new Hourly(minute);
    }

    static Daily daily(LocalTime time) {
        return new Daily(time);
    }

    static Weekly weekly(DayOfWeek day, LocalTime time) {
        return new Weekly(day, time);
    }

    static Monthly monthly(int dayOfMonth, LocalTime time) {
        return new Monthly(dayOfMonth, time);
    }

    /**
     * A five-field UNIX cron expression (minute hour day-of-month month day-of-week).
     *
     * @throws IllegalArgumentException naming the expression and the bad field
     */
    static Cron cron(String expression) {
        return new Cron(expression);
    }

    /**
     * Reads the stored (kind, expression) pair.
     *
     * @throws IllegalArgumentException naming the bad kind or expression
     */
    static Frequency decode(String kind, String expression) {
        if (kind == null || kind.isBlank()) throw new IllegalArgumentException("schedule kind is missing (expected hourly, daily, weekly, monthly or cron)");
        String e = expression == null ? "" : expression.strip();
        return switch (kind.strip().toLowerCase(Locale.ROOT)) {
            case "hourly" -> new Hourly(parseMinute(e));
            case "daily" -> new Daily(parseTime(e, "daily"));
            case "weekly" -> {
                String[] p = e.split("\\s+");
                if (p.length != 2) throw new IllegalArgumentException("weekly schedule '" + e + "': expected a day and a time, e.g. 'mon 06:30'");
                yield new Weekly(parseDay(p[0]), parseTime(p[1], "weekly"));
            }
            case "monthly" -> {
                String[] p = e.split("\\s+");
                if (p.length != 2) throw new IllegalArgumentException("monthly schedule '" + e + "': expected a day of the month and a time, e.g. '1 02:00'");
                int day;
                try {
                    day = Integer.parseInt(p[0]);
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException("monthly schedule '" + e + "': '" + p[0] + "' is not a day of the month (1-31)");
                }
                yield new Monthly(day, parseTime(p[1], "monthly"));
            }
            case "cron" -> new Cron(e);
            default -> throw new IllegalArgumentException("unknown schedule kind '" + kind.strip() + "' (expected hourly, daily, weekly, monthly or cron)");
        };
    }

    /**
     * Reads the one-line form: {@code "daily 02:00"}, {@code "weekly mon 06:30"}, {@code "monthly 31 02:00"},
     * {@code "hourly 15"}, {@code "cron 0 2 * * 1-5"}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Frequency parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) throw new IllegalArgumentException("schedule is missing (e.g. 'daily 02:00' or 'cron 0 2 * * *')");
        int sp = t.indexOf(' ');
        if (sp < 0) throw new IllegalArgumentException("schedule '" + t + "' lacks a time (e.g. 'daily 02:00', 'hourly 15')");
        return decode(t.substring(0, sp), t.substring(sp + 1));
    }

    // ------------------------------------------------------------------ kinds

    /** Every hour at {@code minute} past the hour. */
    record Hourly(int minute) implements Frequency {
        public Hourly {
            if (minute < 0 || minute > 59) throw new IllegalArgumentException("hourly schedule: minute " + minute + " is out of range 0-59");
        }

        @Override
        public Instant next(Instant after, ZoneId zone) {
            // walk real hours from the top of the current local hour; covers zones with 30/45-minute offsets
            ZonedDateTime hour = after.atZone(zone).truncatedTo(ChronoUnit.HOURS);
            for (int i = 0; i < 4; i++) {
                ZonedDateTime candidate = hour.plusMinutes(minute);
                if (candidate.toInstant().isAfter(after)) return candidate.toInstant();
                hour = hour.plusHours(1);
            }
            throw new IllegalStateException("no hourly run found after " + after); // unreachable
        }

        @Override
        public String describe() {
            return "Hourly at :" + two(minute);
        }

        @Override
        public String kind() {
            return "hourly";
        }

        @Override
        public String expression() {
            return Integer.toString(minute);
        }
    }

    /** Every day at a wall-clock time. */
    record Daily(LocalTime time) implements Frequency {
        public Daily {
            time = minutes(time, "daily");
        }

        @Override
        public Instant next(Instant after, ZoneId zone) {
            LocalDate d = after.atZone(zone).toLocalDate();
            for (int i = 0; i < 3; i++, d = d.plusDays(1)) {
                Instant t = at(d, time, zone);
                if (t.isAfter(after)) return t;
            }
            throw new IllegalStateException("no daily run found after " + after); // unreachable
        }

        @Override
        public String describe() {
            return "Daily at " + hhmm(time);
        }

        @Override
        public String kind() {
            return "daily";
        }

        @Override
        public String expression() {
            return hhmm(time);
        }
    }

    /** Every week on a day at a wall-clock time. */
    record Weekly(DayOfWeek day, LocalTime time) implements Frequency {
        public Weekly {
            if (day == null) throw new IllegalArgumentException("weekly schedule: the day of the week is missing");
            time = minutes(time, "weekly");
        }

        @Override
        public Instant next(Instant after, ZoneId zone) {
            LocalDate d = after.atZone(zone).toLocalDate().with(TemporalAdjusters.nextOrSame(day));
            for (int i = 0; i < 3; i++, d = d.plusWeeks(1)) {
                Instant t = at(d, time, zone);
                if (t.isAfter(after)) return t;
            }
            throw new IllegalStateException("no weekly run found after " + after); // unreachable
        }

        @Override
        public String describe() {
            return "Every " + day.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " at " + hhmm(time);
        }

        @Override
        public String kind() {
            return "weekly";
        }

        @Override
        public String expression() {
            return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT) + " " + hhmm(time);
        }
    }

    /** Every month on a day (29-31 clamp to the last day of shorter months) at a wall-clock time. */
    record Monthly(int dayOfMonth, LocalTime time) implements Frequency {
        public Monthly {
            if (dayOfMonth < 1 || dayOfMonth > 31) {
                throw new IllegalArgumentException("monthly schedule: day " + dayOfMonth + " is out of range 1-31");
            }
            time = minutes(time, "monthly");
        }

        @Override
        public Instant next(Instant after, ZoneId zone) {
            LocalDate first = after.atZone(zone).toLocalDate().withDayOfMonth(1);
            for (int i = 0; i < 3; i++, first = first.plusMonths(1)) {
                LocalDate d = first.withDayOfMonth(Math.min(dayOfMonth, first.lengthOfMonth()));
                Instant t = at(d, time, zone);
                if (t.isAfter(after)) return t;
            }
            throw new IllegalStateException("no monthly run found after " + after); // unreachable
        }

        @Override
        public String describe() {
            return "Monthly on day " + dayOfMonth + " at " + hhmm(time) + (dayOfMonth > 28 ? " (the last day in shorter months)" : "");
        }

        @Override
        public String kind() {
            return "monthly";
        }

        @Override
        public String expression() {
            return dayOfMonth + " " + hhmm(time);
        }
    }

    /** A five-field UNIX cron expression, parsed and validated with cron-utils. */
    record Cron(String expression) implements Frequency {
        private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
        private static final String[] FIELDS = {"minute", "hour", "day-of-month", "month", "day-of-week"};
        private static final Pattern OUT_OF_RANGE = Pattern.compile("Value (\\S+) not in range \\[(\\d+), (\\d+)\\]");

        public Cron {
            expression = expression == null ? "" : expression.strip().replaceAll("\\s+", " ");
            com.cronutils.model.Cron parsed = parseCron(expression);
            if (ExecutionTime.forCron(parsed).nextExecution(ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC")))
                    .filter(t -> t.getYear() < 2030).isEmpty()) {
                throw new IllegalArgumentException("cron expression '" + expression + "' never fires (no matching date)");
            }
        }

        private static com.cronutils.model.Cron parseCron(String expression) {
            if (expression.isEmpty()) {
                throw new IllegalArgumentException("cron expression is empty (expected five fields: minute hour day-of-month month day-of-week)");
            }
            if (expression.startsWith("@")) {
                throw new IllegalArgumentException("cron expression '" + expression + "': nicknames such as @daily are not supported;"
                        + " use five fields (e.g. '0 0 * * *') or the daily/weekly/monthly schedules");
            }
            String[] parts = expression.split(" ");
            if (parts.length != 5) {
                throw new IllegalArgumentException("cron expression '" + expression + "' has " + parts.length
                        + (parts.length == 1 ? " field" : " fields") + "; expected 5 (minute hour day-of-month month day-of-week)");
            }
            CronParser parser = new CronParser(UNIX);
            try {
                com.cronutils.model.Cron c = parser.parse(expression);
                c.validate();
                return c;
            } catch (IllegalArgumentException whole) {
                // name the field: parse each one alone, the others as '*'
                for (int i = 0; i < 5; i++) {
                    String[] probe = {"*", "*", "*", "*", "*"};
                    probe[i] = parts[i];
                    try {
                        parser.parse(String.join(" ", probe)).validate();
                    } catch (IllegalArgumentException field) {
                        Matcher m = OUT_OF_RANGE.matcher(String.valueOf(field.getMessage()));
                        String why = m.find()
                                ? FIELDS[i] + " " + m.group(1) + " is out of range (" + m.group(2) + "-" + m.group(3) + ")"
                                : FIELDS[i] + " field '" + parts[i] + "' is invalid: " + clean(field.getMessage());
                        throw new IllegalArgumentException("cron expression '" + expression + "': " + why, field);
                    }
                }
                throw new IllegalArgumentException("cron expression '" + expression + "' is invalid: " + clean(whole.getMessage()), whole);
            }
        }

        private static String clean(String cronUtilsMessage) {
            String m = cronUtilsMessage == null ? "not understood" : cronUtilsMessage;
            return m.replace("Failed to parse cron expression. ", "").strip();
        }

        @Override
        public Instant next(Instant after, ZoneId zone) {
            // cron-utils answers "strictly after" at minute resolution
            Optional<ZonedDateTime> n = CronCache.of(expression).nextExecution(after.atZone(zone));
            return n.map(ZonedDateTime::toInstant)
                    .orElseThrow(() -> new IllegalStateException("cron expression '" + expression + "' has no run after " + after));
        }

        @Override
        public String describe() {
            String d;
            try {
                d = CronDescriptor.instance(Locale.UK).describe(parseCron(expression));
            } catch (RuntimeException e) {
                d = null;
            }
            return d == null || d.isBlank() ? "Cron: " + expression
                    : Character.toUpperCase(d.charAt(0)) + d.substring(1) + " (cron: " + expression + ")";
        }

        @Override
        public String kind() {
            return "cron";
        }
    }

    // ------------------------------------------------------------------ helpers


    private static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
        // ZonedDateTime.of shifts a time in a DST gap forward by the gap and picks the earlier offset in an overlap
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    private static LocalTime minutes(LocalTime t, String what) {
        if (t == null) throw new IllegalArgumentException(what + " schedule: the time of day is missing");
        return t.truncatedTo(ChronoUnit.MINUTES);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String hhmm(LocalTime t) {
        return two(t.getHour()) + ":" + two(t.getMinute());
    }

    private static int parseMinute(String e) {
        String t = e.startsWith(":") ? e.substring(1) : e;
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException("hourly schedule '" + e + "': expected the minute past the hour, 0-59");
        }
    }

    private static LocalTime parseTime(String e, String what) {
        try {
            String t = e.length() == 4 && e.charAt(1) == ':' ? "0" + e : e;
            return LocalTime.parse(t);
        } catch (DateTimeParseException x) {
            throw new IllegalArgumentException(what + " schedule: '" + e + "' is not a time of day (expected HH:mm, e.g. 02:00)");
        }
    }

    private static DayOfWeek parseDay(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(t) || d.name().startsWith(t) && t.length() >= 3) return d;
        }
        throw new IllegalArgumentException("weekly schedule: '" + s + "' is not a day of the week (mon, tue, … sun)");
    }
}

/** Parsed cron expressions, so that counting missed runs does not re-parse each time. */
final class CronCache {
    private static final int MAX = 256;
    private static final java.util.Map<String, ExecutionTime> EXECUTION = new java.util.concurrent.ConcurrentHashMap<>();

    private CronCache() {
    }

    static ExecutionTime of(String expression) {
        ExecutionTime t = EXECUTION.get(expression);
        if (t != null) return t;
        if (EXECUTION.size() >= MAX) EXECUTION.clear();
        return EXECUTION.computeIfAbsent(expression, e -> ExecutionTime.forCron(
                new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX)).parse(e)));
    }
}
