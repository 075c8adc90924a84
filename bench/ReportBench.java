// Seeds a temp database with one scan of 10,000 findings on 500 hosts (through the real
// repository and recorder), then times the technical report and reports peak heap use.
// Run through bench/report-bench.sh (it builds, sets -Xmx512m and cleans up).
// Nothing is contacted: the addresses are only stored, never probed.

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.HostResult;
import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.PortState;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;
import org.watchpost.report.CsvKind;
import org.watchpost.report.ReportOptions;
import org.watchpost.report.ReportService;
import org.watchpost.report.ReportType;
import org.watchpost.store.Database;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRecorder;
import org.watchpost.store.ScanRepository;

public class ReportBench {
    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int findings = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path dir = Files.createTempDirectory("watchpost-report-bench");
        try (Database db = Database.open(dir.resolve("bench.db"))) {
            ScanRepository repo = new ScanRepository(db, Clock.systemUTC());
            long t0 = System.nanoTime();
            ScanRecord s = repo.create("bench", ScanConfig.defaults("127.1.0.0/23"), "cli", null, null, hosts);
            repo.transition(s.id(), ScanStatus.RUNNING, null);
            int[] ports = {22, 80, 443, 3306, 6379};
            String[] svc = {"ssh", "http", "https", "mysql", "redis"};
            try (ScanRecorder rec = new ScanRecorder(db, s.id(), Clock.systemUTC())) {
                for (int h = 0; h < hosts; h++) {
                    String a = "127.1." + (h / 250) + "." + (h % 250 + 1);
                    rec.onHost(new HostResult(a, null, true, "tcp-syn-ack", 200));
                    for (int p = 0; p < ports.length; p++) {
                        rec.onPort(new PortResult(a, ports[p], PortState.OPEN, 150));
                        rec.onService(new ServiceInfo(a, ports[p], svc[p], "Product" + p, "1." + p, null, p == 2,
                                "banner of " + svc[p] + " on " + a + " " + "x".repeat(80), null));
                    }
                }
                for (int i = 0; i < findings; i++) {
                    int h = i % hosts;
                    int p = i / hosts % ports.length;
                    String a = "127.1." + (h / 250) + "." + (h % 250 + 1);
                    Severity sev = Severity.values()[i % 5];
                    rec.onFinding(new Finding("bench.check." + (i % 40), sev, 9.8 - (i % 5) * 2, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                            List.of("CVE-2024-" + (10000 + i)), "CWE-" + (20 + i % 50), "Weakness number " + i + " in " + svc[p],
                            "A description of weakness " + i + " long enough to wrap onto a second line of the report body text.",
                            "Upgrade Product" + p + " to a fixed release (" + (i % 40) + "). Then restart the service.",
                            "evidence line 1 for " + i + "\nevidence line 2: " + "y".repeat(120), a, ports[p], svc[p], "firm", i % 97 == 0));
                }
            }
            repo.transition(s.id(), ScanStatus.COMPLETED, null);
            System.out.printf("seeded %s: %,d hosts, %,d services, %,d findings in %.1f s%n", s.scanId(), hosts, hosts * ports.length,
                    repo.require(s.id()).severities().total(), (System.nanoTime() - t0) / 1e9);
            ReportService reports = new ReportService(repo);
            ReportOptions o = ReportOptions.defaults().withDatasetDate("2025-06-15");
            List<ReportType> types = args.length > 2 ? List.of(ReportType.parse(args[2])) : List.of(ReportType.values());
            int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
            for (int round = 1; round <= rounds; round++) {
                for (ReportType type : types) {
                    System.gc();
                    resetPeaks();
                    long start = System.nanoTime();
                    long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    Path out = dir.resolve(type.fileSuffix() + ".pdf");
                    reports.writePdf(s.id(), type, out, o, null, null);
                    double secs = (System.nanoTime() - start) / 1e9;
                    double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
                    if (System.getenv("WATCHPOST_BENCH_KEEP") != null) {
                        Files.copy(out, Path.of(System.getenv("WATCHPOST_BENCH_KEEP"), type.fileSuffix() + ".pdf"),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    int pages;
                    try (var d = org.apache.pdfbox.Loader.loadPDF(out.toFile())) {
                        pages = d.getNumberOfPages();
                    }
                    System.out.printf("round %d %-12s %6.2f s wall (%5.2f s CPU of this thread)  %4d pages  %5.1f MB file  peak heap %6.1f MB%n",
                            round, type.fileSuffix(), secs, cpu, pages, Files.size(out) / 1e6, peakHeapMb());
                }
            }
            System.gc();
            resetPeaks();
            long start = System.nanoTime();
            long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long rows = reports.exportCsv(s.id(), CsvKind.FINDINGS, dir.resolve("f.csv"), null, null);
            System.out.printf("csv findings %,d rows %.2f s wall (%.2f s CPU)  peak heap %.1f MB%n", rows, (System.nanoTime() - start) / 1e9,
                    (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9, peakHeapMb());
            System.gc();
            resetPeaks();
            start = System.nanoTime();
            cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            reports.exportJson(s.id(), dir.resolve("s.json"), o, null, null);
            System.out.printf("json %.2f s wall (%.2f s CPU)  peak heap %.1f MB%n", (System.nanoTime() - start) / 1e9,
                    (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9, peakHeapMb());
            System.out.printf("max heap (-Xmx) %.0f MB%n", Runtime.getRuntime().maxMemory() / 1e6);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    }

    /** Sum of the heap pools' peak usage since the last reset (an upper bound of the live peak). */
    static double peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum / 1e6;
    }
}
