package org.watchpost.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.engine.vulndb.DatasetInfo;
import org.watchpost.engine.vulndb.VulnDb;
import org.watchpost.engine.vulndb.VulnDbImportException;
import org.watchpost.engine.vulndb.VulnDbImporter;
import org.watchpost.engine.vulndb.VulnDbInstaller;

/** {@code watchpost vulndb info|import}: the offline vulnerability database, updated from files. */
public final class VulnDbCommand extends CliCommand {
    @Override
    public String name() {
        return "vulndb";
    }

    @Override
    public List<String> description() {
        return List.of("The offline vulnerability database (NVD CVE records, CISA KEV, FIRST EPSS).");
    }

    @Override
    public Map<String, Supplier<CliCommand>> subcommands() {
        return ordered(List.of(Info::new, Import::new));
    }

    /** Without a sub-command: its help, as a usage error. */
    @Override
    public int run(ParsedArgs args, PrintWriter out, PrintWriter err) {
        return printHelp(out, Main.USAGE);
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
    static final class Info extends CliCommand {
        @Override
        public String name() {
            return "info";
        }

        @Override
        public List<String> description() {
            return List.of("Show the dataset's date and counts.");
        }

        @Override
        public int run(ParsedArgs args, PrintWriter out, PrintWriter err) {
            try (AppContext ctx = open(args)) {
                VulnDb db = ctx.vulnDb();
                printInfo(out, db.info(), db.isStale(ctx.clock()));
                return Main.OK;
            }
        }
    }

    /** {@code watchpost vulndb import FILE…}. */
    static final class Import extends CliCommand {
        @Override
        public String name() {
            return "import";
        }

        @Override
        public List<String> description() {
            return List.of("Import NVD CVE JSON 2.0 feeds (.json or .json.gz), the CISA KEV JSON or a FIRST EPSS CSV,",
                    "for air-gapped updates. Each file is one transaction: a malformed file is refused with the place",
                    "that is wrong, and the database is left unchanged.",
                    "Exit codes: 0 imported, 2 a file was refused (earlier files stay imported).");
        }

        @Override
        public Positionals positionals() {
            return Positionals.oneOrMore("FILE", "NVD, KEV or EPSS files.");
        }

        @Override
        public int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws UsageException {
            List<Path> files = new java.util.ArrayList<>();
            for (String f : args.positionals()) {
                try {
                    files.add(Path.of(f));
                } catch (java.nio.file.InvalidPathException e) {
                    throw new UsageException("Invalid value for positional parameter 'FILE': " + e.getMessage());
                }
            }
            try (AppContext ctx = open(args)) {
                Path dbFile = VulnDbInstaller.ensureInstalled(ctx.dataDir());
                try (VulnDbImporter importer = VulnDbImporter.open(dbFile)) {
                    for (Path f : files) {
                        try {
                            VulnDbImporter.ImportResult r = importer.importFile(f);
                            out.printf("%s: %s — %,d added, %,d updated, %,d unchanged%n", f, r.kind(), r.added(), r.updated(), r.skipped());
                        } catch (VulnDbImportException e) {
                            err.println("watchpost: " + e.getMessage() + " (nothing from this file was imported)");
                            return Main.USAGE;
                        }
                    }
                }
                printInfo(out, ctx.vulnDb().info(), ctx.vulnDb().isStale(ctx.clock()));
                return Main.OK;
            }
        }
    }
}
