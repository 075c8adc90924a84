package org.watchpost.app.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.watchpost.app.AppContext;
import org.watchpost.engine.DefaultScanner;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;
import org.watchpost.engine.target.HostResolver;
import org.watchpost.schedule.ScanManager;
import org.watchpost.schedule.ScanObserver;
import org.watchpost.store.FindingRepository;
import org.watchpost.store.ScanRecord;
import org.watchpost.ui.MainView;
import org.watchpost.ui.common.FxTaskExecutor;
import org.watchpost.ui.common.TaskExecutor;
import org.watchpost.ui.scans.ScanActions;
import org.watchpost.ui.scans.LiveScanFeed;
import org.watchpost.ui.scans.ScansView;
import org.watchpost.ui.scans.ScansViewModel;
import org.watchpost.ui.vulns.VulnerabilitiesView;
import org.watchpost.ui.vulns.VulnerabilitiesViewModel;

/**
 * Measures the dashboard on a (seeded) data directory, with the views the app builds:
 * <ol>
 *   <li>launch → Scans table showing rows (from JVM start, and from {@code Application.start});</li>
 *   <li>Vulnerabilities page opened → its first page of findings showing (and when the total arrives);</li>
 *   <li>the longest gap between FX pulses while a real scan of 127.0.0.1 (all ports, with a few
 *       listeners this harness starts on 127.0.0.1) streams results into the Scans view: through the
 *       app's {@link LiveScanFeed} ({@code --live=feed}, the default), or a full reload
 *       ({@code refresh}) or a reload of the changed scans ({@code apply}) at most every 150 ms.</li>
 * </ol>
 * Scans only 127.0.0.1. Every wait is bounded. Prints {@code BENCH key=value} lines.
 *
 * <pre>DashboardBench DATA-DIR [--live=feed|refresh|apply] [--screenshots=DIR] [--ports=SPEC]</pre>
 */
public final class DashboardBench {
    static volatile String dataDir;
    static volatile String liveMode = "feed";
    static volatile Path screenshots;
    static volatile String ports = "all";

    private DashboardBench() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: DashboardBench DATA-DIR [--live=feed|refresh|apply] [--screenshots=DIR] [--ports=SPEC]");
            System.exit(2);
        }
        dataDir = args[0];
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--live=")) liveMode = a.substring(7);
            else if (a.startsWith("--screenshots=")) screenshots = Path.of(a.substring(14));
            else if (a.startsWith("--ports=")) ports = a.substring(8);
            else {
                System.err.println("DashboardBench: unknown option " + a);
                System.exit(2);
            }
        }
        if (!liveMode.equals("feed") && !liveMode.equals("refresh") && !liveMode.equals("apply")) {
            System.err.println("DashboardBench: --live must be feed, refresh or apply, was " + liveMode);
            System.exit(2);
        }
        Application.launch(App.class);
    }

    static void out(String key, Object value) {
        System.out.println("BENCH " + key + "=" + value);
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time of the whole process so far, in ms: unlike wall time, hardly moved by other processes' load. */
    static long processCpuMs() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1_000_000 : -1;
    }

    /** CPU time of the calling thread, in ms. */
    static long threadCpuMs() {
        return THREADS.getCurrentThreadCpuTime() / 1_000_000;
    }

    /** Times every background task (its work off the FX thread, its callback on it), by task name. */
    static final class TimingExecutor implements TaskExecutor {
        final TaskExecutor inner;
        /** name → {count, callback total ns, callback max ns, work total ns, work max ns, work cpu ns, callback cpu ns, callback cpu max ns}. */
        final Map<String, long[]> stats = new ConcurrentHashMap<>();

        TimingExecutor(TaskExecutor inner) {
            this.inner = inner;
        }

        @Override
        public <T> void submit(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            long[] s = stats.computeIfAbsent(name, k -> new long[8]);
            Callable<T> timedWork = () -> {
                long t0 = System.nanoTime();
                long c0 = THREADS.getCurrentThreadCpuTime();
                try {
                    return work.call();
                } finally {
                    long d = System.nanoTime() - t0;
                    long c = THREADS.getCurrentThreadCpuTime() - c0;
                    synchronized (s) {
                        s[3] += d;
                        s[4] = Math.max(s[4], d);
                        s[5] += c;
                    }
                }
            };
            inner.submit(name, timedWork, v -> {
                long t0 = System.nanoTime();
                long c0 = THREADS.getCurrentThreadCpuTime();
                onSuccess.accept(v);
                long d = System.nanoTime() - t0;
                long c = THREADS.getCurrentThreadCpuTime() - c0;
                synchronized (s) {
                    s[0]++;
                    s[1] += d;
                    s[2] = Math.max(s[2], d);
                    s[6] += c;
                    s[7] = Math.max(s[7], c);
                }
            }, onFailure);
        }

        void print(String prefix) {
            stats.forEach((name, s) -> out(prefix + name.replace(' ', '_'), String.format(Locale.ROOT,
                    "n=%d,fx_avg_ms=%.1f,fx_max_ms=%.1f,fx_cpu_avg_ms=%.1f,fx_cpu_max_ms=%.1f,work_avg_ms=%.1f,work_max_ms=%.1f,"
                            + "work_cpu_avg_ms=%.1f", s[0], s[0] == 0 ? 0 : s[1] / 1e6 / s[0], s[2] / 1e6,
                    s[0] == 0 ? 0 : s[6] / 1e6 / s[0], s[7] / 1e6, s[0] == 0 ? 0 : s[3] / 1e6 / s[0], s[4] / 1e6,
                    s[0] == 0 ? 0 : s[5] / 1e6 / s[0])));
        }
    }

    public static final class App extends Application {
        private AppContext context;
        private FxTaskExecutor fx;
        private TimingExecutor executor;
        private MainView main;
        private ScansView scansView;
        private ScansViewModel scansVm;
        private VulnerabilitiesView vulnsView;
        private VulnerabilitiesViewModel vulnsVm;
        private Scene scene;
        private long appStartNs;
        private final List<ServerSocket> listeners = new ArrayList<>();
        private final AtomicBoolean stopListeners = new AtomicBoolean();

        @Override
        public void start(Stage stage) {
            appStartNs = System.nanoTime();
            long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
            long sinceJvmAtStart = System.currentTimeMillis() - jvmStartMs;
            context = AppContext.open(dataDir);
            context.scans().markInterrupted();
            out("open_database_ms", (System.nanoTime() - appStartNs) / 1_000_000);
            fx = new FxTaskExecutor();
            executor = new TimingExecutor(fx);
            // the same views WatchpostApp builds, plus the Vulnerabilities page
            main = new MainView("bench");
            out("main_view_built_ms", (System.nanoTime() - appStartNs) / 1_000_000);
            scansVm = new ScansViewModel(context.scans(), executor, context.clock());
            ScanActions actions = () -> { };
            scansView = new ScansView(scansVm, actions);
            out("scans_view_built_ms", (System.nanoTime() - appStartNs) / 1_000_000);
            main.register(MainView.Page.SCANS, scansView::root);
            vulnsVm = new VulnerabilitiesViewModel(new FindingRepository(context.database()), executor);
            main.register(MainView.Page.VULNERABILITIES, () -> {
                vulnsView = new VulnerabilitiesView(vulnsVm, id -> { });
                vulnsView.refresh();
                return vulnsView.root();
            });
            main.show(MainView.Page.SCANS);
            scansVm.refresh();
            scene = new Scene(main.root(), 1200, 760);
            scene.getStylesheets().add(Objects.requireNonNull(App.class.getResource("/org/watchpost/ui/watchpost.css")).toExternalForm());
            stage.setScene(scene);
            stage.setTitle("Watchpost bench");
            out("scene_built_ms", (System.nanoTime() - appStartNs) / 1_000_000);
            stage.show();
            out("stage_shown_ms", (System.nanoTime() - appStartNs) / 1_000_000);
            out("prism_order", System.getProperty("prism.order", "default"));
            out("jvm_to_start_ms", sinceJvmAtStart);
            out("views_built_ms", (System.nanoTime() - appStartNs) / 1_000_000);
            whenShown(scansView.table(), 60_000, () -> {
                executor.print("launch_task.");
                long fromStart = (System.nanoTime() - appStartNs) / 1_000_000;
                long fromJvm = System.currentTimeMillis() - jvmStartMs;
                out("scans_rows", scansVm.rows().size());
                out("a_scans_view_from_start_ms", fromStart);
                out("a_scans_view_from_jvm_ms", fromJvm);
                out("a_process_cpu_ms", processCpuMs());
                out("a_fx_thread_cpu_ms", threadCpuMs());
                snapshot("scans");
                Platform.runLater(this::openVulnerabilities);
            });
        }

        private void openVulnerabilities() {
            long t0 = System.nanoTime();
            long cpu0 = processCpuMs();
            long fxCpu0 = threadCpuMs();
            main.show(MainView.Page.VULNERABILITIES);
            out("vulns_view_built_ms", (System.nanoTime() - t0) / 1_000_000);
            whenShown(vulnsView.table(), 60_000, () -> {
                out("b_vulns_first_page_ms", (System.nanoTime() - t0) / 1_000_000);
                out("b_process_cpu_ms", processCpuMs() - cpu0);
                out("b_fx_thread_cpu_ms", threadCpuMs() - fxCpu0);
                out("vulns_rows", vulnsVm.rows().size());
                out("vulns_top", vulnsVm.rows().get(0).severity() + " " + vulnsVm.rows().get(0).cvss());
                waitFor(() -> vulnsVm.totalProperty().get() >= 0, 60_000, () -> {
                    out("b_vulns_count_ms", (System.nanoTime() - t0) / 1_000_000);
                    out("vulns_total", vulnsVm.totalProperty().get());
                    vulnsView.table().getSelectionModel().select(0);
                    snapshot("vulnerabilities");
                    scrollToEndOnce(t0);
                });
            });
        }

        /** Scrolls to the end of the loaded rows once, to time the next page. */
        private void scrollToEndOnce(long t0) {
            int before = vulnsVm.rows().size();
            long t1 = System.nanoTime();
            vulnsView.table().scrollTo(before - 1);
            waitFor(() -> vulnsVm.rows().size() > before || !vulnsVm.hasMoreProperty().get(), 30_000, () -> {
                out("vulns_next_page_ms", (System.nanoTime() - t1) / 1_000_000);
                out("vulns_rows_after_scroll", vulnsVm.rows().size());
                main.show(MainView.Page.SCANS);
                idleBaseline();
            });
        }

        /** Pulse gaps for 3 s with nothing of ours running: the floor set by the machine's load. */
        private void idleBaseline() {
            long[] max = {0};
            long[] last = {0};
            long[] n = {0};
            long end = System.nanoTime() + 3_000_000_000L;
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (last[0] != 0) {
                        max[0] = Math.max(max[0], now - last[0]);
                        n[0]++;
                    }
                    last[0] = now;
                    if (System.nanoTime() > end) {
                        stop();
                        out("idle_pulses", n[0]);
                        out("idle_max_pulse_gap_ms", String.format(Locale.ROOT, "%.1f", max[0] / 1e6));
                        Platform.runLater(App.this::liveScan);
                    }
                }
            }.start();
        }

        private void liveScan() {
            try {
                startListeners();
            } catch (IOException e) {
                out("error", "cannot start listeners: " + e.getMessage());
                finish();
                return;
            }
            ScanManager manager = new ScanManager(context.scans(), (Boolean.getBoolean("bench.allCores") ? new DefaultScanner(HostResolver.system(), App::fakeChecks)
                    : new DefaultScanner(HostResolver.system(), App::fakeChecks).sharingCoresWithUi()),
                    context.clock(), 2);
            AtomicBoolean dirty = new AtomicBoolean();
            Map<Long, Boolean> changed = new ConcurrentHashMap<>();
            manager.addObserver(new ScanObserver() {
                @Override
                public void statusChanged(long scanId, ScanStatus status) {
                    changed.put(scanId, true);
                    dirty.set(true);
                }

                @Override
                public void resultsChanged(long scanId) {
                    changed.put(scanId, true);
                    dirty.set(true);
                }

                @Override
                public void progress(long scanId, org.watchpost.engine.model.ScanProgress progress) {
                    changed.put(scanId, true);
                    dirty.set(true);
                }

                @Override
                public void deleted(Collection<Long> ids) {
                    dirty.set(true);
                }
            });
            // the UI adapter. feed: the app's own (LiveScanFeed, its updates applied to the rows as
            // ScanActionsController does); refresh / apply: at most one full reload / reload of the
            // changed scans per 150 ms
            int[] refreshes = {0};
            LiveScanFeed feed = liveMode.equals("feed") ? new LiveScanFeed(context.scans(), Platform::runLater) : null;
            if (feed != null) {
                manager.addObserver(feed);
                feed.subscribe(u -> {
                    refreshes[0]++;
                    for (ScanRecord r : u.changed()) scansVm.apply(r);
                    if (!u.deleted().isEmpty()) scansVm.removeIds(u.deleted());
                });
            }
            Timeline batcher = new Timeline(new KeyFrame(Duration.millis(150), e -> {
                if (feed != null || !dirty.getAndSet(false)) return;
                refreshes[0]++;
                if (liveMode.equals("refresh")) {
                    scansVm.refresh();
                } else {
                    List<Long> ids = List.copyOf(changed.keySet());
                    changed.keySet().removeAll(ids);
                    scansVm.refreshScans(ids);
                }
            }));
            batcher.setCycleCount(Timeline.INDEFINITE);
            batcher.play();

            long[] gaps = new long[200_000];
            int[] nGaps = {0};
            long[] last = {0};
            long[] lastCpu = {0};
            long[] maxCpuGap = {0};
            AnimationTimer pulses = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    if (last[0] != 0 && nGaps[0] < gaps.length) {
                        gaps[nGaps[0]++] = now - last[0];
                        maxCpuGap[0] = Math.max(maxCpuGap[0], cpu - lastCpu[0]);
                    }
                    last[0] = now;
                    lastCpu[0] = cpu;
                }
            };
            pulses.start();
            long t0 = System.nanoTime();
            long fxCpu0 = threadCpuMs();
            long cpu0 = processCpuMs();
            ScanRecord rec;
            try {
                rec = manager.start("bench live scan", new ScanConfig("127.0.0.1", "", ports, false, 1000, 0, 4000, true, true,
                        "custom"), "ui", null, null);
            } catch (Exception e) {
                out("error", "scan not started: " + e.getMessage());
                finish();
                return;
            }
            Thread waiter = new Thread(() -> {
                boolean ended = manager.awaitEnd(List.of(rec.id()), 180_000);
                long scanMs = (System.nanoTime() - t0) / 1_000_000;
                try {
                    Thread.sleep(600); // let the last refresh land
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                Platform.runLater(() -> {
                    pulses.stop();
                    batcher.stop();
                    ScanRecord done = context.scans().get(rec.id()).orElse(null);
                    out("c_scan_ended", ended);
                    out("c_scan_ms", scanMs);
                    out("c_scan_status", done == null ? "?" : done.status());
                    out("c_scan_open_ports", done == null ? -1 : done.openPorts());
                    out("c_scan_findings", done == null ? -1 : done.severities().total());
                    out("c_refreshes", refreshes[0]);
                    out("c_fx_thread_cpu_ms", threadCpuMs() - fxCpu0);
                    out("c_process_cpu_ms", processCpuMs() - cpu0);
                    out("c_live_mode", liveMode);
                    long[] g = java.util.Arrays.copyOf(gaps, nGaps[0]);
                    java.util.Arrays.sort(g);
                    out("c_pulses", g.length);
                    if (g.length > 0) {
                        out("c_pulse_gap_p50_ms", String.format(Locale.ROOT, "%.1f", g[g.length / 2] / 1e6));
                        out("c_pulse_gap_p99_ms", String.format(Locale.ROOT, "%.1f", g[(int) Math.min(g.length - 1, g.length * 0.99)] / 1e6));
                        out("c_max_pulse_gap_ms", String.format(Locale.ROOT, "%.1f", g[g.length - 1] / 1e6));
                        // the FX thread's own work between two pulses: the part of a stall this process's UI causes
                        out("c_max_fx_cpu_between_pulses_ms", String.format(Locale.ROOT, "%.1f", maxCpuGap[0] / 1e6));
                    }
                    executor.print("task.");
                    snapshot("scans-after-live");
                    manager.close();
                    if (feed != null) feed.close();
                    finish();
                });
            }, "bench-waiter");
            waiter.setDaemon(true);
            waiter.start();
        }

        /** A stand-in for vulnerability checks: a few findings per identified service, streamed over ~2 s. */
        private static void fakeChecks(ScanConfig config, List<ServiceInfo> services, Map<String, String> hostnames,
                                       org.watchpost.engine.model.ScanListener listener, org.watchpost.engine.Cancellation cancel) {
            Severity[] sev = Severity.values();
            int n = 0;
            for (ServiceInfo s : services) {
                for (int k = 0; k < 6 && !cancel.isCancelled(); k++, n++) {
                    Severity v = sev[(n + k) % sev.length];
                    listener.onFinding(new Finding("bench.check" + k, v, v == Severity.INFO ? null : 9.5 - 2 * v.ordinal(), null,
                            List.of(), null, "Bench finding " + k + " on " + s.service(), "Generated by the bench.", "None.",
                            "port " + s.port(), s.address(), s.port(), s.service(), "firm", false));
                    try {
                        Thread.sleep(15);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        /** A few loopback listeners (ephemeral ports on 127.0.0.1): banners for SSH/SMTP-like, HTTP answers. */
        private void startListeners() throws IOException {
            InetAddress lo = InetAddress.getByName("127.0.0.1");
            String[] banners = {"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n", "220 bench.local ESMTP Postfix\r\n", null, null,
                    "220 (vsFTPd 3.0.3)\r\n", null, "SSH-2.0-OpenSSH_8.4\r\n", null};
            for (String banner : banners) {
                ServerSocket ss = new ServerSocket();
                ss.bind(new InetSocketAddress(lo, 0), 50);
                listeners.add(ss);
                Thread t = new Thread(() -> serve(ss, banner), "bench-listener-" + ss.getLocalPort());
                t.setDaemon(true);
                t.start();
            }
            out("listeners", listeners.stream().map(s -> String.valueOf(s.getLocalPort())).reduce((a, b) -> a + "," + b).orElse(""));
        }

        private void serve(ServerSocket ss, String banner) {
            while (!stopListeners.get()) {
                try (Socket s = ss.accept()) {
                    s.setSoTimeout(1500);
                    OutputStream o = s.getOutputStream();
                    if (banner != null) {
                        o.write(banner.getBytes(StandardCharsets.US_ASCII));
                        o.flush();
                        continue;
                    }
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[2048];
                    int n = in.read(buf);
                    if (n > 0) {
                        String body = "<html><head><title>Bench</title></head><body>ok</body></html>";
                        o.write(("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\nContent-Length: "
                                + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                        o.flush();
                    }
                } catch (IOException e) {
                    if (ss.isClosed()) return;
                }
            }
        }

        /** Runs {@code then} at the first pulse where the table shows at least one filled row. */
        private void whenShown(TableView<?> table, long timeoutMs, Runnable then) {
            waitFor(() -> {
                if (table.getItems().isEmpty() || table.getScene() == null) return false;
                for (Node n : table.lookupAll(".table-row-cell")) {
                    if (n instanceof TableRow<?> r && !r.isEmpty() && r.getItem() != null && r.isVisible()) return true;
                }
                return false;
            }, timeoutMs, then);
        }

        /** Checks {@code cond} at every pulse (bounded by {@code timeoutMs}); then runs {@code then}. */
        private void waitFor(BooleanSupplier cond, long timeoutMs, Runnable then) {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (cond.getAsBoolean()) {
                        stop();
                        then.run();
                    } else if (System.nanoTime() > deadline) {
                        stop();
                        out("error", "timed out waiting after " + timeoutMs + " ms");
                        finish();
                    }
                }
            }.start();
        }

        private void snapshot(String name) {
            if (screenshots == null) return;
            try {
                Files.createDirectories(screenshots);
                var img = scene.snapshot(null);
                ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", screenshots.resolve(name + ".png").toFile());
            } catch (IOException | RuntimeException e) {
                out("screenshot_error", e.getMessage());
            }
        }

        private void finish() {
            stopListeners.set(true);
            for (ServerSocket s : listeners) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
            if (fx != null) fx.close();
            if (context != null) context.close();
            System.out.flush();
            Platform.exit();
            System.exit(0);
        }
    }
}
