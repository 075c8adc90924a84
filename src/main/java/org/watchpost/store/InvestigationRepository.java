package org.watchpost.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.Severity;

/**
 * Investigations: named groups of scans, and the read models built across a group's scans
 * (combined hosts and findings, finding lifecycles, severity trend).
 *
 * <p>Linking never copies or moves scan data: removing a scan from an investigation, or
 * deleting the investigation, only drops links; the scans stay in the scan list. A scan may be
 * in several investigations. Scans are ordered by start time (creation time for scans that
 * never started), then by ID.
 *
 * <p>Writes go through {@link Database#write}; reads run on the caller's thread (never the FX thread).
 */
public final class InvestigationRepository {
    /** Longest name, in characters (after trimming). */
    public static final int MAX_NAME = 200;
    /** Longest description, in characters. */
    public static final int MAX_DESCRIPTION = 4000;
    /** Display prefix of investigation IDs. */
    public static final String PREFIX = "INV-";

    private static final String ORDER_KEY = "coalesce(s.started_at, s.created_at)";

    private final Database db;
    private final Clock clock;

    public InvestigationRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** {@code INV-12}. */
    public static String format(long id) {
        return PREFIX + id;
    }

    /**
     * Parses {@code INV-12}, {@code inv-12} or {@code 12}.
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static long parseId(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("investigation ID is missing (expected INV-<number>)");
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.startsWith(PREFIX)) t = t.substring(PREFIX.length());
        try {
            long n = Long.parseLong(t);
            if (n <= 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not an investigation ID (expected INV-<number>, e.g. INV-3)");
        }
    }

    // ------------------------------------------------------------------ CRUD

    /**
     * Creates an investigation.
     *
     * @param name        required; trimmed; at most {@value #MAX_NAME} characters
     * @param description optional (null means empty); at most {@value #MAX_DESCRIPTION} characters
     * @throws IllegalArgumentException for a blank or too long name or description, naming which
     */
    public Investigation create(String name, String description) {
        String n = checkName(name);
        String d = checkDescription(description);
        long id = db.write(c -> {
            long now = clock.millis();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO investigations(name, description, created_at, updated_at) VALUES (?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, n);
                ps.setString(2, d);
                ps.setLong(3, now);
                ps.setLong(4, now);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return require(id);
    }

    /**
     * Renames / re-describes an investigation (same rules as {@link #create}).
     *
     * @throws NoSuchInvestigationException if it does not exist
     */
    public Investigation update(long id, String name, String description) {
        String n = checkName(name);
        String d = checkDescription(description);
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE investigations SET name = ?, description = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, n);
                ps.setString(2, d);
                ps.setLong(3, clock.millis());
                ps.setLong(4, id);
                if (ps.executeUpdate() == 0) throw new NoSuchInvestigationException(id);
            }
            return null;
        });
        return require(id);
    }

    /**
     * Deletes an investigation and its links. Its scans stay.
     *
     * @return false if there was no such investigation
     */
    public boolean delete(long id) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM investigations WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public Optional<Investigation> get(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, description, created_at, updated_at FROM investigations WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(mapInvestigation(rs)) : Optional.<Investigation>empty();
                }
            }
        });
    }

    /** @throws NoSuchInvestigationException if it does not exist */
    public Investigation require(long id) {
        return get(id).orElseThrow(() -> new NoSuchInvestigationException(id));
    }

    private static final String SUMMARY_SQL = "SELECT v.id, v.name, v.description, v.created_at, v.updated_at,"
            + " count(s.id), coalesce(sum(s.status IN ('QUEUED','RUNNING')), 0),"
            + " coalesce(sum(s.n_critical), 0), coalesce(sum(s.n_high), 0), coalesce(sum(s.n_medium), 0),"
            + " coalesce(sum(s.n_low), 0), coalesce(sum(s.n_info), 0),"
            + " max(v.updated_at, coalesce(max(s.created_at), 0), coalesce(max(s.finished_at), 0))"
            + " FROM investigations v LEFT JOIN investigation_scans l ON l.investigation_id = v.id"
            + " LEFT JOIN scans s ON s.id = l.scan_id";

    /** All investigations with their aggregates, most recent activity first. */
    public List<InvestigationSummary> list() {
        return db.read(c -> {
            List<InvestigationSummary> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(SUMMARY_SQL + " GROUP BY v.id ORDER BY 13 DESC, v.id DESC")) {
                while (rs.next()) out.add(mapSummary(rs));
            }
            return out;
        });
    }

    /** One investigation's list row. */
    public Optional<InvestigationSummary> summary(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SUMMARY_SQL + " WHERE v.id = ? GROUP BY v.id")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(mapSummary(rs)) : Optional.<InvestigationSummary>empty();
                }
            }
        });
    }

    private static InvestigationSummary mapSummary(ResultSet rs) throws SQLException {
        Investigation inv = mapInvestigation(rs);
        SeverityCounts counts = new SeverityCounts(rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12));
        return new InvestigationSummary(inv, rs.getInt(6), rs.getInt(7), counts, Instant.ofEpochMilli(rs.getLong(13)));
    }

    private static Investigation mapInvestigation(ResultSet rs) throws SQLException {
        return new Investigation(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
                Instant.ofEpochMilli(rs.getLong(5)));
    }

    // ------------------------------------------------------------------ links

    /**
     * Links scans (in any status: queued, running, completed, stopped, failed) to an
     * investigation. Idempotent: a scan already linked stays linked once.
     *
     * @return number of scans newly linked
     * @throws NoSuchInvestigationException if the investigation does not exist
     * @throws NoSuchScanException          naming the first scan that does not exist (nothing is linked then)
     */
    public int addScans(long investigationId, Collection<Long> scanIds) {
        return db.write(c -> {
            requireExists(c, investigationId);
            try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM scans WHERE id = ?")) {
                for (long id : scanIds) {
                    check.setLong(1, id);
                    try (ResultSet rs = check.executeQuery()) {
                        if (!rs.next()) throw new NoSuchScanException(id);
                    }
                }
            }
            long now = clock.millis();
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO investigation_scans(investigation_id, scan_id, added_at) VALUES (?,?,?) ON CONFLICT DO NOTHING")) {
                for (long id : new LinkedHashSet<>(scanIds)) {
                    ps.setLong(1, investigationId);
                    ps.setLong(2, id);
                    ps.setLong(3, now);
                    n += ps.executeUpdate();
                }
            }
            if (n > 0) touch(c, investigationId, now);
            return n;
        });
    }

    /**
     * Unlinks scans from an investigation; the scans and their data stay.
     *
     * @return number of links removed
     */
    public int removeScans(long investigationId, Collection<Long> scanIds) {
        return db.write(c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM investigation_scans WHERE investigation_id = ? AND scan_id = ?")) {
                for (long id : scanIds) {
                    ps.setLong(1, investigationId);
                    ps.setLong(2, id);
                    n += ps.executeUpdate();
                }
            }
            if (n > 0) touch(c, investigationId, clock.millis());
            return n;
        });
    }

    private static void touch(Connection c, long id, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE investigations SET updated_at = max(updated_at, ?) WHERE id = ?")) {
            ps.setLong(1, now);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private static void requireExists(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM investigations WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new NoSuchInvestigationException(id);
            }
        }
    }

    /** The investigation's scans in time order (start time, or creation time if never started; then ID). */
    public List<ScanRecord> scansOf(long investigationId) {
        return db.read(c -> scansOf(c, investigationId));
    }

    private static List<ScanRecord> scansOf(Connection c, long investigationId) throws SQLException {
        List<ScanRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ScanRepository.SCAN_COLUMNS
                + " FROM scans s JOIN investigation_scans l ON l.scan_id = s.id WHERE l.investigation_id = ?"
                + " ORDER BY " + ORDER_KEY + ", s.id")) {
            ps.setLong(1, investigationId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(ScanRepository.map(rs));
            }
        }
        return out;
    }

    /** The investigations a scan belongs to, by name. */
    public List<Investigation> investigationsOf(long scanId) {
        return db.read(c -> {
            List<Investigation> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT v.id, v.name, v.description, v.created_at, v.updated_at"
                    + " FROM investigations v JOIN investigation_scans l ON l.investigation_id = v.id WHERE l.scan_id = ?"
                    + " ORDER BY v.name COLLATE NOCASE, v.id")) {
                ps.setLong(1, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(mapInvestigation(rs));
                }
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ read models

    /** Per scan, in time order, its findings by severity (the scan's own counters). */
    public List<SeverityTrendPoint> severityTrend(long investigationId) {
        return scansOf(investigationId).stream()
                .map(s -> new SeverityTrendPoint(s.id(), s.name(), s.startedAt() != null ? s.startedAt() : s.createdAt(),
                        s.status(), s.severities()))
                .toList();
    }

    /** Light row of a finding, enough for lifecycles. */
    private record Sighting(long findingId, long scanId, String key, String checkId, int severityRank, String title,
                            String address, int port, String cves) {
    }

    /** Everything the lifecycle computation needs, read in three indexed queries. */
    private record Material(List<ScanRecord> scans, Map<String, Map<Long, Sighting>> byKey, Map<Long, Set<String>> upHosts) {
    }

    private Material material(long investigationId) {
        return db.read(c -> {
            List<ScanRecord> scans = scansOf(c, investigationId);
            Map<String, Map<Long, Sighting>> byKey = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT f.id, f.scan_id, f.dedup_key, f.check_id, f.severity, f.title,"
                    + " f.address, f.port, f.cves FROM investigation_scans l JOIN findings f ON f.scan_id = l.scan_id"
                    + " WHERE l.investigation_id = ?")) {
                ps.setLong(1, investigationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Sighting s = new Sighting(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9));
                        byKey.computeIfAbsent(s.key(), k -> new HashMap<>()).put(s.scanId(), s);
                    }
                }
            }
            Map<Long, Set<String>> upHosts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT h.scan_id, h.address FROM investigation_scans l"
                    + " JOIN hosts h ON h.scan_id = l.scan_id WHERE l.investigation_id = ? AND h.up = 1")) {
                ps.setLong(1, investigationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) upHosts.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
            return new Material(scans, byKey, upHosts);
        });
    }

    /**
     * Whether a scan's absence of a finding on {@code address} means it is gone: the scan
     * COMPLETED and the host is among its results and answered. A host-level finding without
     * an address counts as covered by any completed scan.
     */
    static boolean covers(ScanRecord scan, Set<String> upHosts, String address) {
        if (scan.status() != ScanStatus.COMPLETED) return false;
        if (address == null) return true;
        return upHosts != null && upHosts.contains(address);
    }

    /**
     * Each finding identity's states across the investigation's scans (see {@link FindingLifecycle}).
     * Ordered worst first (latest severity), then by location and check.
     */
    public List<FindingLifecycle> lifecycles(long investigationId) {
        Material m = material(investigationId);
        return lifecycles(m).stream().map(Built::lifecycle).toList();
    }

    private record Built(FindingLifecycle lifecycle, long latestFindingId) {
    }

    private static List<Built> lifecycles(Material m) {
        List<Built> out = new ArrayList<>(m.byKey().size());
        for (Map.Entry<String, Map<Long, Sighting>> e : m.byKey().entrySet()) {
            Map<Long, Sighting> seen = e.getValue();
            List<FindingLifecycle.Step> steps = new ArrayList<>();
            FindingState state = null;
            Sighting latest = null;
            for (ScanRecord scan : m.scans()) {
                Instant at = scan.startedAt() != null ? scan.startedAt() : scan.createdAt();
                Sighting here = seen.get(scan.id());
                if (here != null) {
                    state = state == null ? FindingState.NEW : state == FindingState.RESOLVED ? FindingState.REOPENED : FindingState.PERSISTING;
                    steps.add(new FindingLifecycle.Step(scan.id(), at, state, here.findingId()));
                    latest = here;
                } else if (state != null && state.isOpen() && latest != null
                        && covers(scan, m.upHosts().get(scan.id()), latest.address())) {
                    state = FindingState.RESOLVED;
                    steps.add(new FindingLifecycle.Step(scan.id(), at, state, null));
                }
            }
            if (latest == null) continue; // only for a scan that left the investigation between queries
            Severity sev = Severity.values()[4 - latest.severityRank()];
            out.add(new Built(new FindingLifecycle(e.getKey(), latest.checkId(), sev, latest.title(), latest.address(),
                    latest.port(), FindingRecord.splitCves(latest.cves()), steps), latest.findingId()));
        }
        out.sort(Comparator.comparing((Built b) -> b.lifecycle().severity())
                .thenComparing(b -> ScanRepository.addressKey(b.lifecycle().address()))
                .thenComparingInt(b -> b.lifecycle().port())
                .thenComparing(b -> b.lifecycle().checkId()));
        return out;
    }

    /**
     * The investigation's findings, one per identity (de-duplication key): the latest
     * occurrence and its lifecycle. Open ones first, then worst first.
     */
    public List<InvestigationFinding> findings(long investigationId) {
        List<Built> built = lifecycles(material(investigationId));
        Map<Long, FindingRecord> records = findingsById(built.stream().map(Built::latestFindingId).toList());
        List<InvestigationFinding> out = new ArrayList<>(built.size());
        for (Built b : built) {
            FindingRecord r = records.get(b.latestFindingId());
            if (r != null) out.add(new InvestigationFinding(r, b.lifecycle()));
        }
        out.sort(Comparator.comparing((InvestigationFinding f) -> !f.state().isOpen())); // stable: keeps severity order
        return out;
    }

    private Map<Long, FindingRecord> findingsById(List<Long> ids) {
        Map<Long, FindingRecord> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        return db.read(c -> {
            for (int from = 0; from < ids.size(); from += 500) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT " + ScanRepository.FINDING_COLUMNS
                        + " FROM findings WHERE id IN (" + marks + ")")) {
                    for (int i = 0; i < chunk.size(); i++) ps.setLong(i + 1, chunk.get(i));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            FindingRecord r = ScanRepository.mapFinding(rs);
                            out.put(r.id(), r);
                        }
                    }
                }
            }
            return out;
        });
    }

    /** The hosts of all the investigation's scans, one row per address, in address order. */
    public List<InvestigationHost> hosts(long investigationId) {
        Material m = material(investigationId);
        Map<Long, Integer> order = new HashMap<>();
        for (int i = 0; i < m.scans().size(); i++) order.put(m.scans().get(i).id(), i);
        record HostRow(long scanId, String address, String hostname, boolean up) {
        }
        Map<String, List<HostRow>> rows = new LinkedHashMap<>();
        Map<String, Map<Long, Set<Integer>>> open = new HashMap<>();
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT h.scan_id, h.address, h.hostname, h.up FROM investigation_scans l"
                    + " JOIN hosts h ON h.scan_id = l.scan_id WHERE l.investigation_id = ?")) {
                ps.setLong(1, investigationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        HostRow r = new HostRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0);
                        rows.computeIfAbsent(r.address(), k -> new ArrayList<>()).add(r);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT v.scan_id, v.address, v.port FROM investigation_scans l"
                    + " JOIN services v ON v.scan_id = l.scan_id WHERE l.investigation_id = ? AND v.state = 'OPEN'")) {
                ps.setLong(1, investigationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        open.computeIfAbsent(rs.getString(2), k -> new HashMap<>())
                                .computeIfAbsent(rs.getLong(1), k -> new TreeSet<>()).add(rs.getInt(3));
                    }
                }
            }
            return null;
        });
        Map<String, long[]> findingCounts = new HashMap<>();
        for (Built b : lifecycles(m)) {
            FindingLifecycle l = b.lifecycle();
            if (l.address() == null || !l.current().isOpen()) continue;
            findingCounts.computeIfAbsent(l.address(), k -> new long[5])[l.severity().ordinal()]++;
        }
        List<InvestigationHost> out = new ArrayList<>();
        for (Map.Entry<String, List<HostRow>> e : rows.entrySet()) {
            List<HostRow> rs = e.getValue().stream().filter(r -> order.containsKey(r.scanId()))
                    .sorted(Comparator.comparingInt(r -> order.get(r.scanId()))).toList();
            if (rs.isEmpty()) continue;
            HostRow last = rs.get(rs.size() - 1);
            String hostname = null;
            for (HostRow r : rs) if (r.hostname() != null && !r.hostname().isBlank()) hostname = r.hostname();
            Map<Long, Set<Integer>> byScan = open.getOrDefault(e.getKey(), Map.of());
            Set<Integer> ever = new TreeSet<>();
            byScan.values().forEach(ever::addAll);
            long[] fc = findingCounts.getOrDefault(e.getKey(), new long[5]);
            out.add(new InvestigationHost(e.getKey(), hostname, rs.size(), last.scanId(), last.up(),
                    new ArrayList<>(byScan.getOrDefault(last.scanId(), Set.of())), new ArrayList<>(ever),
                    new SeverityCounts(fc[0], fc[1], fc[2], fc[3], fc[4])));
        }
        out.sort(Comparator.comparing(h -> ScanRepository.addressKey(h.address())));
        return out;
    }

    // ------------------------------------------------------------------ validation

    private static String checkName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) throw new IllegalArgumentException("investigation name is required");
        if (n.length() > MAX_NAME) {
            throw new IllegalArgumentException("investigation name is too long: " + n.length() + " characters, at most " + MAX_NAME);
        }
        if (n.chars().anyMatch(ch -> Character.isISOControl(ch))) {
            throw new IllegalArgumentException("investigation name must be one line without control characters");
        }
        return n;
    }

    private static String checkDescription(String description) {
        String d = description == null ? "" : description.strip();
        if (d.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("investigation description is too long: " + d.length() + " characters, at most " + MAX_DESCRIPTION);
        }
        return d;
    }
}
