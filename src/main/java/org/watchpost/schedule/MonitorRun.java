package org.watchpost.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.watchpost.store.ScanIds;

/**
 * One time a monitor was due (or run by hand): the scan it started, or why it did not.
 *
 * @param scheduledFor the scheduled time this run stands for (the earliest missed one for a
 *                     catch-up); null for a manual run
 * @param startedAt    when the scheduler acted
 * @param scanId       the scan started, or null (skipped, failed, or the scan was deleted)
 * @param catchUp      true when it ran late for one or more scheduled times (app closed, asleep)
 * @param missedCount  how many scheduled times this catch-up stands for (0 when on time)
 * @param missedTimes  the latest of those times, at most {@link MonitorScheduler#MAX_MISSED_TIMES}
 * @param message      why it was skipped or failed, else null
 */
public record MonitorRun(long id, long monitorId, Instant scheduledFor, Instant startedAt, Long scanId, Outcome outcome,
                         Trigger trigger, boolean catchUp, int missedCount, List<Instant> missedTimes, String message) {

    /** What came of it. */
    public enum Outcome {
        /** A scan was started. */
        STARTED,
        /** Not run: the monitor's previous scan was still active. */
        SKIPPED,
        /** The scan could not be started (its configuration no longer validates, …). */
        FAILED
    }

    /** What made it run. */
    public enum Trigger {
        /** The first run, started with the monitor from the new-scan dialog. */
        FIRST,
        /** A regular timer tick. */
        SCHEDULE,
        /** The first tick after the application started. */
        STARTUP,
        /** A tick after the computer woke (the wall clock jumped). */
        WAKE,
        /** "Run now". */
        MANUAL,
        /** {@code watchpost monitors run-due} from a system timer. */
        EXTERNAL
    }

    public MonitorRun {
        missedTimes = List.copyOf(missedTimes);
    }

    /**
     * One line for people: "SCAN-12 started", "Catch-up for 3 missed runs (last: 2024-05-02 02:00): SCAN-12 started",
     * "Skipped: previous run still running (SCAN-11)".
     */
    public String describe(ZoneId zone) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
        String what = switch (outcome) {
            case STARTED -> (scanId == null ? "scan (deleted)" : ScanIds.format(scanId)) + " started";
            case SKIPPED, FAILED -> message == null ? outcome.name().toLowerCase(Locale.ROOT) : message;
        };
        if (!catchUp) return Character.toUpperCase(what.charAt(0)) + what.substring(1);
        String last = missedTimes.isEmpty() ? "" : " (last: " + f.format(missedTimes.get(missedTimes.size() - 1)) + ")";
        return "Catch-up for " + missedCount + (missedCount == 1 ? " missed run" : " missed runs") + last + ": " + what;
    }
}
