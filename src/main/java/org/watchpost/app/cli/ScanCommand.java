package org.watchpost.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.Options;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.engine.InvalidScanConfigException;
import org.watchpost.engine.ScanPlan;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanProgress;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.schedule.ScanManager;
import org.watchpost.schedule.ScanObserver;
import org.watchpost.store.ScanRecord;
import org.watchpost.ui.common.StartupTrace;

/** {@code watchpost scan <targets>}: runs one scan headless and prints its ID, progress and a summary. */
public final class ScanCommand extends CliCommand {
    static final String DEFAULT_PORTS = "top-1000";
    static final int DEFAULT_TIMEOUT_MS = 1000;
    static final int DEFAULT_CONCURRENCY = 4000;

    @Override
    public String name() {
        return "scan";
    }

    @Override
    public List<String> description() {
        return List.of("Scan targets and store the result. Prints the scan ID first, progress on stderr, a summary at the end.",
                "Exit codes: 0 completed, 1 failed, 2 bad input, 4 database problem, 130 stopped (Ctrl-C).");
    }

    @Override
    public Positionals positionals() {
        return Positionals.oneOrMore("TARGET", "Addresses, CIDR blocks (192.0.2.0/24), ranges (192.0.2.10-40), host names or @file.");
    }

    @Override
    protected void addOptions(Options o) {
        o.addOption(valued("p", "ports", "PORTS", "22,80,443 · 1-1024 · all · top-100 · top-1000 (default: " + DEFAULT_PORTS + ")."));
        o.addOption(valued("x", "exclude", "TARGETS", "Targets to leave out, same syntax."));
        o.addOption(valued("n", "name", "NAME", "A name for the scan."));
        o.addOption(flag(null, "no-discovery", "Treat every host as up (scan hosts that do not answer probes)."));
        o.addOption(flag(null, "no-services", "Do not identify services on open ports."));
        o.addOption(flag(null, "no-checks", "Do not run vulnerability checks."));
        o.addOption(valued(null, "timeout", "MS", "Initial connect timeout per probe (default: " + DEFAULT_TIMEOUT_MS + " ms)."));
        o.addOption(valued(null, "rate", "N", "Probes per second at most; 0 = no limit (default)."));
        o.addOption(valued(null, "concurrency", "N", "Probes in flight at most (default: " + DEFAULT_CONCURRENCY + ")."));
        o.addOption(flag("q", "quiet", "No progress on stderr."));
    }

    @Override
    public int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws UsageException {
        StartupTrace.mark("arguments parsed");
        List<String> targets = expandFiles(args.positionals());
        String ports = args.value("ports", DEFAULT_PORTS);
        // exclusions likewise: the scan records the addresses, not a file name relative to this folder
        String exclude = String.join(" ", expandFiles(List.of(args.value("exclude", "").strip().split("\\s+"))))
                .strip();
        String name = args.value("name", null);
        boolean noDiscovery = args.has("no-discovery");
        boolean noServices = args.has("no-services");
        boolean noChecks = args.has("no-checks");
        int timeoutMs = args.intValue("timeout", DEFAULT_TIMEOUT_MS);
        int rate = args.intValue("rate", 0);
        int concurrency = args.intValue("concurrency", DEFAULT_CONCURRENCY);
        boolean quiet = args.has("quiet");
        if (timeoutMs < 1 || timeoutMs > 60_000) return usage(err, "--timeout must be between 1 and 60000 ms, was " + timeoutMs);
        if (rate < 0) return usage(err, "--rate must be 0 (no limit) or more, was " + rate);
        if (concurrency < 1 || concurrency > 100_000) return usage(err, "--concurrency must be between 1 and 100000, was " + concurrency);
        ScanConfig config = new ScanConfig(String.join(" ", targets), exclude, ports, !noDiscovery, timeoutMs, rate,
                concurrency, !noServices, !noChecks, "custom");
        try (AppContext ctx = open(args)) {
            StartupTrace.mark("database open");
            ScanManager manager = ctx.scanManager();
            ScanPlan plan;
            try {
                plan = manager.plan(config);
            } catch (InvalidScanConfigException e) {
                return usage(err, e.getMessage());
            }
            CountDownLatch ended = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicLong current = new java.util.concurrent.atomic.AtomicLong(-1);
            Instant t0 = Instant.now();
            ScanObserver obs = new ScanObserver() {
                @Override
                public void statusChanged(long scanId, ScanStatus status) {
                    if (scanId == current.get() && status.isTerminal()) ended.countDown();
                }

                @Override
                public void progress(long scanId, ScanProgress p) {
                    if (!quiet && scanId == current.get()) {
                        err.printf("%5.1f%%  %,.0f probes/s  ETA %s  %s%n", p.fraction() * 100, p.probesPerSec(), p.etaSeconds() < 0 ? "?" : p.etaSeconds() + " s", p.phase());
                    }
                }
            };
            manager.addObserver(obs);
            ScanRecord rec;
            try {
                rec = manager.start(name, config, "cli", null, null);
            } catch (InvalidScanConfigException e) {
                return usage(err, e.getMessage());
            }
            // a scan can end before this line: the wait below also polls its status
            current.set(rec.id());
            StartupTrace.mark(rec.scanId() + " started");
            out.println(rec.scanId());
            out.flush();
            if (!quiet) err.printf("scanning %,d host(s) × %,d port(s)%n", plan.hosts(), plan.ports());
            Thread hook = new Thread(() -> {
                manager.stop(List.of(rec.id()));
                manager.awaitEnd(List.of(rec.id()), 3000);
            }, "watchpost-cli-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                // a status change can race the observer registration: poll as a backstop
                while (!ended.await(500, TimeUnit.MILLISECONDS)) {
                    if (ctx.scans().require(rec.id()).status().isTerminal()) break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
            StartupTrace.mark(rec.scanId() + " ended");
            ScanRecord done = ctx.scans().require(rec.id());
            out.printf("%s %s in %s: %d host(s) up, %d open port(s), %d finding(s) (%d critical, %d high, %d medium, %d low, %d info)%n",
                    done.scanId(), done.status(), human(Duration.between(t0, Instant.now())), done.hostsUp(), done.openPorts(),
                    done.severities().total(), done.severities().critical(), done.severities().high(),
                    done.severities().medium(), done.severities().low(), done.severities().info());
            if (done.error() != null && done.status() != ScanStatus.COMPLETED) err.println("watchpost: " + done.error());
            return switch (done.status()) {
                case COMPLETED -> Main.OK;
                case STOPPED -> 130;
                default -> Main.FAILED;
            };
        }
    }

    private static int usage(PrintWriter err, String message) {
        err.println("watchpost scan: " + message);
        return Main.USAGE;
    }

    /**
     * A TARGET (or --exclude) {@code @file} is replaced by the addresses in the file, so the scan records (and a
     * re-run from the app repeats) what was scanned rather than a file name relative to this
     * terminal's folder; picocli did this for every argument. Words after {@code #} are comments.
     * A file that cannot be read stays as it is, and the target parser reports why.
     */
    static List<String> expandFiles(List<String> targets) {
        List<String> out = new java.util.ArrayList<>();
        for (String t : targets) {
            java.nio.file.Path file = null;
            try {
                if (t.length() > 1 && t.startsWith("@")) file = java.nio.file.Path.of(t.substring(1));
            } catch (java.nio.file.InvalidPathException e) {
                file = null;
            }
            if (file == null || !java.nio.file.Files.isRegularFile(file)) {
                out.add(t);
                continue;
            }
            try {
                List<String> words = new java.util.ArrayList<>();
                for (String line : java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8)) {
                    int hash = line.indexOf('#');
                    String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
                    if (!text.isEmpty()) words.addAll(List.of(text.split("\\s+")));
                }
                out.addAll(words);
            } catch (java.io.IOException e) {
                out.add(t);
            }
        }
        return out;
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms < 10_000 ? String.format("%.2f s", ms / 1000.0) : (ms / 1000) + " s";
    }
}
