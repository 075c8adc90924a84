package org.watchpost.engine.portscan;

import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.PortState;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fast TCP connect port scanner built on non-blocking NIO connects.
 *
 * <p>Several selector threads each keep a share of the in-flight window. Probes are handed out
 * host-interleaved (see {@link ProbeDispenser}); each thread keeps, per host and attempt, a FIFO of
 * its probes in start order (no timer per probe): a probe's deadline is its start plus the host's
 * <em>current</em> timeout, so the head of each FIFO is the earliest, and a host whose first answer
 * shrinks its timeout gets its older probes expired at once rather than at the initial timeout. Timeouts are adapted per host from the measured connect times,
 * {@code clamp(2·srtt + 4·rttvar, floor, initial)}, and a host that never answers keeps full
 * speed (no per-host slowdown). A refused connect is CLOSED; a timeout is retried
 * ({@link PortScanOptions#retries()} times, each with a 1.5 times longer timeout) and then FILTERED; an
 * unreachable answer is FILTERED at once. Probes close with {@code SO_LINGER 0}.
 *
 * <p>The window is capped by the file-descriptor budget ({@link FdBudget}); a shortage of local
 * resources (descriptors, local ports) shrinks the window and re-queues the probe instead of
 * producing a wrong result. An instance may run one scan at a time; it can be reused.
 */
public final class PortScanner {
    /** {@code -Dwatchpost.portscan.debug=true}: a "debug" event per finished host with its RTT estimate and timeout. */
    private static final boolean DEBUG = Boolean.getBoolean("watchpost.portscan.debug");
    private static final int LAUNCH_BATCH = 256;
    private static final long PROGRESS_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_SELECT_MS = 50;
    private static final long FRESH_SELECT_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A probe that meets a local resource error this often is given up (reported FILTERED with a warning). */
    private static final int MAX_LOCAL_FAILURES = 200;

    private final PortScanOptions opts;
    private final boolean settleAtOnce;
    private final AtomicBoolean running = new AtomicBoolean();

    public PortScanner(PortScanOptions opts) {
        this(opts, true);
    }

    /** Tests: {@code settleAtOnce=false} sends every probe through the selector, as on a real network. */
    PortScanner(PortScanOptions opts, boolean settleAtOnce) {
        this.opts = Objects.requireNonNull(opts, "opts");
        this.settleAtOnce = settleAtOnce;
    }

    public PortScanOptions options() {
        return opts;
    }

    /**
     * Scans every port of every host, blocking until done or cancelled.
     *
     * @param hosts     host source, read lazily (a group of {@link PortScanOptions#hostGroupSize()} at a time)
     * @param hostCount number of hosts the source will yield, or -1 when unknown (only for progress)
     * @param ports     ports to probe on each host, in the given order (1..65535)
     * @param listener  receives each result, host completions and progress
     * @param cancel    stop request; on cancel the scan closes its sockets and returns within a few
     *                  hundred milliseconds, reporting only ports it had decided
     */
    public PortScanSummary scan(Iterator<InetAddress> hosts, long hostCount, int[] ports, PortScanListener listener,
                                Cancellation cancel) {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(listener, "listener");
        if (cancel == null) cancel = new Cancellation();
        for (int p : ports) {
            if (p < 1 || p > 65535) throw new IllegalArgumentException("port out of range 1-65535: " + p);
        }
        if (!running.compareAndSet(false, true)) throw new IllegalStateException("this PortScanner is already scanning");
        try {
            return new Run(hosts, hostCount, ports.clone(), listener, cancel).execute();
        } finally {
            running.set(false);
        }
    }

    /** Scans a known list of hosts; see {@link #scan(Iterator, long, int[], PortScanListener, Cancellation)}. */
    public PortScanSummary scan(List<InetAddress> hosts, int[] ports, PortScanListener listener, Cancellation cancel) {
        return scan(hosts.iterator(), hosts.size(), ports, listener, cancel);
    }

    /** Same as the list form with an unknown host count. */
    public PortScanSummary scan(Iterator<InetAddress> hosts, int[] ports, PortScanListener listener, Cancellation cancel) {
        return scan(hosts, -1, ports, listener, cancel);
    }

    /**
     * How an exception from connect/finishConnect maps to a port state; null = local problem, retry
     * later. A reset ({@code ECONNRESET}) can only come after the handshake completed — a reset
     * answering the SYN is a refusal ({@code ECONNREFUSED}) — so it means a service accepted and
     * dropped the connection at once (a TCP wrapper, an overloaded or picky daemon): the port is
     * OPEN, as nmap's "tcpwrapped" ports are.
     */
    static PortState classify(IOException e) {
        if (e instanceof ConnectException) {
            String m = e.getMessage();
            // ECONNREFUSED (the normal case); ETIMEDOUT is the only other errno mapped to ConnectException that matters
            return m != null && m.toLowerCase(java.util.Locale.ROOT).contains("timed out") ? PortState.FILTERED : PortState.CLOSED;
        }
        if (e instanceof BindException) return null;             // EADDRNOTAVAIL / EADDRINUSE: out of local ports
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        if (m.contains("too many open files") || m.contains("no buffer space") || m.contains("cannot assign")) return null;
        if (m.contains("connection reset")) return PortState.OPEN;
        return PortState.FILTERED;                                // unreachable, prohibited, reset by a firewall …
    }

    // ------------------------------------------------------------------------------------------

    /** One probe in flight (or waiting for a retry). */
    static final class Probe {
        final HostState host;
        final int port;
        int attempt;
        int localFailures;
        long startNs;
        SocketChannel ch;
        boolean done;   // the current attempt has ended

        Probe(HostState host, int port) {
            this.host = host;
            this.port = port;
        }
    }

    /** State of one scan invocation. */
    private final class Run {
        final PortScanOptions opts = PortScanner.this.opts;
        final boolean settleAtOnce = PortScanner.this.settleAtOnce;
        final Iterator<InetAddress> hostSource;
        final long hostCount;
        final int[] ports;
        final PortScanListener listener;
        final Cancellation cancel;
        final ProbeDispenser dispenser;
        final TokenBucket bucket;
        final long startNs = System.nanoTime();
        // counters live in the workers (one writer each, no shared cache line on the hot path); these sum them
        final AtomicLong hostsDone = new AtomicLong();
        final AtomicLong lastProgressNs = new AtomicLong();
        final AtomicLong lastProgressProbes = new AtomicLong();
        final boolean perHostCapped;
        final AtomicReference<String> aborted = new AtomicReference<>();
        final AtomicReference<RuntimeException> listenerError = new AtomicReference<>();
        final List<Worker> workers = new ArrayList<>();
        final int window;
        final int threads;
        final long stallLimitNs;

        Run(Iterator<InetAddress> hosts, long hostCount, int[] ports, PortScanListener listener, Cancellation cancel) {
            this.hostSource = hosts;
            this.hostCount = hostCount;
            this.ports = ports;
            this.listener = listener;
            this.cancel = cancel;
            this.threads = opts.effectiveSelectorThreads();
            this.perHostCapped = opts.perHostInFlight() > 0;
            this.window = FdBudget.windowForThisProcess(threads, opts.maxInFlight());
            this.dispenser = new ProbeDispenser(hosts, ports, opts.hostGroupSize(), opts.perHostInFlight(),
                    TimeUnit.MILLISECONDS.toNanos(opts.minTimeoutMs()), TimeUnit.MILLISECONDS.toNanos(opts.initialTimeoutMs()),
                    h -> h.queues = new HostQueues[threads]);
            this.bucket = opts.rateLimit() > 0 ? new TokenBucket(opts.rateLimit(), startNs) : null;
            // every in-flight probe ends by its deadline, so completions can never pause longer than the
            // longest attempt chain; this watchdog only guards against a bug turning into a hung scan
            long chainMs = (long) opts.initialTimeoutMs() * (opts.retries() + 1);
            long rateGapMs = opts.rateLimit() > 0 ? 1000L * threads / opts.rateLimit() : 0;
            this.stallLimitNs = TimeUnit.MILLISECONDS.toNanos(Math.max(15_000, 3 * chainMs + rateGapMs + 5_000));
        }

        PortScanSummary execute() {
            int threads = opts.effectiveSelectorThreads();
            if (window < opts.maxInFlight()) {
                event("info", "in-flight window " + window + " (file-descriptor budget; requested " + opts.maxInFlight() + ")");
            }
            Runnable wake = () -> { for (Worker w : workers) w.selector.wakeup(); };
            List<Thread> started = new ArrayList<>();
            try {
                for (int i = 0; i < threads; i++) {
                    int share = window / threads + (i < window % threads ? 1 : 0);
                    workers.add(new Worker(this, i, Math.max(1, share)));
                }
            } catch (IOException e) {
                for (Worker w : workers) w.closeQuietly();
                throw new IllegalStateException("cannot open a selector: " + e.getMessage(), e);
            }
            cancel.onCancel(wake);
            try {
                for (int i = 0; i < workers.size(); i++) {
                    Thread t = new Thread(workers.get(i), "portscan-selector-" + i);
                    t.setDaemon(true);
                    started.add(t);
                    t.start();
                }
                for (Thread t : started) {
                    boolean interrupted = false;
                    while (t.isAlive()) {
                        try {
                            t.join(200);
                        } catch (InterruptedException e) {
                            interrupted = true;
                            cancel.cancel();
                        }
                    }
                    if (interrupted) Thread.currentThread().interrupt();
                }
            } finally {
                cancel.removeHook(wake);
            }
            progress(System.nanoTime(), true);
            RuntimeException le = listenerError.get();
            if (le != null) throw new IllegalStateException("port-scan listener failed: " + le, le);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            return new PortScanSummary(sum(w -> w.nOpen), sum(w -> w.nClosed), sum(w -> w.nFiltered), sum(w -> w.nSent),
                    sum(w -> w.nRetries), hostsDone.get(), ms, cancel.isCancelled(), window, aborted.get());
        }

        long sum(java.util.function.ToLongFunction<Worker> f) {
            long t = 0;
            for (Worker w : workers) t += f.applyAsLong(w);
            return t;
        }

        long lastCompletionNs() {
            long t = Long.MIN_VALUE;
            for (Worker w : workers) t = Math.max(t, w.lastCompletionNs);
            return t;
        }

        boolean stopping() {
            return cancel.isCancelled() || aborted.get() != null || listenerError.get() != null;
        }

        void report(Worker w, Probe p, PortState state, long rttNs) {
            HostState h = p.host;
            switch (state) {
                case OPEN -> { w.nOpen++; h.open.incrementAndGet(); }
                case CLOSED -> { w.nClosed++; h.closed.incrementAndGet(); }
                case FILTERED -> { w.nFiltered++; h.filtered.incrementAndGet(); }
            }
            w.lastCompletionNs = System.nanoTime();
            long rttUs = state == PortState.FILTERED ? -1 : Math.max(0, rttNs / 1000);
            try {
                listener.onPort(new PortResult(h.text, p.port, state, rttUs));
                if (h.remaining.decrementAndGet() == 0) {
                    hostsDone.incrementAndGet();
                    if (DEBUG) {
                        event("debug", "host " + h.text + " done at "
                                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs) + " ms: " + h.debugRtt());
                    }
                    listener.onHostDone(h.text, h.open.get(), h.closed.get(), h.filtered.get());
                }
            } catch (RuntimeException e) {
                listenerError.compareAndSet(null, e);
                wakeAll();
            }
        }

        void event(String level, String msg) {
            try {
                listener.onEvent(level, msg);
            } catch (RuntimeException e) {
                listenerError.compareAndSet(null, e);
            }
        }

        void wakeAll() {
            for (Worker w : workers) w.selector.wakeup();
        }

        void progress(long now, boolean force) {
            long last = lastProgressNs.get();
            if (!force && now - last < PROGRESS_INTERVAL_NS) return;
            if (!force && !lastProgressNs.compareAndSet(last, now)) return;
            if (force) lastProgressNs.set(now);
            long sent = sum(w -> w.nSent);
            long prevSent = lastProgressProbes.getAndSet(sent);
            long dtNs = last == 0 ? now - startNs : now - last;
            double rate = dtNs > 0 ? (sent - prevSent) * 1e9 / dtNs : 0;
            if (force) {
                long total = now - startNs;
                rate = total > 0 ? sent * 1e9 / total : 0;
            }
            long done = sum(w -> w.nOpen + w.nClosed + w.nFiltered);
            long total = hostCount >= 0 ? hostCount * ports.length : dispenser.hostsSeen() * ports.length;
            try {
                listener.onProgress(new PortScanProgress(done, Math.max(total, done), sent, sum(w -> w.nRetries), rate,
                        (int) sum(w -> w.inFlightPublished), hostsDone.get()));
            } catch (RuntimeException e) {
                listenerError.compareAndSet(null, e);
            }
        }
    }

    /** A host's probes of one selector thread, a FIFO per attempt number (all share one timeout). */
    static final class HostQueues {
        final HostState host;
        final List<ArrayDeque<Probe>> byAttempt;

        HostQueues(HostState host, int attempts) {
            this.host = host;
            List<ArrayDeque<Probe>> qs = new ArrayList<>(attempts);
            for (int i = 0; i < attempts; i++) qs.add(new ArrayDeque<>());
            this.byAttempt = List.copyOf(qs);
        }

        boolean isEmpty() {
            for (int i = 0; i < byAttempt.size(); i++) if (!byAttempt.get(i).isEmpty()) return false;
            return true;
        }
    }

    /** One selector thread with its share of the window. */
    private static final class Worker implements Runnable {
        final Run run;
        final Selector selector;
        int window;
        int inFlight;
        // single-writer counters (this thread), read by whichever thread reports progress
        volatile long nOpen, nClosed, nFiltered, nSent, nRetries;
        volatile long lastCompletionNs = System.nanoTime();
        volatile int inFlightPublished;
        /** channels closed while registered: their descriptors are freed by the next select */
        int pendingClose;
        final int id;
        /** hosts with probes of this thread in their FIFOs */
        final ArrayList<HostQueues> timed = new ArrayList<>();
        final ArrayDeque<Probe> retryQueue = new ArrayDeque<>();
        final HostState[] takeHosts = new HostState[LAUNCH_BATCH];
        final int[] takePorts = new int[LAUNCH_BATCH];
        long nextDeadline = Long.MAX_VALUE;
        /** when the last readiness check returned: nothing not reported by it had answered by then */
        long lastSelectNs;
        /** the check before that: an answer first reported by the last check arrived after this */
        long prevSelectNs;
        boolean drained;
        boolean blocked;
        boolean localFailedThisRound;
        long lastShrinkNs;

        Worker(Run run, int id, int window) throws IOException {
            this.run = run;
            this.id = id;
            this.window = window;
            this.selector = Selector.open();
        }

        @Override
        public void run() {
            try {
                loop();
            } catch (ClosedSelectorException e) {
                // closed under us: only on shutdown
            } catch (IOException | RuntimeException e) {
                run.aborted.compareAndSet(null, "selector thread failed: " + e);
                run.wakeAll();
            } finally {
                closeQuietly();
                run.wakeAll();   // the others re-check at once whether the scan is over
            }
        }

        void loop() throws IOException {
            lastSelectNs = prevSelectNs = System.nanoTime();
            for (;;) {
                if (run.stopping()) return;
                long now = System.nanoTime();
                launch(now);
                if (drained && retryQueue.isEmpty() && inFlight == 0) return;
                inFlightPublished = inFlight;
                if (now - run.lastCompletionNs() > run.stallLimitNs && inFlight + retryQueue.size() > 0) {
                    run.aborted.compareAndSet(null, "no probe finished for " + TimeUnit.NANOSECONDS.toSeconds(run.stallLimitNs)
                            + " s; scan stopped by its safety deadline");
                    run.wakeAll();
                    return;
                }
                long waitNs = waitNanos(System.nanoTime());
                if (waitNs <= 0) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, Math.min(MAX_SELECT_MS, TimeUnit.NANOSECONDS.toMillis(waitNs + 999_999))));
                }
                prevSelectNs = lastSelectNs;
                lastSelectNs = System.nanoTime();
                pendingClose = 0;   // the select above released the descriptors of channels closed while registered
                handleSelected();
                long t = System.nanoTime();
                if (t >= nextDeadline && t - lastSelectNs > FRESH_SELECT_NS) {
                    // handling took a while (or the thread was descheduled): collect answers that came
                    // in meanwhile, so no probe that was answered in time is expired
                    selector.selectNow();
                    prevSelectNs = lastSelectNs;
                    lastSelectNs = t;
                    pendingClose = 0;
                    handleSelected();
                }
                handleDeadlines(lastSelectNs);
                run.progress(System.nanoTime(), false);
            }
        }

        /** How long the next select may block. */
        long waitNanos(long now) {
            long wait = TimeUnit.MILLISECONDS.toNanos(MAX_SELECT_MS);
            wait = Math.min(wait, nextDeadline - now);
            boolean work = !retryQueue.isEmpty() || !drained;
            // room now, or room once the pending closes are released (a selectNow does that)
            if (work && inFlight < window) {
                if (run.bucket != null) wait = Math.min(wait, run.bucket.nanosUntilNext(now));
                else if (blocked) wait = Math.min(wait, TimeUnit.MILLISECONDS.toNanos(2));
                else wait = 0;
            }
            return wait;
        }

        void launch(long now) {
            blocked = false;
            int room = window - inFlight - pendingClose;
            if (room <= 0) return;
            room = Math.min(room, LAUNCH_BATCH);
            int tokens = room;
            if (run.bucket != null) {
                tokens = run.bucket.take(room, now);
                if (tokens == 0) return;
            }
            int used = 0;
            // retries first: they are the oldest work
            int retryN = retryQueue.size();
            for (int i = 0; i < retryN && used < tokens; i++) {
                Probe p = retryQueue.poll();
                if (run.perHostCapped && p.host.inFlight.get() >= perHostCap()) {
                    retryQueue.add(p);
                    continue;
                }
                hostSlot(p, 1);
                if (p.attempt > 0) nRetries++;
                used++;
                start(p);
            }
            localFailedThisRound = false;
            if (used < tokens && !drained) {
                int n = run.dispenser.take(takeHosts, takePorts, tokens - used);
                if (n == 0) {
                    drained = true;
                } else if (n > 0) {
                    for (int i = 0; i < n; i++) {
                        Probe p = new Probe(takeHosts[i], takePorts[i]);
                        takeHosts[i] = null;
                        used++;
                        start(p);
                    }
                }
            }
            if (run.bucket != null && used < tokens) run.bucket.giveBack(tokens - used);
            // nothing could start (per-host caps) or local resources ran short: poll again shortly, don't spin
            blocked = used == 0 || localFailedThisRound;
        }

        /** The per-host in-flight count is only kept when a per-host cap is set (it is a shared counter). */
        void hostSlot(Probe p, int delta) {
            if (run.perHostCapped) p.host.inFlight.addAndGet(delta);
        }

        int perHostCap() {
            int c = run.opts.perHostInFlight();
            return c <= 0 ? Integer.MAX_VALUE : c;
        }

        /** Opens a channel and starts the connect of one attempt. The host's in-flight count is already taken. */
        void start(Probe p) {
            p.done = false;
            nSent++;
            SocketChannel ch;
            InetAddress addr = p.host.address;
            try {
                ch = SocketChannel.open(addr instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            } catch (IOException | UnsupportedOperationException e) {
                localFailure(p, e);
                return;
            }
            p.ch = ch;
            try {
                ch.configureBlocking(false);
                SocketAddress sa = new InetSocketAddress(addr, p.port);
                p.startNs = System.nanoTime();
                if (ch.connect(sa)) {
                    connectedAtOnce(p, ch);
                    return;
                }
                if (run.settleAtOnce && p.host.tryImmediate()) {
                    boolean settled;
                    try {
                        settled = ch.finishConnect();
                    } catch (IOException e) {
                        p.host.immediateOutcome(true);
                        throw e;   // refused / unreachable: classified below like an error from connect()
                    }
                    p.host.immediateOutcome(settled);
                    if (settled) {
                        connectedAtOnce(p, ch);
                        return;
                    }
                }
                ch.register(selector, SelectionKey.OP_CONNECT, p);
            } catch (IOException e) {
                closeUnregistered(p);
                PortState st = classify(e);
                if (st == null) {
                    localFailure(p, e);
                } else {
                    hostSlot(p, -1);
                    long rtt = System.nanoTime() - p.startNs;
                    if (st != PortState.FILTERED) p.host.sample(rtt);
                    finish(p, st, rtt);
                }
                return;
            }
            HostQueues q = p.host.queues[id];
            if (q == null) q = p.host.queues[id] = new HostQueues(p.host, run.opts.retries() + 1);
            if (q.isEmpty()) timed.add(q);
            q.byAttempt.get(p.attempt).add(p);
            nextDeadline = Math.min(nextDeadline, p.startNs + p.host.timeoutNs(p.attempt));
            inFlight++;
        }

        /** The connect completed before the channel was ever registered: report it and close at once. */
        void connectedAtOnce(Probe p, SocketChannel ch) {
            long rtt = System.nanoTime() - p.startNs;
            resetOnClose(ch);
            PortState st = isSelfConnect(ch) ? PortState.CLOSED : PortState.OPEN;
            closeUnregistered(p);
            hostSlot(p, -1);
            p.host.sample(rtt);
            finish(p, st, rtt);
        }

        /** Out of descriptors or local ports: shrink the window a little and try the probe again later. */
        void localFailure(Probe p, Exception e) {
            hostSlot(p, -1);
            nSent--;
            if (p.attempt > 0) nRetries--;
            if (++p.localFailures > MAX_LOCAL_FAILURES) {
                run.event("warn", "giving up on " + p.host.text + ":" + p.port + " after repeated local errors: " + e.getMessage());
                p.done = true;
                run.report(this, p, PortState.FILTERED, -1);
                return;
            }
            long now = System.nanoTime();
            if (now - lastShrinkNs > TimeUnit.MILLISECONDS.toNanos(50)) {
                int newWindow = Math.max(FdBudget.MIN_WINDOW, Math.min(window, inFlight + pendingClose) * 3 / 4);
                if (newWindow < window) {
                    run.event("warn", "local resource limit (" + e.getMessage() + "): in-flight window of a selector thread "
                            + window + " -> " + newWindow);
                    window = newWindow;
                }
                lastShrinkNs = now;
            }
            retryQueue.addFirst(p);
            localFailedThisRound = true;
        }

        void handleSelected() {
            var keys = selector.selectedKeys();
            if (keys.isEmpty()) return;
            Iterator<SelectionKey> it = keys.iterator();
            while (it.hasNext()) {
                SelectionKey k = it.next();
                it.remove();
                Probe p = (Probe) k.attachment();
                if (p == null || p.done) continue;
                settle(p);
            }
        }

        /** Reads the connect outcome of an attempt the selector reported; false when still pending (spurious). */
        boolean settle(Probe p) {
            SocketChannel ch = p.ch;
            PortState st;
            long rtt = System.nanoTime() - p.startNs;
            // For the timeout estimator use the lag-free lower bound: the answer was not there when the
            // previous readiness check returned. Time this thread spent launching, handling, or
            // descheduled is then not mistaken for network delay (one inflated sample would otherwise
            // keep a mostly silent host at the ceiling timeout for the whole scan).
            long sample = Math.max(0, prevSelectNs - p.startNs);
            try {
                if (!ch.finishConnect()) return false;
                st = isSelfConnect(ch) ? PortState.CLOSED : PortState.OPEN;
                resetOnClose(ch);
            } catch (IOException e) {
                st = classify(e);
                if (st == null) st = PortState.FILTERED;
            }
            endAttempt(p);
            if (st != PortState.FILTERED) p.host.sample(sample);
            finish(p, st, rtt);
            return true;
        }

        /**
         * Expires probes whose deadline had passed when the selector was last asked (so an answer that
         * arrived in time has been seen); recomputes {@link #nextDeadline}.
         */
        void handleDeadlines(long now) {
            long next = Long.MAX_VALUE;
            for (int i = timed.size() - 1; i >= 0; i--) {
                HostQueues q = timed.get(i);
                for (int a = 0; a < q.byAttempt.size(); a++) {
                    ArrayDeque<Probe> fifo = q.byAttempt.get(a);
                    if (fifo.isEmpty()) continue;
                    long timeout = q.host.timeoutNs(a);
                    Probe p;
                    while ((p = fifo.peek()) != null) {
                        if (p.done) {
                            fifo.poll();
                            continue;
                        }
                        long deadline = p.startNs + timeout;
                        if (deadline > now) {
                            next = Math.min(next, deadline);
                            break;
                        }
                        fifo.poll();
                        expire(p);
                    }
                }
                if (q.isEmpty()) {
                    int last = timed.size() - 1;
                    timed.set(i, timed.get(last));
                    timed.remove(last);
                }
            }
            nextDeadline = next;
        }

        /** The attempt got no answer in time: retry it, or report FILTERED after the last one. */
        void expire(Probe p) {
            boolean last = p.attempt >= run.opts.retries();
            endAttempt(p);
            if (!last) {
                p.attempt++;
                retryQueue.add(p);
            } else {
                finish(p, PortState.FILTERED, -1);
            }
        }

        /** Closes the attempt's channel (registered) and gives back its in-flight slot. */
        void endAttempt(Probe p) {
            p.done = true;
            SocketChannel ch = p.ch;
            p.ch = null;
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do: the descriptor is released with the selector's next select anyway
            }
            pendingClose++;
            inFlight--;
            hostSlot(p, -1);
        }

        void closeUnregistered(Probe p) {
            SocketChannel ch = p.ch;
            p.ch = null;
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing a never-registered channel frees its descriptor at once
                }
            }
        }

        void finish(Probe p, PortState st, long rttNs) {
            p.done = true;
            run.report(this, p, st, rttNs);
        }

        void closeQuietly() {
            try {
                for (SelectionKey k : selector.keys()) {
                    try {
                        k.channel().close();
                    } catch (IOException ignored) {
                        // best effort on shutdown
                    }
                }
                selector.close();
            } catch (IOException | ClosedSelectorException ignored) {
                // already closed
            }
            inFlight = 0;
            inFlightPublished = 0;
        }

        /**
         * SO_LINGER 0 so the close sends a reset: no FIN handshake, no TIME_WAIT, nothing left for the
         * service to accept. Only connected probes need it, so the other 99% skip the system call.
         */
        static void resetOnClose(SocketChannel ch) {
            try {
                ch.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException ignored) {
                // the close then falls back to an orderly shutdown, which is still correct
            }
        }

        static boolean isSelfConnect(SocketChannel ch) {
            try {
                SocketAddress local = ch.getLocalAddress();
                SocketAddress remote = ch.getRemoteAddress();
                return local != null && local.equals(remote);
            } catch (IOException e) {
                return false;
            }
        }
    }
}
