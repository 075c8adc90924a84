package org.watchpost.app.cli;

import java.io.PrintWriter;
import java.util.List;
import org.apache.commons.cli.Options;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.store.ScanRecord;

/** {@code watchpost stop SCAN-n}: asks the process running a scan to stop it; its results stay. */
public final class StopCommand extends CliCommand {
    @Override
    public String name() {
        return "stop";
    }

    @Override
    public List<String> description() {
        return List.of("Stop running scans (in this or another Watchpost process). What they found is kept.",
                "Exit codes: 0 stopped (or already ended), 1 not confirmed within the wait, 2 refused (monitor scan), 3 no such scan.");
    }

    @Override
    public Positionals positionals() {
        return Positionals.oneOrMore("SCAN-ID", "e.g. SCAN-12");
    }

    @Override
    public int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws Exception {
        List<String> scanIds = args.positionals();
        List<Long> ids = ids(scanIds);
        int code = Main.OK;
        try (AppContext ctx = open(args)) {
            for (long id : ids) {
                ScanRecord s = ctx.scans().get(id).orElse(null);
                if (s == null) {
                    err.println("watchpost: no scan SCAN-" + id);
                    code = Math.max(code, Main.NOT_FOUND);
                    continue;
                }
                if (s.status().isTerminal()) {
                    out.println(s.scanId() + " already " + s.status());
                    continue;
                }
                if (s.fromMonitor()) {
                    err.println("watchpost: " + s.scanId() + " was started by a monitor and cannot be stopped; delete it instead");
                    code = Math.max(code, Main.USAGE);
                    continue;
                }
                ctx.scans().requestStop(id);
                ScanStatus end = waitForEnd(ctx, id, 5000);
                if (end != null) {
                    out.println(s.scanId() + " " + end);
                } else {
                    err.println("watchpost: stop of " + s.scanId() + " requested, but the process running it has not confirmed"
                            + " within 5 s. If no Watchpost is running, the scan is marked INTERRUPTED at the next start.");
                    code = Math.max(code, Main.FAILED);
                }
            }
        }
        return code;
    }

    static ScanStatus waitForEnd(AppContext ctx, long id, long ms) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < deadline) {
            var s = ctx.scans().get(id);
            if (s.isEmpty()) return null;
            if (s.get().status().isTerminal()) return s.get().status();
            Thread.sleep(100);
        }
        return null;
    }
}
