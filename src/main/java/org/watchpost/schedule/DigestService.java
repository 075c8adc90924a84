package org.watchpost.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.Database;
import org.watchpost.store.StoreException;

/**
 * Computes and stores the {@link ChangeDigest} of a monitor scan against the monitor's
 * previous COMPLETED scan, and tells the {@link NotificationSink} about new High or Critical
 * findings (once per scan, never for the baseline).
 */
public final class DigestService {
    private static final Logger LOG = LoggerFactory.getLogger(DigestService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Clock clock;
    private final NotificationSink sink;

    public DigestService(Database db, Clock clock, NotificationSink sink) {
        this.db = db;
        this.clock = clock;
        this.sink = sink == null ? NotificationSink.NONE : sink;
    }

    /**
     * For a monitor scan that has ended: computes its digest, stores it (replacing an earlier
     * one) and, the first time, notifies new High/Critical findings.
     *
     * @return the digest, or empty when the scan is not a monitor's (or its monitor was deleted),
     *         has not ended, or does not exist
     */
    public Optional<ChangeDigest> computeAndStore(long scanId) {
        ScanInfo scan = scanInfo(scanId);
        if (scan == null || scan.monitorId() == null || !scan.status().isTerminal()) return Optional.empty();
        Long previous = previousCompleted(scan.monitorId(), scanId);
        ChangeDigest d = compute(scanId, previous);
        boolean first = db.write(c -> {
            boolean existed;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM monitor_digests WHERE scan_id = ?")) {
                ps.setLong(1, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    existed = rs.next();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO monitor_digests(scan_id, monitor_id,"
                    + " previous_scan_id, created_at, new_ports, closed_ports, new_findings, resolved_findings, new_severe, body)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                ps.setLong(1, scanId);
                ps.setLong(2, scan.monitorId());
                if (previous == null) ps.setNull(3, Types.INTEGER);
                else ps.setLong(3, previous);
                ps.setLong(4, d.computedAt().toEpochMilli());
                ps.setInt(5, d.newOpenPorts().size());
                ps.setInt(6, d.closedPorts().size());
                ps.setInt(7, d.newFindings().size());
                ps.setInt(8, d.resolvedFindings().size());
                ps.setInt(9, d.newSevere().size());
                ps.setString(10, toJson(d));
                ps.executeUpdate();
            }
            return !existed;
        });
        if (first && !d.baseline() && !d.newSevere().isEmpty()) {
            try {
                sink.notify(new NotificationSink.Notification(scan.monitorId(), d.monitorName(), scanId, d.newSevere()));
            } catch (RuntimeException e) {
                LOG.warn("notification failed: {}", e.toString());
            }
        }
        return Optional.of(d);
    }

    /** The stored digest of a scan, if any. */
    public Optional<ChangeDigest> digestOf(long scanId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM monitor_digests WHERE scan_id = ?")) {
                ps.setLong(1, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(fromJson(rs.getString(1))) : Optional.<ChangeDigest>empty();
                }
            }
        });
    }

    /** A monitor's stored digests, newest scan first, at most {@code limit}. */
    public List<ChangeDigest> digestsOfMonitor(long monitorId, int limit) {
        return db.read(c -> {
            List<ChangeDigest> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM monitor_digests WHERE monitor_id = ? ORDER BY scan_id DESC LIMIT ?")) {
                ps.setLong(1, monitorId);
                ps.setInt(2, Math.max(1, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(fromJson(rs.getString(1)));
                }
            }
            return out;
        });
    }

    private record ScanInfo(long id, Long monitorId, String monitorName, ScanStatus status) {
    }

    private ScanInfo scanInfo(long scanId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.monitor_id, m.name, s.status FROM scans s"
                    + " LEFT JOIN monitors m ON m.id = s.monitor_id WHERE s.id = ?")) {
                ps.setLong(1, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return null;
                    long m = rs.getLong(2);
                    Long monitorId = rs.wasNull() ? null : m;
                    return new ScanInfo(rs.getLong(1), monitorId, rs.getString(3), ScanStatus.valueOf(rs.getString(4)));
                }
            }
        });
    }

    /** The monitor's latest COMPLETED scan created before {@code scanId}, or null. */
    private Long previousCompleted(long monitorId, long scanId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM scans WHERE monitor_id = ? AND id < ? AND status = 'COMPLETED'"
                    + " ORDER BY id DESC LIMIT 1")) {
                ps.setLong(1, monitorId);
                ps.setLong(2, scanId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        });
    }

    private record Side(ScanStatus status, Set<String> upHosts, Map<String, ChangeDigest.PortChange> openPorts,
                        Map<String, ChangeDigest.DigestFinding> findings) {
    }

    /**
     * Computes (without storing) what {@code scanId} changed against {@code previousScanId}
     * (null: a baseline where everything is new).
     *
     * @throws StoreException if the scan does not exist
     */
    public ChangeDigest compute(long scanId, Long previousScanId) {
        ScanInfo info = scanInfo(scanId);
        if (info == null) throw new StoreException("no scan " + org.watchpost.store.ScanIds.format(scanId) + " to compute a digest for");
        Side now = db.read(c -> side(c, scanId));
        Side before = previousScanId == null ? null : db.read(c -> side(c, previousScanId));
        List<ChangeDigest.PortChange> newPorts = new ArrayList<>();
        List<ChangeDigest.PortChange> closedPorts = new ArrayList<>();
        List<String> newHosts = new ArrayList<>();
        List<String> goneHosts = new ArrayList<>();
        List<ChangeDigest.DigestFinding> newFindings = new ArrayList<>();
        List<ChangeDigest.DigestFinding> resolved = new ArrayList<>();
        boolean completed = now.status() == ScanStatus.COMPLETED;
        for (var e : now.openPorts().entrySet()) {
            if (before == null || !before.openPorts().containsKey(e.getKey())) newPorts.add(e.getValue());
        }
        for (var e : now.findings().entrySet()) {
            if (before == null || !before.findings().containsKey(e.getKey())) newFindings.add(e.getValue());
        }
        if (before != null) {
            for (String h : now.upHosts()) if (!before.upHosts().contains(h)) newHosts.add(h);
            if (completed) {
                for (String h : before.upHosts()) if (!now.upHosts().contains(h)) goneHosts.add(h);
                for (var e : before.openPorts().entrySet()) {
                    if (!now.openPorts().containsKey(e.getKey()) && now.upHosts().contains(e.getValue().address())) {
                        closedPorts.add(e.getValue());
                    }
                }
                for (var e : before.findings().entrySet()) {
                    ChangeDigest.DigestFinding f = e.getValue();
                    boolean covered = f.address() == null
                            || now.upHosts().contains(f.address()) && before.upHosts().contains(f.address());
                    if (!now.findings().containsKey(e.getKey()) && covered) resolved.add(f);
                }
            }
        }
        newFindings.sort(java.util.Comparator.comparing(ChangeDigest.DigestFinding::severity));
        resolved.sort(java.util.Comparator.comparing(ChangeDigest.DigestFinding::severity));
        return new ChangeDigest(scanId, previousScanId, info.monitorId(), info.monitorName(), clock.instant(), newPorts,
                closedPorts, newHosts, goneHosts, newFindings, resolved);
    }

    private static Side side(Connection c, long scanId) throws SQLException {
        ScanStatus status;
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM scans WHERE id = ?")) {
            ps.setLong(1, scanId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new StoreException("no scan " + org.watchpost.store.ScanIds.format(scanId));
                status = ScanStatus.valueOf(rs.getString(1));
            }
        }
        Set<String> up = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT address FROM hosts WHERE scan_id = ? AND up = 1 ORDER BY id")) {
            ps.setLong(1, scanId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) up.add(rs.getString(1));
            }
        }
        Map<String, ChangeDigest.PortChange> ports = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT address, port, service FROM services WHERE scan_id = ? AND state = 'OPEN'"
                + " ORDER BY host_id, port")) {
            ps.setLong(1, scanId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ChangeDigest.PortChange p = new ChangeDigest.PortChange(rs.getString(1), rs.getInt(2), rs.getString(3));
                    ports.put(p.address() + "|" + p.port(), p);
                }
            }
        }
        Map<String, ChangeDigest.DigestFinding> findings = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT dedup_key, check_id, severity, title, address, port FROM findings"
                + " WHERE scan_id = ? ORDER BY severity DESC, id")) {
            ps.setLong(1, scanId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    findings.put(rs.getString(1), new ChangeDigest.DigestFinding(rs.getString(1), rs.getString(2),
                            Severity.values()[4 - rs.getInt(3)], rs.getString(4), rs.getString(5), rs.getInt(6)));
                }
            }
        }
        return new Side(status, up, ports, findings);
    }

    // ------------------------------------------------------------------ JSON body

    static String toJson(ChangeDigest d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("schema", "watchpost-digest/1");
        n.put("scanId", d.scanId());
        if (d.previousScanId() != null) n.put("previousScanId", d.previousScanId());
        if (d.monitorId() != null) n.put("monitorId", d.monitorId());
        if (d.monitorName() != null) n.put("monitorName", d.monitorName());
        n.put("computedAt", d.computedAt().toEpochMilli());
        ports(n.putArray("newOpenPorts"), d.newOpenPorts());
        ports(n.putArray("closedPorts"), d.closedPorts());
        d.newHosts().forEach(n.putArray("newHosts")::add);
        d.goneHosts().forEach(n.putArray("goneHosts")::add);
        findings(n.putArray("newFindings"), d.newFindings());
        findings(n.putArray("resolvedFindings"), d.resolvedFindings());
        return n.toString();
    }

    private static void ports(ArrayNode arr, List<ChangeDigest.PortChange> ports) {
        for (ChangeDigest.PortChange p : ports) {
            ObjectNode o = arr.addObject();
            o.put("address", p.address());
            o.put("port", p.port());
            if (p.service() != null) o.put("service", p.service());
        }
    }

    private static void findings(ArrayNode arr, List<ChangeDigest.DigestFinding> findings) {
        for (ChangeDigest.DigestFinding f : findings) {
            ObjectNode o = arr.addObject();
            o.put("key", f.key());
            o.put("check", f.checkId());
            o.put("severity", f.severity().name());
            o.put("title", f.title());
            if (f.address() != null) o.put("address", f.address());
            o.put("port", f.port());
        }
    }

    static ChangeDigest fromJson(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            List<ChangeDigest.PortChange> newPorts = readPorts(n.path("newOpenPorts"));
            List<ChangeDigest.PortChange> closed = readPorts(n.path("closedPorts"));
            List<String> newHosts = new ArrayList<>();
            n.path("newHosts").forEach(h -> newHosts.add(h.asText()));
            List<String> goneHosts = new ArrayList<>();
            n.path("goneHosts").forEach(h -> goneHosts.add(h.asText()));
            return new ChangeDigest(n.path("scanId").asLong(), n.hasNonNull("previousScanId") ? n.get("previousScanId").asLong() : null,
                    n.hasNonNull("monitorId") ? n.get("monitorId").asLong() : null,
                    n.hasNonNull("monitorName") ? n.get("monitorName").asText() : null,
                    Instant.ofEpochMilli(n.path("computedAt").asLong()), newPorts, closed, newHosts, goneHosts,
                    readFindings(n.path("newFindings")), readFindings(n.path("resolvedFindings")));
        } catch (java.io.IOException | RuntimeException e) {
            throw new StoreException("stored change digest is unreadable: " + e.getMessage(), e);
        }
    }

    private static List<ChangeDigest.PortChange> readPorts(JsonNode arr) {
        List<ChangeDigest.PortChange> out = new ArrayList<>();
        for (JsonNode o : arr) {
            out.add(new ChangeDigest.PortChange(o.path("address").asText(), o.path("port").asInt(),
                    o.hasNonNull("service") ? o.get("service").asText() : null));
        }
        return out;
    }

    private static List<ChangeDigest.DigestFinding> readFindings(JsonNode arr) {
        List<ChangeDigest.DigestFinding> out = new ArrayList<>();
        for (JsonNode o : arr) {
            out.add(new ChangeDigest.DigestFinding(o.path("key").asText(), o.path("check").asText(),
                    Severity.valueOf(o.path("severity").asText()), o.path("title").asText(),
                    o.hasNonNull("address") ? o.get("address").asText() : null, o.path("port").asInt()));
        }
        return out;
    }
}
