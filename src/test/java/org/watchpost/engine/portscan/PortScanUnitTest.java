package org.watchpost.engine.portscan;

import org.junit.jupiter.api.Test;
import org.watchpost.engine.model.PortState;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchpost.engine.portscan.PortScanTestSupport.addr;

/** Pure logic of the scanner: no sockets. */
class PortScanUnitTest {

    @Test
    void connectErrorsMapToStates() {
        assertThat(PortScanner.classify(new ConnectException("Connection refused"))).isEqualTo(PortState.CLOSED);
        assertThat(PortScanner.classify(new ConnectException("Connection timed out"))).isEqualTo(PortState.FILTERED);
        assertThat(PortScanner.classify(new NoRouteToHostException("No route to host"))).isEqualTo(PortState.FILTERED);
        assertThat(PortScanner.classify(new SocketException("Network is unreachable"))).isEqualTo(PortState.FILTERED);
        assertThat(PortScanner.classify(new SocketException("Operation not permitted"))).isEqualTo(PortState.FILTERED);
        // reset after the handshake: a service accepted and dropped the connection at once
        assertThat(PortScanner.classify(new SocketException("Connection reset"))).isEqualTo(PortState.OPEN);
        // local shortages are not a port state: retried later
        assertThat(PortScanner.classify(new BindException("Cannot assign requested address"))).isNull();
        assertThat(PortScanner.classify(new SocketException("Too many open files"))).isNull();
    }

    @Test
    void adaptiveTimeoutIsClampedBetweenFloorAndInitial() {
        long ms = TimeUnit.MILLISECONDS.toNanos(1);
        assertThat(HostState.adaptiveTimeout(50_000, 10_000, 100 * ms, 1000 * ms)).isEqualTo(100 * ms);       // fast host: floor
        assertThat(HostState.adaptiveTimeout(100 * ms, 25 * ms, 100 * ms, 1000 * ms)).isEqualTo(300 * ms);    // 2·100 + 4·25
        assertThat(HostState.adaptiveTimeout(800 * ms, 100 * ms, 100 * ms, 1000 * ms)).isEqualTo(1000 * ms);  // slow: ceiling
    }

    @Test
    void hostTimeoutStartsAtInitialThenAdaptsAndBacksOffForRetries() {
        long ms = TimeUnit.MILLISECONDS.toNanos(1);
        HostState h = new HostState(addr("127.0.0.1"), 10, 100 * ms, 1000 * ms);
        assertThat(h.timeoutNs(0)).isEqualTo(1000 * ms);   // no answer yet: the initial timeout
        for (int i = 0; i < 10; i++) h.sample(2 * ms);
        assertThat(h.timeoutNs(0)).isEqualTo(100 * ms);
        assertThat(h.timeoutNs(1)).isEqualTo(150 * ms);
        assertThat(h.timeoutNs(2)).isEqualTo(225 * ms);
        assertThat(h.timeoutNs(5)).isEqualTo(759_375_000L);
        assertThat(h.timeoutNs(6)).isEqualTo(1000 * ms);   // never above the initial
    }

    @Test
    void fdBudgetLeavesAReserveAndNeverExceedsTheLimit() {
        // limit 1024, 100 open, 2 selectors: 1024 - 100 - 128 reserve - 6 = 790
        assertThat(FdBudget.window(1024, 100, 2, 1_000_000)).isEqualTo(790);
        assertThat(FdBudget.window(1024, 100, 2, 500)).isEqualTo(500);
        assertThat(FdBudget.window(65536, 200, 2, 100_000)).isEqualTo(65536 - 200 - 2048 - 6);
        // exhausted: a tiny window (errors are then retried, not turned into results)
        assertThat(FdBudget.window(256, 250, 2, 4000)).isEqualTo(FdBudget.MIN_WINDOW);
        assertThat(FdBudget.window(256, 250, 2, 2)).isEqualTo(2);   // a smaller user cap is kept
        // unknown limits: conservative
        assertThat(FdBudget.window(-1, -1, 2, 4000)).isLessThan(1024);
        for (long limit : new long[] {256, 1024, 4096, 20000, 1 << 20}) {
            assertThat(FdBudget.window(limit, 50, 4, Integer.MAX_VALUE)).isLessThan((int) Math.max(limit - 50, FdBudget.MIN_WINDOW + 1));
        }
    }

    @Test
    void fdBudgetReadsThisProcess() {
        long[] lim = FdBudget.currentLimits();
        if (lim[0] > 0) {
            assertThat(lim[1]).isBetween(0L, lim[0]);
            assertThat(FdBudget.windowForThisProcess(2, Integer.MAX_VALUE)).isLessThan((int) Math.min(Integer.MAX_VALUE, lim[0]));
        }
    }

    @Test
    void tokenBucketGrantsAtTheRateWithASmallBurst() {
        long t = 1_000_000_000L;
        TokenBucket b = new TokenBucket(1000, t);           // burst = 20 tokens
        assertThat(b.take(100, t)).isEqualTo(1);
        assertThat(b.take(100, t)).isZero();
        assertThat(b.nanosUntilNext(t)).isBetween(900_000L, 1_000_000L);
        assertThat(b.take(100, t + TimeUnit.MILLISECONDS.toNanos(10))).isEqualTo(10);
        assertThat(b.take(100, t + TimeUnit.SECONDS.toNanos(10))).isEqualTo(20);   // capped at the burst
        b.giveBack(5);
        assertThat(b.take(100, t + TimeUnit.SECONDS.toNanos(10))).isEqualTo(5);
        // over one simulated second, never more than rate + burst
        TokenBucket c = new TokenBucket(1000, 0);
        int granted = 0;
        for (long now = 0; now <= TimeUnit.SECONDS.toNanos(1); now += 100_000) granted += c.take(64, now);
        assertThat(granted).isBetween(990, 1021);
    }

    @Test
    void dispenserInterleavesHostsAndRespectsGroupAndCap() {
        List<InetAddress> hosts = List.of(addr("127.0.0.1"), addr("127.0.0.2"), addr("127.0.0.3"));
        List<HostState> seen = new ArrayList<>();
        ProbeDispenser d = new ProbeDispenser(hosts.iterator(), new int[] {10, 20}, 2, 0, 1, 2, seen::add);
        HostState[] hs = new HostState[16];
        int[] ps = new int[16];
        int n = d.take(hs, ps, 16);
        assertThat(n).isEqualTo(6);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < n; i++) order.add(hs[i].text.substring(8) + ":" + ps[i]);
        // group of 2: hosts 1 and 2 alternate; host 3 joins when host 1 is fully handed out
        assertThat(order).containsExactly("1:10", "2:10", "1:20", "2:20", "3:10", "3:20");
        assertThat(d.take(hs, ps, 16)).isZero();
        assertThat(d.drained()).isTrue();
        assertThat(seen).hasSize(3);

        ProbeDispenser capped = new ProbeDispenser(List.of(addr("127.0.0.1")).iterator(), new int[] {1, 2, 3}, 4, 2, 1, 2, h -> { });
        assertThat(capped.take(hs, ps, 16)).isEqualTo(2);
        assertThat(capped.take(hs, ps, 16)).isEqualTo(ProbeDispenser.BLOCKED);
        hs[0].inFlight.decrementAndGet();
        assertThat(capped.take(hs, ps, 16)).isEqualTo(1);
    }

    @Test
    void optionsRejectNonsenseWithTheValue() {
        assertThatThrownBy(() -> PortScanOptions.defaults().withTimeouts(100, 200)).hasMessageContaining("200");
        assertThatThrownBy(() -> PortScanOptions.defaults().withRateLimit(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> PortScanOptions.defaults().withRetries(9)).hasMessageContaining("9");
        assertThat(PortScanOptions.defaults().effectiveSelectorThreads()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void optionsFromAScanConfig() {
        var c = new org.watchpost.engine.model.ScanConfig("127.0.0.1", "", "top-1000", false, 30, 300, 1234, false, false, "custom");
        PortScanOptions o = PortScanOptions.from(c);
        assertThat(o.initialTimeoutMs()).isEqualTo(30);
        assertThat(o.minTimeoutMs()).isEqualTo(30);       // the floor never exceeds the initial timeout
        assertThat(o.rateLimit()).isEqualTo(300);
        assertThat(o.maxInFlight()).isEqualTo(1234);
        assertThat(o.retries()).isEqualTo(1);
        PortScanOptions d = PortScanOptions.from(org.watchpost.engine.model.ScanConfig.defaults("127.0.0.1"));
        assertThat(d.initialTimeoutMs()).isEqualTo(1000);
        assertThat(d.minTimeoutMs()).isEqualTo(50);
    }

    @Test
    void mainParsesPortsAndTargetsAndNamesBadInput() {
        assertThat(PortScanMain.parsePorts("22,80,1-3,80")).containsExactly(22, 80, 1, 2, 3);
        assertThat(PortScanMain.parsePorts("all")).hasSize(65535);
        assertThat(PortScanMain.parseTargets("127.0.0.1,127.0.0.5-7")).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1", "127.0.0.5", "127.0.0.6", "127.0.0.7");
        assertThatThrownBy(() -> PortScanMain.parsePorts("80,70000")).hasMessageContaining("70000");
        assertThatThrownBy(() -> PortScanMain.parsePorts("http")).hasMessageContaining("http");
        assertThatThrownBy(() -> PortScanMain.parseTargets("example.org")).hasMessageContaining("example.org");
    }
}
