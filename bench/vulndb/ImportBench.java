import org.watchpost.engine.vulndb.VulnDb;
import org.watchpost.engine.vulndb.VulnDbImporter;

import java.nio.file.Files;
import java.nio.file.Path;

/** Imports one NVD feed into a fresh database and prints time, counts and heap use. */
public class ImportBench {
    public static void main(String[] args) throws Exception {
        Path feed = Path.of(args[0]);
        Path db = Path.of(args[1]);
        Files.deleteIfExists(db);
        long t0 = System.nanoTime();
        VulnDbImporter.ImportResult r;
        try (VulnDbImporter imp = VulnDbImporter.open(db)) {
            r = imp.importNvd(feed);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Runtime rt = Runtime.getRuntime();
        long maxHeapMb = rt.maxMemory() >> 20;
        long peak = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        System.out.printf("%s: %s in %d ms (%.0f records/s); -Xmx %d MB, peak heap pools %d MB; db %.1f MB%n",
                feed.getFileName(), r, ms, r.total() * 1000.0 / Math.max(1, ms), maxHeapMb, peak >> 20, Files.size(db) / 1e6);
        try (VulnDb v = VulnDb.open(db)) {
            long q0 = System.nanoTime();
            int hits = 0;
            for (int i = 0; i < 200; i++) hits += v.match("openbsd", "openssh", "8.2p1").size();
            System.out.printf("match(openbsd, openssh, 8.2p1) x200: %d matches each, %.2f ms per query%n",
                    hits / 200, (System.nanoTime() - q0) / 1e6 / 200);
        }
    }
}
