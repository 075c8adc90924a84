package org.watchpost.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;

/** Unauthenticated-service checks against protocol-faithful stubs, weak and hardened. */
class ServiceChecksTest {
    static CheckContext ctx() {
        return CheckContext.builder().connectTimeoutMs(2000).readTimeoutMs(2000).build();
    }

    static ServiceInfo svc(String name, int port) {
        return new ServiceInfo("127.0.0.1", port, name, null, null, null, false, null, null);
    }

    /** Redis speaking RESP: PING and INFO; with a password it answers -NOAUTH like Redis 6+. */
    static StubServer redis(boolean requirePass) throws Exception {
        return new StubServer(s -> {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 5; i++) {
                String head = Io.readLine(in, 64);
                if (head == null || !head.startsWith("*")) return;
                int n = Integer.parseInt(head.substring(1));
                StringBuilder cmd = new StringBuilder();
                for (int k = 0; k < n; k++) {
                    Io.readLine(in, 64);
                    cmd.append(Io.readLine(in, 512)).append(' ');
                }
                String c = cmd.toString().trim().toUpperCase();
                if (requirePass) {
                    Io.writeAscii(out, "-NOAUTH Authentication required.\r\n");
                } else if (c.equals("PING")) {
                    Io.writeAscii(out, "+PONG\r\n");
                } else if (c.startsWith("INFO")) {
                    String info = "# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\nos:Linux 6.1.0 x86_64\r\ntcp_port:6379\r\n";
                    Io.writeAscii(out, "$" + info.length() + "\r\n" + info + "\r\n");
                } else {
                    Io.writeAscii(out, "-ERR unknown command\r\n");
                }
            }
        });
    }

    @Test
    void redisWithoutPasswordIsCriticalAndWithPasswordIsSilent() throws Exception {
        try (StubServer open = redis(false); StubServer locked = redis(true)) {
            List<Finding> f = new RedisCheck().run(svc("redis", open.port()), ctx());
            assertThat(f).extracting(Finding::checkId).containsExactly("redis.noauth");
            assertThat(f.get(0).severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.get(0).evidence()).contains("+PONG", "redis_version:7.0.15");
            assertThat(new RedisCheck().run(svc("redis", locked.port()), ctx())).isEmpty();
        }
    }

    @Test
    void memcachedStatsWithoutSaslIsFlaggedAndErrorIsNot() throws Exception {
        try (StubServer open = new StubServer(s -> {
            if ("stats".equals(Io.readLine(s.getInputStream(), 64))) {
                Io.writeAscii(s.getOutputStream(), "STAT pid 4242\r\nSTAT uptime 77\r\nSTAT version 1.6.18\r\nSTAT curr_items 3\r\nEND\r\n");
            }
        }); StubServer sasl = new StubServer(s -> {
            Io.readLine(s.getInputStream(), 64);
            Io.writeAscii(s.getOutputStream(), "CLIENT_ERROR unauthenticated\r\n");
        })) {
            List<Finding> f = new MemcachedCheck().run(svc("memcached", open.port()), ctx());
            assertThat(f).extracting(Finding::checkId).containsExactly("memcached.noauth");
            assertThat(f.get(0).evidence()).contains("STAT version 1.6.18");
            assertThat(new MemcachedCheck().run(svc("memcached", sasl.port()), ctx())).isEmpty();
        }
    }

    static StubServer ftp(boolean anonymous) throws Exception {
        return new StubServer(s -> {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            Io.writeAscii(out, "220-Welcome\r\n220 (vsFTPd 3.0.3)\r\n");
            for (int i = 0; i < 5; i++) {
                String l = Io.readLine(in, 256);
                if (l == null) return;
                if (l.startsWith("USER")) Io.writeAscii(out, "331 Please specify the password.\r\n");
                else if (l.startsWith("PASS")) Io.writeAscii(out, anonymous ? "230 Login successful.\r\n" : "530 Login incorrect.\r\n");
                else if (l.startsWith("QUIT")) {
                    Io.writeAscii(out, "221 Goodbye.\r\n");
                    return;
                }
            }
        });
    }

    @Test
    void ftpAnonymousLoginIsFlaggedOnlyWhenAccepted() throws Exception {
        try (StubServer open = ftp(true); StubServer closed = ftp(false)) {
            List<Finding> f = new FtpAnonymousCheck().run(svc("ftp", open.port()), ctx());
            assertThat(f).extracting(Finding::checkId).containsExactly("ftp.anonymous");
            assertThat(f.get(0).cves()).containsExactly("CVE-1999-0497");
            assertThat(f.get(0).evidence()).contains("230 Login successful");
            assertThat(new FtpAnonymousCheck().run(svc("ftp", closed.port()), ctx())).isEmpty();
        }
    }

    /** SMTP stub recording the commands; relays or answers 554 Relay access denied. Fails the test if DATA ever arrives. */
    static StubServer smtp(boolean relay, List<String> seen) throws Exception {
        return new StubServer(s -> {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            Io.writeAscii(out, "220 mx.test ESMTP Postfix\r\n");
            for (int i = 0; i < 10; i++) {
                String l = Io.readLine(in, 512);
                if (l == null) return;
                seen.add(l);
                String u = l.toUpperCase();
                if (u.startsWith("EHLO")) Io.writeAscii(out, "250-mx.test\r\n250-SIZE 10240000\r\n250 8BITMIME\r\n");
                else if (u.startsWith("MAIL FROM")) Io.writeAscii(out, "250 2.1.0 Ok\r\n");
                else if (u.startsWith("RCPT TO")) Io.writeAscii(out, relay ? "250 2.1.5 Ok\r\n" : "554 5.7.1 <x@example.net>: Relay access denied\r\n");
                else if (u.startsWith("RSET")) Io.writeAscii(out, "250 2.0.0 Ok\r\n");
                else if (u.startsWith("QUIT")) {
                    Io.writeAscii(out, "221 2.0.0 Bye\r\n");
                    return;
                } else Io.writeAscii(out, "502 5.5.2 Error: command not recognized\r\n");
            }
        });
    }

    @Test
    void smtpOpenRelayUsesReservedDomainsNeverSendsDataAndHardenedIsSilent() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> seen2 = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (StubServer open = smtp(true, seen); StubServer closed = smtp(false, seen2)) {
            List<Finding> f = new SmtpRelayCheck().run(svc("smtp", open.port()), ctx());
            assertThat(f).extracting(Finding::checkId).containsExactly("smtp.open-relay");
            assertThat(f.get(0).confidence()).isEqualTo("firm");
            assertThat(new SmtpRelayCheck().run(svc("smtp", closed.port()), ctx())).isEmpty();
            Thread.sleep(100);
            assertThat(seen).anyMatch(l -> l.contains("@example.com")).anyMatch(l -> l.contains("@example.net"))
                    .noneMatch(l -> l.toUpperCase().startsWith("DATA")).anyMatch(l -> l.equals("RSET"));
        }
    }

    @Test
    void exposureFindingsFollowTheServiceName() {
        ExposureCheck c = new ExposureCheck();
        assertThat(c.run(svc("telnet", 2323), ctx())).extracting(Finding::checkId, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("exposure.telnet", Severity.MEDIUM));
        assertThat(c.run(svc("microsoft-ds", 445), ctx())).extracting(Finding::checkId).containsExactly("exposure.smb");
        assertThat(c.run(svc("ms-wbt-server", 3389), ctx())).extracting(Finding::checkId).containsExactly("exposure.rdp");
        assertThat(c.run(svc("mysql", 3306), ctx())).extracting(Finding::checkId).containsExactly("exposure.database");
        assertThat(c.run(svc("unknown", 5900), ctx())).extracting(Finding::checkId).containsExactly("exposure.vnc");
        assertThat(c.appliesTo(svc("ssh", 22))).isFalse();
        assertThat(c.appliesTo(svc("http", 3306))).isFalse(); // identified as something else: the port alone proves nothing
        assertThat(c.appliesTo(new ServiceInfo("127.0.0.1", 990, "ftp", null, null, null, true, null, null))).isFalse();
    }
}
