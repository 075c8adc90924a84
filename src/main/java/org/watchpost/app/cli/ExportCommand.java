package org.watchpost.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.app.Version;
import org.watchpost.report.CsvKind;
import org.watchpost.report.ReportOptions;
import org.watchpost.report.ReportService;
import org.watchpost.store.NoSuchScanException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code watchpost export SCAN-n --format csv|json [--kind findings|services|hosts] [--out FILE]}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a scan as CSV (findings, services or hosts) or JSON (schema watchpost-scan/1, see"
                + " docs/export-format.md), streamed. Writes to standard output without --out. Exit code 3 if there is no such scan.")
public final class ExportCommand extends CliSupport implements Callable<Integer> {
    @Parameters(paramLabel = "SCAN-ID", description = "e.g. SCAN-12")
    String scanId;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "findings",
            description = "For CSV: findings, services or hosts (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--out", paramLabel = "FILE", description = "File to write (written completely or not at all).")
    Path out;

    @Option(names = "--dataset-date", paramLabel = "DATE", description = "Vulnerability dataset date, for JSON.")
    String datasetDate;

    @Override
    public Integer call() throws Exception {
        long id = ids(List.of(scanId)).get(0);
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown format '" + format + "' (expected csv or json)");
        }
        CsvKind k;
        try {
            k = CsvKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (out != null && Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is a folder; give a file name");
        }
        try (AppContext ctx = open()) {
            ReportOptions opts = new ReportOptions("", datasetDate != null ? datasetDate : ctx.datasetDate(), Version.get(), null, null);
            ReportService reports = new ReportService(ctx.scans());
            try {
                if (f.equals("csv")) {
                    long rows = out == null ? reports.exportCsv(id, k, out(), null, null) : reports.exportCsv(id, k, out, null, null);
                    if (out != null) err().printf("wrote %,d %s rows to %s%n", rows, k.name().toLowerCase(Locale.ROOT), out);
                } else if (out == null) {
                    reports.exportJson(id, out(), opts, null, null);
                    out().println();
                } else {
                    reports.exportJson(id, out, opts, null, null);
                    err().printf("wrote %s to %s%n", org.watchpost.store.ScanIds.format(id), out);
                }
            } catch (NoSuchScanException e) {
                err().println("watchpost: " + e.getMessage());
                return Main.NOT_FOUND;
            } catch (IOException e) {
                err().println("watchpost: cannot write the export: " + e.getMessage());
                return Main.FAILED;
            }
            out().flush();
            return Main.OK;
        }
    }
}
