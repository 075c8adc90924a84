package org.watchpost.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.ServiceInfo;

class IdentifyAllTest {

    @Test
    void batchIdentifiesEveryPortOnceWithFewerThreadsThanPorts() throws Exception {
        List<FakeServer> servers = new ArrayList<>();
        Map<Integer, String> expected = new ConcurrentHashMap<>();
        try {
            add(servers, expected, FakeServer.start(Protocols.ssh("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3")), "ssh");
            add(servers, expected, FakeServer.start(Protocols.http("nginx/1.22.1", null)), "http");
            add(servers, expected, FakeServer.start(Protocols.redis("7.0.15", false)), "redis");
            add(servers, expected, FakeServer.start(Protocols.memcached("1.6.18")), "memcached");
            add(servers, expected, FakeServer.start(Protocols.postgres(false)), "postgresql");
            add(servers, expected, FakeServer.start(Protocols.mysql("8.0.36")), "mysql");
            add(servers, expected, FakeServer.start(Protocols.vnc()), "vnc");
            add(servers, expected, FakeServer.start(Protocols.smtp("220 mx ESMTP Postfix")), "smtp");
            Map<Integer, String> got = new ConcurrentHashMap<>();
            AtomicInteger calls = new AtomicInteger();
            new ServiceIdentifier(IdentifyOptions.defaults().withThreads(3)).identifyAll(
                    servers.stream().map(FakeServer::hostPort).toList(),
                    info -> {
                        calls.incrementAndGet();
                        got.put(info.port(), info.service());
                    },
                    new Cancellation());
            assertThat(calls.get()).isEqualTo(servers.size());
            assertThat(got).isEqualTo(expected);
        } finally {
            servers.forEach(FakeServer::close);
        }
    }

    private static void add(List<FakeServer> servers, Map<Integer, String> expected, FakeServer s, String service) {
        servers.add(s);
        expected.put(s.port(), service);
    }

    @Test
    void sinkFailureIsRethrownAfterTheBatch() throws Exception {
        try (FakeServer a = FakeServer.start(Protocols.ssh("SSH-2.0-OpenSSH_9.2p1"));
             FakeServer b = FakeServer.start(Protocols.ssh("SSH-2.0-OpenSSH_9.2p1"))) {
            AtomicInteger delivered = new AtomicInteger();
            assertThatThrownBy(() -> new ServiceIdentifier().identifyAll(List.of(a.hostPort(), b.hostPort()), info -> {
                delivered.incrementAndGet();
                throw new IllegalStateException("sink broke");
            }, new Cancellation())).hasMessage("sink broke");
            assertThat(delivered.get()).isEqualTo(2);
        }
    }

    @Test
    void emptyBatchAndAlreadyCancelledDoNothing() {
        List<ServiceInfo> out = new ArrayList<>();
        new ServiceIdentifier().identifyAll(List.of(), out::add, new Cancellation());
        Cancellation c = new Cancellation();
        c.cancel();
        new ServiceIdentifier().identifyAll(List.of(HostPort.parse("127.0.0.1:1")), out::add, c);
        assertThat(out).isEmpty();
    }

    @Test
    void commandLinePrintsOneLinePerPortAndRejectsBadTargets() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.redis("7.0.15", false))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = IdentifyMain.run(new String[] {"127.0.0.1:" + s.port()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(rc).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("127.0.0.1:" + s.port() + "\tredis\tRedis\t7.0.15\t-\tcpe:2.3:a:redis:redis:7.0.15:");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("identified 1 port(s)");
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = IdentifyMain.run(new String[] {"127.0.0.1:notaport"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: bad port 'notaport' in target '127.0.0.1:notaport'" + System.lineSeparator());
    }
}
