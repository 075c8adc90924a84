package org.watchpost.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.HostResult;
import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.PortState;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.Database;
import org.watchpost.store.ScanRecorder;
import org.watchpost.store.ScanRepository;
import org.watchpost.testing.MutableClock;

class DigestServiceTest {
    static final String A = "127.0.0.1";
    static final String B = "127.0.0.2";

    @TempDir
    Path dir;
    Database db;
    MutableClock clock;
    ScanRepository scans;
    MonitorRepository monitors;
    List<NotificationSink.Notification> notified = new ArrayList<>();
    DigestService digests;
    Monitor monitor;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("w.db"));
        clock = MutableClock.at("2024-05-01T08:00:00Z", "UTC");
        scans = new ScanRepository(db, clock);
        monitors = new MonitorRepository(db, clock);
        digests = new DigestService(db, clock, notified::add);
        monitor = monitors.create("DMZ", ScanConfig.defaults(A + "," + B), Frequency.hourly(0));
    }

    @AfterEach
    void close() {
        db.close();
    }

    record Host(String address, boolean up, int... open) {
    }

    static Finding finding(String check, Severity sev, String address, int port) {
        return new Finding(check, sev, null, null, List.of(), null, check + " title", null, null, null, address, port, null, "firm", false);
    }

    long monitorScan(ScanStatus end, List<Host> hosts, List<Finding> findings) {
        clock.advance(Duration.ofHours(1));
        long id = scans.create("DMZ", ScanConfig.defaults(A + "," + B), "monitor", monitor.id(), null, hosts.size()).id();
        scans.transition(id, ScanStatus.RUNNING, null);
        try (ScanRecorder rec = new ScanRecorder(db, id, clock)) {
            for (Host h : hosts) {
                rec.onHost(new HostResult(h.address(), null, h.up(), null, 10));
                for (int p : h.open()) rec.onPort(new PortResult(h.address(), p, PortState.OPEN, 10));
            }
            findings.forEach(rec::onFinding);
        }
        clock.advance(Duration.ofMinutes(3));
        scans.transition(id, end, end == ScanStatus.COMPLETED ? null : "ended early");
        return id;
    }

    @Test
    void firstScanIsABaselineWithoutNotification() {
        long s1 = monitorScan(ScanStatus.COMPLETED, List.of(new Host(A, true, 22, 80)), List.of(finding("redis.noauth", Severity.CRITICAL, A, 80)));
        ChangeDigest d = digests.computeAndStore(s1).orElseThrow();
        assertThat(d.baseline()).isTrue();
        assertThat(d.newOpenPorts()).extracting(ChangeDigest.PortChange::text).containsExactly("127.0.0.1:22", "127.0.0.1:80");
        assertThat(d.summary()).isEqualTo("First run: 2 open ports, 1 finding");
        assertThat(notified).isEmpty();
    }

    @Test
    void digestListsNewAndClosedPortsAndNewAndResolvedFindings() {
        long s1 = monitorScan(ScanStatus.COMPLETED, List.of(new Host(A, true, 22, 80), new Host(B, true, 443)),
                List.of(finding("http.header", Severity.LOW, A, 80), finding("tls.old", Severity.MEDIUM, B, 443)));
        digests.computeAndStore(s1);
        // B did not answer this time: its port and finding are not claimed closed/resolved
        long s2 = monitorScan(ScanStatus.COMPLETED, List.of(new Host(A, true, 22, 6379), new Host(B, false)),
                List.of(finding("redis.noauth", Severity.CRITICAL, A, 6379), finding("ssh.weak", Severity.HIGH, A, 22),
                        finding("ssh.banner", Severity.INFO, A, 22)));
        ChangeDigest d = digests.computeAndStore(s2).orElseThrow();
        assertThat(d.previousScanId()).isEqualTo(s1);
        assertThat(d.monitorName()).isEqualTo("DMZ");
        assertThat(d.newOpenPorts()).extracting(ChangeDigest.PortChange::text).containsExactly("127.0.0.1:6379");
        assertThat(d.closedPorts()).extracting(ChangeDigest.PortChange::text).containsExactly("127.0.0.1:80");
        assertThat(d.goneHosts()).containsExactly(B);
        assertThat(d.newFindings()).extracting(ChangeDigest.DigestFinding::checkId).containsExactly("redis.noauth", "ssh.weak", "ssh.banner");
        assertThat(d.resolvedFindings()).extracting(ChangeDigest.DigestFinding::checkId).containsExactly("http.header");
        assertThat(d.summary()).isEqualTo("1 host gone, 1 new open port, 1 port closed, 3 new findings (2 high or critical), 1 resolved");

        // notified once, with the two severe ones
        assertThat(notified).singleElement().satisfies(n -> {
            assertThat(n.scanId()).isEqualTo(s2);
            assertThat(n.monitorName()).isEqualTo("DMZ");
            assertThat(n.findings()).extracting(ChangeDigest.DigestFinding::severity).containsExactly(Severity.CRITICAL, Severity.HIGH);
            assertThat(n.title()).isEqualTo("Monitor 'DMZ': 2 new high/critical findings");
            assertThat(n.body()).startsWith("Critical 127.0.0.1:6379 redis.noauth title\nHigh 127.0.0.1:22 ssh.weak title");
        });
        // stored, readable, and recomputing does not notify again
        assertThat(digests.digestOf(s2)).contains(digests.digestOf(s2).orElseThrow());
        ChangeDigest stored = digests.digestOf(s2).orElseThrow();
        assertThat(stored.newFindings()).isEqualTo(d.newFindings());
        assertThat(stored.closedPorts()).isEqualTo(d.closedPorts());
        assertThat(stored.computedAt()).isEqualTo(d.computedAt());
        digests.computeAndStore(s2);
        assertThat(notified).hasSize(1);
        assertThat(digests.digestsOfMonitor(monitor.id(), 10)).extracting(ChangeDigest::scanId).containsExactly(s2, s1);
    }

    @Test
    void aFailedScanClaimsNoAbsenceAndIsNotABaselineForTheNext() {
        long s1 = monitorScan(ScanStatus.COMPLETED, List.of(new Host(A, true, 22)), List.of(finding("ssh.weak", Severity.HIGH, A, 22)));
        long s2 = monitorScan(ScanStatus.FAILED, List.of(new Host(A, true)), List.of());
        ChangeDigest failed = digests.computeAndStore(s2).orElseThrow();
        assertThat(failed.closedPorts()).isEmpty();
        assertThat(failed.resolvedFindings()).isEmpty();
        long s3 = monitorScan(ScanStatus.COMPLETED, List.of(new Host(A, true, 22)), List.of(finding("ssh.weak", Severity.HIGH, A, 22)));
        ChangeDigest d = digests.computeAndStore(s3).orElseThrow();
        assertThat(d.previousScanId()).as("compared with the last COMPLETED scan").isEqualTo(s1);
        assertThat(d.isEmpty()).isTrue();
        assertThat(d.summary()).isEqualTo("No changes");
        assertThat(notified).isEmpty();
    }

    @Test
    void observerComputesOnTerminalStatesOfMonitorScansOnly() {
        MonitorDigestObserver observer = new MonitorDigestObserver(digests, Runnable::run);
        long s1 = monitorScan(ScanStatus.COMPLETED, List.of(new Host(A, true, 22)), List.of());
        observer.statusChanged(s1, ScanStatus.RUNNING);
        assertThat(digests.digestOf(s1)).isEmpty();
        observer.statusChanged(s1, ScanStatus.COMPLETED);
        assertThat(digests.digestOf(s1)).isPresent();
        long plain = scans.create("manual", ScanConfig.defaults(A), "ui", null, null, 1).id();
        scans.transition(plain, ScanStatus.RUNNING, null);
        scans.transition(plain, ScanStatus.COMPLETED, null);
        observer.statusChanged(plain, ScanStatus.COMPLETED);
        assertThat(digests.digestOf(plain)).isEmpty();
        assertThat(digests.computeAndStore(plain)).isEmpty();
    }
}
