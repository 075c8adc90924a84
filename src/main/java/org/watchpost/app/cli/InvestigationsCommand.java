package org.watchpost.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.cli.Options;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.store.FindingLifecycle;
import org.watchpost.store.Investigation;
import org.watchpost.store.InvestigationFinding;
import org.watchpost.store.InvestigationRepository;
import org.watchpost.store.InvestigationSummary;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.SeverityCounts;

/** {@code watchpost investigations list | show INV-n}: investigations (groups of scans) without the desktop app. */
public final class InvestigationsCommand extends CliCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    @Override
    public String name() {
        return "investigations";
    }

    @Override
    public List<String> description() {
        return List.of("Investigations group scans (an engagement, a ticket, a site) and follow findings across them.");
    }

    @Override
    public Map<String, Supplier<CliCommand>> subcommands() {
        return ordered(List.of(ListSub::new, ShowSub::new, ReportSub::new));
    }

    /** Without a sub-command: its help. */
    @Override
    public int run(ParsedArgs args, PrintWriter out, PrintWriter err) {
        return printHelp(out, Main.OK);
    }

    /** {@code investigations list}. */
    static final class ListSub extends CliCommand {
        @Override
        public String name() {
            return "list";
        }

        @Override
        public List<String> description() {
            return List.of("List investigations, most recent activity first.");
        }

        @Override
        protected void addOptions(Options o) {
            o.addOption(flag(null, "json", "JSON instead of a table."));
        }

        @Override
        public int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws Exception {
            return list(args, out, args.has("json"));
        }
    }

    /** {@code investigations show INV-n}. */
    static final class ShowSub extends CliCommand {
        @Override
        public String name() {
            return "show";
        }

        @Override
        public List<String> description() {
            return List.of("One investigation: its scans in time order and its findings with their lifecycle. Exit code 3 if there is no such investigation.");
        }

        @Override
        public Positionals positionals() {
            return Positionals.one("INV-ID", "e.g. INV-3");
        }

        @Override
        protected void addOptions(Options o) {
            o.addOption(flag(null, "json", "JSON instead of text."));
        }

        @Override
        public int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws Exception {
            return show(args, out, err, args.positional(), args.has("json"));
        }
    }

    /** {@code investigations report INV-n --out FILE}. */
    static final class ReportSub extends CliCommand {
        @Override
        public String name() {
            return "report";
        }

        @Override
        public List<String> description() {
            return List.of("Write the investigation's PDF report: each finding's lifecycle across its scans, the severity trend"
                    + " and the hosts. Exit code 3 if there is no such investigation.");
        }

        @Override
        public Positionals positionals() {
            return Positionals.one("INV-ID", "e.g. INV-3");
        }

        @Override
        protected void addOptions(Options o) {
            o.addOption(org.apache.commons.cli.Option.builder("o").longOpt("out").hasArg().argName("FILE").required()
                    .desc("The PDF to write.").get());
            o.addOption(valued(null, "classification", "LABEL", "Label on every page (default: CONFIDENTIAL; empty for none)."));
        }

        @Override
        public int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws Exception {
            return report(args, err, args.positional(), args.path("out"), args.value("classification", "CONFIDENTIAL"));
        }
    }

    static int list(ParsedArgs args, PrintWriter out, boolean json) throws Exception {
        try (AppContext ctx = open(args)) {
            InvestigationRepository invs = new InvestigationRepository(ctx.database(), ctx.clock());
            List<InvestigationSummary> all = invs.list();
            ZoneId zone = ctx.clock().getZone();
            if (json) {
                ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ArrayNode arr = m.createArrayNode();
                for (InvestigationSummary s : all) arr.add(summary(m, s));
                out.println(m.writeValueAsString(arr));
                return Main.OK;
            }
            if (all.isEmpty()) {
                out.println("no investigations yet: create one in the app and add scans to it");
                return Main.OK;
            }
            out.printf("%-8s %-28s %5s %-16s %s%n", "ID", "NAME", "SCANS", "LAST ACTIVITY", "FINDINGS (C/H/M/L/I)");
            for (InvestigationSummary s : all) {
                out.printf("%-8s %-28s %5d %-16s %s%n", s.investigation().displayId(), ScansCommand.cut(s.name(), 28), s.scanCount(),
                        TIME.format(s.lastActivity().atZone(zone)), counts(s.findings()));
            }
            return Main.OK;
        }
    }

    static int report(ParsedArgs args, PrintWriter err, String idText, java.nio.file.Path outFile, String classification)
            throws Exception {
        long id;
        try {
            id = InvestigationRepository.parseId(idText);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (java.nio.file.Files.isDirectory(outFile)) {
            throw new UsageException("--out " + outFile + " is a folder; give a file name");
        }
        try (AppContext ctx = open(args)) {
            InvestigationRepository invs = new InvestigationRepository(ctx.database(), ctx.clock());
            if (invs.get(id).isEmpty()) {
                err.println("watchpost: no investigation " + InvestigationRepository.format(id));
                return Main.NOT_FOUND;
            }
            org.watchpost.report.ReportOptions o = new org.watchpost.report.ReportOptions(classification, ctx.datasetDate(),
                    org.watchpost.app.Version.get(), null, null);
            new org.watchpost.report.ReportService(ctx.scans()).writeInvestigationPdf(invs, id, outFile, o, null, null);
            err.printf("wrote the report of %s to %s (%,d bytes)%n", InvestigationRepository.format(id), outFile,
                    java.nio.file.Files.size(outFile));
            return Main.OK;
        }
    }

    static int show(ParsedArgs args, PrintWriter out, PrintWriter err, String idText, boolean json) throws Exception {
        long id;
        try {
            id = InvestigationRepository.parseId(idText);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (AppContext ctx = open(args)) {
            InvestigationRepository invs = new InvestigationRepository(ctx.database(), ctx.clock());
            InvestigationSummary s = invs.summary(id).orElse(null);
            if (s == null) {
                err.println("watchpost: no investigation " + InvestigationRepository.format(id));
                return Main.NOT_FOUND;
            }
            List<ScanRecord> scans = invs.scansOf(id);
            List<InvestigationFinding> findings = invs.findings(id);
            ZoneId zone = ctx.clock().getZone();
            if (json) {
                ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ObjectNode root = summary(m, s);
                ArrayNode sa = root.putArray("scans");
                for (ScanRecord sc : scans) sa.add(JsonViews.scan(m, sc));
                ArrayNode fa = root.putArray("findings");
                for (InvestigationFinding f : findings) {
                    ObjectNode fn = fa.addObject();
                    FindingLifecycle l = f.lifecycle();
                    fn.put("check", l.checkId());
                    fn.put("severity", l.severity().label());
                    fn.put("title", l.title());
                    fn.put("location", l.location());
                    fn.put("state", l.current().name());
                    ArrayNode tl = fn.putArray("timeline");
                    for (FindingLifecycle.Step st : l.timeline()) {
                        ObjectNode sn = tl.addObject();
                        sn.put("scan", org.watchpost.store.ScanIds.format(st.scanId()));
                        sn.put("state", st.state().name());
                    }
                }
                out.println(m.writeValueAsString(root));
                return Main.OK;
            }
            Investigation inv = s.investigation();
            out.printf("%s  %s%n", inv.displayId(), inv.name());
            if (!inv.description().isEmpty()) out.println(inv.description());
            out.printf("%d scan(s), last activity %s%n", s.scanCount(), TIME.format(s.lastActivity().atZone(zone)));
            if (!scans.isEmpty()) {
                out.printf("%nscans (oldest first):%n");
                for (ScanRecord sc : scans) {
                    Instant at = sc.startedAt() != null ? sc.startedAt() : sc.createdAt();
                    out.printf("  %-10s %-16s %-10s %-24s findings %s%n", sc.scanId(), TIME.format(at.atZone(zone)), sc.status(),
                            ScansCommand.cut(sc.name(), 24), counts(sc.severities()));
                }
            }
            if (!findings.isEmpty()) {
                out.printf("%nfindings (one per finding across the scans):%n");
                for (InvestigationFinding f : findings) {
                    FindingLifecycle l = f.lifecycle();
                    out.printf("  %-8s %-10s %-22s %s  [seen in %d scan(s)]%n", l.severity().label(), l.current().label(),
                            l.location(), l.title(), l.occurrences());
                }
            }
            return Main.OK;
        }
    }

    private static String counts(SeverityCounts c) {
        return c.critical() + "/" + c.high() + "/" + c.medium() + "/" + c.low() + "/" + c.info();
    }

    private static ObjectNode summary(ObjectMapper m, InvestigationSummary s) {
        ObjectNode n = m.createObjectNode();
        n.put("id", s.investigation().displayId());
        n.put("name", s.name());
        n.put("description", s.description());
        n.put("created", s.investigation().createdAt().toString());
        n.put("lastActivity", s.lastActivity().toString());
        n.put("scans", s.scanCount());
        n.put("activeScans", s.activeScans());
        ObjectNode sev = n.putObject("findings");
        sev.put("critical", s.findings().critical());
        sev.put("high", s.findings().high());
        sev.put("medium", s.findings().medium());
        sev.put("low", s.findings().low());
        sev.put("info", s.findings().info());
        return n;
    }
}
