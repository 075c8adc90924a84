package org.watchpost.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;

class TlsCheckTest {
    static final int RSA_AES128_SHA = 0x002f, ECDHE_RSA_AES128_SHA = 0xc013, RSA_3DES = 0x000a, RSA_RC4_SHA = 0x0005;

    static ServiceInfo https(int port) {
        return new ServiceInfo("127.0.0.1", port, "https", null, null, null, true, null, null);
    }

    static CheckContext.Builder ctx() {
        return CheckContext.builder().connectTimeoutMs(2000).readTimeoutMs(2000);
    }

    static List<String> ids(List<Finding> f) {
        return f.stream().map(Finding::checkId).toList();
    }

    /** A JDK TLS server (TLS 1.2/1.3 only, modern suites) that completes handshakes with the given key. */
    static StubServer jdkServer(KeyStore ks) throws Exception {
        SSLServerSocket ss = (SSLServerSocket) TestCerts.serverContext(ks).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return new StubServer(ss, s -> {
            SSLSocket ssl = (SSLSocket) s;
            try {
                ssl.startHandshake();
                ssl.getInputStream().read();
            } catch (java.io.IOException expected) {
                // refused hand-built hellos end here, as with any TLS server
            }
        });
    }

    @Test
    void tls10OnlyServerWithLegacySuitesIsFlaggedAndCertificateReadFromTheHandshake() throws Exception {
        KeyStore expired = TestCerts.expiredOtherName();
        FakeTlsResponder tls = new FakeTlsResponder(Set.of(TlsWire.TLS10),
                List.of(ECDHE_RSA_AES128_SHA, RSA_AES128_SHA, RSA_3DES, RSA_RC4_SHA), TestCerts.chainDer(expired));
        try (StubServer srv = new StubServer(tls::handle)) {
            List<Finding> f = new TlsCheck().run(https(srv.port()), ctx().hostName("localhost").build());
            assertThat(ids(f)).contains("tls.protocol.tls10", "tls.protocol.no-modern", "tls.cipher.rc4", "tls.cipher.64bit-block",
                    "tls.cert.expired", "tls.cert.self-signed", "tls.cert.hostname-mismatch");
            assertThat(ids(f)).doesNotContain("tls.protocol.sslv3", "tls.protocol.tls11", "tls.cipher.null", "tls.cipher.export",
                    "tls.cipher.anon", "tls.cert.weak-key", "tls.cert.sha1-signature");
            Finding tls10 = f.stream().filter(x -> x.checkId().equals("tls.protocol.tls10")).findFirst().orElseThrow();
            assertThat(tls10.evidence()).contains("ServerHello version TLS 1.0 (0x0301)");
            assertThat(tls10.cvssVector()).startsWith("CVSS:3.1/");
            assertThat(tls10.cvssScore()).isEqualTo(Cvss.baseScore(tls10.cvssVector()));
            Finding rc4 = f.stream().filter(x -> x.checkId().equals("tls.cipher.rc4")).findFirst().orElseThrow();
            assertThat(rc4.evidence()).contains("TLS_RSA_WITH_RC4_128_SHA");
            assertThat(rc4.cves()).contains("CVE-2013-2566");
            Finding exp = f.stream().filter(x -> x.checkId().equals("tls.cert.expired")).findFirst().orElseThrow();
            assertThat(exp.evidence()).contains("CN=other.test").contains("Certificate message of a TLS 1.0 handshake");
        }
    }

    @Test
    void serverThatAnswersWithALowerVersionDoesNotCountAsAcceptingTheOffer() throws Exception {
        // speaks TLS 1.0 and 1.2: a TLS 1.1 offer is answered with 1.0, which is not acceptance of 1.1
        FakeTlsResponder tls = new FakeTlsResponder(Set.of(TlsWire.TLS10, TlsWire.TLS12), List.of(ECDHE_RSA_AES128_SHA), List.of());
        try (StubServer srv = new StubServer(tls::handle)) {
            List<Finding> f = new TlsCheck().run(https(srv.port()), ctx().build());
            assertThat(ids(f)).contains("tls.protocol.tls10").doesNotContain("tls.protocol.tls11", "tls.protocol.no-modern",
                    "tls.cipher.rc4", "tls.cipher.64bit-block");
        }
    }

    @Test
    void wireProbesAgainstTheJdkSeeTls12And13AcceptedAndLegacyRefused() throws Exception {
        try (StubServer srv = jdkServer(TestCerts.valid())) {
            ServiceInfo s = https(srv.port());
            CheckContext c = ctx().build();
            TlsWire.ServerReply r13 = TlsCheck.probe(StartTls.NONE, c, s, TlsWire.clientHello(TlsWire.TLS13, TlsWire.TLS13_SUITES, "localhost"), false);
            assertThat(r13.outcome).isEqualTo(TlsWire.Outcome.HELLO);
            assertThat(r13.version).isEqualTo(TlsWire.TLS13);
            TlsWire.ServerReply r12 = TlsCheck.probe(StartTls.NONE, c, s, TlsWire.clientHello(TlsWire.TLS12, TlsWire.BROAD_SUITES, "localhost"), true);
            assertThat(r12.outcome).isEqualTo(TlsWire.Outcome.HELLO);
            assertThat(r12.version).isEqualTo(TlsWire.TLS12);
            assertThat(r12.certificates).hasSize(1);
            TlsWire.ServerReply r10 = TlsCheck.probe(StartTls.NONE, c, s, TlsWire.clientHello(TlsWire.TLS10, TlsWire.BROAD_SUITES, null), false);
            assertThat(r10.outcome).isEqualTo(TlsWire.Outcome.REFUSED);
            TlsWire.ServerReply rc4 = TlsCheck.probe(StartTls.NONE, c, s, TlsWire.clientHello(TlsWire.TLS12, new int[] {0x0005, 0x0004}, null), false);
            assertThat(rc4.outcome).isEqualTo(TlsWire.Outcome.REFUSED);
        }
    }

    @Test
    void hardenedJdkServerWithTrustedMatchingCertificateHasNoFindings() throws Exception {
        KeyStore ks = TestCerts.valid();
        try (StubServer srv = jdkServer(ks)) {
            List<Finding> f = new TlsCheck().run(https(srv.port()),
                    ctx().hostName("localhost").extraTrust(TestCerts.trustOf(ks)).build());
            assertThat(f).isEmpty();
        }
    }

    @Test
    void aChainFromAnUnknownCaIsUntrustedButNotSelfSignedAndTrustingTheCaClearsIt() throws Exception {
        KeyStore[] pair = TestCerts.caSigned();
        try (StubServer srv = jdkServer(pair[0])) {
            List<Finding> unknown = new TlsCheck().run(https(srv.port()), ctx().hostName("localhost").build());
            assertThat(ids(unknown)).containsExactly("tls.cert.untrusted");
            assertThat(unknown.get(0).evidence()).contains("Watchpost Test CA");
            List<Finding> trusted = new TlsCheck().run(https(srv.port()),
                    ctx().hostName("localhost").extraTrust(TestCerts.trustCa(pair[1])).build());
            assertThat(trusted).isEmpty();
        }
    }

    @Test
    void jdkServerWithExpiredSelfSignedCertificateIsFlaggedThroughTheJdkHandshake() throws Exception {
        try (StubServer srv = jdkServer(TestCerts.expiredOtherName())) {
            List<Finding> f = new TlsCheck().run(https(srv.port()), ctx().hostName("localhost").build());
            assertThat(ids(f)).containsExactlyInAnyOrder("tls.cert.expired", "tls.cert.self-signed", "tls.cert.hostname-mismatch");
            assertThat(f.get(0).evidence()).contains("JDK handshake");
        }
    }

    @Test
    void validityIsJudgedAgainstTheContextClock() throws Exception {
        KeyStore ks = TestCerts.valid();
        var notAfter = TestCerts.cert(ks).getNotAfter().toInstant();
        var notBefore = TestCerts.cert(ks).getNotBefore().toInstant();
        try (StubServer srv = jdkServer(ks)) {
            CheckContext soon = ctx().hostName("localhost").extraTrust(TestCerts.trustOf(ks))
                    .clock(Clock.fixed(notAfter.minus(Duration.ofDays(10)), ZoneOffset.UTC)).build();
            assertThat(ids(new TlsCheck().run(https(srv.port()), soon))).containsExactly("tls.cert.expiring-soon");
            CheckContext early = ctx().hostName("localhost").extraTrust(TestCerts.trustOf(ks))
                    .clock(Clock.fixed(notBefore.minus(Duration.ofDays(2)), ZoneOffset.UTC)).build();
            assertThat(ids(new TlsCheck().run(https(srv.port()), early))).containsExactly("tls.cert.not-yet-valid");
        }
    }

    @Test
    void weakKeyAndSha1SignatureAreFlaggedAndUntrustedChainToo() throws Exception {
        KeyStore weak = TestCerts.weak();
        FakeTlsResponder tls = new FakeTlsResponder(Set.of(TlsWire.TLS12), List.of(RSA_AES128_SHA), TestCerts.chainDer(weak));
        try (StubServer srv = new StubServer(tls::handle)) {
            List<Finding> f = new TlsCheck().run(https(srv.port()), ctx().hostName("localhost").build());
            assertThat(ids(f)).contains("tls.cert.weak-key", "tls.cert.sha1-signature", "tls.cert.self-signed")
                    .doesNotContain("tls.cert.hostname-mismatch", "tls.cert.expired", "tls.protocol.tls10");
            Finding k = f.stream().filter(x -> x.checkId().equals("tls.cert.weak-key")).findFirst().orElseThrow();
            assertThat(k.title()).contains("1024 bits");
        }
    }

    @Test
    void starttlsSmtpIsProbedAfterTheUpgrade() throws Exception {
        FakeTlsResponder tls = new FakeTlsResponder(Set.of(TlsWire.TLS10, TlsWire.TLS12), List.of(ECDHE_RSA_AES128_SHA), List.of());
        try (StubServer srv = new StubServer(s -> {
            var in = s.getInputStream();
            var out = s.getOutputStream();
            Io.writeAscii(out, "220 mail.test ESMTP\r\n");
            String l = Io.readLine(in, 512);
            if (l == null || !l.startsWith("EHLO")) return;
            Io.writeAscii(out, "250-mail.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n");
            l = Io.readLine(in, 512);
            if (!"STARTTLS".equals(l)) return;
            Io.writeAscii(out, "220 2.0.0 Ready to start TLS\r\n");
            tls.handle(in, out);
        })) {
            ServiceInfo smtp = new ServiceInfo("127.0.0.1", srv.port(), "smtp", null, null, null, false, null, null);
            assertThat(new TlsCheck().appliesTo(smtp)).isTrue();
            List<Finding> f = new TlsCheck().run(smtp, ctx().build());
            assertThat(ids(f)).contains("tls.protocol.tls10");
            assertThat(f.get(0).description()).contains("STARTTLS");
        }
    }

    @Test
    void smtpWithoutStarttlsAndPlainServicesSayNothing() throws Exception {
        try (StubServer srv = new StubServer(s -> {
            Io.writeAscii(s.getOutputStream(), "220 mail.test ESMTP\r\n");
            Io.readLine(s.getInputStream(), 512);
            Io.writeAscii(s.getOutputStream(), "250-mail.test\r\n250 PIPELINING\r\n");
            Io.readLine(s.getInputStream(), 512);
        })) {
            ServiceInfo smtp = new ServiceInfo("127.0.0.1", srv.port(), "smtp", null, null, null, false, null, null);
            assertThat(new TlsCheck().run(smtp, ctx().build())).isEmpty();
        }
        try (StubServer http = new StubServer(s -> {
            Io.readLine(s.getInputStream(), 10);
            Io.writeAscii(s.getOutputStream(), "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        })) {
            assertThat(new TlsCheck().run(https(http.port()), ctx().build())).isEmpty();
        }
    }

    /** IMAP (RFC 3501), POP3 (RFC 2595) and FTP (RFC 4217) upgrade dialogues in front of the fake TLS server. */
    static StubServer starttlsStub(String proto, FakeTlsResponder tls) throws Exception {
        return new StubServer(s -> {
            var in = s.getInputStream();
            var out = s.getOutputStream();
            switch (proto) {
                case "imap" -> {
                    Io.writeAscii(out, "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n");
                    String l = Io.readLine(in, 256);
                    if (l == null || !l.endsWith("CAPABILITY")) return;
                    String tag = l.substring(0, l.indexOf(' '));
                    Io.writeAscii(out, "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n" + tag + " OK done\r\n");
                    l = Io.readLine(in, 256);
                    if (l == null || !l.endsWith("STARTTLS")) return;
                    Io.writeAscii(out, l.substring(0, l.indexOf(' ')) + " OK Begin TLS negotiation now\r\n");
                }
                case "pop3" -> {
                    Io.writeAscii(out, "+OK POP3 ready\r\n");
                    if (!"STLS".equals(Io.readLine(in, 256))) return;
                    Io.writeAscii(out, "+OK Begin TLS negotiation\r\n");
                }
                case "ftp" -> {
                    Io.writeAscii(out, "220-Welcome\r\n220 FTP ready\r\n");
                    if (!"AUTH TLS".equals(Io.readLine(in, 256))) return;
                    Io.writeAscii(out, "234 Proceed with negotiation.\r\n");
                }
                default -> throw new IllegalArgumentException(proto);
            }
            tls.handle(in, out);
        });
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"imap", "pop3", "ftp"})
    void starttlsDialectsReachTheTlsLayer(String proto) throws Exception {
        FakeTlsResponder tls = new FakeTlsResponder(Set.of(TlsWire.TLS11, TlsWire.TLS12), List.of(ECDHE_RSA_AES128_SHA, RSA_3DES), List.of());
        try (StubServer srv = starttlsStub(proto, tls)) {
            ServiceInfo s = new ServiceInfo("127.0.0.1", srv.port(), proto, null, null, null, false, null, null);
            List<Finding> f = new TlsCheck().run(s, ctx().build());
            assertThat(ids(f)).containsExactlyInAnyOrder("tls.protocol.tls11", "tls.cipher.64bit-block");
            assertThat(f.get(0).description()).contains("STARTTLS, " + proto.toUpperCase());
        }
    }

    @Test
    void nullExportAndAnonymousSuitesAreEachProbedOnTheirOwn() throws Exception {
        FakeTlsResponder tls = new FakeTlsResponder(Set.of(TlsWire.TLS12),
                List.of(0x0003 /* RSA_EXPORT_RC4_40_MD5 */, 0x0018 /* DH_anon_RC4_128_MD5 */, 0x0001 /* RSA_NULL_MD5 */, RSA_AES128_SHA), List.of());
        try (StubServer srv = new StubServer(tls::handle)) {
            List<Finding> f = new TlsCheck().run(https(srv.port()), ctx().build());
            assertThat(ids(f)).containsExactlyInAnyOrder("tls.cipher.export", "tls.cipher.anon", "tls.cipher.null", "tls.cipher.rc4");
            Finding exp = f.stream().filter(x -> x.checkId().equals("tls.cipher.export")).findFirst().orElseThrow();
            assertThat(exp.cves()).containsExactly("CVE-2015-0204");
            assertThat(exp.evidence()).contains("TLS_RSA_EXPORT_WITH_RC4_40_MD5");
        }
    }

    @Test
    void silentServiceIsGivenUpAfterOneProbe() throws Exception {
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        try (StubServer srv = new StubServer(s -> {
            connections.incrementAndGet();
            Thread.sleep(3000);
        })) {
            List<Finding> f = new TlsCheck().run(https(srv.port()), CheckContext.builder().readTimeoutMs(300).build());
            assertThat(f).isEmpty();
            assertThat(connections.get()).isEqualTo(1);
        }
    }

    @Test
    void appliesToTlsFlagTlsPortsAndStarttlsServicesOnly() {
        TlsCheck c = new TlsCheck();
        assertThat(c.appliesTo(new ServiceInfo("127.0.0.1", 9999, "http", null, null, null, true, null, null))).isTrue();
        assertThat(c.appliesTo(new ServiceInfo("127.0.0.1", 443, "unknown", null, null, null, false, null, null))).isTrue();
        assertThat(c.appliesTo(new ServiceInfo("127.0.0.1", 993, "imap", null, null, null, false, null, null))).isTrue();
        assertThat(c.appliesTo(new ServiceInfo("127.0.0.1", 22, "ssh", null, null, null, false, null, null))).isFalse();
        assertThat(c.appliesTo(new ServiceInfo("127.0.0.1", 6379, "redis", null, null, null, false, null, null))).isFalse();
    }

}
