package org.watchpost.engine.check;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;

/**
 * SSH family: reads the version banner and the server's KEXINIT (RFC 4253 §4.2, §6, §7.1)
 * and judges the offered algorithms: SSH-1, weak key exchange, DSA / SHA-1-only host keys,
 * weak ciphers and MACs, and Terrapin (CVE-2023-48795) exposure.
 */
public final class SshCheck implements Check {
    static final String CLIENT_VERSION = "SSH-2.0-Watchpost_1.0";
    private static final int MAX_PACKET = 35000;

    static final List<String> WEAK_KEX = List.of("diffie-hellman-group1-sha1", "diffie-hellman-group-exchange-sha1",
            "diffie-hellman-group14-sha1", "rsa1024-sha1", "gss-group1-sha1-", "gss-gex-sha1-", "gss-group14-sha1-");

    /** The server's KEXINIT name-lists, in RFC 4253 order. */
    public record KexInit(List<String> kex, List<String> hostKey, List<String> encC2s, List<String> encS2c,
                          List<String> macC2s, List<String> macS2c, List<String> compC2s, List<String> compS2c) {
    }

    @Override
    public String family() {
        return "ssh";
    }

    @Override
    public boolean appliesTo(ServiceInfo s) {
        String n = s.service() == null ? "" : s.service().toLowerCase(Locale.ROOT);
        return n.equals("ssh") || ((n.isEmpty() || n.equals("unknown")) && s.port() == 22)
                || (s.banner() != null && s.banner().startsWith("SSH-"));
    }

    @Override
    public List<Finding> run(ServiceInfo s, CheckContext ctx) throws IOException {
        List<Finding> out = new ArrayList<>();
        try (Socket sock = ctx.connect(s.address(), s.port())) {
            InputStream in = sock.getInputStream();
            String banner = null;
            // RFC 4253 §4.2: the server may send other lines before the version line
            for (int i = 0; i < 20; i++) {
                String l = Io.readLine(in, 255);
                if (l == null) return out;
                if (l.startsWith("SSH-")) {
                    banner = l;
                    break;
                }
            }
            if (banner == null) return out;
            String proto = banner.length() > 8 ? banner.substring(4, banner.indexOf('-', 4) > 0 ? banner.indexOf('-', 4) : 8) : "";
            if (proto.startsWith("1.")) {
                boolean only1 = !proto.equals("1.99");
                out.add(FindingBuilder.of("ssh.protocol1", s).cvss("AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N")
                        .cve("CVE-2001-0361", "CVE-2001-1473").cwe("CWE-327")
                        .title(only1 ? "SSH protocol 1 only" : "SSH protocol 1 accepted (1.99)")
                        .description("The server speaks SSH protocol 1, which has design flaws (CRC-32 integrity, session key recovery, "
                                + "man-in-the-middle) and has been removed from OpenSSH since 7.6.")
                        .remediation("Disable protocol 1 (OpenSSH: Protocol 2, or upgrade to a release without SSH-1 support).")
                        .evidence("banner: " + Io.printable(banner, 255)).build());
                if (only1) return out;
            }
            Io.writeAscii(sock.getOutputStream(), CLIENT_VERSION + "\r\n");
            byte[] payload = readPacket(in);
            if (payload.length == 0 || payload[0] != 20) return out;
            KexInit k = parseKexInit(payload);
            judge(k, s, banner, out);
        } catch (java.net.SocketTimeoutException | java.io.EOFException e) {
            ctx.ensureActive();
            return out; // undecided: report only what was proven
        }
        return out;
    }

    /** Reads one unencrypted binary packet (RFC 4253 §6) and returns its payload. */
    static byte[] readPacket(InputStream in) throws IOException {
        byte[] h = Io.readExactly(in, 5);
        long len = ((h[0] & 0xffL) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
        int pad = h[4] & 0xff;
        if (len < 5 || len > MAX_PACKET || pad >= len) throw new IOException("implausible SSH packet length " + len);
        byte[] rest = Io.readExactly(in, (int) len - 1);
        return Arrays.copyOfRange(rest, 0, (int) len - 1 - pad);
    }

    static KexInit parseKexInit(byte[] p) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(p);
        in.skip(1 + 16); // message number, cookie
        List<List<String>> lists = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            byte[] l = Io.readExactly(in, 4);
            long n = ((l[0] & 0xffL) << 24) | ((l[1] & 0xff) << 16) | ((l[2] & 0xff) << 8) | (l[3] & 0xff);
            if (n > in.available()) throw new IOException("KEXINIT name-list " + i + " overruns the packet");
            String text = new String(Io.readExactly(in, (int) n), StandardCharsets.US_ASCII);
            lists.add(text.isEmpty() ? List.of() : List.of(text.split(",")));
        }
        return new KexInit(lists.get(0), lists.get(1), lists.get(2), lists.get(3), lists.get(4), lists.get(5),
                lists.get(6), lists.get(7));
    }

    static void judge(KexInit k, ServiceInfo s, String banner, List<Finding> out) {
        String head = "banner: " + Io.printable(banner, 255) + "\n";
        List<String> weakKex = new ArrayList<>();
        for (String a : k.kex()) for (String w : WEAK_KEX) if (a.equals(w) || (w.endsWith("-") && a.startsWith(w))) weakKex.add(a);
        if (!weakKex.isEmpty()) {
            boolean group1 = weakKex.stream().anyMatch(a -> a.contains("group1-") || a.startsWith("rsa1024"));
            out.add(FindingBuilder.of("ssh.kex.weak", s)
                    .cvss(group1 ? "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N" : "AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N")
                    .cwe("CWE-327")
                    .title("Weak SSH key exchange offered: " + String.join(", ", weakKex))
                    .description("The server offers key exchange methods using SHA-1"
                            + (group1 ? " and the 1024-bit Oakley group 2, within reach of a nation-state precomputation (Logjam-style)" : "")
                            + ". RFC 9142 deprecates them.")
                    .remediation("Remove them, e.g. OpenSSH: KexAlgorithms -" + String.join(",", weakKex)
                            + " (keep curve25519-sha256, sntrup761x25519-sha512@openssh.com, diffie-hellman-group16-sha512).")
                    .evidence(head + "kex_algorithms: " + String.join(",", k.kex())).build());
        }
        if (k.hostKey().contains("ssh-dss")) {
            out.add(FindingBuilder.of("ssh.hostkey.dss", s).cvss("AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N").cwe("CWE-326")
                    .title("DSA (ssh-dss) host key offered")
                    .description("DSA host keys are limited to 1024 bits and SHA-1 and were disabled by default in OpenSSH 7.0.")
                    .remediation("Remove the DSA host key (delete the HostKey line for ssh_host_dsa_key) and use Ed25519 or RSA 3072+ keys.")
                    .evidence(head + "server_host_key_algorithms: " + String.join(",", k.hostKey())).build());
        }
        if (k.hostKey().contains("ssh-rsa")) {
            boolean sha2 = k.hostKey().contains("rsa-sha2-256") || k.hostKey().contains("rsa-sha2-512");
            FindingBuilder b = FindingBuilder.of("ssh.hostkey.rsa-sha1", s).cwe("CWE-328")
                    .evidence(head + "server_host_key_algorithms: " + String.join(",", k.hostKey()));
            if (sha2) {
                b.severity(Severity.INFO).title("ssh-rsa (SHA-1) host key signatures still offered")
                        .description("Besides rsa-sha2-256/512 the server still signs with ssh-rsa (SHA-1), which OpenSSH 8.8 disabled by default. Only old clients use it.");
            } else {
                b.cvss("AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N").title("SSH host key signatures only with SHA-1 (ssh-rsa)")
                        .description("The server offers RSA host-key signatures only as ssh-rsa (SHA-1); chosen-prefix collisions make SHA-1 signatures forgeable, and current clients refuse them.");
            }
            out.add(b.remediation("Enable rsa-sha2-512/rsa-sha2-256 (OpenSSH 7.2+) and remove ssh-rsa: HostKeyAlgorithms -ssh-rsa; prefer Ed25519 host keys.").build());
        }
        List<String> enc = union(k.encC2s(), k.encS2c());
        List<String> weakEnc = new ArrayList<>();
        for (String c : enc) {
            if (c.endsWith("-cbc") || c.endsWith("-cbc@openssh.com") || c.startsWith("arcfour") || c.equals("none")
                    || c.startsWith("blowfish") || c.startsWith("cast128") || c.startsWith("3des") || c.startsWith("des")
                    || c.equals("rijndael-cbc@lysator.liu.se")) weakEnc.add(c);
        }
        if (!weakEnc.isEmpty()) {
            boolean severe = weakEnc.stream().anyMatch(c -> c.equals("none") || c.startsWith("arcfour") || c.startsWith("des"));
            out.add(FindingBuilder.of("ssh.cipher.weak", s)
                    .cvss(severe ? "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N" : "AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N")
                    .cwe("CWE-327").cve(weakEnc.stream().anyMatch(c -> c.contains("cbc")) ? new String[] {"CVE-2008-5161"} : new String[0])
                    .title("Weak SSH ciphers offered: " + String.join(", ", weakEnc))
                    .description("CBC-mode ciphers allow plaintext recovery (CVE-2008-5161), RC4 (arcfour) has biased keystreams, "
                            + "and 64-bit block ciphers (3des, blowfish, cast128) suffer birthday attacks.")
                    .remediation("Offer only chacha20-poly1305@openssh.com, aes256-gcm@openssh.com, aes128-gcm@openssh.com and aes*-ctr "
                            + "(OpenSSH: Ciphers -" + String.join(",", weakEnc) + ").")
                    .evidence(head + "encryption c2s: " + String.join(",", k.encC2s()) + "\nencryption s2c: " + String.join(",", k.encS2c()))
                    .build());
        }
        List<String> mac = union(k.macC2s(), k.macS2c());
        List<String> weakMac = new ArrayList<>();
        for (String m : mac) {
            boolean etm = m.contains("-etm@");
            if (m.startsWith("hmac-md5") || m.endsWith("-96") || m.contains("-96-") || m.equals("none")
                    || (m.startsWith("umac-64") && !etm) || m.startsWith("hmac-ripemd160")) weakMac.add(m);
        }
        if (!weakMac.isEmpty()) {
            out.add(FindingBuilder.of("ssh.mac.weak", s).cvss("AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N").cwe("CWE-328")
                    .title("Weak SSH MACs offered: " + String.join(", ", weakMac))
                    .description("MD5-based and truncated (96-bit) MACs, and 64-bit tags with encrypt-and-MAC, weaken integrity protection.")
                    .remediation("Offer only hmac-sha2-256-etm@openssh.com, hmac-sha2-512-etm@openssh.com and umac-128-etm@openssh.com "
                            + "(OpenSSH: MACs -" + String.join(",", weakMac) + ").")
                    .evidence(head + "mac c2s: " + String.join(",", k.macC2s()) + "\nmac s2c: " + String.join(",", k.macS2c()))
                    .build());
        }
        boolean chacha = enc.contains("chacha20-poly1305@openssh.com");
        boolean etmWithCbc = mac.stream().anyMatch(m -> m.contains("-etm@openssh.com"))
                && enc.stream().anyMatch(c -> c.contains("-cbc"));
        boolean strict = k.kex().contains("kex-strict-s-v00@openssh.com");
        if ((chacha || etmWithCbc) && !strict) {
            out.add(FindingBuilder.of("ssh.terrapin", s).cvss("AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N")
                    .cve("CVE-2023-48795").cwe("CWE-354")
                    .title("SSH prefix truncation (Terrapin) possible")
                    .description("The server offers " + (chacha ? "chacha20-poly1305@openssh.com" : "encrypt-then-MAC with CBC ciphers")
                            + " without strict key exchange (kex-strict-s-v00@openssh.com): a man in the middle can drop early "
                            + "encrypted packets, e.g. to downgrade extension negotiation.")
                    .remediation("Upgrade to a release with strict key exchange (OpenSSH 9.6+ or a distribution back-port); otherwise "
                            + "remove chacha20-poly1305@openssh.com and the -etm MACs combined with CBC ciphers.")
                    .evidence(head + "kex_algorithms: " + String.join(",", k.kex()) + "\nencryption: " + String.join(",", enc)
                            + "\nmac: " + String.join(",", mac))
                    .build());
        }
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> u = new ArrayList<>(a);
        for (String x : b) if (!u.contains(x)) u.add(x);
        return u;
    }
}
