package org.watchpost.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Parsers on their own: real-world banner shapes, and malformed or hostile bytes. */
class RecognizersTest {

    private static Ident generic(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return Recognizers.generic(b, b.length);
    }

    @Test
    void sshSoftwareVersions() {
        assertThat(Recognizers.ssh("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"))
                .isEqualTo(new Ident("ssh", "OpenSSH", "9.2p1", "Debian-2+deb12u3"));
        assertThat(Recognizers.ssh("SSH-2.0-dropbear_2020.81")).isEqualTo(new Ident("ssh", "Dropbear sshd", "2020.81", null));
        assertThat(Recognizers.ssh("SSH-2.0-libssh_0.9.6")).isEqualTo(new Ident("ssh", "libssh", "0.9.6", null));
        assertThat(Recognizers.ssh("SSH-1.99-Cisco-1.25")).isEqualTo(new Ident("ssh", "Cisco", "1.25", null));
        assertThat(Recognizers.ssh("SSH-2.0-Go")).isEqualTo(new Ident("ssh", "Go", null, null));
        assertThat(Recognizers.ssh("SSH-garbage")).isEqualTo(Ident.of("ssh"));
    }

    @Test
    void serverHeaders() {
        assertThat(Recognizers.serverHeader("nginx/1.18.0 (Ubuntu)")).isEqualTo(new Ident("http", "nginx", "1.18.0", "Ubuntu"));
        assertThat(Recognizers.serverHeader("Apache/2.4.49 (Unix) OpenSSL/1.1.1k"))
                .isEqualTo(new Ident("http", "Apache httpd", "2.4.49", "(Unix) OpenSSL/1.1.1k"));
        assertThat(Recognizers.serverHeader("Microsoft-IIS/10.0")).isEqualTo(new Ident("http", "Microsoft IIS httpd", "10.0", null));
        assertThat(Recognizers.serverHeader("Jetty(9.4.43.v20210629)")).isEqualTo(new Ident("http", "Jetty", "9.4.43.v20210629", null));
        assertThat(Recognizers.serverHeader("nginx")).isEqualTo(new Ident("http", "nginx", null, null));
        assertThat(Recognizers.serverHeader("cloudflare")).isEqualTo(new Ident("http", "cloudflare", null, null));
    }

    @Test
    void httpResponseWithoutServerHeaderIsStillHttp() {
        Ident id = generic("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        assertThat(id).isEqualTo(new Ident("http", null, null, null));
    }

    @Test
    void httpAnswerSayingTheRequestShouldHaveBeenTls() {
        byte[] b = ("HTTP/1.1 400 Bad Request\r\nServer: nginx/1.22.1\r\n\r\n<html><head><title>400 The plain HTTP request was sent to HTTPS port</title>")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Recognizers.httpWantsTls(b, b.length)).isTrue();
    }

    @Test
    void mailAndFileTransferGreetings() {
        assertThat(generic("220 (vsFTPd 3.0.5)\r\n")).isEqualTo(new Ident("ftp", "vsftpd", "3.0.5", null));
        assertThat(generic("220 ProFTPD 1.3.5 Server (Debian) [::ffff:127.0.0.1]\r\n")).isEqualTo(new Ident("ftp", "ProFTPD", "1.3.5", null));
        assertThat(generic("220 mx.example.org ESMTP Exim 4.96 Mon, 01 Jan 2024 00:00:00 +0000\r\n"))
                .isEqualTo(new Ident("smtp", "Exim smtpd", "4.96", null));
        assertThat(generic("500 OOPS: vsftpd: both local and anonymous access disabled!\r\n"))
                .isEqualTo(new Ident("ftp", "vsftpd", null, "error: vsftpd: both local and anonymous access disabled!"));
        assertThat(generic("220 ready\r\n")).isNull(); // ambiguous until EHLO is answered
        assertThat(Recognizers.ftpOrSmtp("220 ready", "250-host\r\n250 OK")).isEqualTo(Ident.of("smtp"));
        assertThat(Recognizers.ftpOrSmtp("220 ready", "500 Unknown command.")).isEqualTo(Ident.of("ftp"));
        assertThat(generic("+OK POP3 ready\r\n")).isEqualTo(Ident.of("pop3"));
        assertThat(generic("* OK IMAP4rev1 Service Ready\r\n")).isEqualTo(Ident.of("imap"));
    }

    @Test
    void mysqlErrorPacketForUnauthorisedHost() {
        String msg = "Host '10.0.0.5' is not allowed to connect to this MySQL server";
        byte[] b = new byte[4 + 3 + msg.length()];
        b[0] = (byte) (3 + msg.length());
        b[4] = (byte) 0xff;
        b[5] = 0x6a;
        b[6] = 0x04;
        System.arraycopy(msg.getBytes(StandardCharsets.US_ASCII), 0, b, 7, msg.length());
        Ident id = Recognizers.mysql(b, b.length);
        assertThat(id).isNotNull();
        assertThat(id.service()).isEqualTo("mysql");
        assertThat(id.extra()).contains("not allowed");
    }

    @Test
    void mysqlLookalikeWithAbsurdLengthIsRejected() {
        byte[] b = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 10, '8', '.', '0', 0};
        assertThat(Recognizers.mysql(b, b.length)).isNull();
        byte[] noTerminator = {20, 0, 0, 0, 10, '8', '.', '0', '.', '1'};
        assertThat(Recognizers.mysql(noTerminator, noTerminator.length)).isNull();
    }

    @Test
    void dnsVersionStrings() {
        assertThat(Recognizers.dnsVersion("9.18.28-1~deb12u2-Debian")).isEqualTo(new Ident("dns", "ISC BIND", "9.18.28", "1~deb12u2-Debian"));
        assertThat(Recognizers.dnsVersion("dnsmasq-2.89")).isEqualTo(new Ident("dns", "dnsmasq", "2.89", null));
        assertThat(Recognizers.dnsVersion("unbound 1.17.1")).isEqualTo(new Ident("dns", "Unbound", "1.17.1", null));
        assertThat(Recognizers.dnsVersion("none of your business")).isEqualTo(new Ident("dns", null, null, "version.bind: none of your business"));
    }

    @Test
    void dnsNamePointerLoopAndTruncationDoNotHang() {
        // a name made of pointers only is skipped in two bytes; a label that runs off the end is rejected
        byte[] loop = {(byte) 0xc0, 0x00};
        assertThat(Recognizers.skipName(loop, loop.length, 0)).isEqualTo(2);
        byte[] runaway = {63, 'a', 'b'};
        assertThat(Recognizers.skipName(runaway, runaway.length, 0)).isEqualTo(-1);
        // answer count claims 65535 records in a 14-byte message
        byte[] msg = {0, 12, 0x12, 0x34, (byte) 0x84, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0};
        assertThat(Recognizers.dns(msg, msg.length, 0x1234)).isEqualTo(Ident.of("dns"));
        // wrong id: not our answer
        assertThat(Recognizers.dns(msg, msg.length, 0x9999)).isNull();
    }

    @Test
    void redisInfoParsing() {
        byte[] b = "+PONG\r\n$400\r\n# Server\r\nredis_version:6.2.14\r\nos:Linux\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        Ident id = Recognizers.redis(b, b.length);
        assertThat(id.product()).isEqualTo("Redis");
        assertThat(id.version()).isEqualTo("6.2.14");
        assertThat(Recognizers.respReplies(b, b.length)).isEqualTo(1); // bulk declared longer than present: incomplete
        byte[] lying = "$999999999999\r\nabc".getBytes(StandardCharsets.US_ASCII);
        assertThat(Recognizers.respReplies(lying, lying.length)).isZero();
    }

    @Test
    void postgresErrorResponse() {
        byte[] fields = "SFATAL\0C28000\0Mno pg_hba.conf entry for host\0\0".getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[5 + fields.length];
        b[0] = 'E';
        b[4] = (byte) (4 + fields.length);
        System.arraycopy(fields, 0, b, 5, fields.length);
        Ident id = Recognizers.postgresMessage(b, b.length);
        assertThat(id.service()).isEqualTo("postgresql");
        assertThat(id.extra()).contains("pg_hba.conf");
        byte[] huge = {'E', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'S'};
        assertThat(Recognizers.postgresMessage(huge, huge.length)).isNull();
    }

    @Test
    void rdpConfirmAndNonRdp() {
        byte[] cc = {0x03, 0x00, 0x00, 0x0b, 0x06, (byte) 0xd0, 0x00, 0x00, 0x12, 0x34, 0x00};
        assertThat(Recognizers.rdp(cc, cc.length)).isEqualTo(Ident.of("rdp"));
        byte[] tls = {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28, 0, 0, 0, 0};
        assertThat(Recognizers.rdp(tls, tls.length)).isNull();
        assertThat(Recognizers.looksLikeTls(tls, tls.length)).isTrue();
    }

    @Test
    void bsonEncodingIsTheWireFormat() {
        // {"isMaster": 1}: int32 length 19, type 0x10, "isMaster\0", int32 1, terminator
        byte[] expected = {19, 0, 0, 0, 0x10, 'i', 's', 'M', 'a', 's', 't', 'e', 'r', 0, 1, 0, 0, 0, 0};
        assertThat(Bson.doc("isMaster", 1)).isEqualTo(expected);
        Map<String, Object> back = Bson.read(expected, expected.length, 0);
        assertThat(back).containsEntry("isMaster", 1);
    }

    @Test
    void bsonReaderClipsLyingLengths() {
        byte[] d = Bson.doc("version", "7.0.5", "ok", 1.0);
        d[0] = 0x7f; // claims far more than is there
        assertThat(Bson.read(d, d.length, 0)).containsEntry("version", "7.0.5");
        byte[] badString = {20, 0, 0, 0, 0x02, 'v', 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 'x', 0};
        assertThat(Bson.read(badString, badString.length, 0)).isEmpty();
    }

    @Test
    void randomBytesNeverThrow() {
        Random rnd = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[rnd.nextInt(64)];
            rnd.nextBytes(b);
            if (b.length > 0 && i % 4 == 0) b[0] = (byte) "SH+*2$E\u0003".charAt(i % 8);
            Recognizers.generic(b, b.length);
            Recognizers.dns(b, b.length, 0);
            Recognizers.rdp(b, b.length);
            Recognizers.postgresMessage(b, b.length);
            Recognizers.redis(b, b.length);
            Recognizers.bannerComplete(b, b.length);
            Recognizers.httpComplete(b, b.length);
            Bson.read(b, b.length, 0);
        }
    }
}
