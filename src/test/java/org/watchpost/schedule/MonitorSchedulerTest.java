package org.watchpost.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.store.Database;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRepository;
import org.watchpost.testing.MutableClock;

class MonitorSchedulerTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;
    Database db;
    MutableClock clock;
    ScanRepository scans;
    MonitorRepository monitors;
    FakeStarter starter;
    MonitorScheduler scheduler;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("w.db"));
        clock = new MutableClock(local("2024-05-01T09:00"), BERLIN);
        scans = new ScanRepository(db, clock);
        monitors = new MonitorRepository(db, clock);
        starter = new FakeStarter(scans);
        scheduler = new MonitorScheduler(monitors, starter, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static Instant local(String t) {
        return LocalDateTime.parse(t).atZone(BERLIN).toInstant();
    }

    Monitor daily(String name, String hhmm) {
        return monitors.create(name, ScanConfig.defaults("127.0.0.1"), Frequency.daily(LocalTime.parse(hhmm)));
    }

    @Test
    void createSetsTheNextRunAndListShowsTheMonitor() {
        Monitor m = daily("DMZ", "02:00");
        assertThat(m.nextRunAt()).isEqualTo(local("2024-05-02T02:00"));
        assertThat(m.enabled()).isTrue();
        assertThat(m.lastRunAt()).isNull();
        assertThat(m.frequency().describe()).isEqualTo("Daily at 02:00");
        assertThat(monitors.list()).extracting(Monitor::name, Monitor::targets).containsExactly(org.assertj.core.groups.Tuple.tuple("DMZ", "127.0.0.1"));
        assertThatThrownBy(() -> monitors.create("x", ScanConfig.defaults(""), Frequency.hourly(0))).hasMessageContaining("needs targets");
    }

    @Test
    void firstScanFromTheDialogIsLinkedAndShownAsLastRun() throws Exception {
        Monitor m = daily("DMZ", "02:00");
        long scanId = starter.start(m.name(), m.config(), m.id()); // what manager.start(..., "monitor", id, null) does
        MonitorRun run = monitors.linkFirstScan(m.id(), scanId);
        assertThat(run.trigger()).isEqualTo(MonitorRun.Trigger.FIRST);
        Monitor after = monitors.require(m.id());
        assertThat(after.lastRunAt()).isEqualTo(clock.instant());
        assertThat(after.lastScanId()).isEqualTo(scanId);
        assertThat(after.lastScanStatus()).isEqualTo(ScanStatus.RUNNING);
        assertThat(after.nextRunAt()).isEqualTo(local("2024-05-02T02:00"));
        assertThat(monitors.scansOf(m.id())).extracting(ScanRecord::id).containsExactly(scanId);
        assertThat(scheduler.runDue()).as("nothing due before 02:00").isEmpty();
    }

    @Test
    void createAndStartRunsTheFirstScanAtOnceAndDropsTheMonitorIfItCannotStart() throws Exception {
        MonitorRun first = scheduler.createAndStart("DMZ", ScanConfig.defaults("127.0.0.1"), Frequency.daily(LocalTime.of(2, 0)));
        assertThat(first.trigger()).isEqualTo(MonitorRun.Trigger.FIRST);
        assertThat(first.outcome()).isEqualTo(MonitorRun.Outcome.STARTED);
        Monitor m = monitors.require(first.monitorId());
        assertThat(m.lastScanId()).isEqualTo(first.scanId());
        assertThat(m.nextRunAt()).isEqualTo(local("2024-05-02T02:00"));
        assertThat(scans.events(first.scanId())).extracting(e -> e.message())
                .contains("started by monitor " + m.displayId() + " 'DMZ' (first run; then Daily at 02:00)");

        starter.failWith = "no targets left after exclusions";
        assertThatThrownBy(() -> scheduler.createAndStart("broken", ScanConfig.defaults("127.0.0.1"), Frequency.hourly(0)))
                .hasMessage("no targets left after exclusions");
        assertThat(monitors.list()).extracting(Monitor::name).containsExactly("DMZ");
    }

    @Test
    void runsWhenDueOnTimeThenMovesToTheNextTime() {
        Monitor m = daily("DMZ", "02:00");
        clock.set(local("2024-05-02T02:00:10"));
        List<MonitorRun> runs = scheduler.runDue();
        assertThat(runs).hasSize(1);
        MonitorRun r = runs.get(0);
        assertThat(r.outcome()).isEqualTo(MonitorRun.Outcome.STARTED);
        assertThat(r.catchUp()).isFalse();
        assertThat(r.missedCount()).isZero();
        assertThat(r.scheduledFor()).isEqualTo(local("2024-05-02T02:00"));
        assertThat(scans.require(r.scanId()).origin()).isEqualTo("monitor");
        assertThat(scans.require(r.scanId()).monitorId()).isEqualTo(m.id());
        assertThat(scans.events(r.scanId())).extracting(e -> e.message()).contains("started by monitor MON-" + m.id() + " 'DMZ' (schedule)");
        assertThat(monitors.require(m.id()).nextRunAt()).isEqualTo(local("2024-05-03T02:00"));
        assertThat(scheduler.runDue()).as("not twice").isEmpty();
    }

    @Test
    void catchUpAfterAGapIsOneRunWithTheMissedTimesRecorded() {
        Monitor m = daily("DMZ", "02:00");
        // the laptop was closed for three and a half days
        clock.set(local("2024-05-05T12:00"));
        List<MonitorRun> runs = scheduler.tick();
        assertThat(runs).hasSize(1);
        MonitorRun r = runs.get(0);
        assertThat(r.trigger()).isEqualTo(MonitorRun.Trigger.STARTUP);
        assertThat(r.catchUp()).isTrue();
        assertThat(r.missedCount()).isEqualTo(4);
        assertThat(r.missedTimes()).containsExactly(local("2024-05-02T02:00"), local("2024-05-03T02:00"),
                local("2024-05-04T02:00"), local("2024-05-05T02:00"));
        assertThat(r.scheduledFor()).isEqualTo(local("2024-05-02T02:00"));
        assertThat(r.describe(BERLIN)).isEqualTo("Catch-up for 4 missed runs (last: 2024-05-05 02:00): SCAN-" + r.scanId() + " started");
        assertThat(starter.started).hasSize(1);
        assertThat(monitors.require(m.id()).nextRunAt()).as("next time after now, no burst").isEqualTo(local("2024-05-06T02:00"));
        assertThat(monitors.runs(m.id(), 10)).hasSize(1);
    }

    @Test
    void missedTimesAreBoundedButCounted() {
        Monitor m = monitors.create("often", ScanConfig.defaults("127.0.0.1"), Frequency.cron("*/5 * * * *"));
        clock.advance(Duration.ofDays(2));
        MonitorRun r = scheduler.runDue().get(0);
        assertThat(r.missedCount()).isEqualTo(2 * 24 * 12);
        assertThat(r.missedTimes()).hasSize(MonitorScheduler.MAX_MISSED_TIMES);
        assertThat(r.missedTimes().get(r.missedTimes().size() - 1)).isEqualTo(clock.instant());
        assertThat(monitors.runs(m.id(), 1).get(0).missedTimes()).isEqualTo(r.missedTimes());
    }

    @Test
    void wakeFromSleepIsDetectedByTheClockJump() {
        Monitor m = monitors.create("hourly", ScanConfig.defaults("127.0.0.1"), Frequency.hourly(30));
        assertThat(scheduler.tick()).isEmpty(); // 09:00, start-up, nothing due
        clock.advance(Duration.ofSeconds(30));
        assertThat(scheduler.tick()).isEmpty();
        assertThat(scheduler.lastTickWasWake()).isFalse();
        // asleep from 09:00:30 to 12:40: the 09:30, 10:30, 11:30 and 12:30 runs were missed
        clock.set(local("2024-05-01T12:40"));
        List<MonitorRun> runs = scheduler.tick();
        assertThat(scheduler.lastTickWasWake()).isTrue();
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.trigger()).isEqualTo(MonitorRun.Trigger.WAKE);
            assertThat(r.catchUp()).isTrue();
            assertThat(r.missedCount()).isEqualTo(4);
        });
        assertThat(monitors.require(m.id()).nextRunAt()).isEqualTo(local("2024-05-01T13:30"));
        // an on-time tick afterwards is a normal run
        starter.finishAll();
        clock.set(local("2024-05-01T13:30:20"));
        scheduler.tick();
        clock.advance(Duration.ofSeconds(25));
        assertThat(scheduler.tick()).isEmpty();
        MonitorRun last = monitors.runs(m.id(), 1).get(0);
        assertThat(last.catchUp()).isFalse();
        assertThat(last.trigger()).isEqualTo(MonitorRun.Trigger.WAKE).as("13:30:20 is also > 2 periods after 12:40");
    }

    @Test
    void neverTwoRunsOfOneMonitorAtOnce() {
        Monitor m = monitors.create("hourly", ScanConfig.defaults("127.0.0.1"), Frequency.hourly(0));
        clock.set(local("2024-05-01T10:00:05"));
        MonitorRun first = scheduler.runDue().get(0);
        assertThat(first.outcome()).isEqualTo(MonitorRun.Outcome.STARTED);
        // an hour later the first scan is still running
        clock.set(local("2024-05-01T11:00:05"));
        MonitorRun second = scheduler.runDue().get(0);
        assertThat(second.outcome()).isEqualTo(MonitorRun.Outcome.SKIPPED);
        assertThat(second.scanId()).isNull();
        assertThat(second.message()).isEqualTo("skipped: previous run still running (SCAN-" + first.scanId() + ")");
        assertThat(starter.started).hasSize(1);
        assertThat(monitors.require(m.id()).nextRunAt()).isEqualTo(local("2024-05-01T12:00"));
        assertThat(monitors.require(m.id()).lastRun().outcome()).isEqualTo(MonitorRun.Outcome.SKIPPED);
        // "run now" is refused the same way
        assertThat(scheduler.runNow(m.id()).outcome()).isEqualTo(MonitorRun.Outcome.SKIPPED);
        starter.finish(first.scanId());
        clock.set(local("2024-05-01T12:00:05"));
        assertThat(scheduler.runDue()).extracting(MonitorRun::outcome).containsExactly(MonitorRun.Outcome.STARTED);
        assertThat(monitors.require(m.id()).lastScanStatus()).isEqualTo(ScanStatus.RUNNING);
    }

    @Test
    void disableStopsRunsAndEnableDoesNotBurst() {
        Monitor m = monitors.create("hourly", ScanConfig.defaults("127.0.0.1"), Frequency.hourly(0));
        Monitor off = monitors.setEnabled(m.id(), false);
        assertThat(off.enabled()).isFalse();
        assertThat(off.nextRunAt()).isNull();
        clock.set(local("2024-05-03T10:30"));
        assertThat(scheduler.tick()).isEmpty();
        Monitor on = monitors.setEnabled(m.id(), true);
        assertThat(on.nextRunAt()).isEqualTo(local("2024-05-03T11:00"));
        assertThat(scheduler.runDue()).as("the 50 hours while disabled are not caught up").isEmpty();
        clock.set(local("2024-05-03T11:00:01"));
        assertThat(scheduler.runDue()).singleElement().satisfies(r -> assertThat(r.catchUp()).isFalse());
    }

    @Test
    void frequencyUpdateMovesTheNextRun() {
        Monitor m = daily("DMZ", "02:00");
        Monitor weekly = monitors.updateFrequency(m.id(), Frequency.parse("weekly fri 18:00"));
        assertThat(weekly.frequency().describe()).isEqualTo("Every Friday at 18:00");
        assertThat(weekly.nextRunAt()).isEqualTo(local("2024-05-03T18:00"));
        Monitor cron = monitors.updateFrequency(m.id(), Frequency.cron("15 9 * * *"));
        assertThat(cron.nextRunAt()).isEqualTo(local("2024-05-01T09:15"));
        assertThat(monitors.require(m.id()).frequency()).isEqualTo(Frequency.cron("15 9 * * *"));
    }

    @Test
    void deleteKeepsTheScansWithOriginMonitor() {
        Monitor m = monitors.create("hourly", ScanConfig.defaults("127.0.0.1"), Frequency.hourly(0));
        clock.set(local("2024-05-01T10:00:05"));
        long s1 = scheduler.runDue().get(0).scanId();
        starter.finish(s1);
        clock.set(local("2024-05-01T11:00:05"));
        long s2 = scheduler.runDue().get(0).scanId();
        assertThat(monitors.delete(m.id())).isTrue();
        assertThat(monitors.get(m.id())).isEmpty();
        for (long id : List.of(s1, s2)) {
            ScanRecord s = scans.require(id);
            assertThat(s.monitorId()).isNull();
            assertThat(s.origin()).isEqualTo("monitor");
            assertThat(s.fromMonitor()).isTrue();
        }
        assertThat(monitors.runs(m.id(), 10)).isEmpty();
        starter.finishAll();
        clock.set(local("2024-05-01T12:00:05"));
        assertThat(scheduler.runDue()).isEmpty();
        assertThat(scans.count()).isEqualTo(2);
    }

    @Test
    void aStartThatFailsIsRecordedAndTheScheduleMovesOn() {
        Monitor m = monitors.create("bad", ScanConfig.defaults("127.0.0.1"), Frequency.hourly(0));
        starter.failWith = "host name 'gone.example' does not resolve";
        clock.set(local("2024-05-01T10:00:05"));
        MonitorRun r = scheduler.runDue().get(0);
        assertThat(r.outcome()).isEqualTo(MonitorRun.Outcome.FAILED);
        assertThat(r.message()).isEqualTo("could not start: host name 'gone.example' does not resolve");
        assertThat(monitors.require(m.id()).nextRunAt()).isEqualTo(local("2024-05-01T11:00"));
        assertThat(monitors.require(m.id()).lastRunAt()).isNull();
    }

    @Test
    void twoSchedulersOnOneDatabaseRunADueTimeOnce() {
        daily("DMZ", "02:00");
        MonitorScheduler other = new MonitorScheduler(new MonitorRepository(db, clock), starter, clock);
        clock.set(local("2024-05-02T02:00:05"));
        // the second sees the monitor as due from its own (stale) read but loses the claim
        List<Monitor> staleView = monitors.due(clock.instant());
        assertThat(scheduler.runDue()).hasSize(1);
        assertThat(staleView).hasSize(1);
        assertThat(other.runDue()).isEmpty();
        assertThat(monitors.claim(staleView.get(0).id(), staleView.get(0).nextRunAt(), clock.instant())).isFalse();
        assertThat(starter.started).hasSize(1);
    }
}
