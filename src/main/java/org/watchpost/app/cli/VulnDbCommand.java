package org.watchpost.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.engine.vulndb.DatasetInfo;
import org.watchpost.engine.vulndb.VulnDb;
import org.watchpost.engine.vulndb.VulnDbImportException;
import org.watchpost.engine.vulndb.VulnDbImporter;
import org.watchpost.engine.vulndb.VulnDbInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code watchpost vulndb info|import}: the offline vulnerability database, updated from files. */
@Command(name = "vulndb", mixinStandardHelpOptions = true,
        description = "The offline vulnerability database (NVD CVE records, CISA KEV, FIRST EPSS).",
        subcommands = {VulnDbCommand.Info.class, VulnDbCommand.Import.class})
public final class VulnDbCommand extends CliSupport implements Callable<Integer> {
    @Override
    public Integer call() {
        spec.commandLine().usage(out());
        return Main.USAGE;
    }

    static void printInfo(java.io.PrintWriter out, DatasetInfo info, boolean stale) {
        out.printf("dataset date: %s%s%n", info.datasetDate(), stale ? "  (older than 90 days: recent CVEs are missing; import newer feeds)" : "");
        out.printf("CVEs: %,d   CPE match criteria: %,d   known exploited (KEV): %,d   EPSS scores: %,d%n", info.cves(),
                info.cpeMatches(), info.kevEntries(), info.epssScores());
        for (DatasetInfo.Source s : info.sources()) {
            out.printf("  %-6s %s  %s  %,d records%s%n", s.name(), s.version() == null ? "" : s.version(), s.date() == null ? "" : s.date(),
                    s.records(), s.file() == null ? "" : "  (" + s.file() + ")");
        }
    }

    /** {@code watchpost vulndb info}. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show the dataset's date and counts.")
    static final class Info extends CliSupport implements Callable<Integer> {

        @Override
        public Integer call() {
            try (AppContext ctx = open()) {
                VulnDb db = ctx.vulnDb();
                printInfo(out(), db.info(), db.isStale(ctx.clock()));
                return Main.OK;
            }
        }
    }

    /** {@code watchpost vulndb import FILE…}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import NVD CVE JSON 2.0 feeds (.json or .json.gz), the CISA KEV JSON or a FIRST EPSS CSV,",
                    "for air-gapped updates. Each file is one transaction: a malformed file is refused with the place",
                    "that is wrong, and the database is left unchanged.",
                    "Exit codes: 0 imported, 2 a file was refused (earlier files stay imported)."})
    static final class Import extends CliSupport implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() {
            try (AppContext ctx = open()) {
                Path dbFile = VulnDbInstaller.ensureInstalled(ctx.dataDir());
                try (VulnDbImporter importer = VulnDbImporter.open(dbFile)) {
                    for (Path f : files) {
                        try {
                            VulnDbImporter.ImportResult r = importer.importFile(f);
                            out().printf("%s: %s — %,d added, %,d updated, %,d unchanged%n", f, r.kind(), r.added(), r.updated(), r.skipped());
                        } catch (VulnDbImportException e) {
                            err().println("watchpost: " + e.getMessage() + " (nothing from this file was imported)");
                            return Main.USAGE;
                        }
                    }
                }
                printInfo(out(), ctx.vulnDb().info(), ctx.vulnDb().isStale(ctx.clock()));
                return Main.OK;
            }
        }
    }
}
