package org.watchpost.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.cli.Options;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.schedule.ChangeDigest;
import org.watchpost.schedule.DigestService;
import org.watchpost.schedule.Monitor;
import org.watchpost.schedule.MonitorDigestObserver;
import org.watchpost.schedule.MonitorRepository;
import org.watchpost.schedule.MonitorRun;
import org.watchpost.schedule.MonitorScheduler;
import org.watchpost.schedule.ScanManager;
import org.watchpost.schedule.ScanStarter;
import org.watchpost.store.ScanIds;
import org.watchpost.store.ScanRecord;

/**
 * {@code watchpost monitors list | run-due}: monitors without the desktop app. {@code run-due}
 * is what a system timer (cron, systemd) calls while the app is closed; see docs/monitors.md.
 */
public final class MonitorsCommand extends CliCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    static final long DEFAULT_WAIT_MINUTES = 360;

    @Override
    public String name() {
        return "monitors";
    }

    @Override
    public List<String> description() {
        return List.of("Monitors re-run a scan on a schedule and record what changed.",
                "Create them in the desktop app (New scan → Repeat on a schedule); list and run them here.");
    }

    @Override
    public Map<String, Supplier<CliCommand>> subcommands() {
        return ordered(List.of(ListSub::new, RunDueSub::new));
    }

    /** Without a sub-command: its help. */
    @Override
    public int run(ParsedArgs args, PrintWriter out, PrintWriter err) {
        return printHelp(out, Main.OK);
    }

    /** {@code monitors list}. */
    static final class ListSub extends CliCommand {
        @Override
        public String name() {
            return "list";
        }

        @Override
        public List<String> description() {
            return List.of("List monitors with their schedule, next and last run.");
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

    /** {@code monitors run-due}. */
    static final class RunDueSub extends CliCommand {
        @Override
        public String name() {
            return "run-due";
        }

        @Override
        public List<String> description() {
            return List.of("Run every monitor that is due now (missed runs are caught up once), wait for those scans to end,",
                    "print what ran and what changed. For system timers while the desktop app is closed; safe to run",
                    "beside the app (a due time is only ever run once).",
                    "Exit codes: 0 done (also when nothing was due), 1 a due monitor could not start or its scans did not end in time.");
        }

        @Override
        protected void addOptions(Options o) {
            o.addOption(valued(null, "wait-minutes", "MINUTES",
                    "Wait at most this long for the started scans (default: " + DEFAULT_WAIT_MINUTES + "); 0 = do not wait."));
        }

        @Override
        public int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws Exception {
            return runDue(args, out, err, args.longValue("wait-minutes", DEFAULT_WAIT_MINUTES));
        }
    }

    static int list(ParsedArgs args, PrintWriter out, boolean json) throws Exception {
        try (AppContext ctx = open(args)) {
            MonitorRepository monitors = new MonitorRepository(ctx.database(), ctx.clock());
            List<Monitor> all = monitors.list();
            ZoneId zone = ctx.clock().getZone();
            if (json) {
                ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ArrayNode arr = m.createArrayNode();
                for (Monitor mon : all) arr.add(json(m, mon, zone));
                out.println(m.writeValueAsString(arr));
                return Main.OK;
            }
            if (all.isEmpty()) {
                out.println("no monitors yet: create one in the app (New scan → Repeat on a schedule)");
                return Main.OK;
            }
            out.printf("%-7s %-20s %-26s %-16s %-16s %-11s %s%n", "ID", "NAME", "SCHEDULE", "NEXT RUN", "LAST RUN", "LAST SCAN", "TARGETS");
            for (Monitor mon : all) {
                String last = mon.lastScanId() == null ? "-" : ScanIds.format(mon.lastScanId())
                        + (mon.lastScanStatus() == null ? "" : " " + mon.lastScanStatus().name().toLowerCase(Locale.ROOT));
                out.printf("%-7s %-20s %-26s %-16s %-16s %-11s %s%n", mon.displayId(), ScansCommand.cut(mon.name(), 20),
                        ScansCommand.cut(mon.frequency().describe(), 26), mon.enabled() ? time(mon.nextRunAt(), zone) : "disabled",
                        time(mon.lastRunAt(), zone), last, ScansCommand.cut(mon.targets(), 40));
                if (mon.lastRun() != null && mon.lastRun().outcome() != MonitorRun.Outcome.STARTED || mon.lastRun() != null && mon.lastRun().catchUp()) {
                    out.printf("        last run: %s%n", mon.lastRun().describe(zone));
                }
            }
            return Main.OK;
        }
    }

    static int runDue(ParsedArgs args, PrintWriter out, PrintWriter err, long waitMinutes)
            throws Exception {
        if (waitMinutes < 0) {
            err.println("watchpost monitors run-due: --wait-minutes must be 0 or more, was " + waitMinutes);
            return Main.USAGE;
        }
        try (AppContext ctx = open(args)) {
            Clock clock = ctx.clock();
            ZoneId zone = clock.getZone();
            MonitorRepository monitors = new MonitorRepository(ctx.database(), clock);
            ScanManager manager = ctx.scanManager();
            DigestService digests = new DigestService(ctx.database(), clock, n -> {
                out.println("ALERT " + n.title());
                for (String line : n.body().split("\n")) out.println("  " + line);
                out.flush();
            });
            manager.addObserver(new MonitorDigestObserver(digests, Runnable::run));
            // timers fire a little late (systemd's default accuracy is a minute): allow two before calling it a catch-up
            MonitorScheduler scheduler = new MonitorScheduler(monitors, ScanStarter.of(manager), clock, Duration.ofMinutes(1));
            List<MonitorRun> runs = scheduler.runDue(MonitorRun.Trigger.EXTERNAL);
            int code = Main.OK;
            List<Long> started = new ArrayList<>();
            for (MonitorRun r : runs) {
                String name = monitors.get(r.monitorId()).map(Monitor::name).orElse("?");
                out.printf("MON-%d %s: %s%n", r.monitorId(), name, r.describe(zone));
                if (r.outcome() == MonitorRun.Outcome.STARTED && r.scanId() != null) started.add(r.scanId());
                if (r.outcome() == MonitorRun.Outcome.FAILED) code = Main.FAILED;
            }
            if (runs.isEmpty()) {
                Instant next = monitors.list().stream().filter(Monitor::enabled).map(Monitor::nextRunAt)
                        .filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
                out.println("nothing due" + (next == null ? "" : "; next run " + time(next, zone)));
            }
            out.flush();
            if (started.isEmpty() || waitMinutes == 0) return code;
            if (!manager.awaitEnd(started, Duration.ofMinutes(waitMinutes).toMillis())) {
                err.println("watchpost: the monitor scans did not end within " + waitMinutes + " minutes; they are stopped now");
                code = Main.FAILED;
            }
            for (long id : started) {
                ScanRecord s = ctx.scans().require(id);
                out.printf("%s %s: %d host(s) up, %d open port(s), %d finding(s)%n", s.scanId(), s.status(), s.hostsUp(),
                        s.openPorts(), s.severities().total());
                digests.digestOf(id).map(ChangeDigest::summary).ifPresent(sum -> out.println("  changes: " + sum));
            }
            return code;
        }
    }

    private static String time(Instant t, ZoneId zone) {
        return t == null ? "-" : TIME.format(t.atZone(zone));
    }

    private static ObjectNode json(ObjectMapper m, Monitor mon, ZoneId zone) {
        ObjectNode n = m.createObjectNode();
        n.put("id", mon.displayId());
        n.put("name", mon.name());
        n.put("targets", mon.targets());
        n.put("ports", mon.config().ports());
        ObjectNode sch = n.putObject("schedule");
        sch.put("kind", mon.frequency().kind());
        sch.put("expression", mon.frequency().expression());
        sch.put("description", mon.frequency().describe());
        n.put("enabled", mon.enabled());
        putTime(n, "nextRun", mon.nextRunAt());
        putTime(n, "lastRun", mon.lastRunAt());
        if (mon.lastScanId() == null) n.putNull("lastScan");
        else n.put("lastScan", ScanIds.format(mon.lastScanId()));
        if (mon.lastScanStatus() == null) n.putNull("lastScanStatus");
        else n.put("lastScanStatus", mon.lastScanStatus().name());
        if (mon.lastRun() != null) n.put("lastRunNote", mon.lastRun().describe(zone));
        return n;
    }

    private static void putTime(ObjectNode n, String field, Instant t) {
        if (t == null) n.putNull(field);
        else n.put(field, t.toString());
    }
}
