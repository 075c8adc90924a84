package org.watchpost.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.j256.ormlite.dao.Dao;
import com.j256.ormlite.dao.DaoManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.entity.ScanEntity;

/**
 * Scans and everything that hangs off them. Writes go through {@link Database#write};
 * reads run on the caller's thread (never the FX thread: the UI calls through its executor).
 */
public final class ScanRepository {
    /** Made on first use: building an ObjectMapper costs a few hundred ms of start-up, and only edited configurations need it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {
        }
    }
    static final String SCAN_COLUMNS = "s.id, s.name, s.status, s.targets, s.exclusions, s.ports, s.discovery, s.timeout_ms,"
            + " s.rate_limit, s.concurrency, s.service_detection, s.checks, s.profile, s.origin, s.monitor_id, s.rerun_of,"
            + " s.created_at, s.started_at, s.finished_at, s.host_count, s.hosts_up, s.open_ports, s.progress,"
            + " s.n_critical, s.n_high, s.n_medium, s.n_low, s.n_info, s.error, s.next_config,"
            + " (SELECT count(*) FROM investigation_scans i WHERE i.scan_id = s.id) AS inv_count";

    private final Database db;
    private final Clock clock;

    public ScanRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Database database() {
        return db;
    }

    /** Creates a QUEUED scan with the next never-used ID. */
    public ScanRecord create(String name, ScanConfig config, String origin, Long monitorId, Long rerunOf, long hostCount) {
        long id = db.write(c -> {
            long next = nextScanNumber(c);
            ScanEntity e = new ScanEntity();
            e.id = next;
            e.name = name == null || name.isBlank() ? defaultName(config) : name.strip();
            e.status = ScanStatus.QUEUED.name();
            apply(e, config);
            e.origin = origin == null ? "ui" : origin;
            e.monitorId = monitorId;
            e.rerunOf = rerunOf;
            e.createdAt = clock.millis();
            e.hostCount = hostCount;
            scanDao().create(e);
            return next;
        });
        return get(id).orElseThrow();
    }

    private static String defaultName(ScanConfig config) {
        String t = config.targets().replaceAll("\\s+", " ");
        return t.length() > 40 ? t.substring(0, 39) + "…" : t;
    }

    private static void apply(ScanEntity e, ScanConfig c) {
        e.targets = c.targets();
        e.exclusions = c.exclusions();
        e.ports = c.ports();
        e.discovery = c.discovery();
        e.timeoutMs = c.timeoutMs();
        e.rateLimit = c.rateLimit();
        e.concurrency = c.concurrency();
        e.serviceDetection = c.serviceDetection();
        e.checks = c.checks();
        e.profile = c.profile();
    }

    private static long nextScanNumber(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE sequences SET next_value = next_value + 1 WHERE name = 'scan'");
            try (ResultSet rs = st.executeQuery("SELECT next_value - 1 FROM sequences WHERE name = 'scan'")) {
                if (!rs.next()) throw new SQLException("scan sequence is missing");
                return rs.getLong(1);
            }
        }
    }

    /**
     * Builds the ORMLite mapping of the scans table now (reflection over the entity, ~20 ms the first
     * time) instead of inside the first scan's creation; callers run it where it overlaps other
     * start-up work. ORMLite caches it per connection source.
     */
    public void prepare() {
        try {
            scanDao();
        } catch (SQLException e) {
            throw new StoreException("cannot map the scans table: " + e.getMessage(), e);
        }
    }

    private Dao<ScanEntity, Long> scanDao() throws SQLException {
        return DaoManager.createDao(db.writerSource(), ScanEntity.class);
    }

    public Optional<ScanRecord> get(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SCAN_COLUMNS + " FROM scans s WHERE s.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.<ScanRecord>empty();
                }
            }
        });
    }

    public ScanRecord require(long id) {
        return get(id).orElseThrow(() -> new NoSuchScanException(id));
    }

    /** All scans, newest first. */
    public List<ScanRecord> list() {
        return listScans("ORDER BY s.id DESC", ps -> { });
    }

    /** The {@code limit} newest scans, newest first (a window's first screen before the whole list). */
    public List<ScanRecord> listNewest(int limit) {
        return listScans("ORDER BY s.id DESC LIMIT ?", ps -> ps.setInt(1, limit));
    }

    /** The scans a monitor started, newest first (scans keep origin 'monitor' after the monitor is deleted). */
    public List<ScanRecord> listByMonitor(long monitorId) {
        return listScans("WHERE s.monitor_id = ? ORDER BY s.id DESC", ps -> ps.setLong(1, monitorId));
    }

    /** Parameters of a query's placeholders. */
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Scans selected by {@code clauses} (what follows {@code FROM scans s}), in their order. */
    private List<ScanRecord> listScans(String clauses, Binder binder) {
        return db.read(c -> {
            List<ScanRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SCAN_COLUMNS + " FROM scans s " + clauses)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(map(rs));
                }
            }
            return out;
        });
    }

    public long count() {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM scans")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static ScanRecord map(ResultSet rs) throws SQLException {
        ScanEntity e = new ScanEntity();
        e.id = rs.getLong("id");
        e.name = rs.getString("name");
        e.status = rs.getString("status");
        e.targets = rs.getString("targets");
        e.exclusions = rs.getString("exclusions");
        e.ports = rs.getString("ports");
        e.discovery = rs.getInt("discovery") != 0;
        e.timeoutMs = rs.getInt("timeout_ms");
        e.rateLimit = rs.getInt("rate_limit");
        e.concurrency = rs.getInt("concurrency");
        e.serviceDetection = rs.getInt("service_detection") != 0;
        e.checks = rs.getInt("checks") != 0;
        e.profile = rs.getString("profile");
        e.origin = rs.getString("origin");
        e.monitorId = (Long) nullableLong(rs, "monitor_id");
        e.rerunOf = (Long) nullableLong(rs, "rerun_of");
        e.createdAt = rs.getLong("created_at");
        e.startedAt = (Long) nullableLong(rs, "started_at");
        e.finishedAt = (Long) nullableLong(rs, "finished_at");
        e.hostCount = rs.getLong("host_count");
        e.hostsUp = rs.getLong("hosts_up");
        e.openPorts = rs.getLong("open_ports");
        e.progress = rs.getDouble("progress");
        e.nCritical = rs.getLong("n_critical");
        e.nHigh = rs.getLong("n_high");
        e.nMedium = rs.getLong("n_medium");
        e.nLow = rs.getLong("n_low");
        e.nInfo = rs.getLong("n_info");
        e.error = rs.getString("error");
        return ScanRecord.of(e, rs.getInt("inv_count"));
    }

    private static Object nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    /**
     * Moves a scan to {@code next}, refusing moves the lifecycle does not allow.
     *
     * @return the updated record
     * @throws IllegalStateException for a move that makes no sense (e.g. COMPLETED → RUNNING)
     */
    public ScanRecord transition(long id, ScanStatus next, String error) {
        db.write(c -> {
            ScanStatus current;
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM scans WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new NoSuchScanException(id);
                    current = ScanStatus.valueOf(rs.getString(1));
                }
            }
            current.moveTo(next);
            long now = clock.millis();
            String sql = switch (next) {
                case RUNNING -> "UPDATE scans SET status = ?, started_at = ?, error = ? WHERE id = ?";
                case COMPLETED -> "UPDATE scans SET status = ?, finished_at = ?, error = ?, progress = 1.0 WHERE id = ?";
                default -> "UPDATE scans SET status = ?, finished_at = ?, error = ? WHERE id = ?";
            };
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, next.name());
                ps.setLong(2, now);
                ps.setString(3, error);
                ps.setLong(4, id);
                ps.executeUpdate();
            }
            insertEvent(c, id, now, next == ScanStatus.FAILED ? "error" : "info",
                    "status " + current.name() + " → " + next.name() + (error == null ? "" : ": " + error));
            return null;
        });
        return require(id);
    }

    /** At start-up: scans left RUNNING or QUEUED by a process that died become INTERRUPTED. */
    public int markInterrupted() {
        List<Long> ids = db.read(c -> {
            List<Long> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id FROM scans WHERE status IN ('RUNNING','QUEUED')")) {
                while (rs.next()) out.add(rs.getLong(1));
            }
            return out;
        });
        for (long id : ids) {
            try {
                transition(id, ScanStatus.INTERRUPTED, "the application ended while this scan was active");
            } catch (IllegalStateException raced) {
                // another process finished it meanwhile
            }
        }
        return ids.size();
    }

    public void setProgress(long id, double fraction) {
        db.writeAsync(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE scans SET progress = ? WHERE id = ? AND status = 'RUNNING'")) {
                ps.setDouble(1, Math.max(0, Math.min(1, fraction)));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void setHostCount(long id, long hostCount) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE scans SET host_count = ? WHERE id = ?")) {
                ps.setLong(1, hostCount);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Saves a configuration for this scan's next runs (re-run, monitor). A scan that has not
     * started yet takes it directly; for one that ran, its own record stays as it ran.
     */
    public ScanRecord updateConfig(long id, ScanConfig config, String name) {
        db.write(c -> {
            Dao<ScanEntity, Long> dao = scanDao();
            ScanEntity e = dao.queryForId(id);
            if (e == null) throw new NoSuchScanException(id);
            if (name != null && !name.isBlank()) e.name = name.strip();
            if (ScanStatus.valueOf(e.status) == ScanStatus.QUEUED) {
                apply(e, config);
                e.nextConfig = null;
            } else {
                e.nextConfig = toJson(config);
            }
            dao.update(e);
            insertEvent(c, id, clock.millis(), "info", "configuration updated for the next runs: targets '"
                    + config.targets() + "', ports '" + config.ports() + "'");
            return null;
        });
        return require(id);
    }

    /** The configuration a re-run uses: the edited one if any, else the scan's own. */
    public ScanConfig configForNextRun(long id) {
        ScanConfig edited = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT next_config FROM scans WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new NoSuchScanException(id);
                    String json = rs.getString(1);
                    if (json != null) return fromJson(json);
                }
            }
            return null;
        });
        return edited != null ? edited : require(id).config();
    }

    static String toJson(ScanConfig config) {
        try {
            return Json.MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode the scan configuration: " + e.getMessage(), e);
        }
    }

    static ScanConfig fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, ScanConfig.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored scan configuration is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Deletes scans and every row of theirs (hosts, services, findings, events, investigation
     * links). Their IDs are never handed out again.
     *
     * @return number of scans deleted
     */
    public int delete(Collection<Long> ids) {
        if (ids.isEmpty()) return 0;
        return db.write(c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM scans WHERE id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    n += ps.executeUpdate();
                }
            }
            return n;
        });
    }

    /** Asks whichever process runs the scan to stop it (the CLI and the app share the file). */
    public void requestStop(long id) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE scans SET stop_requested = 1 WHERE id = ?")) {
                ps.setLong(1, id);
                if (ps.executeUpdate() == 0) throw new NoSuchScanException(id);
            }
            return null;
        });
    }

    /** Scans among {@code ids} whose stop was requested (by any process). */
    public List<Long> stopRequested(Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return db.read(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT stop_requested FROM scans WHERE id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || rs.getInt(1) != 0) out.add(id); // deleted counts as "stop"
                    }
                }
            }
            return out;
        });
    }

    public void addEvent(long scanId, String level, String message) {
        db.write(c -> {
            insertEvent(c, scanId, clock.millis(), level, message);
            return null;
        });
    }

    static void insertEvent(Connection c, long scanId, long at, String level, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO scan_events(scan_id, at, level, message) VALUES (?,?,?,?)")) {
            ps.setLong(1, scanId);
            ps.setLong(2, at);
            ps.setString(3, level);
            ps.setString(4, message.length() > 4000 ? message.substring(0, 4000) + "…" : message);
            ps.executeUpdate();
        }
    }

    public List<ScanEvent> events(long scanId) {
        return db.read(c -> {
            List<ScanEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, level, message FROM scan_events WHERE scan_id = ? ORDER BY id")) {
                ps.setLong(1, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ScanEvent(rs.getLong(1), scanId, Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    private static final String HOST_SQL = "SELECT h.id, h.address, h.hostname, h.up, h.reason, h.rtt_micros,"
            + " h.closed_ports, h.filtered_ports, (SELECT count(*) FROM services s WHERE s.host_id = h.id AND s.state = 'OPEN')"
            + " FROM hosts h WHERE h.scan_id = ? ORDER BY h.id";
    private static final String SERVICE_SQL = "SELECT id, host_id, address, port, protocol, state, rtt_micros, service,"
            + " product, version, cpe, tls, banner, extra FROM services WHERE scan_id = ? ORDER BY host_id, port";

    private static HostRecord mapHost(ResultSet rs, long scanId) throws SQLException {
        return new HostRecord(rs.getLong(1), scanId, rs.getString(2), rs.getString(3), rs.getInt(4) != 0,
                rs.getString(5), rs.getLong(6), rs.getInt(7), rs.getInt(8), rs.getInt(9));
    }

    private static ServiceRecord mapService(ResultSet rs, long scanId) throws SQLException {
        return new ServiceRecord(rs.getLong(1), scanId, rs.getLong(2), rs.getString(3), rs.getInt(4),
                rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getInt(12) != 0, rs.getString(13), rs.getString(14));
    }

    public List<HostRecord> hosts(long scanId) {
        List<HostRecord> out = new ArrayList<>();
        forEachHost(scanId, out::add);
        out.sort(java.util.Comparator.comparing(h -> addressKey(h.address())));
        return out;
    }

    /** Sort key that orders IPv4 before IPv6 and numerically within each (text order puts .10 before .9). */
    static String addressKey(String address) {
        if (address == null) return "";
        if (address.indexOf(':') < 0) {
            String[] p = address.split("\\.");
            if (p.length == 4) {
                StringBuilder b = new StringBuilder("4");
                for (String o : p) b.append(String.format("%3s", o).replace(' ', '0'));
                return b.toString();
            }
            return "5" + address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
            return "6" + java.util.HexFormat.of().formatHex(bytes);
        } catch (java.net.UnknownHostException e) {
            return "7" + address;
        }
    }

    public List<ServiceRecord> services(long scanId) {
        List<ServiceRecord> out = new ArrayList<>();
        forEachService(scanId, out::add);
        out.sort(java.util.Comparator.comparing((ServiceRecord sv) -> addressKey(sv.address())).thenComparingInt(ServiceRecord::port));
        return out;
    }

    /** Streams a scan's hosts in the order they were first seen; {@code action} runs on the caller's thread. */
    public void forEachHost(long scanId, Consumer<? super HostRecord> action) {
        stream(HOST_SQL, scanId, rs -> action.accept(mapHost(rs, scanId)));
    }

    /** Streams a scan's open ports/services ordered by host, then port, without holding them in memory. */
    public void forEachService(long scanId, Consumer<? super ServiceRecord> action) {
        stream(SERVICE_SQL, scanId, rs -> action.accept(mapService(rs, scanId)));
    }

    /** Streams a scan's findings worst first (severity, then CVSS), as {@link #findings} orders them. */
    public void forEachFinding(long scanId, Consumer<? super FindingRecord> action) {
        stream("SELECT " + FINDING_COLUMNS + " FROM findings WHERE scan_id = ? ORDER BY severity DESC, cvss DESC NULLS LAST, id",
                scanId, rs -> action.accept(mapFinding(rs)));
    }

    /**
     * Streams a scan's findings grouped by host (in {@link #forEachHost} order; findings whose
     * address is no host of the scan come last), then by port, worst first within a port.
     */
    public void forEachFindingByHost(long scanId, Consumer<? super FindingRecord> action) {
        String cols = FINDING_COLUMNS.replaceAll("(^|, )(\\w+)", "$1f.$2");
        stream("SELECT " + cols + " FROM findings f LEFT JOIN hosts h ON h.scan_id = f.scan_id AND h.address = f.address"
                + " WHERE f.scan_id = ? ORDER BY h.id IS NULL, h.id, f.address, f.port, f.severity DESC, f.cvss DESC NULLS LAST, f.id",
                scanId, rs -> action.accept(mapFinding(rs)));
    }

    /** Findings per severity for each affected address of a scan (one grouped query). */
    public java.util.Map<String, SeverityCounts> findingCountsByAddress(long scanId) {
        java.util.Map<String, long[]> raw = new java.util.HashMap<>();
        stream("SELECT address, severity, count(*) FROM findings WHERE scan_id = ? AND address IS NOT NULL GROUP BY address, severity",
                scanId, rs -> raw.computeIfAbsent(rs.getString(1), k -> new long[5])[4 - rs.getInt(2)] += rs.getLong(3));
        java.util.Map<String, SeverityCounts> out = new java.util.HashMap<>();
        raw.forEach((a, c) -> out.put(a, new SeverityCounts(c[0], c[1], c[2], c[3], c[4])));
        return out;
    }

    private interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    private void stream(String sql, long scanId, RowAction action) {
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) action.accept(rs);
                }
            }
            return null;
        });
    }

    static final String FINDING_COLUMNS = "id, scan_id, check_id, severity, cvss, cvss_vector, cves, cwe, title, description,"
            + " remediation, evidence, address, port, service, confidence, known_exploited, status, created_at";

    static FindingRecord mapFinding(ResultSet rs) throws SQLException {
        double cvss = rs.getDouble(5);
        Double cvssValue = rs.wasNull() ? null : cvss;
        return new FindingRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), Severity.values()[4 - rs.getInt(4)], cvssValue,
                rs.getString(6), FindingRecord.splitCves(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getInt(14), rs.getString(15), rs.getString(16),
                rs.getInt(17) != 0, rs.getString(18), Instant.ofEpochMilli(rs.getLong(19)));
    }

    /** A scan's findings, worst first (severity, then CVSS). */
    public List<FindingRecord> findings(long scanId) {
        return db.read(c -> {
            List<FindingRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + FINDING_COLUMNS
                    + " FROM findings WHERE scan_id = ? ORDER BY severity DESC, cvss DESC NULLS LAST, id")) {
                ps.setLong(1, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(mapFinding(rs));
                }
            }
            return out;
        });
    }

    /** Row counts of a scan's dependent tables: hosts, services, findings, events, investigation links. */
    public long[] dependentRowCounts(long scanId) {
        return db.read(c -> {
            String[] tables = {"hosts", "services", "findings", "scan_events", "investigation_scans"};
            long[] out = new long[tables.length];
            for (int i = 0; i < tables.length; i++) {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + tables[i] + " WHERE scan_id = ?")) {
                    ps.setLong(1, scanId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        out[i] = rs.getLong(1);
                    }
                }
            }
            return out;
        });
    }
}
