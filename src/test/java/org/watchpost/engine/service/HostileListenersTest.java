package org.watchpost.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.ServiceInfo;

/**
 * Listeners that never answer, answer without end, or answer one byte a second. The bounds
 * checked here are correctness, not performance: the per-port deadline must hold (with a wide
 * margin for a loaded machine), the banner must stay capped, and a stop must stop.
 */
class HostileListenersTest {

    private static final int DEADLINE_MS = 1500;
    /** Slack for a loaded 2-core CI box; the point is "seconds, not minutes". */
    private static final long SLACK_MS = 2500;

    private final IdentifyOptions opts = IdentifyOptions.defaults().withDeadlineMs(DEADLINE_MS).withReadTimeoutMs(400);
    private final ServiceIdentifier identifier = new ServiceIdentifier(opts);

    private ServiceInfo timed(FakeServer s, long[] elapsedMs) {
        long t0 = System.nanoTime();
        ServiceInfo info = identifier.identify(s.address(), s.port(), new Cancellation());
        elapsedMs[0] = (System.nanoTime() - t0) / 1_000_000L;
        return info;
    }

    @Test
    void silentListenerEndsWithinDeadlineAsUnknown() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.silent())) {
            long[] ms = new long[1];
            ServiceInfo info = timed(s, ms);
            assertThat(info.service()).isEqualTo("unknown");
            assertThat(info.banner()).isEmpty();
            assertThat(info.extra()).startsWith("no answer to:").contains("http");
            assertThat(ms[0]).isLessThan(DEADLINE_MS + SLACK_MS);
        }
    }

    @Test
    void floodingListenerIsCutAtTheByteCapAndBannerIsBounded() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.flood())) {
            long[] ms = new long[1];
            ServiceInfo info = timed(s, ms);
            assertThat(info.service()).isEqualTo("unknown");
            assertThat(info.banner()).isNotEmpty();
            assertThat(info.banner().length()).isLessThanOrEqualTo(ServiceInfo.MAX_BANNER);
            assertThat(ms[0]).isLessThan(DEADLINE_MS + SLACK_MS);
        }
    }

    @Test
    void drippingListenerEndsWithinDeadline() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.drip())) {
            long[] ms = new long[1];
            ServiceInfo info = timed(s, ms);
            assertThat(info.service()).isEqualTo("unknown");
            assertThat(info.banner()).startsWith("A");
            assertThat(ms[0]).isLessThan(DEADLINE_MS + SLACK_MS);
        }
    }

    @Test
    void drippingTlsLookalikeCannotStretchTheHandshakePastTheDeadline() throws Exception {
        // answers a TLS ClientHello with a valid-looking record header, then one byte a second
        try (FakeServer s = FakeServer.start(sock -> {
            var in = sock.getInputStream();
            byte[] buf = new byte[1024];
            if (in.read(buf) <= 0) return;
            var out = sock.getOutputStream();
            byte[] hello = {0x16, 0x03, 0x03, 0x10, 0x00, 0x02, 0x00, 0x0f, (byte) 0xfc};
            for (byte b : hello) {
                out.write(b);
                out.flush();
                Thread.sleep(300);
            }
            for (int i = 0; i < 30; i++) {
                out.write(0);
                out.flush();
                Thread.sleep(300);
            }
        })) {
            long t0 = System.nanoTime();
            ServiceInfo info = identifier.identify(s.address(), s.port(), IdentifyOptions.defaults().withDeadlineMs(DEADLINE_MS), new Cancellation());
            long ms = (System.nanoTime() - t0) / 1_000_000L;
            assertThat(info).isNotNull();
            assertThat(ms).isLessThan(DEADLINE_MS + SLACK_MS);
        }
    }

    @Test
    void batchOfHostilePortsEndsPromptlyAndStillIdentifiesTheHonestOne() throws Exception {
        List<FakeServer> servers = new ArrayList<>();
        try {
            servers.add(FakeServer.start(Protocols.silent()));
            servers.add(FakeServer.start(Protocols.flood()));
            servers.add(FakeServer.start(Protocols.drip()));
            servers.add(FakeServer.start(Protocols.silent()));
            servers.add(FakeServer.start(Protocols.drip()));
            servers.add(FakeServer.start(Protocols.ssh("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3")));
            List<HostPort> targets = servers.stream().map(FakeServer::hostPort).toList();
            List<ServiceInfo> results = Collections.synchronizedList(new ArrayList<>());
            long t0 = System.nanoTime();
            identifier.identifyAll(targets, results::add, new Cancellation());
            long ms = (System.nanoTime() - t0) / 1_000_000L;
            assertThat(results).hasSize(targets.size());
            assertThat(results).filteredOn(r -> r.service().equals("ssh")).singleElement()
                    .satisfies(r -> assertThat(r.version()).isEqualTo("9.2p1"));
            assertThat(results).filteredOn(r -> r.service().equals("unknown")).hasSize(5);
            assertThat(ms).isLessThan(DEADLINE_MS + SLACK_MS);
        } finally {
            servers.forEach(FakeServer::close);
        }
    }

    @Test
    void cancelDuringBatchReturnsPromptlyAndDeliversNothingMore() throws Exception {
        // generous deadline so that only the cancel can end this early
        ServiceIdentifier slow = new ServiceIdentifier(IdentifyOptions.defaults().withDeadlineMs(20_000).withReadTimeoutMs(10_000).withThreads(2));
        List<FakeServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) servers.add(FakeServer.start(Protocols.silent()));
            List<HostPort> targets = servers.stream().map(FakeServer::hostPort).toList();
            List<ServiceInfo> results = Collections.synchronizedList(new ArrayList<>());
            Cancellation cancel = new Cancellation();
            CompletableFuture<Long> run = CompletableFuture.supplyAsync(() -> {
                long t0 = System.nanoTime();
                slow.identifyAll(targets, results::add, cancel);
                return (System.nanoTime() - t0) / 1_000_000L;
            });
            // wait until both worker threads are connected and blocked in a read
            long until = System.nanoTime() + 5_000_000_000L;
            while (servers.stream().mapToInt(FakeServer::connections).sum() < 2 && System.nanoTime() < until) Thread.sleep(10);
            Thread.sleep(200);
            cancel.cancel();
            long ms = run.get(5, TimeUnit.SECONDS);
            assertThat(ms).isLessThan(5_000);
            assertThat(results).isEmpty();
        } finally {
            servers.forEach(FakeServer::close);
        }
    }

    @Test
    void cancelledSingleIdentificationReturnsPromptly() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.silent())) {
            Cancellation cancel = new Cancellation();
            IdentifyOptions patient = IdentifyOptions.defaults().withDeadlineMs(20_000).withReadTimeoutMs(10_000).withBannerWaitMs(10_000);
            CompletableFuture<ServiceInfo> run = CompletableFuture.supplyAsync(
                    () -> identifier.identify(s.address(), s.port(), patient, cancel));
            long until = System.nanoTime() + 5_000_000_000L;
            while (s.connections() < 1 && System.nanoTime() < until) Thread.sleep(10);
            Thread.sleep(100);
            cancel.cancel();
            ServiceInfo info = run.get(3, TimeUnit.SECONDS);
            assertThat(info.service()).isEqualTo("unknown");
            assertThat(s.connections()).isEqualTo(1); // no new connection after the stop
        }
    }
}
