package org.watchpost.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Options;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.app.Version;
import org.watchpost.report.CsvKind;
import org.watchpost.report.ReportOptions;
import org.watchpost.report.ReportService;
import org.watchpost.store.NoSuchScanException;

/** {@code watchpost export SCAN-n --format csv|json [--kind findings|services|hosts] [--out FILE]}. */
public final class ExportCommand extends CliCommand {
    @Override
    public String name() {
        return "export";
    }

    @Override
    public List<String> description() {
        return List.of("Export a scan as CSV (findings, services or hosts) or JSON (schema watchpost-scan/1, see"
                + " docs/export-format.md), streamed. Writes to standard output without --out. Exit code 3 if there is no such scan.");
    }

    @Override
    public Positionals positionals() {
        return Positionals.one("SCAN-ID", "e.g. SCAN-12");
    }

    @Override
    protected void addOptions(Options o) {
        o.addOption(valued(null, "format", "FORMAT", "csv or json (default: json)."));
        o.addOption(valued(null, "kind", "KIND", "For CSV: findings, services or hosts (default: findings)."));
        o.addOption(valued(null, "out", "FILE", "File to write (written completely or not at all)."));
        o.addOption(valued(null, "dataset-date", "DATE", "Vulnerability dataset date, for JSON."));
    }

    @Override
    public int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws Exception {
        String scanId = args.positional();
        String format = args.value("format", "json");
        String kind = args.value("kind", "findings");
        Path outFile = args.path("out");
        String datasetDate = args.value("dataset-date", null);
        long id = ids(List.of(scanId)).get(0);
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("json")) {
            throw new UsageException("unknown format '" + format + "' (expected csv or json)");
        }
        CsvKind k;
        try {
            k = CsvKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (outFile != null && Files.isDirectory(outFile)) {
            throw new UsageException("--out " + outFile + " is a folder; give a file name");
        }
        try (AppContext ctx = open(args)) {
            ReportOptions opts = new ReportOptions("", datasetDate != null ? datasetDate : ctx.datasetDate(), Version.get(), null, null);
            ReportService reports = new ReportService(ctx.scans());
            try {
                if (f.equals("csv")) {
                    long rows = outFile == null ? reports.exportCsv(id, k, out, null, null) : reports.exportCsv(id, k, outFile, null, null);
                    if (outFile != null) err.printf("wrote %,d %s rows to %s%n", rows, k.name().toLowerCase(Locale.ROOT), outFile);
                } else if (outFile == null) {
                    reports.exportJson(id, out, opts, null, null);
                    out.println();
                } else {
                    reports.exportJson(id, outFile, opts, null, null);
                    err.printf("wrote %s to %s%n", org.watchpost.store.ScanIds.format(id), outFile);
                }
            } catch (NoSuchScanException e) {
                err.println("watchpost: " + e.getMessage());
                return Main.NOT_FOUND;
            } catch (IOException e) {
                err.println("watchpost: cannot write the export: " + e.getMessage());
                return Main.FAILED;
            }
            out.flush();
            return Main.OK;
        }
    }
}
