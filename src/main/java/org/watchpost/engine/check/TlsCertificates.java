package org.watchpost.engine.check;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;

/** Judges a server certificate chain: validity dates, trust, name, key size, signature hash. */
final class TlsCertificates {
    private TlsCertificates() {
    }

    static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    private static volatile Set<TrustAnchor> defaultAnchors;

    static List<Finding> analyze(List<X509Certificate> chain, ServiceInfo s, CheckContext ctx, String source) {
        List<Finding> out = new ArrayList<>();
        X509Certificate leaf = chain.get(0);
        Instant now = ctx.clock().instant();
        String ev = describe(leaf) + "\nobtained from: " + source + ", chain length " + chain.size();
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        String cv = "AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N";

        if (now.isAfter(notAfter)) {
            out.add(FindingBuilder.of("tls.cert.expired", s).cvss(cv).cwe("CWE-324")
                    .title("TLS certificate expired")
                    .description("The server certificate expired on " + notAfter + " ("
                            + Duration.between(notAfter, now).toDays() + " days ago). Clients reject it or train users to click through warnings.")
                    .remediation("Renew the certificate and install it with its intermediates; automate renewal (ACME) to avoid a repeat.")
                    .evidence(ev).build());
        } else if (now.isBefore(notBefore)) {
            out.add(FindingBuilder.of("tls.cert.not-yet-valid", s).cvss(cv).cwe("CWE-324")
                    .title("TLS certificate not yet valid")
                    .description("The server certificate is valid only from " + notBefore + "; clients reject it until then (or the server clock is wrong).")
                    .remediation("Install a certificate that is currently valid and check the issuing system's clock.")
                    .evidence(ev).build());
        } else if (Duration.between(now, notAfter).compareTo(EXPIRY_WARNING) < 0) {
            out.add(FindingBuilder.of("tls.cert.expiring-soon", s).severity(Severity.LOW).cwe("CWE-324")
                    .title("TLS certificate expires within 30 days")
                    .description("The server certificate expires on " + notAfter + " (in "
                            + Duration.between(now, notAfter).toDays() + " days).")
                    .remediation("Renew the certificate before " + notAfter + "; automate renewal (ACME).")
                    .evidence(ev).build());
        }

        Set<TrustAnchor> anchors = anchors(ctx);
        boolean selfSigned = isSelfSigned(leaf);
        boolean leafIsAnchor = anchors.stream().anyMatch(a -> leaf.equals(a.getTrustedCert()));
        String pkixError = leafIsAnchor ? null : validate(chain, anchors, notBefore, notAfter, now);
        if (selfSigned && !leafIsAnchor) {
            out.add(FindingBuilder.of("tls.cert.self-signed", s).cvss(cv).cwe("CWE-295")
                    .title("Self-signed TLS certificate")
                    .description("The server presents a certificate signed by its own key, which no client can verify: connections are open to man-in-the-middle interception, and users learn to accept warnings.")
                    .remediation("Replace it with a certificate from a public CA (e.g. via ACME) or from the organisation's internal CA distributed to clients.")
                    .evidence(ev).build());
        } else if (pkixError != null) {
            out.add(FindingBuilder.of("tls.cert.untrusted", s).cvss(cv).cwe("CWE-295")
                    .title("TLS certificate chain not trusted")
                    .description("The certificate chain does not validate against the Java default trust store"
                            + (ctx.extraTrust() != null ? " or the configured extra trust anchors" : "")
                            + ": unknown or private CA, missing intermediate, or a broken chain.")
                    .remediation("Serve the full chain (leaf plus intermediates) from a CA the clients trust; if an internal CA is intended, add it to the scan's trust anchors.")
                    .evidence(ev + "\nPKIX: " + pkixError).build());
        }

        String host = ctx.hostNameFor(s.address());
        if (host != null && !matchesHost(leaf, host)) {
            out.add(FindingBuilder.of("tls.cert.hostname-mismatch", s).cvss(cv).cwe("CWE-297")
                    .title("TLS certificate does not match host name " + host)
                    .description("The certificate is not issued for '" + host + "' (the name the scan was given): clients connecting by that name get a warning or fail.")
                    .remediation("Issue a certificate whose subjectAltName includes " + host + " and install it for this name (SNI).")
                    .evidence(ev).build());
        }

        PublicKey key = leaf.getPublicKey();
        int bits = keyBits(key);
        int minimum = key instanceof ECPublicKey ? 224 : 2048;
        if (bits > 0 && bits < minimum) {
            out.add(FindingBuilder.of("tls.cert.weak-key", s)
                    .cvss(bits <= 1024 ? "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:N" : "AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N")
                    .cwe("CWE-326")
                    .title("Weak " + key.getAlgorithm() + " certificate key (" + bits + " bits)")
                    .description("The certificate key has " + bits + " bits; NIST SP 800-131A and the CA/Browser Forum require at least " + minimum + ".")
                    .remediation("Re-key with RSA 2048+ (3072 recommended) or ECDSA P-256 and re-issue the certificate.")
                    .evidence(ev).build());
        }

        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            if (i > 0 && isSelfSigned(c)) continue; // a root's self-signature is never checked by clients
            String alg = c.getSigAlgName().toUpperCase(Locale.ROOT);
            boolean md5 = alg.contains("MD5") || alg.contains("MD2");
            boolean sha1 = alg.startsWith("SHA1") || alg.contains("SHA1WITH");
            if (!md5 && !sha1) continue;
            String id = md5 ? "tls.cert.md5-signature" : "tls.cert.sha1-signature";
            out.add(FindingBuilder.of(id, s)
                    .cvss(md5 ? "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N" : "AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N")
                    .cve(md5 ? new String[] {"CVE-2004-2761"} : new String[0])
                    .cwe("CWE-328")
                    .title("Certificate signed with " + (md5 ? "MD5" : "SHA-1") + (i == 0 ? "" : " (chain position " + i + ")"))
                    .description("A certificate in the chain is signed with " + c.getSigAlgName()
                            + "; collisions for this hash are practical, so such signatures can be forged and browsers reject them.")
                    .remediation("Re-issue the certificate (and any intermediate) with a SHA-256 or stronger signature.")
                    .evidence(describe(c)).build());
            break;
        }
        return out;
    }

    static boolean isSelfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) return false;
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** PKIX validation at a date inside the leaf's validity (expiry is reported on its own); null when valid. */
    static String validate(List<X509Certificate> chain, Set<TrustAnchor> anchors, Instant from, Instant to, Instant now) {
        if (anchors.isEmpty()) return "no trust anchors available";
        try {
            List<X509Certificate> path = new ArrayList<>(chain);
            // drop a trailing root that is itself an anchor: PKIX paths end below the anchor
            while (path.size() > 1) {
                X509Certificate last = path.get(path.size() - 1);
                if (anchors.stream().anyMatch(a -> last.equals(a.getTrustedCert()))) path.remove(path.size() - 1);
                else break;
            }
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            CertPath cp = cf.generateCertPath(path);
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            Instant at = now.isBefore(from) ? from.plusSeconds(1) : now.isAfter(to) ? to.minusSeconds(1) : now;
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(cp, params);
            return null;
        } catch (GeneralSecurityException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    static Set<TrustAnchor> anchors(CheckContext ctx) {
        Set<TrustAnchor> all = new HashSet<>(defaultAnchors());
        KeyStore extra = ctx.extraTrust();
        if (extra != null) all.addAll(anchorsOf(extra));
        return all;
    }

    private static Set<TrustAnchor> defaultAnchors() {
        Set<TrustAnchor> a = defaultAnchors;
        if (a != null) return a;
        Set<TrustAnchor> loaded = new HashSet<>();
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        try (var in = Files.newInputStream(cacerts)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(in, null);
            loaded.addAll(anchorsOf(ks));
        } catch (IOException | GeneralSecurityException e) {
            // no default trust store: every chain is reported untrusted with this reason
        }
        defaultAnchors = Set.copyOf(loaded);
        return defaultAnchors;
    }

    private static Set<TrustAnchor> anchorsOf(KeyStore ks) {
        Set<TrustAnchor> out = new HashSet<>();
        try {
            for (String alias : java.util.Collections.list(ks.aliases())) {
                if (ks.getCertificate(alias) instanceof X509Certificate x) out.add(new TrustAnchor(x, null));
            }
        } catch (GeneralSecurityException e) {
            // an unreadable keystore adds nothing
        }
        return out;
    }

    /** RFC 6125 matching: SAN dNSName (left-most wildcard label only) or iPAddress; CN only without SAN names. */
    static boolean matchesHost(X509Certificate c, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        boolean ip = Io.isIpLiteral(h);
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2) dns.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
                    if (type == 7) ips.add(String.valueOf(san.get(1)));
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
        if (ip) {
            try {
                InetAddress want = InetAddress.getByName(h);
                for (String i : ips) if (InetAddress.getByName(i).equals(want)) return true;
            } catch (IOException e) {
                return false;
            }
            return false;
        }
        if (dns.isEmpty()) {
            String cn = commonName(c);
            if (cn != null) dns.add(cn.toLowerCase(Locale.ROOT));
        }
        for (String pattern : dns) if (nameMatches(pattern, h)) return true;
        return false;
    }

    static boolean nameMatches(String pattern, String host) {
        if (pattern.equals(host)) return true;
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1)) && pattern.indexOf('.', 2) > 0;
        }
        return false;
    }

    static String commonName(X509Certificate c) {
        String dn = c.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
        for (String part : dn.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "CN=", 0, 3)) return p.substring(3);
        }
        return null;
    }

    static int keyBits(PublicKey k) {
        if (k instanceof RSAPublicKey r) return r.getModulus().bitLength();
        if (k instanceof DSAPublicKey d) return d.getParams() == null ? -1 : d.getParams().getP().bitLength();
        if (k instanceof ECPublicKey e) return e.getParams().getCurve().getField().getFieldSize();
        return -1;
    }

    static String describe(X509Certificate c) {
        StringBuilder sb = new StringBuilder();
        sb.append("subject: ").append(c.getSubjectX500Principal().getName())
                .append("\nissuer: ").append(c.getIssuerX500Principal().getName())
                .append("\nserial: ").append(c.getSerialNumber().toString(16))
                .append("\nvalid: ").append(c.getNotBefore().toInstant()).append(" .. ").append(c.getNotAfter().toInstant())
                .append("\nsignature: ").append(c.getSigAlgName())
                .append("\nkey: ").append(c.getPublicKey().getAlgorithm()).append(' ').append(keyBits(c.getPublicKey())).append(" bits");
        try {
            if (c.getSubjectAlternativeNames() != null) {
                List<String> names = new ArrayList<>();
                for (List<?> san : c.getSubjectAlternativeNames()) names.add(String.valueOf(san.get(1)));
                sb.append("\nsubjectAltName: ").append(String.join(", ", names));
            }
            byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            sb.append("\nsha256: ").append(Io.hex(d, 0, d.length, 32).replace(" ", ":"));
        } catch (GeneralSecurityException e) {
            // fingerprint is a convenience
        }
        return sb.toString();
    }
}
