package org.watchpost.engine.vulndb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line builder of the bundled vulnerability dataset. Without arguments it builds
 * {@value #DEFAULT_OUT} from the files in {@code data/vulndb/} (run from the project root;
 * {@code scripts/build-vulndb.sh} does that).
 *
 * <pre>
 * BuildVulnDb [--nvd FILE]... [--kev FILE]... [--epss FILE]... [--out FILE]
 * </pre>
 */
public final class BuildVulnDb {
    /** Default output, the resource {@link VulnDbInstaller} expands. */
    public static final String DEFAULT_OUT = "src/main/resources/org/watchpost/engine/vulndb/vulndb.sqlite.gz";
    /** Default NVD source. */
    public static final String DEFAULT_NVD = "data/vulndb/nvdcve-2.0-sample.json.gz";
    /** Default KEV source. */
    public static final String DEFAULT_KEV = "data/vulndb/known_exploited_vulnerabilities.json";

    private BuildVulnDb() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the builder; returns the process exit code (0 ok, 1 bad input, 2 usage). */
    static int run(String[] args) {
        List<Path> nvd = new ArrayList<>(), kev = new ArrayList<>(), epss = new ArrayList<>();
        Path out = Path.of(DEFAULT_OUT);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println("usage: BuildVulnDb [--nvd FILE]... [--kev FILE]... [--epss FILE]... [--out FILE]");
                System.out.println("defaults: --nvd " + DEFAULT_NVD + " --kev " + DEFAULT_KEV + " --out " + DEFAULT_OUT);
                return 0;
            }
            if (i + 1 >= args.length) {
                System.err.println("BuildVulnDb: " + a + " needs a value (try --help)");
                return 2;
            }
            Path v = Path.of(args[++i]);
            switch (a) {
                case "--nvd" -> nvd.add(v);
                case "--kev" -> kev.add(v);
                case "--epss" -> epss.add(v);
                case "--out" -> out = v;
                default -> {
                    System.err.println("BuildVulnDb: unknown option " + a + " (try --help)");
                    return 2;
                }
            }
        }
        if (nvd.isEmpty() && kev.isEmpty() && epss.isEmpty()) {
            nvd.add(Path.of(DEFAULT_NVD));
            kev.add(Path.of(DEFAULT_KEV));
        }
        VulnDbBuilder b = new VulnDbBuilder();
        nvd.forEach(b::nvd);
        kev.forEach(b::kev);
        epss.forEach(b::epss);
        try {
            DatasetInfo info = b.build(out);
            b.results().forEach(r -> System.out.println(r));
            System.out.printf("wrote %s: %d CVEs, %d CPE criteria, %d KEV entries, %d EPSS scores, dataset date %s%n",
                    out, info.cves(), info.cpeMatches(), info.kevEntries(), info.epssScores(), info.datasetDate());
            for (DatasetInfo.Source s : info.sources()) {
                System.out.printf("  source %s: version %s, date %s, %d records, file %s%n",
                        s.name(), s.version(), s.date(), s.records(), s.file());
            }
            return 0;
        } catch (VulnDbImportException e) {
            System.err.println("BuildVulnDb: " + e.getMessage());
            return 1;
        } catch (java.io.IOException | VulnDbException e) {
            System.err.println("BuildVulnDb: " + e.getMessage());
            return 1;
        }
    }
}
