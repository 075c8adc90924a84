package org.watchpost.engine.portscan;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.PortState;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.watchpost.engine.portscan.PortScanTestSupport.addr;
import static org.watchpost.engine.portscan.PortScanTestSupport.closedPort;
import static org.watchpost.engine.portscan.PortScanTestSupport.listen;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PortScannerTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) c.close();
    }

    private ServerSocket open(String address) throws IOException {
        ServerSocket ss = listen(address, 50);
        toClose.add(ss);
        return ss;
    }

    private static PortScanOptions fast() {
        return PortScanOptions.defaults().withTimeouts(500, 50);
    }

    /** Both ways of learning a connect's outcome: at once (local hosts) and through the selector (networks). */
    @org.junit.jupiter.params.ParameterizedTest(name = "settle at once: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void reportsOpenAndClosedPortsOnceEachWithRtt(boolean settleAtOnce) throws Exception {
        ServerSocket a = open("127.0.0.3");
        ServerSocket b = open("127.0.0.3");
        int closed = closedPort("127.0.0.4");   // free on .4; nothing listens on .3 either for a distinct port
        int[] ports = {a.getLocalPort(), b.getLocalPort(), closed};
        var rec = new PortScanTestSupport.Recorder();

        PortScanSummary s = new PortScanner(fast(), settleAtOnce).scan(List.of(addr("127.0.0.3")), ports, rec, new Cancellation());

        assertThat(rec.state("127.0.0.3", a.getLocalPort())).isEqualTo(PortState.OPEN);
        assertThat(rec.state("127.0.0.3", b.getLocalPort())).isEqualTo(PortState.OPEN);
        assertThat(rec.state("127.0.0.3", closed)).isEqualTo(PortState.CLOSED);
        assertThat(rec.results).hasSize(3);
        assertThat(rec.results).filteredOn(r -> r.state() != PortState.FILTERED).allMatch(r -> r.rttMicros() >= 0);
        assertThat(s.open()).isEqualTo(2);
        assertThat(s.closed()).isEqualTo(1);
        assertThat(s.filtered()).isZero();
        assertThat(s.cancelled()).isFalse();
        assertThat(s.aborted()).isNull();
        assertThat(rec.hostsDone.get("127.0.0.3")).containsExactly(2, 1, 0);
        PortScanProgress last = rec.progress.get(rec.progress.size() - 1);
        assertThat(last.portsDone()).isEqualTo(3);
        assertThat(last.portsTotal()).isEqualTo(3);
        assertThat(last.fraction()).isEqualTo(1.0);
        assertThat(last.inFlight()).isZero();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "settle at once: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void manyHostsAreInterleavedAndEveryPortIsReportedOnce(boolean settleAtOnce) throws Exception {
        // 127.0.0.1-50, one listener on 10 of them; 100 ports per host
        List<InetAddress> hosts = new ArrayList<>();
        for (int i = 1; i <= 50; i++) hosts.add(addr("127.0.0." + i));
        Set<String> expectedOpen = new HashSet<>();
        Set<Integer> portSet = new LinkedHashSet<>();
        for (int i = 5; i <= 50; i += 5) {
            ServerSocket ss = open("127.0.0." + i);
            expectedOpen.add("127.0.0." + i + ":" + ss.getLocalPort());
            portSet.add(ss.getLocalPort());
        }
        int base = closedPort("127.0.0.1");
        for (int p = base; portSet.size() < 100; p = p % 65535 + 1) portSet.add(p);
        int[] ports = portSet.stream().mapToInt(Integer::intValue).toArray();
        var rec = new PortScanTestSupport.Recorder();

        PortScanSummary s = new PortScanner(fast().withSelectorThreads(2), settleAtOnce).scan(hosts, ports, rec, new Cancellation());

        assertThat(rec.results).hasSize(50 * 100);
        assertThat(rec.results.stream().map(r -> r.address() + ":" + r.port()).distinct().count()).isEqualTo(5000);
        for (String hp : expectedOpen) {
            String[] f = hp.split(":");
            assertThat(rec.state(f[0], Integer.parseInt(f[1]))).as(hp).isEqualTo(PortState.OPEN);
        }
        assertThat(rec.withState(PortState.FILTERED)).isEmpty();
        assertThat(rec.hostDoneCalls.get()).isEqualTo(50);
        assertThat(s.hostsDone()).isEqualTo(50);
        // interleaving: the first results already span many hosts (host-by-host would give one host)
        long distinctEarly = rec.results.subList(0, 200).stream().map(PortResult::address).distinct().count();
        assertThat(distinctEarly).isGreaterThanOrEqualTo(25);
    }

    /**
     * A service that accepts and resets at once (a TCP wrapper): whether the reset arrives before
     * the scanner looks (ECONNRESET from finishConnect) or after (connected), the port is OPEN.
     * Scanned many times so both orders occur.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "settle at once: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aServiceThatAcceptsAndResetsAtOnceIsOpen(boolean settleAtOnce) throws Exception {
        ServerSocket wrapper = open("127.0.0.3");
        Thread acceptor = new Thread(() -> {
            while (!wrapper.isClosed()) {
                try {
                    java.net.Socket c = wrapper.accept();
                    c.setSoLinger(true, 0);   // close with a reset
                    c.close();
                } catch (IOException e) {
                    return;   // closed by the test
                }
            }
        }, "reset-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        int closed = closedPort("127.0.0.4");
        for (int round = 0; round < 40; round++) {
            var rec = new PortScanTestSupport.Recorder();
            new PortScanner(fast(), settleAtOnce).scan(List.of(addr("127.0.0.3")), new int[] {wrapper.getLocalPort(), closed},
                    rec, new Cancellation());
            assertThat(rec.state("127.0.0.3", wrapper.getLocalPort())).as("round " + round).isEqualTo(PortState.OPEN);
            assertThat(rec.state("127.0.0.3", closed)).isEqualTo(PortState.CLOSED);
        }
    }

    @Test
    void ipv6LoopbackWorks() throws Exception {
        ServerSocket ss;
        try {
            ss = open("::1");
        } catch (IOException e) {
            assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
            return;
        }
        int closed = closedPort("::1");
        String a = addr("::1").getHostAddress();
        for (boolean settleAtOnce : new boolean[] {true, false}) {
            var rec = new PortScanTestSupport.Recorder();
            new PortScanner(fast(), settleAtOnce).scan(List.of(addr("::1")), new int[] {ss.getLocalPort(), closed}, rec,
                    new Cancellation());
            assertThat(rec.state(a, ss.getLocalPort())).isEqualTo(PortState.OPEN);
            assertThat(rec.state(a, closed)).isEqualTo(PortState.CLOSED);
        }
    }

    /**
     * A real blackhole on loopback: a listener whose accept queue is full and that never accepts.
     * Linux then drops further SYNs, so a connect just waits — exactly what a DROP firewall does.
     */
    @Test
    void unansweredConnectIsRetriedThenFiltered() throws Exception {
        ServerSocket full = listen("127.0.0.6", 1);
        toClose.add(full);
        int port = full.getLocalPort();
        assumeTrue(fillBacklog(full), "this kernel does not drop SYNs to a listener with a full accept queue");
        ServerSocket ok = open("127.0.0.6");
        var rec = new PortScanTestSupport.Recorder();

        PortScanSummary s = new PortScanner(PortScanOptions.defaults().withTimeouts(300, 100).withRetries(1))
                .scan(List.of(addr("127.0.0.6")), new int[] {ok.getLocalPort(), port}, rec, new Cancellation());

        assertThat(rec.state("127.0.0.6", port)).isEqualTo(PortState.FILTERED);
        assertThat(rec.state("127.0.0.6", ok.getLocalPort())).isEqualTo(PortState.OPEN);
        assertThat(rec.results).filteredOn(r -> r.state() == PortState.FILTERED).allMatch(r -> r.rttMicros() == -1);
        assertThat(s.retries()).isEqualTo(1);
        assertThat(s.probesSent()).isEqualTo(3);
    }

    @Test
    void noRetryMeansFilteredAfterOneTimeout() throws Exception {
        ServerSocket full = listen("127.0.0.6", 1);
        toClose.add(full);
        assumeTrue(fillBacklog(full), "this kernel does not drop SYNs to a listener with a full accept queue");
        var rec = new PortScanTestSupport.Recorder();
        PortScanSummary s = new PortScanner(PortScanOptions.defaults().withTimeouts(200, 100).withRetries(0))
                .scan(List.of(addr("127.0.0.6")), new int[] {full.getLocalPort()}, rec, new Cancellation());
        assertThat(rec.state("127.0.0.6", full.getLocalPort())).isEqualTo(PortState.FILTERED);
        assertThat(s.retries()).isZero();
        assertThat(s.probesSent()).isEqualTo(1);
    }

    /** Connects until one hangs (the accept queue is full); the fillers are closed with the listener. */
    private boolean fillBacklog(ServerSocket ss) throws IOException {
        for (int i = 0; i < 8; i++) {
            Socket s = new Socket();
            toClose.add(s);
            try {
                s.connect(new InetSocketAddress(ss.getInetAddress(), ss.getLocalPort()), 300);
            } catch (SocketTimeoutException e) {
                return true;
            }
        }
        return false;
    }

    @Test
    void cancelStopsALargeScanQuicklyAndClosesEverything() throws Exception {
        ServerSocket ss = open("127.0.0.8");
        long fdsBefore = FdBudget.currentLimits()[1];
        var rec = new PortScanTestSupport.Recorder();
        Cancellation cancel = new Cancellation();
        // a rate limit makes the full range take ~30 s, so the cancel surely lands mid-scan
        PortScanner scanner = new PortScanner(fast().withRateLimit(2000));
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            cancel.cancel();
        });
        int[] ports = IntStream.rangeClosed(1, 65535).toArray();
        // the open port first so that it is surely among the reported ones
        ports[0] = ss.getLocalPort();
        ports[ss.getLocalPort() - 1] = 1;
        canceller.start();
        long t0 = System.nanoTime();
        PortScanSummary s = scanner.scan(List.of(addr("127.0.0.8")), ports, rec, cancel);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        canceller.join();

        assertThat(s.cancelled()).isTrue();
        assertThat(tookMs).isLessThan(2000);
        assertThat(rec.results.size()).isBetween(1, 65534);
        assertThat(s.portsDone()).isEqualTo(rec.results.size());
        assertThat(rec.state("127.0.0.8", ss.getLocalPort())).isEqualTo(PortState.OPEN);
        long fdsAfter = FdBudget.currentLimits()[1];
        if (fdsBefore >= 0) assertThat(fdsAfter).isLessThanOrEqualTo(fdsBefore + 4);   // every probe channel closed
    }

    @Test
    void cancelBeforeStartReturnsAtOnce() {
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        var rec = new PortScanTestSupport.Recorder();
        PortScanSummary s = new PortScanner(fast()).scan(List.of(addr("127.0.0.9")), new int[] {1, 2, 3}, rec, cancel);
        assertThat(s.cancelled()).isTrue();
        assertThat(s.probesSent()).isZero();
    }

    @Test
    void rateLimitIsRespected() throws Exception {
        int rate = 1000;
        int n = 500;
        int base = closedPort("127.0.0.10");
        int[] ports = IntStream.range(0, n).map(i -> (base + i - 1) % 65535 + 1).toArray();
        var rec = new PortScanTestSupport.Recorder();
        long t0 = System.nanoTime();
        PortScanSummary s = new PortScanner(fast().withRateLimit(rate))
                .scan(List.of(addr("127.0.0.10")), ports, rec, new Cancellation());
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(rec.results).hasSize(n);
        // 500 probes at 1000/s cannot take much less than 0.5 s (burst allowance 20 ms)
        assertThat(ms).isGreaterThanOrEqualTo(400);
        assertThat(s.probesSent()).isEqualTo(n);
    }

    @Test
    void windowAboveTheDescriptorLimitNeverRunsOutOfDescriptors() throws Exception {
        long[] lim = FdBudget.currentLimits();
        assumeTrue(lim[0] > 0, "descriptor limit unknown on this platform");
        ServerSocket ss = open("127.0.0.11");
        int[] ports = IntStream.rangeClosed(1, 6000).toArray();
        if (ss.getLocalPort() > 6000) ports[0] = ss.getLocalPort();
        var rec = new PortScanTestSupport.Recorder();
        PortScanSummary s = new PortScanner(fast().withMaxInFlight(Integer.MAX_VALUE / 2))
                .scan(List.of(addr("127.0.0.11")), ports, rec, new Cancellation());
        assertThat(s.window()).isLessThan((int) lim[0]);
        assertThat(rec.events).noneMatch(e -> e.toLowerCase().contains("too many open files"));
        assertThat(rec.results).hasSize(6000);
        assertThat(rec.state("127.0.0.11", ss.getLocalPort())).isEqualTo(PortState.OPEN);
    }

    @Test
    void perHostCapAndSingleThreadStillFinishEverything() throws Exception {
        ServerSocket ss = open("127.0.0.12");
        int[] ports = {ss.getLocalPort(), closedPort("127.0.0.12"), closedPort("127.0.0.13")};
        var rec = new PortScanTestSupport.Recorder();
        new PortScanner(fast().withPerHostInFlight(1).withSelectorThreads(1).withHostGroupSize(1))
                .scan(List.of(addr("127.0.0.12"), addr("127.0.0.13")), ports, rec, new Cancellation());
        assertThat(rec.results).hasSize(6);
        assertThat(rec.state("127.0.0.12", ss.getLocalPort())).isEqualTo(PortState.OPEN);
        assertThat(rec.withState(PortState.OPEN)).hasSize(1);
    }

    @Test
    void lazyHostSourceIsReadAheadOnlyAGroupAtATime() throws Exception {
        int[] read = {0};
        var source = new java.util.Iterator<InetAddress>() {
            int i = 0;

            @Override
            public boolean hasNext() {
                return i < 20;
            }

            @Override
            public InetAddress next() {
                read[0]++;
                return addr("127.0.1." + (++i));
            }
        };
        int port = closedPort("127.0.1.1");
        int[] maxAheadSeen = {0};
        PortScanListener l = new PortScanListener() {
            final java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();

            @Override
            public void onPort(PortResult r) {}

            @Override
            public synchronized void onHostDone(String address, int o, int c, int f) {
                maxAheadSeen[0] = Math.max(maxAheadSeen[0], read[0] - done.get());
                done.incrementAndGet();
            }
        };
        PortScanSummary s = new PortScanner(fast().withHostGroupSize(4).withMaxInFlight(2).withSelectorThreads(1))
                .scan(source, 20, new int[] {port}, l, new Cancellation());
        assertThat(s.hostsDone()).isEqualTo(20);
        // a host leaves the group once its ports are handed out, so the read-ahead is bounded by
        // the group (4) plus the hosts with probes still in flight (window 2) plus the one just read
        assertThat(maxAheadSeen[0]).isBetween(1, 7);
    }

    @Test
    void listenerFailureEndsTheScanWithAClearError() {
        PortScanListener bad = r -> {
            throw new IllegalStateException("boom");
        };
        assertThatThrownBy(() -> new PortScanner(fast()).scan(List.of(addr("127.0.0.14")), new int[] {1, 2, 3, 4}, bad,
                new Cancellation()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("listener failed").hasMessageContaining("boom");
    }

    @Test
    void badPortIsRejectedWithItsValue() {
        assertThatThrownBy(() -> new PortScanner(fast()).scan(List.of(addr("127.0.0.1")), new int[] {80, 0},
                new PortScanTestSupport.Recorder(), new Cancellation()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }

    @Test
    void scannerIsReusable() throws Exception {
        ServerSocket ss = open("127.0.0.15");
        PortScanner scanner = new PortScanner(fast());
        for (int i = 0; i < 2; i++) {
            var rec = new PortScanTestSupport.Recorder();
            scanner.scan(List.of(addr("127.0.0.15")), new int[] {ss.getLocalPort()}, rec, new Cancellation());
            assertThat(rec.state("127.0.0.15", ss.getLocalPort())).isEqualTo(PortState.OPEN);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "settle at once: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void openPortsGetAResetNotAnOrderlyClose(boolean settleAtOnce) throws Exception {
        // the service sees the probe as a connection that is reset: writing to it soon fails
        ServerSocket ss = open("127.0.0.16");
        new PortScanner(fast(), settleAtOnce).scan(List.of(addr("127.0.0.16")), new int[] {ss.getLocalPort()},
                new PortScanTestSupport.Recorder(), new Cancellation());
        ss.setSoTimeout(2000);
        try (Socket accepted = ss.accept()) {
            accepted.setSoTimeout(2000);
            OutputStream out = accepted.getOutputStream();
            assertThatThrownBy(() -> {
                for (int i = 0; i < 50; i++) {
                    out.write(new byte[1024]);
                    out.flush();
                    Thread.sleep(5);
                }
            }).isInstanceOf(IOException.class);
        }
    }
}
