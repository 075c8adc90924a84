package org.watchpost.app.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Options;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.store.ScanRecord;

/** {@code watchpost delete SCAN-n}: removes scans and all their data, irreversibly. */
public final class DeleteCommand extends CliCommand {
    @Override
    public String name() {
        return "delete";
    }

    @Override
    public List<String> description() {
        return List.of("Delete scans with their hosts, services, findings and events. This cannot be undone.",
                "Asks for confirmation unless --yes is given. Running scans are stopped first.",
                "Exit codes: 0 deleted, 1 not confirmed, 3 no such scan.");
    }

    @Override
    public Positionals positionals() {
        return Positionals.oneOrMore("SCAN-ID", "e.g. SCAN-12");
    }

    @Override
    protected void addOptions(Options o) {
        o.addOption(flag("y", "yes", "Do not ask for confirmation."));
    }

    @Override
    public int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws Exception {
        List<String> scanIds = args.positionals();
        boolean yes = args.has("yes");
        List<Long> ids = ids(scanIds);
        try (AppContext ctx = open(args)) {
            List<ScanRecord> found = new ArrayList<>();
            int code = Main.OK;
            for (long id : ids) {
                var s = ctx.scans().get(id);
                if (s.isEmpty()) {
                    err.println("watchpost: no scan SCAN-" + id);
                    code = Main.NOT_FOUND;
                } else {
                    found.add(s.get());
                }
            }
            if (found.isEmpty()) return code;
            if (!yes) {
                if (System.console() == null) {
                    err.println("watchpost: deleting cannot be undone; add --yes to confirm when not at a terminal");
                    return Main.FAILED;
                }
                out.printf("Delete %d scan(s) (%s) and all their data? This cannot be undone. [y/N] ",
                        found.size(), String.join(", ", found.stream().map(ScanRecord::scanId).toList()));
                out.flush();
                String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (answer == null || !answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
                    out.println("nothing deleted");
                    return Main.FAILED;
                }
            }
            List<Long> active = found.stream().filter(s -> s.status().isActive()).map(ScanRecord::id).toList();
            for (long id : active) ctx.scans().requestStop(id);
            for (long id : active) StopCommand.waitForEnd(ctx, id, 5000);
            int n = ctx.scanManager().delete(found.stream().map(ScanRecord::id).toList());
            out.println("deleted " + n + " scan(s): " + String.join(", ", found.stream().map(ScanRecord::scanId).toList()));
            return code;
        }
    }
}
