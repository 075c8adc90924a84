package org.watchpost.engine.discovery;

import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.HostResult;
import org.watchpost.engine.portscan.FdBudget;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Decides which hosts are up before a port scan. For each host it connects to a few common
 * ports at once (an accepted <em>or refused</em> connection proves the host is up) and, if
 * enabled, sends an ICMP echo; the first answer wins, and a host with no answer within the
 * timeout is down. Many hosts are probed concurrently from one selector thread (plus a small
 * pool for the blocking ICMP calls), with a bound on hosts in flight.
 *
 * <p>Reasons reported: {@code "tcp 22 open"}, {@code "tcp 80 refused"}, {@code "icmp echo"}
 * ({@code "echo (tcp 7)"} when not root: the JDK then falls back to the TCP echo port),
 * {@code "assumed up"}, and for down hosts {@code "no response"}.
 */
public final class HostDiscovery {
    private static final long ICMP_GRACE_MS = 250;

    private final DiscoveryOptions opts;

    public HostDiscovery(DiscoveryOptions opts) {
        this.opts = Objects.requireNonNull(opts, "opts");
    }

    public DiscoveryOptions options() {
        return opts;
    }

    /** Probes one host; blocks at most about the timeout. Returns a down result with reason "stopped" on cancel. */
    public HostResult discover(InetAddress host, Cancellation cancel) {
        HostResult[] out = new HostResult[1];
        discoverAll(List.of(host).iterator(), r -> out[0] = r, cancel);
        return out[0] != null ? out[0] : new HostResult(host.getHostAddress(), null, false, "stopped", -1);
    }

    /** Probes a list of hosts; results in completion order. */
    public List<HostResult> discoverAll(List<InetAddress> hosts, Cancellation cancel) {
        List<HostResult> out = new ArrayList<>(hosts.size());
        discoverAll(hosts.iterator(), out::add, cancel);
        return out;
    }

    /**
     * Probes every host of the (lazy) source, calling {@code sink} once per host as it is decided,
     * on this thread. Blocks until all are decided or {@code cancel} fires (then undecided hosts are
     * not reported). At most {@link DiscoveryOptions#maxParallelHosts()} hosts are in flight.
     */
    public void discoverAll(Iterator<InetAddress> hosts, Consumer<HostResult> sink, Cancellation cancel) {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(sink, "sink");
        if (cancel == null) cancel = new Cancellation();
        if (opts.assumeUp()) {
            while (hosts.hasNext() && !cancel.isCancelled()) {
                InetAddress a = hosts.next();
                if (a != null) sink.accept(new HostResult(a.getHostAddress(), null, true, "assumed up", -1));
            }
            return;
        }
        try {
            new Run(hosts, sink, cancel).execute();
        } catch (IOException e) {
            throw new IllegalStateException("host discovery could not open a selector: " + e.getMessage(), e);
        }
    }

    /** True when this process runs as root, so {@code isReachable} sends real ICMP echo requests. */
    static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    return f.length > 1 && f[1].equals("0");   // effective uid
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------

    private static final class Host {
        final InetAddress address;
        final long startNs;
        final long deadlineNs;
        final List<SocketChannel> channels = new ArrayList<>();
        int tcpPending;
        boolean icmpPending;
        boolean decided;

        Host(InetAddress address, long startNs, long deadlineNs) {
            this.address = address;
            this.startNs = startNs;
            this.deadlineNs = deadlineNs;
        }
    }

    private record Attempt(Host host, int port) {}

    private record IcmpAnswer(Host host, boolean reachable, long rttNs) {}

    private final class Run {
        final Iterator<InetAddress> source;
        final Consumer<HostResult> sink;
        final Cancellation cancel;
        final int[] ports = opts.tcpPorts();
        final Map<Host, Boolean> active = new LinkedHashMap<>();
        final ConcurrentLinkedQueue<IcmpAnswer> icmpAnswers = new ConcurrentLinkedQueue<>();
        final String icmpReason = runningAsRoot() ? "icmp echo" : "echo (tcp 7)";
        final int parallel;
        final long timeoutNs = TimeUnit.MILLISECONDS.toNanos(opts.timeoutMs());
        Selector selector;
        ExecutorService icmpPool;

        Run(Iterator<InetAddress> source, Consumer<HostResult> sink, Cancellation cancel) {
            this.source = source;
            this.sink = sink;
            this.cancel = cancel;
            int perHost = Math.max(1, ports.length);
            int fdWindow = FdBudget.windowForThisProcess(1, Integer.MAX_VALUE);
            this.parallel = Math.max(1, Math.min(opts.maxParallelHosts(), fdWindow / perHost));
        }

        void execute() throws IOException {
            selector = Selector.open();
            Runnable wake = selector::wakeup;
            cancel.onCancel(wake);
            if (opts.icmp()) {
                AtomicInteger n = new AtomicInteger();
                icmpPool = Executors.newFixedThreadPool(Math.min(parallel, 64), r -> {
                    Thread t = new Thread(r, "discovery-icmp-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
            }
            try {
                loop();
            } catch (ClosedSelectorException e) {
                // closed on shutdown
            } finally {
                cancel.removeHook(wake);
                for (Host h : active.keySet()) closeAll(h);
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // descriptors are released either way
                }
                if (icmpPool != null) icmpPool.shutdownNow();
            }
        }

        void loop() throws IOException {
            boolean sourceDone = false;
            for (;;) {
                if (cancel.isCancelled()) return;
                while (!sourceDone && active.size() < parallel) {
                    if (!source.hasNext()) {
                        sourceDone = true;
                        break;
                    }
                    InetAddress a = source.next();
                    if (a != null) begin(a);
                }
                if (sourceDone && active.isEmpty()) return;
                long now = System.nanoTime();
                long wait = 50;
                for (Host h : active.keySet()) {
                    wait = Math.min(wait, TimeUnit.NANOSECONDS.toMillis(h.deadlineNs - now) + 1);
                }
                if (icmpAnswers.isEmpty()) selector.select(Math.max(1, wait));
                else selector.selectNow();
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    Attempt at = (Attempt) k.attachment();
                    onConnectReady(at, (SocketChannel) k.channel());
                }
                IcmpAnswer ans;
                int guard = 10_000;
                while (guard-- > 0 && (ans = icmpAnswers.poll()) != null) {
                    Host h = ans.host();
                    h.icmpPending = false;
                    if (h.decided) continue;
                    if (ans.reachable()) decide(h, true, icmpReason, ans.rttNs());
                    else maybeDown(h);
                }
                now = System.nanoTime();
                for (Host h : new ArrayList<>(active.keySet())) {
                    if (!h.decided && now - h.deadlineNs >= 0 && (!h.icmpPending
                            || now - h.deadlineNs >= TimeUnit.MILLISECONDS.toNanos(ICMP_GRACE_MS))) {
                        decide(h, false, "no response", -1);
                    }
                }
            }
        }

        void begin(InetAddress a) {
            long now = System.nanoTime();
            Host h = new Host(a, now, now + timeoutNs);
            active.put(h, Boolean.TRUE);
            for (int port : ports) {
                if (h.decided) break;
                SocketChannel ch = null;
                try {
                    ch = SocketChannel.open(a instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                    ch.configureBlocking(false);
                    if (ch.connect(new InetSocketAddress(a, port))) {
                        linger0(ch);
                        ch.close();
                        decide(h, true, "tcp " + port + " open", System.nanoTime() - now);
                        break;
                    }
                    ch.register(selector, SelectionKey.OP_CONNECT, new Attempt(h, port));
                    h.channels.add(ch);
                    h.tcpPending++;
                } catch (ConnectException e) {
                    closeQuietly(ch);
                    decide(h, true, "tcp " + port + " refused", System.nanoTime() - now);
                } catch (IOException e) {
                    closeQuietly(ch);   // unreachable, or out of descriptors: this probe gives no answer
                }
            }
            if (!h.decided && opts.icmp()) {
                h.icmpPending = true;
                int ms = opts.timeoutMs();
                icmpPool.execute(() -> {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = !cancel.isCancelled() && a.isReachable(ms);
                    } catch (IOException e) {
                        ok = false;
                    }
                    icmpAnswers.add(new IcmpAnswer(h, ok, System.nanoTime() - t0));
                    selector.wakeup();
                });
            }
            if (!h.decided) maybeDown(h);
        }

        void onConnectReady(Attempt at, SocketChannel ch) {
            Host h = at.host();
            if (h.decided) return;
            long rtt = System.nanoTime() - h.startNs;
            try {
                if (!ch.finishConnect()) return;
                linger0(ch);
                decide(h, true, "tcp " + at.port() + " open", rtt);
            } catch (ConnectException e) {
                String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
                if (!m.contains("timed out")) {
                    decide(h, true, "tcp " + at.port() + " refused", rtt);
                    return;
                }
                dropAttempt(h, ch);
            } catch (IOException e) {
                String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
                if (m.contains("connection reset")) {
                    // reset after the handshake: a service accepted and dropped the connection — the host is up
                    decide(h, true, "tcp " + at.port() + " open", rtt);
                    return;
                }
                dropAttempt(h, ch);   // unreachable: no proof of life from this probe
            }
        }

        void dropAttempt(Host h, SocketChannel ch) {
            closeQuietly(ch);
            h.channels.remove(ch);
            h.tcpPending--;
            maybeDown(h);
        }

        /** Every probe of the host failed outright (no timeout needed). */
        void maybeDown(Host h) {
            if (!h.decided && h.tcpPending <= 0 && !h.icmpPending) decide(h, false, "no response", -1);
        }

        void decide(Host h, boolean up, String reason, long rttNs) {
            if (h.decided) return;
            h.decided = true;
            closeAll(h);
            active.remove(h);
            sink.accept(new HostResult(h.address.getHostAddress(), null, up, reason, rttNs < 0 ? -1 : rttNs / 1000));
        }

        void closeAll(Host h) {
            for (SocketChannel ch : h.channels) closeQuietly(ch);
            h.channels.clear();
            h.tcpPending = 0;
        }
    }

    private static void linger0(SocketChannel ch) {
        try {
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException ignored) {
            // falls back to an orderly close
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing useful to do
        }
    }
}
