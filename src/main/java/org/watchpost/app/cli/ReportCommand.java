package org.watchpost.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Options;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.app.Version;
import org.watchpost.report.EmailOptions;
import org.watchpost.report.ReportOptions;
import org.watchpost.report.ReportService;
import org.watchpost.report.ReportType;
import org.watchpost.store.NoSuchScanException;

/** {@code watchpost report SCAN-n --type technical --out file.pdf}: writes a PDF report (and optionally an .eml draft). */
public final class ReportCommand extends CliCommand {
    @Override
    public String name() {
        return "report";
    }

    @Override
    public List<String> description() {
        return List.of("Write a PDF report of a scan: executive (leadership), technical (security engineers) or remediation"
                + " (operations). Exit code 3 if there is no such scan.");
    }

    @Override
    public Positionals positionals() {
        return Positionals.one("SCAN-ID", "e.g. SCAN-12");
    }

    @Override
    protected void addOptions(Options o) {
        o.addOption(valued(null, "type", "TYPE", "executive, technical or remediation (default: technical)."));
        o.addOption(org.apache.commons.cli.Option.builder().longOpt("out").hasArg().argName("FILE").required()
                .desc("The PDF file to write.").get());
        o.addOption(valued(null, "classification", "TEXT", "Label printed on every page (default: CONFIDENTIAL; \"\" for none)."));
        o.addOption(org.apache.commons.cli.Option.builder().longOpt("password").hasArg().optionalArg(true).argName("P")
                .desc("Encrypt the PDF (AES-256) so it opens only with this password. Without a value, asks for it.").get());
        o.addOption(valued(null, "dataset-date", "DATE", "Date of the vulnerability dataset the checks used, quoted in the report."));
        o.addOption(valued(null, "eml", "FILE", "Also write an e-mail draft (.eml) with the PDF attached."));
        o.addOption(valued(null, "to", "ADDRESS", "Recipient of the e-mail draft (repeatable)."));
        o.addOption(valued(null, "from", "ADDRESS", "Sender of the e-mail draft."));
    }

    @Override
    protected java.util.Set<String> repeatable() {
        return java.util.Set.of("to");
    }

    @Override
    public int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws Exception {
        String scanId = args.positional();
        String type = args.value("type", "technical");
        Path outFile = args.path("out");
        String classification = args.value("classification", "CONFIDENTIAL");
        char[] password = args.has("password") ? password(args.value("password", null)) : null;
        String datasetDate = args.value("dataset-date", null);
        Path eml = args.path("eml");
        List<String> to = args.values("to");
        String from = args.value("from", null);
        long id = ids(List.of(scanId)).get(0);
        ReportType t;
        try {
            t = ReportType.parse(type);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (Files.isDirectory(outFile)) {
            throw new UsageException("--out " + outFile + " is a folder; give a file name");
        }
        try (AppContext ctx = open(args)) {
            ReportOptions opts = new ReportOptions(classification, datasetDate != null ? datasetDate : ctx.datasetDate(),
                    Version.get(), null, password == null ? null : new String(password));
            ReportService reports = new ReportService(ctx.scans());
            try {
                reports.writePdf(id, t, outFile, opts, null, null);
                out.printf("wrote the %s of %s to %s (%,d bytes)%s%n", t.title().toLowerCase(java.util.Locale.ROOT),
                        org.watchpost.store.ScanIds.format(id), outFile, Files.size(outFile), opts.password() == null ? "" : ", encrypted");
                if (eml != null) {
                    reports.writeEml(id, outFile, eml, new EmailOptions(from, to, List.of(), null, null), opts);
                    out.printf("wrote the e-mail draft to %s%n", eml);
                }
            } catch (NoSuchScanException e) {
                err.println("watchpost: " + e.getMessage());
                return Main.NOT_FOUND;
            } catch (IOException e) {
                err.println("watchpost: cannot write the report: " + e.getMessage());
                return Main.FAILED;
            } catch (IllegalArgumentException e) {
                err.println("watchpost: " + e.getMessage());
                return Main.USAGE;
            }
            return Main.OK;
        }
    }

    /** {@code --password P}, or {@code --password} alone: asked for without echo at a terminal, else read as one line of input. */
    private static char[] password(String given) throws IOException {
        if (given != null) return given.toCharArray();
        java.io.Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Enter value for --password (the PDF's password): ");
            return typed == null ? new char[0] : typed;
        }
        System.out.print("Enter value for --password (the PDF's password): ");
        System.out.flush();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
