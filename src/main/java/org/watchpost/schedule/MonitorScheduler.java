package org.watchpost.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.engine.InvalidScanConfigException;
import org.watchpost.store.ScanIds;

/**
 * Starts monitor scans when they are due.
 *
 * <p>The app calls {@link #tick()} from a timer every {@link #period()} (about 30 s). A tick
 * that comes more than twice the period after the previous one means the computer slept or
 * the clock jumped: it is recorded as a WAKE. The first tick after start-up is a STARTUP.
 *
 * <p>Rules, per monitor:
 * <ul>
 *   <li>Due when enabled and its next run time has passed.</li>
 *   <li>Missed times (app closed, laptop asleep, timer late by more than twice the period)
 *       give ONE catch-up run, recording how many scheduled times it stands for and the latest
 *       {@value #MAX_MISSED_TIMES} of them.</li>
 *   <li>Never two runs at once: if one of its scans is still active, the run is recorded as
 *       SKIPPED ("skipped: previous run still running (SCAN-n)") and no scan starts.</li>
 *   <li>After a run (started, skipped or failed), the next run is the first scheduled time
 *       after now.</li>
 *   <li>Two processes (the app and {@code watchpost monitors run-due}) never both run the same
 *       due time: each claims it in the database first.</li>
 * </ul>
 */
public final class MonitorScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorScheduler.class);

    /** How often the app should call {@link #tick()}. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);
    /** Most missed times kept per catch-up run (the count is exact up to {@value #MAX_COUNTED}). */
    public static final int MAX_MISSED_TIMES = 20;
    /** Missed scheduled times are counted up to this many. */
    public static final int MAX_COUNTED = 100_000;
    /** How many of a monitor's newest scans are checked for still being active. */
    private static final int OVERLAP_WINDOW = 3;

    private final MonitorRepository monitors;
    private final ScanStarter starter;
    private final Clock clock;
    private final Duration period;
    private Instant lastTick;
    private boolean lastTickWasWake;

    public MonitorScheduler(MonitorRepository monitors, ScanStarter starter, Clock clock) {
        this(monitors, starter, clock, DEFAULT_PERIOD);
    }

    /**
     * @param period how often {@link #tick()} is called; a run later than twice this is a catch-up,
     *               and a gap between ticks longer than twice this is a wake
     */
    public MonitorScheduler(MonitorRepository monitors, ScanStarter starter, Clock clock, Duration period) {
        if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("the tick period must be positive");
        this.monitors = monitors;
        this.starter = starter;
        this.clock = clock;
        this.period = period;
    }

    public Duration period() {
        return period;
    }

    /** Whether the latest {@link #tick()} was treated as a wake from sleep. */
    public synchronized boolean lastTickWasWake() {
        return lastTickWasWake;
    }

    /**
     * The timer's entry point: detects start-up and wake, then {@link #runDue(MonitorRun.Trigger)}.
     *
     * @return the runs recorded (started, skipped or failed)
     */
    public synchronized List<MonitorRun> tick() {
        Instant now = clock.instant();
        MonitorRun.Trigger trigger;
        if (lastTick == null) {
            trigger = MonitorRun.Trigger.STARTUP;
        } else if (Duration.between(lastTick, now).compareTo(period.multipliedBy(2)) > 0) {
            trigger = MonitorRun.Trigger.WAKE;
            LOG.info("monitor timer: {} s since the last tick, treating it as a wake from sleep",
                    Duration.between(lastTick, now).toSeconds());
        } else {
            trigger = MonitorRun.Trigger.SCHEDULE;
        }
        lastTickWasWake = trigger == MonitorRun.Trigger.WAKE;
        lastTick = now;
        return runDue(trigger);
    }

    /** Runs what is due now (trigger SCHEDULE); see {@link #runDue(MonitorRun.Trigger)}. */
    public List<MonitorRun> runDue() {
        return runDue(MonitorRun.Trigger.SCHEDULE);
    }

    /**
     * Runs every monitor that is due now, at most once each, following the class rules.
     *
     * @return the runs recorded, in order: STARTED ones started a scan; SKIPPED and FAILED ones say why not
     */
    public synchronized List<MonitorRun> runDue(MonitorRun.Trigger trigger) {
        Instant now = clock.instant();
        List<MonitorRun> out = new ArrayList<>();
        for (Monitor m : monitors.due(now)) {
            try {
                MonitorRun r = runOne(m, now, trigger);
                if (r != null) out.add(r);
            } catch (RuntimeException e) {
                LOG.warn("monitor {} could not run: {}", m.displayId(), e.toString());
            }
        }
        return out;
    }

    private MonitorRun runOne(Monitor m, Instant now, MonitorRun.Trigger trigger) {
        Instant first = m.nextRunAt();
        Deque<Instant> latest = new ArrayDeque<>();
        int count = 0;
        Instant t = first;
        while (t != null && !t.isAfter(now) && count < MAX_COUNTED) {
            count++;
            latest.addLast(t);
            if (latest.size() > MAX_MISSED_TIMES) latest.removeFirst();
            t = m.frequency().next(t, monitors.zone());
        }
        Instant lastDue = latest.isEmpty() ? first : latest.getLast();
        boolean catchUp = count > 1 || Duration.between(lastDue, now).compareTo(period.multipliedBy(2)) > 0;
        Instant next = m.frequency().next(now, monitors.zone());
        if (!monitors.claim(m.id(), first, next)) {
            LOG.debug("monitor {} was run by another process", m.displayId());
            return null;
        }
        int missed = catchUp ? count : 0;
        List<Instant> missedTimes = catchUp ? new ArrayList<>(latest) : List.of();
        return startUnlessBusy(m, first, trigger, catchUp, missed, missedTimes);
    }

    private MonitorRun startUnlessBusy(Monitor m, Instant scheduledFor, MonitorRun.Trigger trigger, boolean catchUp, int missed,
                                       List<Instant> missedTimes) {
        for (long scanId : monitors.recentScanIds(m.id(), OVERLAP_WINDOW)) {
            if (starter.isActive(scanId)) {
                String why = "skipped: previous run still running (" + ScanIds.format(scanId) + ")";
                LOG.info("monitor {} {}", m.displayId(), why);
                return monitors.recordRun(m.id(), scheduledFor, null, MonitorRun.Outcome.SKIPPED, trigger,
                        catchUp, missed, missedTimes, why);
            }
        }
        try {
            long scanId = starter.start(m.name(), m.config(), m.id());
            String note = catchUp ? " (catch-up for " + missed + (missed == 1 ? " missed run)" : " missed runs)") : "";
            LOG.info("monitor {} started {}{}", m.displayId(), ScanIds.format(scanId), note);
            monitors.noteOnScan(scanId, "started by monitor " + m.displayId() + " '" + m.name() + "' ("
                    + trigger.name().toLowerCase(java.util.Locale.ROOT) + ")" + note);
            return monitors.recordRun(m.id(), scheduledFor, scanId, MonitorRun.Outcome.STARTED, trigger, catchUp, missed, missedTimes, null);
        } catch (InvalidScanConfigException | RuntimeException e) {
            String why = "could not start: " + e.getMessage();
            LOG.warn("monitor {} {}", m.displayId(), why);
            return monitors.recordRun(m.id(), scheduledFor, null, MonitorRun.Outcome.FAILED, trigger, catchUp, missed, missedTimes, why);
        }
    }

    /**
     * Creates a monitor and starts its first scan at once (trigger FIRST): what the new-scan
     * dialog does when "repeat on a schedule" is ticked. If the scan cannot start, the monitor
     * is not kept.
     *
     * @return the first run (its {@code scanId} is the new scan; {@code monitorId} the new monitor)
     * @throws InvalidScanConfigException when the configuration does not validate (nothing is created)
     */
    public synchronized MonitorRun createAndStart(String name, org.watchpost.engine.model.ScanConfig config, Frequency frequency)
            throws InvalidScanConfigException {
        Monitor m = monitors.create(name, config, frequency);
        long scanId;
        try {
            scanId = starter.start(m.name(), m.config(), m.id());
        } catch (InvalidScanConfigException | RuntimeException e) {
            monitors.delete(m.id());
            throw e;
        }
        monitors.noteOnScan(scanId, "started by monitor " + m.displayId() + " '" + m.name() + "' (first run; then "
                + frequency.describe() + ")");
        return monitors.linkFirstScan(m.id(), scanId);
    }

    /**
     * "Run now": starts the monitor's scan at once (trigger MANUAL), unless one of its scans is
     * still active (then SKIPPED). The schedule is unchanged.
     *
     * @throws NoSuchMonitorException if there is no such monitor
     */
    public synchronized MonitorRun runNow(long monitorId) {
        Monitor m = monitors.require(monitorId);
        return startUnlessBusy(m, null, MonitorRun.Trigger.MANUAL, false, 0, List.of());
    }
}
