package org.watchpost.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
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
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;

class ScanRepositoryTest {
    @TempDir
    Path dir;
    Database db;
    ScanRepository repo;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("w.db"));
        repo = new ScanRepository(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private ScanRecord newScan(String name) {
        return repo.create(name, ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1);
    }

    @Test
    void scanIdsAreSequentialAndNeverReusedAfterADelete() {
        ScanRecord a = newScan("a");
        ScanRecord b = newScan("b");
        assertThat(a.scanId()).isEqualTo("SCAN-1");
        assertThat(b.scanId()).isEqualTo("SCAN-2");
        repo.delete(List.of(b.id()));
        ScanRecord c = newScan("c");
        assertThat(c.scanId()).isEqualTo("SCAN-3");
        db.close();
        db = Database.open(dir.resolve("w.db"));
        repo = new ScanRepository(db, Clock.systemUTC());
        repo.delete(List.of(c.id()));
        assertThat(newScan("d").scanId()).isEqualTo("SCAN-4");
    }

    @Test
    void deletingAScanRemovesItsHostsServicesFindingsAndEventsButNoOtherScansRows() {
        ScanRecord doomed = newScan("doomed");
        ScanRecord kept = newScan("kept");
        for (ScanRecord s : List.of(doomed, kept)) {
            repo.transition(s.id(), ScanStatus.RUNNING, null);
            try (ScanRecorder rec = new ScanRecorder(db, s.id(), Clock.systemUTC())) {
                rec.onHost(new HostResult("127.0.0.1", "localhost", true, "tcp 22 open", 120));
                rec.onPort(new PortResult("127.0.0.1", 22, PortState.OPEN, 100));
                rec.onPort(new PortResult("127.0.0.1", 23, PortState.CLOSED, 90));
                rec.onService(new ServiceInfo("127.0.0.1", 22, "ssh", "OpenSSH", "8.2p1", null, false, "SSH-2.0-OpenSSH_8.2p1", null));
                rec.onFinding(finding("ssh.kex.weak", Severity.MEDIUM, 22));
                rec.onEvent("info", "hello");
            }
        }
        long[] before = repo.dependentRowCounts(doomed.id());
        assertThat(before[0]).as("hosts").isEqualTo(1);
        assertThat(before[1]).as("services").isEqualTo(1);
        assertThat(before[2]).as("findings").isEqualTo(1);
        assertThat(before[3]).as("events").isGreaterThanOrEqualTo(2);

        assertThat(repo.delete(List.of(doomed.id()))).isEqualTo(1);

        assertThat(repo.dependentRowCounts(doomed.id())).containsOnly(0L);
        assertThat(repo.get(doomed.id())).isEmpty();
        assertThat(repo.dependentRowCounts(kept.id())).isEqualTo(before);
    }

    @Test
    void recorderStoresResultsDeduplicatesFindingsAndKeepsCounters() {
        ScanRecord s = newScan("s");
        repo.transition(s.id(), ScanStatus.RUNNING, null);
        try (ScanRecorder rec = new ScanRecorder(db, s.id(), Clock.systemUTC())) {
            rec.onPort(new PortResult("127.0.0.2", 80, PortState.OPEN, 50));
            rec.onPort(new PortResult("127.0.0.2", 81, PortState.FILTERED, -1));
            rec.onPort(new PortResult("127.0.0.3", 81, PortState.FILTERED, -1));
            rec.onFinding(finding("http.header.csp-missing", Severity.LOW, 80));
            rec.onFinding(finding("http.header.csp-missing", Severity.LOW, 80));
            rec.onFinding(finding("tls.protocol.tls10", Severity.HIGH, 80));
        }
        ScanRecord r = repo.require(s.id());
        assertThat(r.openPorts()).isEqualTo(1);
        assertThat(r.hostsUp()).as("a host with only filtered ports is not known to be up").isEqualTo(1);
        assertThat(r.severities()).isEqualTo(new SeverityCounts(0, 1, 0, 1, 0));
        assertThat(repo.findings(s.id())).extracting(FindingRecord::checkId).containsExactly("tls.protocol.tls10", "http.header.csp-missing");
        assertThat(repo.hosts(s.id())).hasSize(2);
    }

    @Test
    void closedAndFilteredPortsFromSeveralThreadsAreCountedExactlyPerHost() throws Exception {
        ScanRecord s = newScan("s");
        repo.transition(s.id(), ScanStatus.RUNNING, null);
        int perThread = 20_000;
        try (ScanRecorder rec = new ScanRecorder(db, s.id(), Clock.systemUTC())) {
            Thread[] scanners = new Thread[2];
            for (int t = 0; t < scanners.length; t++) {
                scanners[t] = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int port = 1 + i % 65535;
                        rec.onPort(new PortResult("127.0.0.2", port, i % 10 == 0 ? PortState.FILTERED : PortState.CLOSED, 20));
                        if (i % 4 == 0) rec.onPort(new PortResult("127.0.0.3", port, PortState.FILTERED, -1));
                    }
                });
                scanners[t].start();
            }
            rec.onPort(new PortResult("127.0.0.2", 22, PortState.OPEN, 30));
            for (Thread t : scanners) t.join();
        }
        var hosts = repo.hosts(s.id());
        var a = hosts.stream().filter(h -> h.address().equals("127.0.0.2")).findFirst().orElseThrow();
        var b = hosts.stream().filter(h -> h.address().equals("127.0.0.3")).findFirst().orElseThrow();
        // the flusher may write while the threads count: nothing is lost or counted twice
        assertThat(a.closedPorts()).isEqualTo(2 * perThread * 9 / 10);
        assertThat(a.filteredPorts()).isEqualTo(2 * perThread / 10);
        assertThat(a.openPorts()).isEqualTo(1);
        assertThat(a.up()).as("refused connects prove the host up").isTrue();
        assertThat(b.filteredPorts()).isEqualTo(2 * perThread / 4);
        assertThat(b.closedPorts()).isZero();
        assertThat(b.up()).as("only dropped probes: not known to be up").isFalse();
        assertThat(repo.require(s.id()).hostsUp()).isEqualTo(1);
    }

    @Test
    void lifecycleRefusesMovesThatMakeNoSense() {
        ScanRecord s = newScan("s");
        assertThatThrownBy(() -> repo.transition(s.id(), ScanStatus.COMPLETED, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("QUEUED").hasMessageContaining("COMPLETED");
        repo.transition(s.id(), ScanStatus.RUNNING, null);
        ScanRecord done = repo.transition(s.id(), ScanStatus.COMPLETED, null);
        assertThat(done.status()).isEqualTo(ScanStatus.COMPLETED);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isNotNull();
        assertThatThrownBy(() -> repo.transition(s.id(), ScanStatus.RUNNING, null)).isInstanceOf(IllegalStateException.class);
        assertThat(repo.require(s.id()).status()).isEqualTo(ScanStatus.COMPLETED);
    }

    @Test
    void scansLeftRunningByADeadProcessBecomeInterrupted() {
        ScanRecord running = newScan("running");
        repo.transition(running.id(), ScanStatus.RUNNING, null);
        ScanRecord done = newScan("done");
        repo.transition(done.id(), ScanStatus.RUNNING, null);
        repo.transition(done.id(), ScanStatus.COMPLETED, null);

        assertThat(repo.markInterrupted()).isEqualTo(1);
        assertThat(repo.require(running.id()).status()).isEqualTo(ScanStatus.INTERRUPTED);
        assertThat(repo.require(done.id()).status()).isEqualTo(ScanStatus.COMPLETED);
        assertThat(repo.events(running.id())).extracting(ScanEvent::message).anyMatch(m -> m.contains("INTERRUPTED"));
    }

    @Test
    void updatingTheConfigurationOfAFinishedScanKeepsItsRecordAndFeedsTheNextRun() {
        ScanRecord s = newScan("s");
        repo.transition(s.id(), ScanStatus.RUNNING, null);
        repo.transition(s.id(), ScanStatus.COMPLETED, null);
        ScanConfig edited = s.config().withTargets("127.0.0.5-9").withPorts("22,80");
        repo.updateConfig(s.id(), edited, null);
        assertThat(repo.require(s.id()).config().targets()).isEqualTo("127.0.0.1");
        assertThat(repo.configForNextRun(s.id())).isEqualTo(edited);
    }

    @Test
    void updatingAQueuedScanChangesItDirectly() {
        ScanRecord s = newScan("s");
        repo.updateConfig(s.id(), s.config().withPorts("1-100"), "renamed");
        ScanRecord r = repo.require(s.id());
        assertThat(r.config().ports()).isEqualTo("1-100");
        assertThat(r.name()).isEqualTo("renamed");
    }

    @Test
    void unknownScanIdsGiveAClearMessage() {
        assertThatThrownBy(() -> repo.require(42)).isInstanceOf(NoSuchScanException.class).hasMessageContaining("SCAN-42");
        assertThat(ScanIds.parse("scan-7")).isEqualTo(7);
        assertThatThrownBy(() -> ScanIds.parse("SCAN-x")).hasMessageContaining("'SCAN-x' is not a scan ID");
    }

    static Finding finding(String check, Severity sev, int port) {
        return new Finding(check, sev, null, null, List.of(), null, "title " + check, "d", "r", "e", "127.0.0.2", port, "http",
                "confirmed", false);
    }
}
