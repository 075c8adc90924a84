package org.watchpost.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Times the real desktop start, as a Java agent on the JVM that {@code ./watchpost} starts
 * ({@code JAVA_TOOL_OPTIONS=-javaagent:target/bench.jar=OPTIONS}, see {@code bench/dashboard-bench.sh}):
 * the launcher, its JVM flags, its class data sharing archive and the app are the real ones; this
 * agent only starts a thread that waits for the FX toolkit and then looks at the windows the app shows.
 * <ol>
 *   <li>(a) JVM start ({@code RuntimeMXBean} start time) → the first pulse after a frame showed filled
 *       rows in the Scans table;</li>
 *   <li>(b) the sidebar's Vulnerabilities button fired → the first pulse after its table showed rows.</li>
 * </ol>
 * Then it closes the app ({@code Platform.exit}: the app's own {@code stop}, then its exit). Prints
 * {@code BENCH key=value} lines to stdout. Every wait is bounded.
 *
 * <p>OPTIONS, comma-separated: {@code screenshots=DIR} saves the two pages as PNG, {@code trace} prints
 * every pulse until the rows show, {@code profile=FILE} samples the FX thread's stack until then (see {@link #sample()}),
 * {@code threads} prints the CPU time of every thread of the process when the rows show.
 */
public final class LaunchBench {
    private static final long TIMEOUT_MS = 60_000;
    private static volatile Path screenshots;
    private static volatile boolean tracing;
    private static volatile Path profile;
    private static volatile boolean rowsShown;
    private static volatile boolean threadCpu;

    private LaunchBench() {
    }

    public static void premain(String options) {
        if (options != null) {
            for (String o : options.split(",")) {
                if (o.startsWith("screenshots=")) screenshots = Path.of(o.substring(12));
                else if (o.equals("trace")) tracing = true;
                else if (o.startsWith("profile=")) profile = Path.of(o.substring(8));
                else if (o.equals("threads")) threadCpu = true;
                else if (!o.isBlank()) System.err.println("LaunchBench: unknown option " + o);
            }
        }
        Thread watcher = new Thread(LaunchBench::watch, "bench-watcher");
        watcher.setDaemon(true);
        watcher.start();
        if (profile != null) {
            Thread sampler = new Thread(LaunchBench::sample, "bench-sampler");
            sampler.setDaemon(true);
            sampler.setPriority(Thread.MAX_PRIORITY);
            sampler.start();
        }
    }

    /**
     * With {@code profile=FILE}: samples the FX thread's stack every millisecond until the Scans rows
     * show (at most 20 s) and writes one line per sample to FILE: ms since JVM start, then the frames,
     * innermost first, separated by ';'. For finding where the start's FX-thread time goes; it slows
     * the start a little (each sample stops the FX thread briefly), so never time (a) with it.
     */
    private static void sample() {
        long t0 = ManagementFactory.getRuntimeMXBean().getStartTime();
        long deadline = System.nanoTime() + 20_000_000_000L;
        Thread fx = null;
        StringBuilder out = new StringBuilder();
        int samples = 0;
        while (!rowsShown && System.nanoTime() < deadline && samples < 50_000) {
            if (fx == null) {
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (t.getName().equals("JavaFX Application Thread")) fx = t;
                }
            } else {
                StackTraceElement[] st = fx.getStackTrace();
                out.append(System.currentTimeMillis() - t0).append(' ').append(fx.getState());
                for (StackTraceElement e : st) out.append(';').append(e.getClassName()).append('.').append(e.getMethodName());
                out.append('\n');
                samples++;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                break;
            }
        }
        try {
            Files.writeString(profile, out);
        } catch (IOException e) {
            System.err.println("LaunchBench: cannot write the profile: " + e.getMessage());
        }
    }

    /** Milliseconds since the JVM started (asked only once a figure is taken: the MXBean costs time to load). */
    private static long sinceJvmStart(long nowMs) {
        return nowMs - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** Waits (bounded) for the FX toolkit, then watches from the FX thread. */
    private static void watch() {
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                Platform.runLater(LaunchBench::onFxThread);
                return;
            } catch (IllegalStateException notYet) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
        fail("the FX toolkit did not start within " + TIMEOUT_MS + " ms");
    }

    private static void onFxThread() {
        long up = System.currentTimeMillis();
        if (tracing) trace();
        waitFor(() -> filledRows(find(".scans-table")), () -> {
            long fromJvm = sinceJvmStart(System.currentTimeMillis());
            rowsShown = true;
            out("fx_toolkit_up_from_jvm_ms", sinceJvmStart(up));
            out("a_scans_view_from_jvm_ms", fromJvm);
            out("a_process_cpu_ms", DashboardBench.processCpuMs());
            out("a_fx_thread_cpu_ms", DashboardBench.threadCpuMs());
            out("a_scans_rows", find(".scans-table") instanceof TableView<?> t ? t.getItems().size() : -1);
            if (threadCpu) printThreadCpu();
            snapshot("app-scans");
            whenSettled(LaunchBench::openVulnerabilities);
        });
    }

    /**
     * Runs {@code then} once the Scans table's row count has not changed for 500 ms (bounded): (b) is
     * timed with the whole scan list in, as a user would open the page, not during the start's tail.
     */
    private static void whenSettled(Runnable then) {
        long[] last = {-1, System.nanoTime()};
        waitFor(() -> {
            long n = find(".scans-table") instanceof TableView<?> t ? t.getItems().size() : -1;
            if (n != last[0]) {
                last[0] = n;
                last[1] = System.nanoTime();
            }
            return System.nanoTime() - last[1] > 500_000_000L;
        }, () -> {
            out("settled_scans_rows", last[0]);
            then.run();
        });
    }

    private static void openVulnerabilities() {
        Node nav = find("#navVulnerabilities");
        if (!(nav instanceof ButtonBase b)) {
            fail("no #navVulnerabilities button");
            return;
        }
        long t0 = System.nanoTime();
        b.fire();
        waitFor(() -> filledRows(find(".findings-table")), () -> {
            out("b_vulns_first_page_ms", (System.nanoTime() - t0) / 1_000_000);
            snapshot("app-vulnerabilities");
            Platform.exit(); // the app's own stop() closes its database, then the launcher's main exits
        });
    }

    /** With -Dbench.trace=true: one line per pulse until the rows show (time from JVM start, FX-thread CPU, what the table holds). */
    private static void trace() {
        long[] n = {0};
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                Node t = find(".scans-table");
                int items = t instanceof TableView<?> tv ? tv.getItems().size() : -1;
                System.out.println("TRACE pulse " + (n[0]++) + " at " + sinceJvmStart(System.currentTimeMillis()) + " ms, fx cpu "
                        + DashboardBench.threadCpuMs() + " ms, windows " + Window.getWindows().size() + ", scans items " + items
                        + ", rows " + filledRows(t));
                if (filledRows(t) || n[0] > 2000) stop();
            }
        }.start();
    }

    /**
     * With {@code threads} (Linux): every thread of the process with its CPU time so far, from
     * /proc/self/task (the JIT compiler and GC threads included, which the ThreadMXBean does not list).
     */
    private static void printThreadCpu() {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            java.util.Map<String, Long> byName = new java.util.TreeMap<>();
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String stat = Files.readString(t.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime, fields 14 and 15
                byName.merge(name.replaceAll("[0-9]+$", "#"), ticks * 10, Long::sum); // USER_HZ = 100
            }
            byName.forEach((name, ms) -> {
                if (ms > 0) System.out.println("THREADCPU " + name + " " + ms + " ms");
            });
        } catch (IOException | RuntimeException e) {
            System.out.println("THREADCPU unavailable: " + e);
        }
    }

    /** The first node matching {@code selector} in any showing window. */
    private static Node find(String selector) {
        for (Window w : Window.getWindows()) {
            Scene s = w.getScene();
            if (!w.isShowing() || s == null || s.getRoot() == null) continue;
            Node n = s.getRoot().lookup(selector);
            if (n != null) return n;
        }
        return null;
    }

    /** True when {@code node} is a table in a scene whose laid-out rows include one with an item. */
    private static boolean filledRows(Node node) {
        if (!(node instanceof TableView<?> table) || table.getItems().isEmpty() || table.getScene() == null) return false;
        for (Node n : table.lookupAll(".table-row-cell")) {
            if (n instanceof TableRow<?> r && !r.isEmpty() && r.getItem() != null && r.isVisible()) return true;
        }
        return false;
    }

    /** Checks {@code cond} at every pulse, bounded; then runs {@code then}. */
    private static void waitFor(BooleanSupplier cond, Runnable then) {
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (cond.getAsBoolean()) {
                    stop();
                    then.run();
                } else if (System.nanoTime() > deadline) {
                    stop();
                    fail("timed out after " + TIMEOUT_MS + " ms");
                }
            }
        }.start();
    }

    private static void snapshot(String name) {
        if (screenshots == null) return;
        Supplier<Scene> scene = () -> {
            Node n = find(".table-view");
            return n == null ? null : n.getScene();
        };
        try {
            Scene s = scene.get();
            if (s == null) return;
            Files.createDirectories(screenshots);
            ImageIO.write(SwingFXUtils.fromFXImage(s.snapshot(null), null), "png", screenshots.resolve(name + ".png").toFile());
        } catch (IOException | RuntimeException e) {
            out("screenshot_error", e.getMessage());
        }
    }

    private static void fail(String why) {
        out("error", why);
        System.out.flush();
        System.exit(1);
    }

    private static void out(String key, Object value) {
        System.out.println("BENCH " + key + "=" + value);
    }
}
