package org.watchpost.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import org.apache.commons.cli.Options;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.store.ScanRecord;

/** {@code watchpost scans}: lists the scans in the database. */
public final class ScansCommand extends CliCommand {
    @Override
    public String name() {
        return "scans";
    }

    @Override
    public List<String> description() {
        return List.of("List scans, newest first.");
    }

    @Override
    protected void addOptions(Options o) {
        o.addOption(flag(null, "json", "JSON instead of a table."));
        o.addOption(valued(null, "status", "STATUS", "Only scans in this status: "
                + String.join(", ", java.util.Arrays.stream(ScanStatus.values()).map(Enum::name).toList()) + "."));
    }

    @Override
    public int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws Exception {
        boolean json = args.has("json");
        ScanStatus status = args.enumValue("status", ScanStatus.class);
        try (AppContext ctx = open(args)) {
            List<ScanRecord> scans = ctx.scans().list().stream().filter(s -> status == null || s.status() == status).toList();
            if (json) {
                ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ArrayNode arr = m.createArrayNode();
                for (ScanRecord s : scans) arr.add(JsonViews.scan(m, s));
                out.println(m.writeValueAsString(arr));
                return Main.OK;
            }
            if (scans.isEmpty()) {
                out.println("no scans" + (status == null ? " yet: watchpost scan 127.0.0.1 --ports top-100" : " with status " + status));
                return Main.OK;
            }
            out.printf("%-11s %-11s %-19s %-24s %-28s %6s %8s%n", "ID", "STATUS", "STARTED", "NAME", "TARGETS", "OPEN", "FINDINGS");
            for (ScanRecord s : scans) {
                var start = s.startedAt() != null ? s.startedAt() : s.createdAt();
                out.printf("%-11s %-11s %-19s %-24s %-28s %6d %8d%n", s.scanId(), s.status(),
                        org.watchpost.store.Text.clean(start.atZone(ZoneId.systemDefault()).toLocalDateTime().withNano(0).toString().replace('T', ' '), 19),
                        cut(s.name(), 24), cut(s.config().targets(), 28), s.openPorts(), s.severities().total());
            }
            return Main.OK;
        }
    }

    static String cut(String s, int n) {
        String t = s.replaceAll("\\s+", " ");
        return t.length() <= n ? t : t.substring(0, n - 1) + "…";
    }
}
