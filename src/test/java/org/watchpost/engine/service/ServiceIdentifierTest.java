package org.watchpost.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.ServiceInfo;

/**
 * Identification against faithful in-suite servers. Every server is on a random ephemeral
 * port, so nothing here can lean on a port hint: each service is named from what it says.
 */
class ServiceIdentifierTest {

    private final ServiceIdentifier identifier = new ServiceIdentifier();

    private ServiceInfo identify(FakeServer server) {
        return identifier.identify(server.address(), server.port(), new Cancellation());
    }

    @Test
    void sshBannerGivesProductVersionDistributionAndCpe() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.ssh("SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5"))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("ssh");
            assertThat(info.product()).isEqualTo("OpenSSH");
            assertThat(info.version()).isEqualTo("8.2p1");
            assertThat(info.extra()).isEqualTo("Ubuntu-4ubuntu0.5");
            assertThat(info.cpe()).isEqualTo("cpe:2.3:a:openbsd:openssh:8.2:p1:*:*:*:*:*:*");
            assertThat(info.banner()).isEqualTo("SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\\r\\n");
            assertThat(info.tls()).isFalse();
            assertThat(info.port()).isEqualTo(s.port());
            assertThat(info.address()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void smtpGreetingThenEhloRecordsStarttls() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.smtp("220 mail.example.test ESMTP Postfix (Ubuntu)"))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("smtp");
            assertThat(info.product()).isEqualTo("Postfix smtpd");
            assertThat(info.cpe()).isEqualTo("cpe:2.3:a:postfix:postfix:*:*:*:*:*:*:*:*");
            assertThat(info.extra()).contains("STARTTLS");
            assertThat(info.banner()).startsWith("220 mail.example.test ESMTP Postfix").contains("250-STARTTLS");
        }
    }

    @Test
    void bareSmtpGreetingIsToldApartFromFtpByEhlo() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.smtp("220 gateway ready"))) {
            assertThat(identify(s).service()).isEqualTo("smtp");
        }
    }

    @Test
    void lateBareGreetingAfterOurHttpRequestIsStillSmtp() throws Exception {
        // greets only after the banner wait: our GET lines get 502s before EHLO gets its 250s
        FakeServer.Handler smtp = Protocols.smtp("220 gateway ready");
        try (FakeServer s = FakeServer.start(sock -> {
            Thread.sleep(700);
            smtp.handle(sock);
        })) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("smtp");
            assertThat(info.extra()).contains("STARTTLS");
        }
    }

    @Test
    void lateBareGreetingAfterOurHttpRequestIsStillFtp() throws Exception {
        FakeServer.Handler ftp = Protocols.ftp("220 Welcome");
        try (FakeServer s = FakeServer.start(sock -> {
            Thread.sleep(700);
            ftp.handle(sock);
        })) {
            assertThat(identify(s).service()).isEqualTo("ftp");
        }
    }

    @Test
    void ftpGreetingNamesVsftpd() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.ftp("220 (vsFTPd 3.0.3)"))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("ftp");
            assertThat(info.product()).isEqualTo("vsftpd");
            assertThat(info.version()).isEqualTo("3.0.3");
            assertThat(info.cpe()).isEqualTo("cpe:2.3:a:vsftpd_project:vsftpd:3.0.3:*:*:*:*:*:*:*");
        }
    }

    @Test
    void bareFtpGreetingIsToldApartFromSmtpByTheRefusal() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.ftp("220 Welcome"))) {
            assertThat(identify(s).service()).isEqualTo("ftp");
        }
    }

    @Test
    void pop3AndImapGreetings() throws Exception {
        try (FakeServer pop = FakeServer.start(Protocols.pop3()); FakeServer imap = FakeServer.start(Protocols.imap())) {
            ServiceInfo p = identify(pop);
            assertThat(p.service()).isEqualTo("pop3");
            assertThat(p.product()).isEqualTo("Dovecot pop3d");
            ServiceInfo i = identify(imap);
            assertThat(i.service()).isEqualTo("imap");
            assertThat(i.product()).isEqualTo("Dovecot imapd");
            assertThat(i.cpe()).startsWith("cpe:2.3:a:dovecot:dovecot:");
        }
    }

    @Test
    void httpServerHeaderAndPoweredBy() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.http("nginx/1.18.0 (Ubuntu)", "PHP/7.4.3"))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("http");
            assertThat(info.product()).isEqualTo("nginx");
            assertThat(info.version()).isEqualTo("1.18.0");
            assertThat(info.cpe()).isEqualTo("cpe:2.3:a:f5:nginx:1.18.0:*:*:*:*:*:*:*");
            assertThat(info.extra()).contains("Ubuntu").contains("X-Powered-By: PHP/7.4.3").contains("title: Welcome to the test");
            assertThat(info.banner()).startsWith("HTTP/1.1 200 OK\\r\\nServer: nginx/1.18.0 (Ubuntu)");
        }
    }

    @Test
    void apacheServerHeader() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.http("Apache/2.4.49 (Unix)", null))) {
            ServiceInfo info = identify(s);
            assertThat(info.product()).isEqualTo("Apache httpd");
            assertThat(info.version()).isEqualTo("2.4.49");
            assertThat(info.extra()).startsWith("Unix;").contains("title: Welcome to the test");
            assertThat(info.cpe()).isEqualTo("cpe:2.3:a:apache:http_server:2.4.49:*:*:*:*:*:*:*");
        }
    }

    @Test
    void httpsIsIdentifiedInsideTheTunnelWithCertificateSubject() throws Exception {
        try (FakeServer s = FakeServer.startTls(Protocols.http("nginx/1.22.1", null))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("https");
            assertThat(info.tls()).isTrue();
            assertThat(info.product()).isEqualTo("nginx");
            assertThat(info.version()).isEqualTo("1.22.1");
            assertThat(info.extra()).contains("subject: CN=watchpost-test.invalid,O=Watchpost Test").contains("TLSv1.");
            assertThat(info.banner()).startsWith("HTTP/1.1 200 OK");
        }
    }

    @Test
    void plainRequestToTlsPortLeadsToTlsAndHttpsInside() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.httpsWithPlainHttpRefusal("nginx/1.22.1"))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("https");
            assertThat(info.tls()).isTrue();
            assertThat(info.version()).isEqualTo("1.22.1");
            assertThat(info.banner()).startsWith("HTTP/1.1 200 OK");
        }
    }

    @Test
    void imapInsideTlsIsImaps() throws Exception {
        try (FakeServer s = FakeServer.startTls(Protocols.imap())) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("imaps");
            assertThat(info.tls()).isTrue();
            assertThat(info.product()).isEqualTo("Dovecot imapd");
        }
    }

    @Test
    void redisVersionFromInfoServer() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.redis("7.0.15", false))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("redis");
            assertThat(info.product()).isEqualTo("Redis");
            assertThat(info.version()).isEqualTo("7.0.15");
            assertThat(info.cpe()).isEqualTo("cpe:2.3:a:redis:redis:7.0.15:*:*:*:*:*:*:*");
            assertThat(info.extra()).contains("mode: standalone");
        }
    }

    @Test
    void redisWithPasswordIsStillRedis() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.redis("7.0.15", true))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("redis");
            assertThat(info.version()).isNull();
            assertThat(info.extra()).contains("authentication required");
        }
    }

    @Test
    void memcachedVersion() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.memcached("1.6.18"))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("memcached");
            assertThat(info.version()).isEqualTo("1.6.18");
            assertThat(info.cpe()).isEqualTo("cpe:2.3:a:memcached:memcached:1.6.18:*:*:*:*:*:*:*");
        }
    }

    @Test
    void mysqlHandshakeVersion() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.mysql("8.0.36-0ubuntu0.22.04.1"))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("mysql");
            assertThat(info.product()).isEqualTo("MySQL");
            assertThat(info.version()).isEqualTo("8.0.36");
            assertThat(info.extra()).isEqualTo("0ubuntu0.22.04.1");
            assertThat(info.cpe()).isEqualTo("cpe:2.3:a:oracle:mysql:8.0.36:*:*:*:*:*:*:*");
            assertThat(info.banner()).contains("8.0.36-0ubuntu0.22.04.1\\x00");
        }
    }

    @Test
    void mariadbHandshakeWithCompatibilityPrefix() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.mysql("5.5.5-10.11.6-MariaDB-0+deb12u1"))) {
            ServiceInfo info = identify(s);
            assertThat(info.product()).isEqualTo("MariaDB");
            assertThat(info.version()).isEqualTo("10.11.6");
            assertThat(info.cpe()).isEqualTo("cpe:2.3:a:mariadb:mariadb:10.11.6:*:*:*:*:*:*:*");
        }
    }

    @Test
    void postgresqlAnswersSslRequestAndStartup() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.postgres(false))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("postgresql");
            assertThat(info.product()).isEqualTo("PostgreSQL");
            assertThat(info.extra()).contains("md5 authentication");
            assertThat(info.cpe()).isEqualTo("cpe:2.3:a:postgresql:postgresql:*:*:*:*:*:*:*:*");
        }
    }

    @Test
    void postgresqlOfferingSsl() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.postgres(true))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("postgresql");
            assertThat(info.extra()).contains("SSL supported");
        }
    }

    @Test
    void mongodbIsMasterThenBuildInfoOverOpMsg() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.mongodb("7.0.5"))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("mongodb");
            assertThat(info.version()).isEqualTo("7.0.5");
            assertThat(info.cpe()).isEqualTo("cpe:2.3:a:mongodb:mongodb:7.0.5:*:*:*:*:*:*:*");
            assertThat(info.extra()).contains("maxWireVersion 21");
        }
    }

    @Test
    void rdpConnectionConfirm() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.rdp())) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("rdp");
            assertThat(info.extra()).contains("CredSSP");
            assertThat(info.banner()).startsWith("\\x03\\x00\\x00\\x13");
        }
    }

    @Test
    void vncProtocolVersion() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.vnc())) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("vnc");
            assertThat(info.extra()).isEqualTo("protocol 3.8");
        }
    }

    @Test
    void dnsOverTcpWithVersionBind() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.dns("9.18.28-1~deb12u2-Debian"))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("dns");
            assertThat(info.product()).isEqualTo("ISC BIND");
            assertThat(info.version()).isEqualTo("9.18.28");
            assertThat(info.cpe()).isEqualTo("cpe:2.3:a:isc:bind:9.18.28:*:*:*:*:*:*:*");
        }
    }

    @Test
    void dnsThatRefusesVersionBindIsStillDns() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.dns(null))) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("dns");
            assertThat(info.product()).isNull();
            assertThat(info.extra()).contains("REFUSED");
        }
    }

    @Test
    void telnetOptionNegotiation() throws Exception {
        try (FakeServer s = FakeServer.start(Protocols.telnet())) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("telnet");
            assertThat(info.banner()).startsWith("\\xff\\xfd\\x18");
        }
    }

    @Test
    void unknownGreetingIsKeptAsBanner() throws Exception {
        try (FakeServer s = FakeServer.start(sock -> {
            Protocols.write(sock, "HELLO FROM \u0001CUSTOM\u0002 DAEMON v9\r\n");
            Protocols.drain(sock);
        })) {
            ServiceInfo info = identify(s);
            assertThat(info.service()).isEqualTo("unknown");
            assertThat(info.product()).isNull();
            assertThat(info.cpe()).isNull();
            assertThat(info.banner()).isEqualTo("HELLO FROM \\x01CUSTOM\\x02 DAEMON v9\\r\\n");
        }
    }

    @Test
    void closedPortReportsConnectFailure() throws Exception {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = ss.getLocalPort();
        }
        ServiceInfo info = identifier.identify(java.net.InetAddress.getByName("127.0.0.1"), port, new Cancellation());
        assertThat(info.service()).isEqualTo("unknown");
        assertThat(info.extra()).startsWith("connect failed");
    }
}
