package org.watchpost.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;

class SshCheckTest {
    /** An SSH server's opening: banner, wait for the client's version line, then KEXINIT as a binary packet (RFC 4253 §6). */
    static StubServer sshStub(String banner, String kex, String hostKeys, String ciphers, String macs) throws Exception {
        return new StubServer(s -> {
            OutputStream out = s.getOutputStream();
            Io.writeAscii(out, banner + "\r\n");
            String client = Io.readLine(s.getInputStream(), 255);
            if (client == null || !client.startsWith("SSH-2.0-")) return;
            ByteArrayOutputStream p = new ByteArrayOutputStream();
            p.write(20);
            p.writeBytes(new byte[16]);
            for (String list : new String[] {kex, hostKeys, ciphers, ciphers, macs, macs, "none,zlib@openssh.com", "none", "", ""}) {
                byte[] b = list.getBytes(StandardCharsets.US_ASCII);
                p.writeBytes(u32(b.length));
                p.writeBytes(b);
            }
            p.write(0);
            p.writeBytes(u32(0));
            byte[] payload = p.toByteArray();
            int pad = 8 - ((payload.length + 5) % 8);
            if (pad < 4) pad += 8;
            ByteArrayOutputStream pkt = new ByteArrayOutputStream();
            pkt.writeBytes(u32(payload.length + pad + 1));
            pkt.write(pad);
            pkt.writeBytes(payload);
            pkt.writeBytes(new byte[pad]);
            byte[] all = pkt.toByteArray();
            // send in two pieces to prove the reader does not assume one read = one packet
            out.write(all, 0, 7);
            out.flush();
            Thread.sleep(20);
            out.write(all, 7, all.length - 7);
            out.flush();
            s.getInputStream().read();
        });
    }

    static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static ServiceInfo ssh(int port) {
        return new ServiceInfo("127.0.0.1", port, "ssh", null, null, null, false, null, null);
    }

    static CheckContext ctx() {
        return CheckContext.builder().connectTimeoutMs(2000).readTimeoutMs(2000).build();
    }

    @Test
    void weakAlgorithmsAndTerrapinAreFlagged() throws Exception {
        try (StubServer srv = sshStub("SSH-2.0-OpenSSH_7.4",
                "curve25519-sha256,diffie-hellman-group14-sha1,diffie-hellman-group1-sha1",
                "ssh-rsa,ssh-dss",
                "chacha20-poly1305@openssh.com,aes128-ctr,aes128-cbc,3des-cbc,arcfour",
                "hmac-sha2-256-etm@openssh.com,hmac-md5,hmac-sha1-96,umac-64@openssh.com")) {
            List<Finding> f = new SshCheck().run(ssh(srv.port()), ctx());
            List<String> ids = f.stream().map(Finding::checkId).toList();
            assertThat(ids).containsExactlyInAnyOrder("ssh.kex.weak", "ssh.hostkey.dss", "ssh.hostkey.rsa-sha1", "ssh.cipher.weak",
                    "ssh.mac.weak", "ssh.terrapin");
            Finding kex = byId(f, "ssh.kex.weak");
            assertThat(kex.title()).contains("diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1").doesNotContain("curve25519");
            assertThat(kex.evidence()).contains("SSH-2.0-OpenSSH_7.4");
            assertThat(byId(f, "ssh.cipher.weak").title()).contains("aes128-cbc", "3des-cbc", "arcfour").doesNotContain("aes128-ctr");
            assertThat(byId(f, "ssh.mac.weak").title()).contains("hmac-md5", "hmac-sha1-96", "umac-64@openssh.com")
                    .doesNotContain("etm");
            assertThat(byId(f, "ssh.hostkey.rsa-sha1").severity()).isEqualTo(Severity.LOW);
            Finding t = byId(f, "ssh.terrapin");
            assertThat(t.cves()).containsExactly("CVE-2023-48795");
            assertThat(t.cvssScore()).isEqualTo(5.9);
        }
    }

    @Test
    void hardenedServerWithStrictKexHasNoFindings() throws Exception {
        try (StubServer srv = sshStub("SSH-2.0-OpenSSH_9.6",
                "sntrup761x25519-sha512@openssh.com,curve25519-sha256,ext-info-s,kex-strict-s-v00@openssh.com",
                "ssh-ed25519,rsa-sha2-512,rsa-sha2-256",
                "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-ctr",
                "hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com")) {
            assertThat(new SshCheck().run(ssh(srv.port()), ctx())).isEmpty();
        }
    }

    @Test
    void rsaWithSha2AlongsideSsaRsaIsOnlyInformationalAndEtmWithCbcWithoutStrictKexIsTerrapin() throws Exception {
        try (StubServer srv = sshStub("SSH-2.0-OpenSSH_8.9",
                "curve25519-sha256", "rsa-sha2-512,rsa-sha2-256,ssh-rsa", "aes128-ctr,aes256-cbc", "hmac-sha2-256-etm@openssh.com")) {
            List<Finding> f = new SshCheck().run(ssh(srv.port()), ctx());
            assertThat(f.stream().map(Finding::checkId)).containsExactlyInAnyOrder("ssh.hostkey.rsa-sha1", "ssh.cipher.weak", "ssh.terrapin");
            assertThat(byId(f, "ssh.hostkey.rsa-sha1").severity()).isEqualTo(Severity.INFO);
        }
    }

    @Test
    void sshProtocol1IsFlaggedFromTheBanner() throws Exception {
        try (StubServer srv = new StubServer(s -> {
            Io.writeAscii(s.getOutputStream(), "SSH-1.5-OldSSH_1.2.27\n");
            s.getInputStream().read();
        })) {
            List<Finding> f = new SshCheck().run(ssh(srv.port()), ctx());
            assertThat(f).extracting(Finding::checkId).containsExactly("ssh.protocol1");
            assertThat(f.get(0).evidence()).contains("SSH-1.5-OldSSH_1.2.27");
        }
    }

    @Test
    void serverThatNeverSendsKexinitGivesNoVerdict() throws Exception {
        try (StubServer srv = new StubServer(s -> {
            Io.writeAscii(s.getOutputStream(), "SSH-2.0-Silent\r\n");
            Thread.sleep(3000);
        })) {
            CheckContext c = CheckContext.builder().readTimeoutMs(500).build();
            assertThat(new SshCheck().run(ssh(srv.port()), c)).isEmpty();
        }
    }

    static Finding byId(List<Finding> f, String id) {
        return f.stream().filter(x -> x.checkId().equals(id)).findFirst().orElseThrow();
    }
}
