package org.watchpost.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
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
import org.watchpost.testing.MutableClock;

class InvestigationRepositoryTest {
    static final String A = "127.0.0.1";
    static final String B = "127.0.0.2";

    @TempDir
    Path dir;
    Database db;
    MutableClock clock;
    ScanRepository scans;
    InvestigationRepository invs;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("w.db"));
        clock = MutableClock.at("2024-05-01T08:00:00Z", "UTC");
        scans = new ScanRepository(db, clock);
        invs = new InvestigationRepository(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static Finding finding(String check, Severity sev, String address, int port) {
        return new Finding(check, sev, null, null, List.of(), null, check + " title", null, null, null, address, port, null, "firm", false);
    }

    /** One host seen by a scan: answered or not, its open ports. */
    record Host(String address, boolean up, int... openPorts) {
    }

    /** Writes a scan the way the scan manager does: create, RUNNING, results through ScanRecorder, end state. */
    ScanRecord scan(String name, ScanStatus end, List<Host> hosts, List<Finding> findings) {
        clock.advance(Duration.ofHours(1));
        ScanRecord s = scans.create(name, ScanConfig.defaults(A + "," + B), "ui", null, null, hosts.size());
        clock.advance(Duration.ofMinutes(1));
        scans.transition(s.id(), ScanStatus.RUNNING, null);
        try (ScanRecorder rec = new ScanRecorder(db, s.id(), clock)) {
            for (Host h : hosts) {
                rec.onHost(new HostResult(h.address(), null, h.up(), h.up() ? "test" : null, 10));
                for (int p : h.openPorts()) rec.onPort(new PortResult(h.address(), p, PortState.OPEN, 10));
            }
            findings.forEach(rec::onFinding);
        }
        clock.advance(Duration.ofMinutes(5));
        if (end != ScanStatus.RUNNING) scans.transition(s.id(), end, end == ScanStatus.COMPLETED ? null : "test end");
        return scans.require(s.id());
    }

    @Test
    void createValidatesAndTrimsNamesWhichNeedNotBeUnique() {
        Investigation a = invs.create("  Q2 perimeter  ", null);
        Investigation b = invs.create("Q2 perimeter", "second one");
        assertThat(a.name()).isEqualTo("Q2 perimeter");
        assertThat(a.description()).isEmpty();
        assertThat(b.id()).isNotEqualTo(a.id());
        assertThat(a.displayId()).isEqualTo("INV-" + a.id());
        assertThatThrownBy(() -> invs.create("   ", "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name is required");
        assertThatThrownBy(() -> invs.create("x".repeat(InvestigationRepository.MAX_NAME + 1), null))
                .hasMessageContaining("too long: 201 characters, at most 200");
        assertThatThrownBy(() -> invs.create("ok", "d".repeat(InvestigationRepository.MAX_DESCRIPTION + 1)))
                .hasMessageContaining("description is too long");
        Investigation renamed = invs.update(a.id(), "Renamed", "now with text");
        assertThat(renamed.name()).isEqualTo("Renamed");
        assertThat(renamed.description()).isEqualTo("now with text");
        assertThatThrownBy(() -> invs.update(999, "x", null)).isInstanceOf(NoSuchInvestigationException.class).hasMessageContaining("INV-999");
        assertThat(InvestigationRepository.parseId("inv-7")).isEqualTo(7);
        assertThatThrownBy(() -> InvestigationRepository.parseId("SCAN-7")).hasMessageContaining("not an investigation ID");
    }

    @Test
    void addIsIdempotentAcceptsAnyStatusAndRemoveOrDeleteKeepTheScans() {
        ScanRecord done = scan("done", ScanStatus.COMPLETED, List.of(new Host(A, true, 22)), List.of(finding("x", Severity.LOW, A, 22)));
        ScanRecord running = scan("running", ScanStatus.RUNNING, List.of(new Host(A, true)), List.of());
        ScanRecord stopped = scan("stopped", ScanStatus.STOPPED, List.of(), List.of());
        ScanRecord failed = scan("failed", ScanStatus.FAILED, List.of(), List.of());
        Investigation inv = invs.create("case", null);
        List<Long> all = List.of(done.id(), running.id(), stopped.id(), failed.id());
        assertThat(invs.addScans(inv.id(), all)).isEqualTo(4);
        assertThat(invs.addScans(inv.id(), List.of(done.id(), done.id()))).isZero();
        assertThat(invs.scansOf(inv.id())).extracting(ScanRecord::id).containsExactlyElementsOf(all);
        assertThat(invs.investigationsOf(done.id())).extracting(Investigation::id).containsExactly(inv.id());
        assertThat(scans.require(done.id()).investigationCount()).isEqualTo(1);

        assertThatThrownBy(() -> invs.addScans(inv.id(), List.of(stopped.id(), 4242L))).isInstanceOf(NoSuchScanException.class)
                .hasMessageContaining("SCAN-4242");
        assertThatThrownBy(() -> invs.addScans(999, List.of(done.id()))).isInstanceOf(NoSuchInvestigationException.class);

        assertThat(invs.removeScans(inv.id(), List.of(done.id()))).isEqualTo(1);
        assertThat(invs.scansOf(inv.id())).extracting(ScanRecord::id).doesNotContain(done.id());
        long[] rows = scans.dependentRowCounts(done.id());
        assertThat(rows[0]).as("hosts stay").isEqualTo(1);
        assertThat(rows[1]).as("services stay").isEqualTo(1);
        assertThat(rows[2]).as("findings stay").isEqualTo(1);
        assertThat(rows[4]).as("link gone").isZero();

        assertThat(invs.delete(inv.id())).isTrue();
        assertThat(invs.get(inv.id())).isEmpty();
        assertThat(scans.count()).isEqualTo(4);
        assertThat(scans.require(running.id()).investigationCount()).isZero();
        assertThat(invs.delete(inv.id())).isFalse();
    }

    @Test
    void listSumsSeverityCountsAndTracksLastActivity() {
        ScanRecord s1 = scan("one", ScanStatus.COMPLETED, List.of(new Host(A, true)),
                List.of(finding("a", Severity.CRITICAL, A, 0), finding("b", Severity.HIGH, A, 0)));
        ScanRecord s2 = scan("two", ScanStatus.COMPLETED, List.of(new Host(A, true)),
                List.of(finding("a", Severity.CRITICAL, A, 0), finding("c", Severity.INFO, A, 0)));
        Investigation busy = invs.create("busy", null);
        clock.advance(Duration.ofMinutes(1));
        Investigation empty = invs.create("empty", null);
        clock.advance(Duration.ofMinutes(1));
        invs.addScans(busy.id(), List.of(s1.id(), s2.id()));

        List<InvestigationSummary> list = invs.list();
        Map<Long, InvestigationSummary> byId = list.stream().collect(Collectors.toMap(InvestigationSummary::id, Function.identity()));
        InvestigationSummary b = byId.get(busy.id());
        assertThat(b.scanCount()).isEqualTo(2);
        assertThat(b.activeScans()).isZero();
        assertThat(b.findings()).isEqualTo(new SeverityCounts(2, 1, 0, 0, 1));
        // adding the scans (now) is the latest activity
        assertThat(b.lastActivity()).isEqualTo(clock.instant());
        assertThat(list.get(0).id()).isEqualTo(busy.id());
        InvestigationSummary e = byId.get(empty.id());
        assertThat(e.scanCount()).isZero();
        assertThat(e.findings()).isEqualTo(SeverityCounts.ZERO);
        assertThat(e.lastActivity()).isEqualTo(empty.updatedAt());

        // a scan that finishes later moves the activity on
        ScanRecord s3 = scan("three", ScanStatus.RUNNING, List.of(new Host(A, true)), List.of());
        invs.addScans(busy.id(), List.of(s3.id()));
        clock.advance(Duration.ofHours(2));
        scans.transition(s3.id(), ScanStatus.COMPLETED, null);
        assertThat(invs.summary(busy.id()).orElseThrow().lastActivity()).isEqualTo(clock.instant());
        assertThat(invs.severityTrend(busy.id())).extracting(p -> p.counts().total()).containsExactly(2L, 2L, 0L);
    }

    @Test
    void scansAreOrderedByStartTimeNotCreation() {
        ScanRecord created1 = scans.create("first created", ScanConfig.defaults(A), "ui", null, null, 1);
        clock.advance(Duration.ofMinutes(1));
        ScanRecord created2 = scans.create("second created", ScanConfig.defaults(A), "ui", null, null, 1);
        clock.advance(Duration.ofMinutes(1));
        scans.transition(created2.id(), ScanStatus.RUNNING, null);
        clock.advance(Duration.ofMinutes(1));
        scans.transition(created1.id(), ScanStatus.RUNNING, null);
        Investigation inv = invs.create("order", null);
        invs.addScans(inv.id(), List.of(created1.id(), created2.id()));
        assertThat(invs.scansOf(inv.id())).extracting(ScanRecord::id).containsExactly(created2.id(), created1.id());
    }

    @Test
    void lifecycleStatesAcrossScans() {
        Finding f1 = finding("ssh.weak", Severity.HIGH, A, 22);
        Finding f2 = finding("http.header", Severity.MEDIUM, A, 80);
        Finding f3 = finding("redis.noauth", Severity.CRITICAL, B, 6379);
        ScanRecord s1 = scan("s1", ScanStatus.COMPLETED, List.of(new Host(A, true, 22, 80)), List.of(f1, f2));
        ScanRecord s2 = scan("s2", ScanStatus.COMPLETED, List.of(new Host(A, true, 22, 80)), List.of(f1));
        // a failed scan proves no absence
        ScanRecord s3 = scan("s3", ScanStatus.FAILED, List.of(new Host(A, true)), List.of());
        ScanRecord s4 = scan("s4", ScanStatus.COMPLETED, List.of(new Host(A, true, 22, 80), new Host(B, true, 6379)), List.of(f1, f2, f3));
        // host A not covered (did not answer), B still has f3
        ScanRecord s5 = scan("s5", ScanStatus.COMPLETED, List.of(new Host(A, false), new Host(B, true, 6379)), List.of(f3));
        // B answered, f3 is gone; A is back and still has f1
        ScanRecord s6 = scan("s6", ScanStatus.COMPLETED, List.of(new Host(A, true, 22), new Host(B, true)), List.of(f1));
        Investigation inv = invs.create("lifecycle", null);
        List<Long> order = List.of(s1.id(), s2.id(), s3.id(), s4.id(), s5.id(), s6.id());
        invs.addScans(inv.id(), order);

        Map<String, FindingLifecycle> byCheck = invs.lifecycles(inv.id()).stream()
                .collect(Collectors.toMap(FindingLifecycle::checkId, Function.identity()));
        assertThat(steps(byCheck.get("ssh.weak"))).containsExactly(
                s1.id() + " NEW", s2.id() + " PERSISTING", s4.id() + " PERSISTING", s6.id() + " PERSISTING");
        assertThat(steps(byCheck.get("http.header"))).containsExactly(
                s1.id() + " NEW", s2.id() + " RESOLVED", s4.id() + " REOPENED", s6.id() + " RESOLVED");
        assertThat(steps(byCheck.get("redis.noauth"))).containsExactly(
                s4.id() + " NEW", s5.id() + " PERSISTING", s6.id() + " RESOLVED");

        FindingLifecycle http = byCheck.get("http.header");
        assertThat(http.current()).isEqualTo(FindingState.RESOLVED);
        assertThat(http.occurrences()).isEqualTo(2);
        assertThat(http.lastSeenScanId()).isEqualTo(s4.id());
        assertThat(http.stateAt(s3.id(), order)).isEqualTo(FindingState.RESOLVED);
        assertThat(http.stateAt(s5.id(), order)).isEqualTo(FindingState.REOPENED);
        assertThat(byCheck.get("redis.noauth").stateAt(s2.id(), order)).isNull();
        // worst first
        assertThat(invs.lifecycles(inv.id())).extracting(FindingLifecycle::checkId).containsExactly("redis.noauth", "ssh.weak", "http.header");

        // combined findings: one per identity, open ones first, latest occurrence
        List<InvestigationFinding> combined = invs.findings(inv.id());
        assertThat(combined).extracting(f -> f.latest().checkId() + " " + f.state())
                .containsExactly("ssh.weak PERSISTING", "redis.noauth RESOLVED", "http.header RESOLVED");
        assertThat(combined.get(0).latest().scanId()).isEqualTo(s6.id());
        assertThat(combined.get(1).latest().scanId()).isEqualTo(s5.id());

        // combined hosts
        List<InvestigationHost> hosts = invs.hosts(inv.id());
        assertThat(hosts).extracting(InvestigationHost::address).containsExactly(A, B);
        InvestigationHost a = hosts.get(0);
        assertThat(a.scanCount()).isEqualTo(6);
        assertThat(a.lastScanId()).isEqualTo(s6.id());
        assertThat(a.upInLastScan()).isTrue();
        assertThat(a.openPortsInLastScan()).containsExactly(22);
        assertThat(a.portsEverOpen()).containsExactly(22, 80);
        assertThat(a.openFindings()).isEqualTo(new SeverityCounts(0, 1, 0, 0, 0));
        assertThat(hosts.get(1).openFindings()).isEqualTo(SeverityCounts.ZERO);

        // trend per scan in time order
        assertThat(invs.severityTrend(inv.id())).extracting(p -> p.scanId() + ":" + p.counts().total())
                .containsExactly(s1.id() + ":2", s2.id() + ":1", s3.id() + ":0", s4.id() + ":3", s5.id() + ":1", s6.id() + ":1");
    }

    @Test
    void cvesArePartOfTheIdentity() {
        Finding one = new Finding("vulndb.cve", Severity.HIGH, 7.5, null, List.of("CVE-2023-1"), null, "t", null, null, null, A, 22, null, "version-match", false);
        Finding other = new Finding("vulndb.cve", Severity.HIGH, 7.5, null, List.of("CVE-2023-2"), null, "t", null, null, null, A, 22, null, "version-match", false);
        ScanRecord s1 = scan("s1", ScanStatus.COMPLETED, List.of(new Host(A, true, 22)), List.of(one));
        ScanRecord s2 = scan("s2", ScanStatus.COMPLETED, List.of(new Host(A, true, 22)), List.of(other));
        Investigation inv = invs.create("cves", null);
        invs.addScans(inv.id(), List.of(s1.id(), s2.id()));
        List<String> states = new ArrayList<>();
        for (FindingLifecycle l : invs.lifecycles(inv.id())) states.add(l.cves() + " " + l.current());
        assertThat(states).containsExactlyInAnyOrder("[CVE-2023-1] RESOLVED", "[CVE-2023-2] NEW");
    }

    static List<String> steps(FindingLifecycle l) {
        return l.timeline().stream().map(s -> s.scanId() + " " + s.state()).toList();
    }
}
