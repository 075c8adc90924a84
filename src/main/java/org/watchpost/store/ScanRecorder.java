package org.watchpost.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.HostResult;
import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.PortState;
import org.watchpost.engine.model.ScanListener;
import org.watchpost.engine.model.ScanProgress;
import org.watchpost.engine.model.ServiceInfo;

/**
 * Persists a running scan's results in batches: the engine's callbacks only queue, and a
 * flusher writes what is queued every {@value #FLUSH_MS} ms (or sooner when {@value #BATCH}
 * items wait) in one transaction. A crash loses at most the last fraction of a second.
 */
public final class ScanRecorder implements ScanListener, AutoCloseable {
    static final int FLUSH_MS = 200;
    static final int BATCH = 2000;

    private final Database db;
    private final long scanId;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Object> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final ScheduledExecutorService flusher;
    private final Map<String, Long> hostIds = new HashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Tally> tallies = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> markedUp = new java.util.HashSet<>();
    private volatile double lastProgress = -1;
    private volatile boolean closed;

    private record Event(long at, String level, String message) {}

    private record Progress(double fraction) {}

    public ScanRecorder(Database db, long scanId, Clock clock) {
        this.db = db;
        this.scanId = scanId;
        this.clock = clock;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchpost-recorder-" + scanId);
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
    }

    private void offer(Object o) {
        if (closed) return;
        pending.add(o);
        if (size.incrementAndGet() >= BATCH) flusher.execute(this::flushQuietly);
    }

    @Override
    public void onHost(HostResult host) {
        offer(host);
    }

    /**
     * Open ports are queued like everything else; closed and filtered ones (nearly all of a scan's
     * results) are only counted per host, so they cost the scanning threads two counter updates
     * instead of a queued object each.
     */
    @Override
    public void onPort(PortResult port) {
        if (port.state() == PortState.OPEN) {
            offer(port);
            return;
        }
        if (closed) return;
        Tally t = tallies.get(port.address());
        if (t == null) t = tallies.computeIfAbsent(port.address(), a -> new Tally());
        (port.state() == PortState.CLOSED ? t.closed : t.filtered).incrementAndGet();
    }

    /** Closed and filtered ports of one host not yet written. */
    private static final class Tally {
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger filtered = new AtomicInteger();
    }

    @Override
    public void onService(ServiceInfo service) {
        offer(service);
    }

    @Override
    public void onFinding(Finding finding) {
        offer(finding);
    }

    @Override
    public void onEvent(String level, String message) {
        offer(new Event(clock.millis(), level, message));
    }

    @Override
    public void onProgress(ScanProgress progress) {
        // only the latest matters; stored with the next batch
        if (progress.fraction() - lastProgress >= 0.005 || progress.fraction() >= 1.0) {
            lastProgress = progress.fraction();
            offer(new Progress(progress.fraction()));
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ScanRecorder.class).warn("could not store results of {}: {}",
                    ScanIds.format(scanId), e.getMessage());
        }
    }

    /** Writes everything queued so far, in one transaction. */
    public synchronized void flush() {
        List<Object> batch = new ArrayList<>();
        Object o;
        while ((o = pending.poll()) != null) {
            batch.add(o);
            size.decrementAndGet();
        }
        // counts taken now belong to this batch; what the scanners add meanwhile goes to the next
        Map<String, int[]> counted = new HashMap<>();
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            int nClosed = e.getValue().closed.getAndSet(0);
            int nFiltered = e.getValue().filtered.getAndSet(0);
            if (nClosed + nFiltered > 0) counted.put(e.getKey(), new int[] {nClosed, nFiltered});
        }
        if (batch.isEmpty() && counted.isEmpty()) return;
        db.write(c -> {
            write(c, batch, counted);
            return null;
        });
    }

    private void write(Connection c, List<Object> batch, Map<String, int[]> counted) throws SQLException {
        Double progress = null;
        boolean countersDirty = false;
        int[] sevDelta = new int[5];
        try (PreparedStatement upHost = c.prepareStatement("INSERT INTO hosts(scan_id, address, hostname, up, reason, rtt_micros)"
                + " VALUES (?,?,?,?,?,?) ON CONFLICT(scan_id, address) DO UPDATE SET up = max(up, excluded.up),"
                + " hostname = coalesce(excluded.hostname, hostname), reason = coalesce(excluded.reason, reason),"
                + " rtt_micros = CASE WHEN excluded.rtt_micros >= 0 THEN excluded.rtt_micros ELSE rtt_micros END");
             PreparedStatement openPort = c.prepareStatement("INSERT INTO services(scan_id, host_id, address, port, protocol, state,"
                     + " rtt_micros) VALUES (?,?,?,?,'tcp','OPEN',?) ON CONFLICT(scan_id, address, port, protocol) DO NOTHING");
             PreparedStatement portCounts = c.prepareStatement("UPDATE hosts SET closed_ports = closed_ports + ?,"
                     + " filtered_ports = filtered_ports + ? WHERE id = ?");
             PreparedStatement svc = c.prepareStatement("INSERT INTO services(scan_id, host_id, address, port, protocol, state,"
                     + " service, product, version, cpe, tls, banner, extra) VALUES (?,?,?,?,'tcp','OPEN',?,?,?,?,?,?,?)"
                     + " ON CONFLICT(scan_id, address, port, protocol) DO UPDATE SET service = excluded.service,"
                     + " product = excluded.product, version = excluded.version, cpe = excluded.cpe, tls = excluded.tls,"
                     + " banner = excluded.banner, extra = excluded.extra");
             PreparedStatement finding = c.prepareStatement("INSERT INTO findings(scan_id, check_id, severity, cvss, cvss_vector,"
                     + " cves, cwe, title, description, remediation, evidence, address, port, service, confidence,"
                     + " known_exploited, dedup_key, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                     + " ON CONFLICT(scan_id, dedup_key) DO NOTHING");
             PreparedStatement event = c.prepareStatement("INSERT INTO scan_events(scan_id, at, level, message) VALUES (?,?,?,?)")) {
            for (Object o : batch) {
                if (o instanceof HostResult h) {
                    upsertHost(upHost, h.address(), h.hostname(), h.up(), h.reason(), h.rttMicros());
                    if (h.up()) markedUp.add(h.address());
                    countersDirty = true;
                } else if (o instanceof PortResult p) {   // only open ports are queued (see onPort)
                    long hostId = hostId(c, upHost, p.address(), true);
                    openPort.setLong(1, scanId);
                    openPort.setLong(2, hostId);
                    openPort.setString(3, p.address());
                    openPort.setInt(4, p.port());
                    openPort.setLong(5, p.rttMicros());
                    openPort.executeUpdate();
                    countersDirty = true;
                } else if (o instanceof ServiceInfo s) {
                    long hostId = hostId(c, upHost, s.address(), true);
                    svc.setLong(1, scanId);
                    svc.setLong(2, hostId);
                    svc.setString(3, s.address());
                    svc.setInt(4, s.port());
                    svc.setString(5, Text.clean(s.service(), 64));
                    svc.setString(6, Text.clean(s.product(), 200));
                    svc.setString(7, Text.clean(s.version(), 100));
                    svc.setString(8, Text.clean(s.cpe(), 300));
                    svc.setBoolean(9, s.tls());
                    svc.setString(10, s.banner());
                    svc.setString(11, Text.clean(s.extra(), 1000));
                    svc.executeUpdate();
                    countersDirty = true;
                } else if (o instanceof Finding f) {
                    finding.setLong(1, scanId);
                    finding.setString(2, f.checkId());
                    finding.setInt(3, f.severity().rank());
                    if (f.cvssScore() == null) finding.setNull(4, java.sql.Types.REAL);
                    else finding.setDouble(4, f.cvssScore());
                    finding.setString(5, f.cvssVector());
                    finding.setString(6, String.join(",", f.cves()));
                    finding.setString(7, f.cwe());
                    finding.setString(8, Text.clean(f.title(), 300));
                    finding.setString(9, f.description());
                    finding.setString(10, f.remediation());
                    finding.setString(11, f.evidence());
                    finding.setString(12, f.address());
                    finding.setInt(13, f.port());
                    finding.setString(14, f.service());
                    finding.setString(15, f.confidence());
                    finding.setBoolean(16, f.knownExploited());
                    finding.setString(17, f.dedupKey());
                    finding.setLong(18, clock.millis());
                    if (finding.executeUpdate() == 1) sevDelta[f.severity().ordinal()]++;
                } else if (o instanceof Event e) {
                    event.setLong(1, scanId);
                    event.setLong(2, e.at());
                    event.setString(3, e.level());
                    event.setString(4, e.message());
                    event.executeUpdate();
                } else if (o instanceof Progress p) {
                    progress = p.fraction();
                }
            }
            // one UPDATE per host per batch; a refused connect proves the host up, dropped probes do not
            for (Map.Entry<String, int[]> e : counted.entrySet()) {
                portCounts.setInt(1, e.getValue()[0]);
                portCounts.setInt(2, e.getValue()[1]);
                portCounts.setLong(3, hostId(c, upHost, e.getKey(), e.getValue()[0] > 0));
                portCounts.executeUpdate();
                countersDirty = true;
            }
        }
        if (countersDirty || progress != null || sevDelta[0] + sevDelta[1] + sevDelta[2] + sevDelta[3] + sevDelta[4] > 0) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE scans SET"
                    + " n_critical = n_critical + ?, n_high = n_high + ?, n_medium = n_medium + ?, n_low = n_low + ?, n_info = n_info + ?,"
                    + " open_ports = (SELECT count(*) FROM services WHERE scan_id = ? AND state = 'OPEN'),"
                    + " hosts_up = (SELECT count(*) FROM hosts WHERE scan_id = ? AND up = 1),"
                    + " progress = CASE WHEN ? >= 0 AND status = 'RUNNING' THEN ? ELSE progress END"
                    + " WHERE id = ?")) {
                for (int i = 0; i < 5; i++) ps.setInt(i + 1, sevDelta[i]);
                ps.setLong(6, scanId);
                ps.setLong(7, scanId);
                double pr = progress == null ? -1 : progress;
                ps.setDouble(8, pr);
                ps.setDouble(9, pr);
                ps.setLong(10, scanId);
                ps.executeUpdate();
            }
        }
    }

    private void upsertHost(PreparedStatement upHost, String address, String hostname, boolean up, String reason, long rtt)
            throws SQLException {
        upHost.setLong(1, scanId);
        upHost.setString(2, address);
        upHost.setString(3, hostname);
        upHost.setBoolean(4, up);
        upHost.setString(5, reason);
        upHost.setLong(6, rtt);
        upHost.executeUpdate();
    }

    private long hostId(Connection c, PreparedStatement upHost, String address, boolean answered) throws SQLException {
        Long id = hostIds.get(address);
        if (id != null && (!answered || markedUp.contains(address))) return id;
        upsertHost(upHost, address, null, answered, answered ? "port answered" : null, -1);
        if (answered) markedUp.add(address);
        if (id != null) return id;
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM hosts WHERE scan_id = ? AND address = ?")) {
            ps.setLong(1, scanId);
            ps.setString(2, address);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        hostIds.put(address, id);
        return id;
    }

    /** Stops the flusher and writes what is left. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
