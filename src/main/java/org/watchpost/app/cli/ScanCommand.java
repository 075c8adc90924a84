package org.watchpost.app.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.ui.common.StartupTrace;
import org.watchpost.engine.InvalidScanConfigException;
import org.watchpost.engine.ScanPlan;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanProgress;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.schedule.ScanManager;
import org.watchpost.schedule.ScanObserver;
import org.watchpost.store.ScanRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code watchpost scan <targets>}: runs one scan headless and prints its ID, progress and a summary. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scan targets and store the result. Prints the scan ID first, progress on stderr, a summary at the end.",
                "Exit codes: 0 completed, 1 failed, 2 bad input, 4 database problem, 130 stopped (Ctrl-C)."})
public final class ScanCommand extends CliSupport implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "TARGET",
            description = "Addresses, CIDR blocks (192.0.2.0/24), ranges (192.0.2.10-40), host names or @file.")
    List<String> targets;

    @Option(names = {"-p", "--ports"}, defaultValue = "top-1000", paramLabel = "PORTS",
            description = "22,80,443 · 1-1024 · all · top-100 · top-1000 (default: ${DEFAULT-VALUE}).")
    String ports;

    @Option(names = {"-x", "--exclude"}, paramLabel = "TARGETS", description = "Targets to leave out, same syntax.")
    String exclude = "";

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "A name for the scan.")
    String name;

    @Option(names = "--no-discovery", description = "Treat every host as up (scan hosts that do not answer probes).")
    boolean noDiscovery;

    @Option(names = "--no-services", description = "Do not identify services on open ports.")
    boolean noServices;

    @Option(names = "--no-checks", description = "Do not run vulnerability checks.")
    boolean noChecks;

    @Option(names = "--timeout", defaultValue = "1000", paramLabel = "MS", description = "Initial connect timeout per probe (default: ${DEFAULT-VALUE} ms).")
    int timeoutMs;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "N", description = "Probes per second at most; 0 = no limit (default).")
    int rate;

    @Option(names = "--concurrency", defaultValue = "4000", paramLabel = "N", description = "Probes in flight at most (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        StartupTrace.mark("arguments parsed");
        if (timeoutMs < 1 || timeoutMs > 60_000) return usage("--timeout must be between 1 and 60000 ms, was " + timeoutMs);
        if (rate < 0) return usage("--rate must be 0 (no limit) or more, was " + rate);
        if (concurrency < 1 || concurrency > 100_000) return usage("--concurrency must be between 1 and 100000, was " + concurrency);
        ScanConfig config = new ScanConfig(String.join(" ", targets), exclude, ports, !noDiscovery, timeoutMs, rate,
                concurrency, !noServices, !noChecks, "custom");
        try (AppContext ctx = open()) {
            StartupTrace.mark("database open");
            ScanManager manager = ctx.scanManager();
            ScanPlan plan;
            try {
                plan = manager.plan(config);
            } catch (InvalidScanConfigException e) {
                return usage(e.getMessage());
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
                        err().printf("%5.1f%%  %,.0f probes/s  ETA %s  %s%n", p.fraction() * 100, p.probesPerSec(), p.etaSeconds() < 0 ? "?" : p.etaSeconds() + " s", p.phase());
                    }
                }
            };
            manager.addObserver(obs);
            ScanRecord rec;
            try {
                rec = manager.start(name, config, "cli", null, null);
            } catch (InvalidScanConfigException e) {
                return usage(e.getMessage());
            }
            // a scan can end before this line: the wait below also polls its status
            current.set(rec.id());
            StartupTrace.mark(rec.scanId() + " started");
            out().println(rec.scanId());
            out().flush();
            if (!quiet) err().printf("scanning %,d host(s) × %,d port(s)%n", plan.hosts(), plan.ports());
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
            out().printf("%s %s in %s: %d host(s) up, %d open port(s), %d finding(s) (%d critical, %d high, %d medium, %d low, %d info)%n",
                    done.scanId(), done.status(), human(Duration.between(t0, Instant.now())), done.hostsUp(), done.openPorts(),
                    done.severities().total(), done.severities().critical(), done.severities().high(),
                    done.severities().medium(), done.severities().low(), done.severities().info());
            if (done.error() != null && done.status() != ScanStatus.COMPLETED) err().println("watchpost: " + done.error());
            return switch (done.status()) {
                case COMPLETED -> Main.OK;
                case STOPPED -> 130;
                default -> Main.FAILED;
            };
        }
    }

    private int usage(String message) {
        err().println("watchpost scan: " + message);
        return Main.USAGE;
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms < 10_000 ? String.format("%.2f s", ms / 1000.0) : (ms / 1000) + " s";
    }
}
