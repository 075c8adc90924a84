package org.watchpost.engine.check;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.watchpost.engine.check.TlsWire.Outcome;
import org.watchpost.engine.check.TlsWire.ServerReply;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.tls.AcceptAnyCertificate;

/**
 * TLS family: protocol versions accepted (hand-built ClientHellos, SSLv3 … TLS 1.3), weak
 * cipher-suite classes (offering only that class and seeing whether the server picks one)
 * and certificate problems (chain fetched through a trust-all JDK socket, or from the
 * clear-text Certificate message when the JDK cannot speak the server's protocol).
 * Works directly on TLS ports and through STARTTLS for SMTP, IMAP, POP3 and FTP.
 */
public final class TlsCheck implements Check {
    static final Set<Integer> TLS_PORTS = Set.of(443, 465, 563, 636, 853, 989, 990, 992, 993, 994, 995, 2376,
            3269, 4443, 5061, 5986, 6697, 8443, 9443, 10443);
    private static final Set<String> TLS_NAMES = Set.of("https", "ssl", "tls", "smtps", "imaps", "pop3s", "ldaps",
            "ftps", "ircs", "nntps", "https-alt", "docker-tls");

    /** A weak cipher-suite class probed on its own. */
    record CipherClass(String id, String label, int[] suites, String vector, String cwe, String why, String fix) {
    }

    static final List<CipherClass> WEAK_CLASSES = List.of(
            new CipherClass("tls.cipher.null", "NULL (no encryption)",
                    new int[] {0x0001, 0x0002, 0x003b, 0xc001, 0xc006, 0xc00b, 0xc010, 0xc015},
                    "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", "CWE-319",
                    "The server agrees to cipher suites that authenticate but do not encrypt: everything on the connection travels in clear text.",
                    "Remove NULL suites from the server's cipher list (OpenSSL: add !eNULL; nginx: ssl_ciphers HIGH:!aNULL:!eNULL)."),
            new CipherClass("tls.cipher.export", "EXPORT (40/56-bit)",
                    new int[] {0x0003, 0x0006, 0x0008, 0x000b, 0x000e, 0x0011, 0x0014, 0x0017, 0x0019, 0x0062, 0x0063, 0x0064, 0x0065},
                    "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", "CWE-327",
                    "The server agrees to 1990s export-grade suites (40/56-bit keys, 512-bit key exchange). A man in the middle can force and break them (FREAK, Logjam).",
                    "Remove EXPORT suites (OpenSSL: !EXP) and upgrade the TLS library; modern libraries no longer implement them."),
            new CipherClass("tls.cipher.anon", "anonymous (no authentication)",
                    new int[] {0x0018, 0x001a, 0x001b, 0x0034, 0x003a, 0x006c, 0x006d, 0x00a6, 0x00a7, 0x0046, 0x0089,
                        0xc015, 0xc016, 0xc017, 0xc018, 0xc019},
                    "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", "CWE-306",
                    "The server agrees to anonymous Diffie-Hellman suites that send no certificate: any man in the middle can impersonate it.",
                    "Remove anonymous suites (OpenSSL: !aNULL; nginx: ssl_ciphers HIGH:!aNULL:!MD5)."),
            new CipherClass("tls.cipher.rc4", "RC4",
                    new int[] {0x0004, 0x0005, 0x0018, 0x0066, 0xc002, 0xc007, 0xc00c, 0xc011, 0xc016},
                    "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", "CWE-327",
                    "The server agrees to RC4, whose keystream biases let an attacker recover repeated plaintext such as cookies (RFC 7465 forbids RC4 in TLS).",
                    "Remove RC4 suites (OpenSSL: !RC4) and prefer AEAD suites (AES-GCM, ChaCha20-Poly1305)."),
            new CipherClass("tls.cipher.64bit-block", "64-bit block ciphers (3DES, DES, IDEA)",
                    new int[] {0x000a, 0x000d, 0x0010, 0x0013, 0x0016, 0x001b, 0xc003, 0xc008, 0xc00d, 0xc012, 0xc017,
                        0x0009, 0x000c, 0x000f, 0x0012, 0x0015, 0x0007, 0x008b},
                    "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", "CWE-327",
                    "The server agrees to a cipher with a 64-bit block (3DES, DES or IDEA). On long-lived connections birthday collisions leak plaintext (SWEET32); single DES is brute-forceable outright.",
                    "Remove 3DES, DES and IDEA suites (OpenSSL: !3DES:!DES:!IDEA) and prefer AEAD suites."));

    @Override
    public String family() {
        return "tls";
    }

    @Override
    public boolean appliesTo(ServiceInfo s) {
        if (s.tls()) return true;
        String n = s.service() == null ? "" : s.service().toLowerCase(Locale.ROOT);
        if (TLS_NAMES.contains(n) || n.startsWith("ssl/")) return true;
        if (StartTls.forService(s) != StartTls.NONE) return true;
        return TLS_PORTS.contains(s.port()) && (n.isEmpty() || n.equals("unknown") || n.equals("http") || n.startsWith("http"));
    }

    @Override
    public List<Finding> run(ServiceInfo s, CheckContext ctx) throws IOException {
        StartTls st = StartTls.forService(s);
        String sni = ctx.hostNameFor(s.address());
        List<Finding> out = new ArrayList<>();
        Map<Integer, ServerReply> byVersion = new LinkedHashMap<>();
        // TLS 1.2 first: any TLS server answers it with a ServerHello or an alert, so a silent or
        // non-TLS service is recognised after one probe instead of five timeouts.
        int[] versions = {TlsWire.TLS12, TlsWire.TLS13, TlsWire.TLS11, TlsWire.TLS10, TlsWire.SSL3};
        try {
            for (int v : versions) {
                ctx.ensureActive();
                int[] suites = v == TlsWire.TLS13 ? TlsWire.TLS13_SUITES : TlsWire.BROAD_SUITES;
                ServerReply r = probe(st, ctx, s, TlsWire.clientHello(v, suites, sni), v != TlsWire.TLS13 && v != TlsWire.SSL3);
                byVersion.put(v, r);
                if (v == TlsWire.TLS12 && (r == null || r.outcome == Outcome.NOT_TLS || r.outcome == Outcome.NO_ANSWER)) {
                    return List.of();
                }
            }
        } catch (StartTls.NotOffered e) {
            return List.of();
        }
        boolean anyHello = byVersion.values().stream().anyMatch(r -> r != null && r.outcome == Outcome.HELLO);
        if (!anyHello) return List.of(); // not TLS, or nothing we can decide on
        String via = st == StartTls.NONE ? "" : " (via STARTTLS, " + st.name() + ")";

        addProtocol(out, s, byVersion.get(TlsWire.SSL3), TlsWire.SSL3, "tls.protocol.sslv3",
                "AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:N/A:N", new String[] {"CVE-2014-3566"},
                "The server accepts SSL 3.0" + via + ". SSL 3.0 has unfixable CBC padding weaknesses (POODLE) and was prohibited by RFC 7568.",
                "Disable SSLv3 (nginx: ssl_protocols TLSv1.2 TLSv1.3; Apache: SSLProtocol -all +TLSv1.2 +TLSv1.3).");
        addProtocol(out, s, byVersion.get(TlsWire.TLS10), TlsWire.TLS10, "tls.protocol.tls10",
                "AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N", new String[0],
                "The server accepts TLS 1.0" + via + ", deprecated by RFC 8996: it relies on SHA-1/MD5 in the handshake and CBC constructions open to BEAST-style attacks, and fails PCI DSS.",
                "Disable TLS 1.0 and offer TLS 1.2 and 1.3 only (nginx: ssl_protocols TLSv1.2 TLSv1.3; Apache: SSLProtocol -all +TLSv1.2 +TLSv1.3).");
        addProtocol(out, s, byVersion.get(TlsWire.TLS11), TlsWire.TLS11, "tls.protocol.tls11",
                "AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", new String[0],
                "The server accepts TLS 1.1" + via + ", deprecated by RFC 8996 (no AEAD suites, SHA-1/MD5 in the handshake).",
                "Disable TLS 1.1 and offer TLS 1.2 and 1.3 only.");
        ServerReply r12 = byVersion.get(TlsWire.TLS12);
        ServerReply r13 = byVersion.get(TlsWire.TLS13);
        if (!accepted(r12, TlsWire.TLS12) && !accepted(r13, TlsWire.TLS13) && refused(r12) && refused(r13)) {
            out.add(FindingBuilder.of("tls.protocol.no-modern", s)
                    .cvss("AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N").cwe("CWE-327")
                    .title("Neither TLS 1.2 nor TLS 1.3 is supported")
                    .description("The server speaks only legacy protocol versions" + via + "; current clients will refuse it or fall back to weak cryptography.")
                    .remediation("Upgrade the TLS library or its configuration to offer TLS 1.2 and TLS 1.3.")
                    .evidence("TLS 1.2 offer: " + r12.describe() + "\nTLS 1.3 offer: " + r13.describe())
                    .build());
        }

        // Weak cipher classes, offered alone at the best legacy version the server speaks.
        int probeVersion = -1;
        for (int v : new int[] {TlsWire.TLS12, TlsWire.TLS11, TlsWire.TLS10, TlsWire.SSL3}) {
            if (accepted(byVersion.get(v), v)) {
                probeVersion = v;
                break;
            }
        }
        if (probeVersion > 0) {
            for (CipherClass cc : WEAK_CLASSES) {
                ctx.ensureActive();
                ServerReply r = probe(st, ctx, s, TlsWire.clientHello(probeVersion, cc.suites(), sni), false);
                if (r == null || r.outcome != Outcome.HELLO || !contains(cc.suites(), r.cipherSuite)) continue;
                FindingBuilder b = FindingBuilder.of(cc.id(), s).cvss(cc.vector()).cwe(cc.cwe())
                        .title("Weak TLS cipher suites accepted: " + cc.label())
                        .description(cc.why() + via)
                        .remediation(cc.fix())
                        .evidence("Offered only " + cc.label() + " suites at " + TlsWire.versionName(probeVersion)
                                + "; server chose " + TlsWire.suiteName(r.cipherSuite) + ". " + r.describe());
                if (cc.id().equals("tls.cipher.rc4")) b.cve("CVE-2013-2566", "CVE-2015-2808");
                if (cc.id().equals("tls.cipher.64bit-block")) b.cve("CVE-2016-2183");
                if (cc.id().equals("tls.cipher.export")) {
                    String name = TlsWire.suiteName(r.cipherSuite);
                    b.cve(name.contains("_DHE_") || name.contains("_DH_") ? "CVE-2015-4000" : "CVE-2015-0204");
                }
                out.add(b.build());
            }
        }

        // Certificates: the JDK first (TLS 1.2/1.3), else the clear Certificate message (TLS <= 1.2).
        List<X509Certificate> chain = fetchChainWithJdk(st, ctx, s, sni);
        String source = "JDK handshake";
        if (chain.isEmpty() && probeVersion > 0) {
            ServerReply r = byVersion.get(probeVersion);
            if (r.certificates.isEmpty()) r = probe(st, ctx, s, TlsWire.clientHello(probeVersion, TlsWire.BROAD_SUITES, sni), true);
            if (r != null) chain = r.certificates;
            source = "Certificate message of a " + TlsWire.versionName(probeVersion) + " handshake";
        }
        if (!chain.isEmpty()) out.addAll(TlsCertificates.analyze(chain, s, ctx, source + via));
        return out;
    }

    private static void addProtocol(List<Finding> out, ServiceInfo s, ServerReply r, int v, String id, String vector,
                                    String[] cves, String description, String fix) {
        if (!accepted(r, v)) return;
        out.add(FindingBuilder.of(id, s).cvss(vector).cve(cves).cwe("CWE-327")
                .title(TlsWire.versionName(v) + " accepted")
                .description(description)
                .remediation(fix)
                .evidence(String.format("ClientHello offering at most %s (0x%04x) → %s", TlsWire.versionName(v), v, r.describe()))
                .build());
    }

    static boolean accepted(ServerReply r, int v) {
        return r != null && r.outcome == Outcome.HELLO && r.version == v;
    }

    private static boolean refused(ServerReply r) {
        return r != null && (r.outcome == Outcome.REFUSED || r.outcome == Outcome.HELLO);
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }

    /** Sends one ClientHello on a fresh connection; null when the connection itself failed. */
    static ServerReply probe(StartTls st, CheckContext ctx, ServiceInfo s, byte[] hello, boolean wantCertificate) throws IOException {
        Socket sock;
        try {
            sock = st.open(ctx, s.address(), s.port());
        } catch (StartTls.NotOffered e) {
            throw e;
        } catch (IOException e) {
            ctx.ensureActive();
            return null;
        }
        try (sock) {
            OutputStream out = sock.getOutputStream();
            out.write(hello);
            out.flush();
            return TlsWire.readReply(sock.getInputStream(), wantCertificate);
        } catch (IOException e) {
            ctx.ensureActive();
            ServerReply r = new ServerReply();
            r.outcome = Outcome.REFUSED;
            r.detail = e.getClass().getSimpleName();
            return r;
        }
    }

    /** Fetches the chain through a JDK TLS socket that trusts everything (we judge the chain ourselves). */
    static List<X509Certificate> fetchChainWithJdk(StartTls st, CheckContext ctx, ServiceInfo s, String sni) throws IOException {
        Socket plain;
        try {
            plain = st.open(ctx, s.address(), s.port());
        } catch (IOException e) {
            ctx.ensureActive();
            return List.of();
        }
        try {
            String peer = sni != null ? sni : s.address();
            try (SSLSocket ssl = (SSLSocket) AcceptAnyCertificate.newSocketFactory().createSocket(plain, peer, s.port(), true)) {
                ssl.setSoTimeout(ctx.readTimeoutMs());
                SSLParameters p = ssl.getSSLParameters();
                if (sni != null && !Io.isIpLiteral(sni)) p.setServerNames(List.of(new SNIHostName(sni)));
                ssl.setSSLParameters(p);
                ssl.startHandshake();
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : ssl.getSession().getPeerCertificates()) {
                    if (c instanceof X509Certificate x) chain.add(x);
                }
                return chain;
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            ctx.ensureActive();
            return List.of();
        } finally {
            plain.close();
        }
    }
}
