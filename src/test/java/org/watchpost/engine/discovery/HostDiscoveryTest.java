package org.watchpost.engine.discovery;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.HostResult;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostDiscoveryTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) c.close();
    }

    private static InetAddress addr(String s) throws IOException {
        return InetAddress.getByName(s);
    }

    private ServerSocket listen(String address, int backlog) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.bind(new InetSocketAddress(addr(address), 0), backlog);
        toClose.add(ss);
        return ss;
    }

    private int closedPort(String address) throws IOException {
        try (ServerSocket ss = new ServerSocket()) {
            ss.bind(new InetSocketAddress(addr(address), 0));
            return ss.getLocalPort();
        }
    }

    /** A listener that drops SYNs (full accept queue, never accepts): a port that never answers. */
    private int blackholePort(String address) throws IOException {
        ServerSocket ss = listen(address, 1);
        for (int i = 0; i < 8; i++) {
            Socket s = new Socket();
            toClose.add(s);
            try {
                s.connect(new InetSocketAddress(ss.getInetAddress(), ss.getLocalPort()), 300);
            } catch (SocketTimeoutException e) {
                return ss.getLocalPort();
            }
        }
        assumeTrue(false, "this kernel does not drop SYNs to a listener with a full accept queue");
        return -1;
    }

    private static DiscoveryOptions tcpOnly(int... ports) {
        return DiscoveryOptions.defaults().withIcmp(false).withPorts(ports).withTimeoutMs(1000);
    }

    @Test
    void aServiceThatAcceptsAndResetsAtOnceProvesTheHostUp() throws Exception {
        ServerSocket ss = listen("127.0.0.21", 50);
        Thread acceptor = new Thread(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket c = ss.accept();
                    c.setSoLinger(true, 0);
                    c.close();
                } catch (IOException e) {
                    return;
                }
            }
        }, "reset-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        for (int round = 0; round < 20; round++) {   // the reset may beat the check or not: up either way
            HostResult r = new HostDiscovery(tcpOnly(ss.getLocalPort())).discover(addr("127.0.0.21"), new Cancellation());
            assertThat(r.up()).as("round " + round).isTrue();
            assertThat(r.reason()).isEqualTo("tcp " + ss.getLocalPort() + " open");
        }
    }

    @Test
    void anOpenPortProvesTheHostUp() throws Exception {
        ServerSocket ss = listen("127.0.0.20", 50);
        HostResult r = new HostDiscovery(tcpOnly(ss.getLocalPort())).discover(addr("127.0.0.20"), new Cancellation());
        assertThat(r.up()).isTrue();
        assertThat(r.reason()).isEqualTo("tcp " + ss.getLocalPort() + " open");
        assertThat(r.address()).isEqualTo("127.0.0.20");
        assertThat(r.rttMicros()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aRefusedConnectionProvesTheHostUpToo() throws Exception {
        int port = closedPort("127.0.0.21");
        HostResult r = new HostDiscovery(tcpOnly(port)).discover(addr("127.0.0.21"), new Cancellation());
        assertThat(r.up()).isTrue();
        assertThat(r.reason()).isEqualTo("tcp " + port + " refused");
    }

    @Test
    void noAnswerWithinTheTimeoutMeansDown() throws Exception {
        int port = blackholePort("127.0.0.22");
        long t0 = System.nanoTime();
        HostResult r = new HostDiscovery(tcpOnly(port).withTimeoutMs(300)).discover(addr("127.0.0.22"), new Cancellation());
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(r.up()).isFalse();
        assertThat(r.reason()).isEqualTo("no response");
        assertThat(r.rttMicros()).isEqualTo(-1);
        assertThat(ms).isGreaterThanOrEqualTo(250).isLessThan(3000);
    }

    @Test
    void firstAnswerWinsOverASilentPort() throws Exception {
        int silent = blackholePort("127.0.0.23");
        ServerSocket ss = listen("127.0.0.23", 50);
        HostResult r = new HostDiscovery(tcpOnly(silent, ss.getLocalPort()).withTimeoutMs(5000))
                .discover(addr("127.0.0.23"), new Cancellation());
        assertThat(r.up()).isTrue();
        assertThat(r.reason()).isEqualTo("tcp " + ss.getLocalPort() + " open");
    }

    @Test
    void assumeUpSendsNothingAndSaysSo() throws Exception {
        List<HostResult> rs = new HostDiscovery(DiscoveryOptions.assumeAllUp())
                .discoverAll(List.of(addr("127.0.0.24"), addr("127.0.0.25")), new Cancellation());
        assertThat(rs).extracting(HostResult::reason).containsExactly("assumed up", "assumed up");
        assertThat(rs).allMatch(HostResult::up);
    }

    @Test
    void echoRequestFindsLoopbackUp() throws Exception {
        // root: a real ICMP echo; otherwise the JDK's TCP-echo fallback (a refusal counts)
        HostResult r = new HostDiscovery(DiscoveryOptions.defaults().withPorts().withTimeoutMs(1000))
                .discover(addr("127.0.0.26"), new Cancellation());
        assertThat(r.up()).isTrue();
        assertThat(r.reason()).isIn("icmp echo", "echo (tcp 7)");
        if (HostDiscovery.runningAsRoot()) assertThat(r.reason()).isEqualTo("icmp echo");
    }

    @Test
    void nothingToSendMeansDownAtOnce() throws Exception {
        HostResult r = new HostDiscovery(tcpOnly()).discover(addr("127.0.0.27"), new Cancellation());
        assertThat(r.up()).isFalse();
    }

    @Test
    void manyHostsInParallelEachReportedOnce() throws Exception {
        int port = closedPort("127.0.0.1");
        List<InetAddress> hosts = new ArrayList<>();
        for (int i = 1; i <= 60; i++) hosts.add(addr("127.0.2." + i));
        List<HostResult> rs = new HostDiscovery(tcpOnly(port, port == 65535 ? 1 : port + 1).withMaxParallelHosts(8))
                .discoverAll(hosts, new Cancellation());
        assertThat(rs).hasSize(60);
        assertThat(rs).allMatch(HostResult::up);
        assertThat(rs.stream().map(HostResult::address).distinct().count()).isEqualTo(60);
    }

    @Test
    void cancelStopsABatchQuickly() throws Exception {
        int silent = blackholePort("127.0.0.28");
        List<InetAddress> hosts = Collections.nCopies(40, addr("127.0.0.28"));
        Cancellation cancel = new Cancellation();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            cancel.cancel();
        });
        t.start();
        long t0 = System.nanoTime();
        // 40 silent hosts, 4 at a time, 5 s each: 50 s unless the cancel works
        List<HostResult> rs = new HostDiscovery(tcpOnly(silent).withTimeoutMs(5000).withMaxParallelHosts(4))
                .discoverAll(hosts, cancel);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        t.join();
        assertThat(ms).isLessThan(2000);
        assertThat(rs).isEmpty();
    }

    @Test
    void badOptionsNameTheValue() {
        assertThatThrownBy(() -> DiscoveryOptions.defaults().withPorts(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> DiscoveryOptions.defaults().withTimeoutMs(-5)).hasMessageContaining("-5");
    }
}
