package org.watchpost.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import org.apache.commons.cli.Options;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.store.FindingRecord;
import org.watchpost.store.HostRecord;
import org.watchpost.store.NoSuchScanException;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ServiceRecord;

/** {@code watchpost show SCAN-n}: one scan's summary, hosts, ports, services and findings. */
public final class ShowCommand extends CliCommand {
    @Override
    public String name() {
        return "show";
    }

    @Override
    public List<String> description() {
        return List.of("Show one scan. Exit code 3 if there is no such scan.");
    }

    @Override
    public Positionals positionals() {
        return Positionals.one("SCAN-ID", "e.g. SCAN-12");
    }

    @Override
    protected void addOptions(Options o) {
        o.addOption(flag(null, "json", "The scan, hosts, ports, services and findings as JSON (schema watchpost-scan/1)."));
    }

    @Override
    public int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws Exception {
        String scanId = args.positional();
        boolean json = args.has("json");
        long id = ids(List.of(scanId)).get(0);
        try (AppContext ctx = open(args)) {
            ScanRecord s;
            try {
                s = ctx.scans().require(id);
            } catch (NoSuchScanException e) {
                err.println("watchpost: " + e.getMessage());
                return Main.NOT_FOUND;
            }
            List<HostRecord> hosts = ctx.scans().hosts(id);
            List<ServiceRecord> services = ctx.scans().services(id);
            List<FindingRecord> findings = ctx.scans().findings(id);
            if (json) {
                ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                out.println(m.writeValueAsString(JsonViews.details(m, s, hosts, services, findings)));
                return Main.OK;
            }
            out.printf("%s  %s  [%s]%n", s.scanId(), s.name(), s.status());
            out.printf("targets:  %s%n", s.config().targets());
            if (!s.config().exclusions().isEmpty()) out.printf("excluded: %s%n", s.config().exclusions());
            out.printf("ports:    %s   discovery: %s   timeout: %d ms%n", s.config().ports(), s.config().discovery() ? "on" : "off",
                    s.config().timeoutMs());
            var d = s.duration(Instant.now());
            out.printf("started:  %s   duration: %s%n", s.startedAt() == null ? "-" : s.startedAt(), d == null ? "-" : ScanCommand.human(d));
            out.printf("hosts up: %d of %d   open ports: %d   findings: %d%n", s.hostsUp(), s.hostCount(), s.openPorts(),
                    s.severities().total());
            if (s.error() != null) out.printf("note:     %s%n", s.error());
            for (HostRecord h : hosts) {
                if (!h.up() && h.openPorts() == 0) continue;
                out.printf("%n%s%s%n", h.display(), h.up() ? "" : " (no answer)");
                for (ServiceRecord sv : services) {
                    if (sv.hostId() != h.id()) continue;
                    out.printf("  %5d/tcp  %-8s %-12s %s%n", sv.port(), sv.state().toLowerCase(), sv.service() == null ? "" : sv.service(),
                            sv.productVersion());
                }
            }
            if (!findings.isEmpty()) {
                out.printf("%nfindings:%n");
                for (FindingRecord f : findings) {
                    out.printf("  %-8s %-22s %s%n", f.severity().label(), f.location(), f.title());
                }
            }
            return Main.OK;
        }
    }
}
