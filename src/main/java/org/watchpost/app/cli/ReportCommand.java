package org.watchpost.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.app.Version;
import org.watchpost.report.EmailOptions;
import org.watchpost.report.ReportOptions;
import org.watchpost.report.ReportService;
import org.watchpost.report.ReportType;
import org.watchpost.store.NoSuchScanException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code watchpost report SCAN-n --type technical --out file.pdf}: writes a PDF report (and optionally an .eml draft). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a PDF report of a scan: executive (leadership), technical (security engineers) or remediation"
                + " (operations). Exit code 3 if there is no such scan.")
public final class ReportCommand extends CliSupport implements Callable<Integer> {
    @Parameters(paramLabel = "SCAN-ID", description = "e.g. SCAN-12")
    String scanId;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "technical",
            description = "executive, technical or remediation (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The PDF file to write.")
    Path out;

    @Option(names = "--classification", paramLabel = "TEXT", defaultValue = "CONFIDENTIAL",
            description = "Label printed on every page (default: ${DEFAULT-VALUE}; \"\" for none).")
    String classification;

    @Option(names = "--password", paramLabel = "P", arity = "0..1", interactive = true,
            description = "Encrypt the PDF (AES-256) so it opens only with this password. Without a value, asks for it.")
    char[] password;

    @Option(names = "--dataset-date", paramLabel = "DATE",
            description = "Date of the vulnerability dataset the checks used, quoted in the report.")
    String datasetDate;

    @Option(names = "--eml", paramLabel = "FILE", description = "Also write an e-mail draft (.eml) with the PDF attached.")
    Path eml;

    @Option(names = "--to", paramLabel = "ADDRESS", description = "Recipient of the e-mail draft (repeatable).")
    List<String> to = new ArrayList<>();

    @Option(names = "--from", paramLabel = "ADDRESS", description = "Sender of the e-mail draft.")
    String from;

    @Override
    public Integer call() throws Exception {
        long id = ids(List.of(scanId)).get(0);
        ReportType t;
        try {
            t = ReportType.parse(type);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is a folder; give a file name");
        }
        try (AppContext ctx = open()) {
            ReportOptions opts = new ReportOptions(classification, datasetDate != null ? datasetDate : ctx.datasetDate(),
                    Version.get(), null, password == null ? null : new String(password));
            ReportService reports = new ReportService(ctx.scans());
            try {
                reports.writePdf(id, t, out, opts, null, null);
                out().printf("wrote the %s of %s to %s (%,d bytes)%s%n", t.title().toLowerCase(java.util.Locale.ROOT),
                        org.watchpost.store.ScanIds.format(id), out, Files.size(out), opts.password() == null ? "" : ", encrypted");
                if (eml != null) {
                    reports.writeEml(id, out, eml, new EmailOptions(from, to, List.of(), null, null), opts);
                    out().printf("wrote the e-mail draft to %s%n", eml);
                }
            } catch (NoSuchScanException e) {
                err().println("watchpost: " + e.getMessage());
                return Main.NOT_FOUND;
            } catch (IOException e) {
                err().println("watchpost: cannot write the report: " + e.getMessage());
                return Main.FAILED;
            } catch (IllegalArgumentException e) {
                err().println("watchpost: " + e.getMessage());
                return Main.USAGE;
            }
            return Main.OK;
        }
    }
}
