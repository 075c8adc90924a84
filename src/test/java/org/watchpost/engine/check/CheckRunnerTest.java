package org.watchpost.engine.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ScanListener;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;

class CheckRunnerTest {
    static ServiceInfo svc(String name, int port) {
        return new ServiceInfo("127.0.0.1", port, name, null, null, null, false, null, null);
    }

    static final class Recorder implements ScanListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onEvent(String level, String message) {
            events.add(level + " " + message);
        }

        @Override
        public void onFinding(Finding f) {
            findings.add(f);
        }
    }

    /** A check that reports one fixed finding for services named like its family. */
    record Fixed(String family, String id, Severity sev) implements Check {
        @Override
        public boolean appliesTo(ServiceInfo s) {
            return s.service().equals(family);
        }

        @Override
        public List<Finding> run(ServiceInfo s, CheckContext ctx) {
            return List.of(FindingBuilder.of(id, s).severity(sev).title(id).build());
        }
    }

    @Test
    void throwingCheckBecomesAnEventAndOthersStillReport() {
        Check boom = new Check() {
            @Override
            public String family() {
                return "boom";
            }

            @Override
            public boolean appliesTo(ServiceInfo s) {
                return true;
            }

            @Override
            public List<Finding> run(ServiceInfo s, CheckContext ctx) throws IOException {
                throw new IOException("connection reset by peer");
            }
        };
        Recorder r = new Recorder();
        List<Finding> f = new CheckRunner(List.of(boom, new Fixed("ssh", "ssh.x", Severity.LOW)), 2, r)
                .run(List.of(svc("ssh", 22)), CheckContext.defaults());
        assertThat(f).extracting(Finding::checkId).containsExactly("ssh.x");
        assertThat(r.events).anyMatch(e -> e.startsWith("warn") && e.contains("boom") && e.contains("connection reset by peer"));
    }

    @Test
    void checkBlockedOnASilentServerIsStoppedAtItsBudget() throws Exception {
        try (StubServer silent = new StubServer(s -> Thread.sleep(10_000))) {
            Check hang = new Check() {
                @Override
                public String family() {
                    return "hang";
                }

                @Override
                public boolean appliesTo(ServiceInfo s) {
                    return true;
                }

                @Override
                public List<Finding> run(ServiceInfo s, CheckContext ctx) throws IOException {
                    try (var sock = ctx.connect("127.0.0.1", silent.port())) {
                        sock.getInputStream().read(); // read timeout is 30 s: only the runner's budget ends this
                    }
                    return List.of(FindingBuilder.of("hang.never", s).title("never").build());
                }
            };
            Recorder r = new Recorder();
            CheckContext ctx = CheckContext.builder().readTimeoutMs(30_000).checkTimeoutMs(300).build();
            long t0 = System.nanoTime();
            List<Finding> f = new CheckRunner(List.of(hang, new Fixed("x", "x.ok", Severity.INFO)), 2, r)
                    .run(List.of(svc("x", 1)), ctx);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(f).extracting(Finding::checkId).containsExactly("x.ok");
            assertThat(r.events).anyMatch(e -> e.contains("hang") && e.contains("300 ms budget"));
            assertThat(ms).as("runner returned long before the 30 s read timeout").isLessThan(20_000);
        }
    }

    @Test
    void duplicateFindingsAreReportedOnceAndResultIsOrderedWorstFirst() {
        Recorder r = new Recorder();
        List<Check> checks = List.of(new Fixed("a", "dup.same", Severity.LOW), new Fixed("a", "dup.same", Severity.LOW),
                new Fixed("a", "z.high", Severity.HIGH));
        List<Finding> f = new CheckRunner(checks, 3, r).run(List.of(svc("a", 80), svc("b", 81)), CheckContext.defaults());
        assertThat(f).extracting(Finding::checkId).containsExactly("z.high", "dup.same");
        assertThat(r.findings).hasSize(2);
    }

    @Test
    void cancelledScanRunsNothing() {
        Cancellation c = new Cancellation();
        c.cancel();
        List<Finding> f = new CheckRunner(List.of(new Fixed("a", "a.x", Severity.LOW)), 1, ScanListener.NONE)
                .run(List.of(svc("a", 1)), CheckContext.builder().cancellation(c).build());
        assertThat(f).isEmpty();
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new CheckRunner(List.of(), 0, null)).hasMessageContaining("threads");
        assertThatThrownBy(() -> CheckContext.builder().readTimeoutMs(0)).hasMessageContaining("readTimeoutMs");
    }

    @Test
    void standardSetRunsEndToEndOnAnUnusedServiceWithoutFindings() {
        List<Finding> f = new CheckRunner(Checks.all(), 4, ScanListener.NONE).run(List.of(svc("gopher", 70)), CheckContext.defaults());
        assertThat(f).isEmpty();
    }
}
