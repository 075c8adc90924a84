package org.watchpost.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.HostResult;
import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.PortState;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.Severity;

/** The streaming reads the reports and exports use. */
class ScanRepositoryStreamingTest {
    @TempDir
    Path dir;

    static Finding f(String address, int port, Severity s, String check) {
        return new Finding(check, s, null, null, List.of(), null, check, null, null, null, address, port, null, "firm", false);
    }

    @Test
    void findingsStreamWorstFirstOrGroupedByHostInHostOrder() {
        try (Database db = Database.open(dir.resolve("w.db"))) {
            ScanRepository repo = new ScanRepository(db, Clock.systemUTC());
            ScanRecord s = repo.create("s", ScanConfig.defaults("127.0.0.1-3"), "cli", null, null, 3);
            repo.transition(s.id(), ScanStatus.RUNNING, null);
            try (ScanRecorder rec = new ScanRecorder(db, s.id(), Clock.systemUTC())) {
                // hosts first seen in the order .3, .1, .2
                for (String a : List.of("127.0.0.3", "127.0.0.1", "127.0.0.2")) rec.onHost(new HostResult(a, null, true, null, 1));
                rec.onPort(new PortResult("127.0.0.1", 80, PortState.OPEN, 1));
                rec.onFinding(f("127.0.0.1", 80, Severity.LOW, "a"));
                rec.onFinding(f("127.0.0.2", 22, Severity.CRITICAL, "b"));
                rec.onFinding(f("127.0.0.3", 443, Severity.MEDIUM, "c"));
                rec.onFinding(f("127.0.0.3", 22, Severity.INFO, "d"));
                rec.onFinding(f("127.0.0.9", 1, Severity.HIGH, "e"));
            }
            List<String> worstFirst = new ArrayList<>();
            repo.forEachFinding(s.id(), x -> worstFirst.add(x.checkId()));
            assertThat(worstFirst).containsExactly("b", "e", "c", "a", "d");
            List<String> byHost = new ArrayList<>();
            repo.forEachFindingByHost(s.id(), x -> byHost.add(x.checkId()));
            assertThat(byHost).as("host order .3, .1, .2; by port within a host; unknown address last")
                    .containsExactly("d", "c", "a", "b", "e");
            List<String> hosts = new ArrayList<>();
            repo.forEachHost(s.id(), h -> hosts.add(h.address()));
            assertThat(hosts).containsExactly("127.0.0.3", "127.0.0.1", "127.0.0.2");
            List<Integer> ports = new ArrayList<>();
            repo.forEachService(s.id(), v -> ports.add(v.port()));
            assertThat(ports).containsExactly(80);
            var counts = repo.findingCountsByAddress(s.id());
            assertThat(counts.get("127.0.0.3")).isEqualTo(new SeverityCounts(0, 0, 1, 0, 1));
            assertThat(counts).hasSize(4);
        }
    }
}
