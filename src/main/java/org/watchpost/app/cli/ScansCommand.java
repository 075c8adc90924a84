package org.watchpost.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.store.ScanRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code watchpost scans}: lists the scans in the database. */
@Command(name = "scans", mixinStandardHelpOptions = true, description = "List scans, newest first.")
public final class ScansCommand extends CliSupport implements Callable<Integer> {
    @Option(names = "--json", description = "JSON instead of a table.")
    boolean json;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only scans in this status: ${COMPLETION-CANDIDATES}.")
    ScanStatus status;

    @Override
    public Integer call() throws Exception {
        try (AppContext ctx = open()) {
            List<ScanRecord> scans = ctx.scans().list().stream().filter(s -> status == null || s.status() == status).toList();
            if (json) {
                ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ArrayNode arr = m.createArrayNode();
                for (ScanRecord s : scans) arr.add(JsonViews.scan(m, s));
                out().println(m.writeValueAsString(arr));
                return Main.OK;
            }
            if (scans.isEmpty()) {
                out().println("no scans" + (status == null ? " yet: watchpost scan 127.0.0.1 --ports top-100" : " with status " + status));
                return Main.OK;
            }
            out().printf("%-11s %-11s %-19s %-24s %-28s %6s %8s%n", "ID", "STATUS", "STARTED", "NAME", "TARGETS", "OPEN", "FINDINGS");
            for (ScanRecord s : scans) {
                var start = s.startedAt() != null ? s.startedAt() : s.createdAt();
                out().printf("%-11s %-11s %-19s %-24s %-28s %6d %8d%n", s.scanId(), s.status(),
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
