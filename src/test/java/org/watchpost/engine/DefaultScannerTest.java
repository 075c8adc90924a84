package org.watchpost.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.watchpost.engine.model.HostResult;
import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.PortState;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanListener;
import org.watchpost.engine.model.ScanProgress;
import org.watchpost.engine.model.ServiceInfo;

/** The whole pipeline against real loopback listeners. */
class DefaultScannerTest {
    final List<ServerSocket> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (ServerSocket s : servers) s.close();
    }

    int ssh() throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        servers.add(ss);
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try (Socket s = ss.accept()) {
                    s.getOutputStream().write("SSH-2.0-OpenSSH_9.6p1 Debian-3\r\n".getBytes());
                    Thread.sleep(50);
                } catch (IOException | InterruptedException e) {
                    if (ss.isClosed()) return; // a probe that hung up first is not the end
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return ss.getLocalPort();
    }

    static final class Collect implements ScanListener {
        final List<PortResult> ports = new CopyOnWriteArrayList<>();
        final List<HostResult> hosts = new CopyOnWriteArrayList<>();
        final List<ServiceInfo> services = new CopyOnWriteArrayList<>();
        final List<ScanProgress> progress = new CopyOnWriteArrayList<>();

        @Override
        public void onPort(PortResult p) {
            ports.add(p);
        }

        @Override
        public void onHost(HostResult h) {
            hosts.add(h);
        }

        @Override
        public void onService(ServiceInfo s) {
            services.add(s);
        }

        @Override
        public void onProgress(ScanProgress p) {
            progress.add(p);
        }
    }

    @Test
    void findsOpenAndClosedPortsIdentifiesTheServiceAndReportsTheHost() throws Exception {
        int open = ssh();
        int closed;
        try (ServerSocket tmp = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = tmp.getLocalPort();
        }
        Collect c = new Collect();
        new DefaultScanner().run(new ScanConfig("127.0.0.1", "", open + "," + closed, true, 1000, 0, 100, true, false, "t"),
                c, new Cancellation());
        assertThat(c.ports).extracting(PortResult::port, PortResult::state)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(open, PortState.OPEN),
                        org.assertj.core.groups.Tuple.tuple(closed, PortState.CLOSED));
        // reported by discovery, then again with what the port scan saw (the store merges them)
        assertThat(c.hosts).extracting(HostResult::address).containsOnly("127.0.0.1");
        assertThat(c.hosts).allMatch(HostResult::up);
        assertThat(c.services).singleElement().satisfies(s -> {
            assertThat(s.service()).isEqualTo("ssh");
            assertThat(s.product()).isEqualTo("OpenSSH");
            assertThat(s.version()).isEqualTo("9.6p1");
        });
        assertThat(c.progress).last().extracting(ScanProgress::fraction).isEqualTo(1.0);
    }

    @Test
    void badInputNamesTheTokenAndTheField() {
        DefaultScanner s = new DefaultScanner();
        assertThatThrownBy(() -> s.plan(ScanConfig.defaults("127.0.0.1, 10.0.0.999")))
                .isInstanceOf(InvalidScanConfigException.class).hasMessageContaining("'10.0.0.999'")
                .hasMessageContaining("position 12");
        assertThatThrownBy(() -> s.plan(ScanConfig.defaults("127.0.0.1").withPorts("22,99999")))
                .isInstanceOfSatisfying(InvalidScanConfigException.class, e -> assertThat(e.field()).isEqualTo("ports"))
                .hasMessageContaining("'99999'");
        assertThatThrownBy(() -> s.plan(ScanConfig.defaults("127.0.0.1").withExclusions("127.0.0.0/24")))
                .hasMessageContaining("exclusions remove every target");
        assertThatThrownBy(() -> s.plan(ScanConfig.defaults("  "))).hasMessageContaining("no targets");
    }

    @Test
    void hostileListenersCannotMakeAScanHangOrGrow() throws Exception {
        try (HostileListeners hostile = new HostileListeners()) {
            int silent = hostile.start(HostileListeners.Kind.SILENT);
            int flood = hostile.start(HostileListeners.Kind.FLOOD);
            int trickle = hostile.start(HostileListeners.Kind.TRICKLE);
            Collect c = new Collect();
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            long t0 = System.nanoTime();
            new DefaultScanner().run(new ScanConfig("127.0.0.1", "", silent + "," + flood + "," + trickle, false, 1000, 0, 100,
                    true, false, "t"), c, new Cancellation());
            double secs = (System.nanoTime() - t0) / 1e9;
            System.gc();
            long after = rt.totalMemory() - rt.freeMemory();
            assertThat(secs).as("the scan ends by itself, bounded by per-probe deadlines").isLessThan(20);
            assertThat(c.services).hasSize(3);
            assertThat(c.services).allSatisfy(s -> assertThat(s.banner() == null ? 0 : s.banner().length())
                    .isLessThanOrEqualTo(ServiceInfo.MAX_BANNER));
            assertThat(after - before).as("heap growth").isLessThan(64L * 1024 * 1024);
        }
    }

    @Test
    void cancellingStopsAScanWithinTwoSecondsAndKeepsWhatItFound() throws Exception {
        int open = ssh();
        Collect c = new Collect();
        Cancellation cancel = new Cancellation();
        Thread t = new Thread(() -> {
            try {
                // a rate limit makes the full range take minutes: only cancel ends it soon
                new DefaultScanner().run(new ScanConfig("127.0.0.1", "", open + "-65535", false, 1000, 500, 100, true,
                        false, "t"), c, cancel);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        t.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (c.ports.stream().noneMatch(p -> p.state() == PortState.OPEN) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        long t0 = System.nanoTime();
        cancel.cancel();
        t.join(5000);
        double secs = (System.nanoTime() - t0) / 1e9;
        assertThat(t.isAlive()).isFalse();
        assertThat(secs).isLessThan(2.0);
        assertThat(c.ports).anyMatch(p -> p.port() == open && p.state() == PortState.OPEN);
        assertThat(c.ports.size()).isLessThan(65535);
    }
}
