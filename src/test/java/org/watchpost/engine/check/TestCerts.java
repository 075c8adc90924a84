package org.watchpost.engine.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates made with the JDK's keytool into a temp directory, once per JVM.
 * Equivalent command: keytool -genkeypair -alias srv -keyalg RSA -keysize 2048 -sigalg SHA256withRSA
 *   -dname CN=localhost -ext SAN=dns:localhost,ip:127.0.0.1 -startdate -1d -validity 365
 *   -keystore valid.p12 -storetype PKCS12 -storepass changeit
 */
final class TestCerts {
    static final char[] PASSWORD = "changeit".toCharArray();
    private static final Map<String, KeyStore> CACHE = new ConcurrentHashMap<>();
    private static Path dir;

    private TestCerts() {
    }

    /** Valid 2048-bit SHA-256 self-signed cert for localhost / 127.0.0.1. */
    static KeyStore valid() {
        return make("valid", "CN=localhost", "dns:localhost,ip:127.0.0.1", "-1d", 365, 2048, "SHA256withRSA");
    }

    /** Expired (issued ~400 days ago, valid 30 days) self-signed cert for other.test. */
    static KeyStore expiredOtherName() {
        return make("expired", "CN=other.test", "dns:other.test", "-400d", 30, 2048, "SHA256withRSA");
    }

    /** 1024-bit RSA, SHA-1 signature, for localhost. */
    static KeyStore weak() {
        return make("weak", "CN=localhost", "dns:localhost", "-1d", 365, 1024, "SHA1withRSA");
    }

    static synchronized KeyStore make(String name, String dn, String san, String start, int days, int bits, String sigalg) {
        return CACHE.computeIfAbsent(name, n -> {
            try {
                if (dir == null) {
                    dir = Files.createTempDirectory("watchpost-certs");
                    dir.toFile().deleteOnExit();
                }
                Path ks = dir.resolve(n + ".p12");
                String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
                Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "srv", "-keyalg", "RSA", "-keysize", String.valueOf(bits),
                        "-sigalg", sigalg, "-dname", dn, "-ext", "SAN=" + san, "-startdate", start, "-validity", String.valueOf(days),
                        "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                        .redirectErrorStream(true).start();
                String outText = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("keytool failed: " + outText);
                ks.toFile().deleteOnExit();
                KeyStore k = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(ks)) {
                    k.load(in, PASSWORD);
                }
                return k;
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * A leaf for localhost signed by a private CA, with its chain (leaf, CA); made with keytool:
     * genkeypair (CA, bc:c) → genkeypair (leaf) → certreq → gencert (SAN=dns:localhost) → importcert.
     * Returns {leaf keystore, CA keystore}.
     */
    static synchronized KeyStore[] caSigned() {
        KeyStore leaf = CACHE.get("ca-leaf");
        KeyStore ca = CACHE.get("ca-root");
        if (leaf != null && ca != null) return new KeyStore[] {leaf, ca};
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("watchpost-certs");
                dir.toFile().deleteOnExit();
            }
            Path caKs = dir.resolve("ca-root.p12");
            Path leafKs = dir.resolve("ca-leaf.p12");
            Path csr = dir.resolve("leaf.csr");
            Path crt = dir.resolve("leaf.crt");
            Path caCrt = dir.resolve("ca.crt");
            String kt = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            String[] common = {"-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"};
            run(concat(new String[] {kt, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname",
                    "CN=Watchpost Test CA", "-ext", "bc:c", "-validity", "365", "-keystore", caKs.toString()}, common));
            run(concat(new String[] {kt, "-exportcert", "-rfc", "-alias", "ca", "-file", caCrt.toString(), "-keystore", caKs.toString()},
                    common));
            run(concat(new String[] {kt, "-genkeypair", "-alias", "srv", "-keyalg", "RSA", "-keysize", "2048", "-dname",
                    "CN=localhost", "-validity", "365", "-keystore", leafKs.toString()}, common));
            run(concat(new String[] {kt, "-certreq", "-alias", "srv", "-file", csr.toString(), "-keystore", leafKs.toString()}, common));
            run(concat(new String[] {kt, "-gencert", "-alias", "ca", "-infile", csr.toString(), "-outfile", crt.toString(), "-rfc",
                    "-ext", "SAN=dns:localhost", "-validity", "365", "-keystore", caKs.toString()}, common));
            run(concat(new String[] {kt, "-importcert", "-noprompt", "-alias", "ca", "-file", caCrt.toString(),
                    "-keystore", leafKs.toString()}, common));
            run(concat(new String[] {kt, "-importcert", "-noprompt", "-alias", "srv", "-file", crt.toString(),
                    "-keystore", leafKs.toString()}, common));
            leaf = load(leafKs);
            ca = load(caKs);
            CACHE.put("ca-leaf", leaf);
            CACHE.put("ca-root", ca);
            return new KeyStore[] {leaf, ca};
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path p) throws IOException, java.security.GeneralSecurityException {
        KeyStore k = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p)) {
            k.load(in, PASSWORD);
        }
        p.toFile().deleteOnExit();
        return k;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void run(String[] cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String outText = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + String.join(" ", cmd) + "\n" + outText);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A trust store holding the CA certificate of {@link #caSigned()}. */
    static KeyStore trustCa(KeyStore caKeystore) {
        try {
            KeyStore t = KeyStore.getInstance("PKCS12");
            t.load(null, null);
            t.setCertificateEntry("anchor", caKeystore.getCertificate("ca"));
            return t;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate cert(KeyStore ks) {
        try {
            return (X509Certificate) ks.getCertificate("srv");
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<byte[]> chainDer(KeyStore ks) {
        try {
            List<byte[]> out = new ArrayList<>();
            for (java.security.cert.Certificate c : ks.getCertificateChain("srv")) out.add(c.getEncoded());
            return out;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust store holding just this keystore's certificate (to model a trusted internal CA). */
    static KeyStore trustOf(KeyStore ks) {
        try {
            KeyStore t = KeyStore.getInstance("PKCS12");
            t.load(null, null);
            t.setCertificateEntry("anchor", cert(ks));
            return t;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static javax.net.ssl.SSLContext serverContext(KeyStore ks) {
        try {
            javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("SunX509");
            kmf.init(ks, PASSWORD);
            javax.net.ssl.SSLContext sc = javax.net.ssl.SSLContext.getInstance("TLS");
            sc.init(kmf.getKeyManagers(), null, null);
            return sc;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
