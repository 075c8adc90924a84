// Prints how long the investigation read models take on a large investigation
// (20 scans × 250 hosts × 20 findings = 100,000 findings, in a temporary database).
// Run after `mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt`:
//   java -cp target/classes:$(cat target/cp.txt) bench/InvestigationBench.java
// Nothing is contacted: results are written straight to the store.

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.HostResult;
import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.PortState;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.Database;
import org.watchpost.store.InvestigationRepository;
import org.watchpost.store.ScanRecorder;
import org.watchpost.store.ScanRepository;

public class InvestigationBench {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("wp-inv-bench");
        int scansN = 20, hostsN = 250, perHost = 20;
        try (Database db = Database.open(dir.resolve("bench.db"))) {
            Clock clock = Clock.systemUTC();
            ScanRepository scans = new ScanRepository(db, clock);
            InvestigationRepository invs = new InvestigationRepository(db, clock);
            long inv = invs.create("bench", null).id();
            long w0 = System.nanoTime();
            List<Long> ids = new ArrayList<>();
            for (int s = 0; s < scansN; s++) {
                long id = scans.create("s" + s, ScanConfig.defaults("127.0.0.0/24"), "ui", null, null, hostsN).id();
                scans.transition(id, ScanStatus.RUNNING, null);
                try (ScanRecorder rec = new ScanRecorder(db, id, clock)) {
                    for (int h = 0; h < hostsN; h++) {
                        String a = "127.0." + (h / 250) + "." + (h % 250 + 1);
                        rec.onHost(new HostResult(a, null, true, "bench", 100));
                        rec.onPort(new PortResult(a, 22, PortState.OPEN, 100));
                        for (int f = 0; f < perHost; f++) {
                            // a quarter of the findings come and go between scans
                            if (f % 4 == 0 && (s + h) % 3 == 0) continue;
                            rec.onFinding(new Finding("bench.check" + f, Severity.values()[f % 5], null, null, List.of(), null,
                                    "finding " + f, null, null, null, a, 22, null, "firm", false));
                        }
                    }
                }
                scans.transition(id, ScanStatus.COMPLETED, null);
                ids.add(id);
            }
            invs.addScans(inv, ids);
            System.out.printf("wrote %d scans, %d hosts each, about %,d findings in %.1f s%n", scansN, hostsN,
                    scansN * hostsN * perHost * 11 / 12, (System.nanoTime() - w0) / 1e9);
            for (int round = 0; round < Integer.getInteger("rounds", 3); round++) {
                long t0 = System.nanoTime();
                int listed = invs.list().size();
                long t1 = System.nanoTime();
                int lc = invs.lifecycles(inv).size();
                long t2 = System.nanoTime();
                int fs = invs.findings(inv).size();
                long t3 = System.nanoTime();
                int hs = invs.hosts(inv).size();
                long t4 = System.nanoTime();
                int tr = invs.severityTrend(inv).size();
                long t5 = System.nanoTime();
                System.out.printf("round %d: list %.1f ms (%d) · lifecycles %.0f ms (%,d) · findings %.0f ms (%,d) · hosts %.0f ms (%d) · trend %.1f ms (%d)%n",
                        round, (t1 - t0) / 1e6, listed, (t2 - t1) / 1e6, lc, (t3 - t2) / 1e6, fs, (t4 - t3) / 1e6, hs, (t5 - t4) / 1e6, tr);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
