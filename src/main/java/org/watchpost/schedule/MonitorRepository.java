package org.watchpost.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.store.Database;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRepository;
import org.watchpost.store.StoreException;

/**
 * Monitors (the {@code monitors} table) and their runs ({@code monitor_runs}). Schedule times
 * are computed in the clock's zone.
 *
 * <p>Deleting a monitor stops its future runs and removes its run history; every scan it
 * started stays in the scan list with origin 'monitor' (their {@code monitor_id} becomes null).
 */
public final class MonitorRepository {
    /** Longest monitor name, in characters. */
    public static final int MAX_NAME = 200;

    private final Database db;
    private final Clock clock;
    private final ScanRepository scans;

    public MonitorRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.scans = new ScanRepository(db, clock);
    }

    public Clock clock() {
        return clock;
    }

    public ZoneId zone() {
        return clock.getZone();
    }

    // ------------------------------------------------------------------ monitors

    /**
     * Creates an enabled monitor whose next run is the first scheduled time after now. The
     * first scan is started by the caller ({@code manager.start(name, config, "monitor", id, null)})
     * and recorded with {@link #linkFirstScan}; or use {@link MonitorScheduler#runNow}.
     *
     * @throws IllegalArgumentException for a missing/too long name or empty targets
     */
    public Monitor create(String name, ScanConfig config, Frequency frequency) {
        if (config == null || config.targets().isEmpty()) throw new IllegalArgumentException("a monitor needs targets to scan");
        if (frequency == null) throw new IllegalArgumentException("a monitor needs a schedule");
        String n = checkName(name, config);
        long id = db.write(c -> {
            long now = clock.millis();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO monitors(name, targets, exclusions, ports, discovery,"
                    + " timeout_ms, rate_limit, concurrency, service_detection, checks, profile, schedule_kind, schedule_expr,"
                    + " enabled, next_run_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, n);
                bindConfig(ps, 2, config);
                ps.setString(12, frequency.kind());
                ps.setString(13, frequency.expression());
                ps.setLong(14, frequency.next(Instant.ofEpochMilli(now), zone()).toEpochMilli());
                ps.setLong(15, now);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return require(id);
    }

    private static void bindConfig(PreparedStatement ps, int from, ScanConfig c) throws SQLException {
        ps.setString(from, c.targets());
        ps.setString(from + 1, c.exclusions());
        ps.setString(from + 2, c.ports());
        ps.setBoolean(from + 3, c.discovery());
        ps.setInt(from + 4, c.timeoutMs());
        ps.setInt(from + 5, c.rateLimit());
        ps.setInt(from + 6, c.concurrency());
        ps.setBoolean(from + 7, c.serviceDetection());
        ps.setBoolean(from + 8, c.checks());
        ps.setString(from + 9, c.profile());
    }

    private static String checkName(String name, ScanConfig config) {
        String n = name == null || name.isBlank() ? config.targets().replaceAll("\\s+", " ") : name.strip();
        if (n.length() > MAX_NAME) {
            if (name == null || name.isBlank()) return n.substring(0, 39) + "…";
            throw new IllegalArgumentException("monitor name is too long: " + n.length() + " characters, at most " + MAX_NAME);
        }
        return n;
    }

    private static final String MONITOR_SQL = "SELECT m.id, m.name, m.targets, m.exclusions, m.ports, m.discovery, m.timeout_ms,"
            + " m.rate_limit, m.concurrency, m.service_detection, m.checks, m.profile, m.schedule_kind, m.schedule_expr,"
            + " m.enabled, m.next_run_at, m.last_run_at, m.created_at,"
            + " (SELECT s.id FROM scans s WHERE s.monitor_id = m.id ORDER BY s.id DESC LIMIT 1) AS last_scan"
            + " FROM monitors m";

    public Optional<Monitor> get(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(MONITOR_SQL + " WHERE m.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(c, rs)) : Optional.<Monitor>empty();
                }
            }
        });
    }

    /** @throws NoSuchMonitorException if there is no such monitor */
    public Monitor require(long id) {
        return get(id).orElseThrow(() -> new NoSuchMonitorException(id));
    }

    /** All monitors, by name. */
    public List<Monitor> list() {
        return db.read(c -> {
            List<Monitor> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(MONITOR_SQL + " ORDER BY m.name COLLATE NOCASE, m.id")) {
                while (rs.next()) out.add(map(c, rs));
            }
            return out;
        });
    }

    /** Enabled monitors whose next run is at or before {@code now}. */
    List<Monitor> due(Instant now) {
        return db.read(c -> {
            List<Monitor> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(MONITOR_SQL + " WHERE m.enabled = 1 AND m.next_run_at <= ? ORDER BY m.next_run_at, m.id")) {
                ps.setLong(1, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(map(c, rs));
                }
            }
            return out;
        });
    }

    private Monitor map(Connection c, ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        ScanConfig cfg = new ScanConfig(rs.getString("targets"), rs.getString("exclusions"), rs.getString("ports"),
                rs.getInt("discovery") != 0, rs.getInt("timeout_ms"), rs.getInt("rate_limit"), rs.getInt("concurrency"),
                rs.getInt("service_detection") != 0, rs.getInt("checks") != 0, rs.getString("profile"));
        Frequency f;
        try {
            f = Frequency.decode(rs.getString("schedule_kind"), rs.getString("schedule_expr"));
        } catch (IllegalArgumentException e) {
            throw new StoreException("monitor MON-" + id + " has an unreadable schedule: " + e.getMessage(), e);
        }
        Long lastScan = nullableLong(rs, "last_scan");
        ScanStatus lastStatus = null;
        if (lastScan != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM scans WHERE id = ?")) {
                ps.setLong(1, lastScan);
                try (ResultSet s = ps.executeQuery()) {
                    if (s.next()) lastStatus = ScanStatus.valueOf(s.getString(1));
                }
            }
        }
        List<MonitorRun> last = runs(c, id, 1);
        return new Monitor(id, rs.getString("name"), cfg, f, rs.getInt("enabled") != 0, instant(rs, "next_run_at"),
                instant(rs, "last_run_at"), Instant.ofEpochMilli(rs.getLong("created_at")), last.isEmpty() ? null : last.get(0),
                lastScan, lastStatus);
    }

    private static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Long v = nullableLong(rs, col);
        return v == null ? null : Instant.ofEpochMilli(v);
    }

    /**
     * Saves a new schedule; the next run moves to the first time of the new schedule after now
     * (for an enabled monitor).
     */
    public Monitor updateFrequency(long id, Frequency frequency) {
        if (frequency == null) throw new IllegalArgumentException("a monitor needs a schedule");
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE monitors SET schedule_kind = ?, schedule_expr = ?,"
                    + " next_run_at = CASE WHEN enabled = 1 THEN ? ELSE NULL END WHERE id = ?")) {
                ps.setString(1, frequency.kind());
                ps.setString(2, frequency.expression());
                ps.setLong(3, frequency.next(clock.instant(), zone()).toEpochMilli());
                ps.setLong(4, id);
                if (ps.executeUpdate() == 0) throw new NoSuchMonitorException(id);
            }
            return null;
        });
        return require(id);
    }

    /** Saves a new name and scan configuration for the next runs; past scans keep theirs. */
    public Monitor updateConfig(long id, String name, ScanConfig config) {
        if (config == null || config.targets().isEmpty()) throw new IllegalArgumentException("a monitor needs targets to scan");
        String n = checkName(name, config);
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE monitors SET name = ?, targets = ?, exclusions = ?, ports = ?,"
                    + " discovery = ?, timeout_ms = ?, rate_limit = ?, concurrency = ?, service_detection = ?, checks = ?,"
                    + " profile = ? WHERE id = ?")) {
                ps.setString(1, n);
                bindConfig(ps, 2, config);
                ps.setLong(12, id);
                if (ps.executeUpdate() == 0) throw new NoSuchMonitorException(id);
            }
            return null;
        });
        return require(id);
    }

    /**
     * Disables (no new scans; next run cleared) or enables a monitor. Enabling sets the next run
     * to the first scheduled time after now: times missed while disabled are not caught up.
     */
    public Monitor setEnabled(long id, boolean enabled) {
        Monitor m = require(id);
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE monitors SET enabled = ?, next_run_at = ? WHERE id = ?")) {
                ps.setBoolean(1, enabled);
                if (enabled) ps.setLong(2, m.frequency().next(clock.instant(), zone()).toEpochMilli());
                else ps.setNull(2, Types.INTEGER);
                ps.setLong(3, id);
                if (ps.executeUpdate() == 0) throw new NoSuchMonitorException(id);
            }
            return null;
        });
        return require(id);
    }

    /**
     * Deletes a monitor and its run history. Its scans stay (origin 'monitor', monitor_id null).
     *
     * @return false if there was no such monitor
     */
    public boolean delete(long id) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM monitors WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** The scans the monitor started, newest first. */
    public List<ScanRecord> scansOf(long monitorId) {
        return scans.listByMonitor(monitorId);
    }

    // ------------------------------------------------------------------ runs

    /**
     * Records the monitor's first scan, started by the caller when the monitor was created
     * (trigger FIRST): sets last run to now; the next run stays the next scheduled time.
     */
    public MonitorRun linkFirstScan(long monitorId, long scanId) {
        return recordRun(monitorId, null, scanId, MonitorRun.Outcome.STARTED, MonitorRun.Trigger.FIRST, false, 0, List.of(), null);
    }

    /** Adds a line to a scan's event log (best effort: the scan may already be gone). */
    void noteOnScan(long scanId, String message) {
        try {
            scans.addEvent(scanId, "info", message);
        } catch (RuntimeException e) {
            // deleted meanwhile, or the event is not worth failing the run for
        }
    }

    /** The monitor's runs, newest first, at most {@code limit}. */
    public List<MonitorRun> runs(long monitorId, int limit) {
        return db.read(c -> runs(c, monitorId, limit));
    }

    private static List<MonitorRun> runs(Connection c, long monitorId, int limit) throws SQLException {
        List<MonitorRun> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, monitor_id, scheduled_for, started_at, scan_id, outcome,"
                + " run_trigger, catch_up, missed_count, missed_times, message FROM monitor_runs WHERE monitor_id = ?"
                + " ORDER BY id DESC LIMIT ?")) {
            ps.setLong(1, monitorId);
            ps.setInt(2, Math.max(1, limit));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(mapRun(rs));
            }
        }
        return out;
    }

    /** The run that started a scan, if a monitor started it. */
    public Optional<MonitorRun> runOfScan(long scanId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, monitor_id, scheduled_for, started_at, scan_id, outcome,"
                    + " run_trigger, catch_up, missed_count, missed_times, message FROM monitor_runs WHERE scan_id = ?")) {
                ps.setLong(1, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(mapRun(rs)) : Optional.<MonitorRun>empty();
                }
            }
        });
    }

    private static MonitorRun mapRun(ResultSet rs) throws SQLException {
        String times = rs.getString(10);
        List<Instant> missed = times == null || times.isBlank() ? List.of()
                : Arrays.stream(times.split(",")).map(t -> Instant.ofEpochMilli(Long.parseLong(t.strip()))).toList();
        return new MonitorRun(rs.getLong(1), rs.getLong(2), instant(rs, "scheduled_for"), Instant.ofEpochMilli(rs.getLong(4)),
                nullableLong(rs, "scan_id"), MonitorRun.Outcome.valueOf(rs.getString(6)), MonitorRun.Trigger.valueOf(rs.getString(7)),
                rs.getInt(8) != 0, rs.getInt(9), missed, rs.getString(11));
    }

    /** Writes a run row and, for a started scan, the monitor's last run time. */
    MonitorRun recordRun(long monitorId, Instant scheduledFor, Long scanId, MonitorRun.Outcome outcome, MonitorRun.Trigger trigger,
                         boolean catchUp, int missedCount, List<Instant> missedTimes, String message) {
        long runId = db.write(c -> {
            long now = clock.millis();
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO monitor_runs(monitor_id, scheduled_for, started_at, scan_id,"
                    + " outcome, run_trigger, catch_up, missed_count, missed_times, message) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, monitorId);
                if (scheduledFor == null) ps.setNull(2, Types.INTEGER);
                else ps.setLong(2, scheduledFor.toEpochMilli());
                ps.setLong(3, now);
                if (scanId == null) ps.setNull(4, Types.INTEGER);
                else ps.setLong(4, scanId);
                ps.setString(5, outcome.name());
                ps.setString(6, trigger.name());
                ps.setBoolean(7, catchUp);
                ps.setInt(8, missedCount);
                ps.setString(9, missedTimes.stream().map(t -> Long.toString(t.toEpochMilli())).collect(Collectors.joining(",")));
                ps.setString(10, message);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            if (outcome == MonitorRun.Outcome.STARTED) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE monitors SET last_run_at = ? WHERE id = ?")) {
                    ps.setLong(1, now);
                    ps.setLong(2, monitorId);
                    ps.executeUpdate();
                }
            }
            return id;
        });
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, monitor_id, scheduled_for, started_at, scan_id, outcome,"
                    + " run_trigger, catch_up, missed_count, missed_times, message FROM monitor_runs WHERE id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return mapRun(rs);
                }
            }
        });
    }

    /**
     * Moves the next run from {@code expected} to {@code next} if nobody else did: the claim
     * that keeps two processes (the app and a system timer) from running one due time twice.
     */
    boolean claim(long monitorId, Instant expected, Instant next) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE monitors SET next_run_at = ? WHERE id = ? AND enabled = 1 AND next_run_at = ?")) {
                ps.setLong(1, next.toEpochMilli());
                ps.setLong(2, monitorId);
                ps.setLong(3, expected.toEpochMilli());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The newest scans of a monitor (IDs), newest first, at most {@code limit}. */
    List<Long> recentScanIds(long monitorId, int limit) {
        return db.read(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM scans WHERE monitor_id = ? ORDER BY id DESC LIMIT ?")) {
                ps.setLong(1, monitorId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }
}
