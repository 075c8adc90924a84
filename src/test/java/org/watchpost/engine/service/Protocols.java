package org.watchpost.engine.service;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocket;

/**
 * In-suite servers that speak each protocol the way the real daemons do, as far as an
 * identifier can see: greetings, answers to well-formed requests, and what the real daemon
 * does with a request in the wrong protocol (answers an error, stays silent, or hangs up).
 */
final class Protocols {
    private Protocols() {
    }

    // ------------------------------------------------------------------ helpers

    static void write(Socket s, String text) throws IOException {
        write(s, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static void write(Socket s, byte[] data) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(data);
        out.flush();
    }

    /** One CRLF/LF-terminated line without the terminator; null at end of stream. Bounded. */
    static String readLine(InputStream in, int max) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') break;
            if (c != '\r') b.write(c);
            if (b.size() > max) throw new IOException("line too long");
        }
        if (c < 0 && b.size() == 0) return null;
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    static void drain(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
            // discard until the peer closes (or the read timeout ends the handler)
        }
    }

    // ------------------------------------------------------------------ greeting protocols

    static FakeServer.Handler ssh(String banner) {
        return s -> {
            write(s, banner + "\r\n");
            String client = readLine(s.getInputStream(), 255);
            if (client != null && !client.startsWith("SSH-")) write(s, "Invalid SSH identification string.\r\n");
        };
    }

    static FakeServer.Handler smtp(String greeting) {
        return s -> {
            write(s, greeting + "\r\n");
            InputStream in = s.getInputStream();
            String line;
            while ((line = readLine(in, 1000)) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (cmd) {
                    case "EHLO" -> write(s, "250-mail.example.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250 8BITMIME\r\n");
                    case "HELO" -> write(s, "250 mail.example.test\r\n");
                    case "QUIT" -> {
                        write(s, "221 2.0.0 Bye\r\n");
                        return;
                    }
                    default -> write(s, "502 5.5.2 Error: command not recognized\r\n");
                }
            }
        };
    }

    static FakeServer.Handler ftp(String greeting) {
        return s -> {
            write(s, greeting + "\r\n");
            InputStream in = s.getInputStream();
            String line;
            while ((line = readLine(in, 1000)) != null) {
                String cmd = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                switch (cmd) {
                    case "USER" -> write(s, "331 Please specify the password.\r\n");
                    case "QUIT" -> {
                        write(s, "221 Goodbye.\r\n");
                        return;
                    }
                    default -> write(s, "530 Please login with USER and PASS.\r\n");
                }
            }
        };
    }

    static FakeServer.Handler pop3() {
        return s -> {
            write(s, "+OK Dovecot (Debian) ready.\r\n");
            String line;
            while ((line = readLine(s.getInputStream(), 1000)) != null) {
                if (line.equalsIgnoreCase("QUIT")) {
                    write(s, "+OK Logging out\r\n");
                    return;
                }
                write(s, "-ERR Unknown command: " + line.split(" ")[0] + "\r\n");
            }
        };
    }

    static FakeServer.Handler imap() {
        return s -> {
            write(s, "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot (Debian) ready.\r\n");
            String line;
            while ((line = readLine(s.getInputStream(), 1000)) != null) {
                String tag = line.split(" ", 2)[0];
                write(s, tag + " BAD Error in IMAP command received by server.\r\n");
            }
        };
    }

    /** MySQL protocol 10 initial handshake, then "Bad handshake" for anything that is not a login. */
    static FakeServer.Handler mysql(String version) {
        return s -> {
            ByteArrayOutputStream p = new ByteArrayOutputStream();
            p.write(10);
            p.writeBytes(version.getBytes(StandardCharsets.US_ASCII));
            p.write(0);
            p.writeBytes(new byte[] {42, 0, 0, 0}); // thread id
            p.writeBytes("abcdefgh".getBytes(StandardCharsets.US_ASCII));
            p.write(0);
            p.writeBytes(new byte[] {(byte) 0xff, (byte) 0xf7}); // capabilities (low)
            p.write(0xff); // charset
            p.writeBytes(new byte[] {2, 0}); // status
            p.writeBytes(new byte[] {(byte) 0xff, (byte) 0xdf}); // capabilities (high)
            p.write(21);
            p.writeBytes(new byte[10]);
            p.writeBytes("ijklmnopqrst\0".getBytes(StandardCharsets.US_ASCII));
            p.writeBytes("caching_sha2_password\0".getBytes(StandardCharsets.US_ASCII));
            byte[] payload = p.toByteArray();
            byte[] packet = new byte[4 + payload.length];
            packet[0] = (byte) payload.length;
            packet[1] = (byte) (payload.length >> 8);
            packet[2] = (byte) (payload.length >> 16);
            packet[3] = 0;
            System.arraycopy(payload, 0, packet, 4, payload.length);
            write(s, packet);
            byte[] head = new byte[4];
            new DataInputStream(s.getInputStream()).readFully(head);
            byte[] msg = "#08S01Bad handshake".getBytes(StandardCharsets.US_ASCII);
            byte[] err = new byte[4 + 3 + msg.length];
            err[0] = (byte) (3 + msg.length);
            err[3] = 2;
            err[4] = (byte) 0xff;
            err[5] = (byte) 0x13;
            err[6] = 0x04;
            System.arraycopy(msg, 0, err, 7, msg.length);
            write(s, err);
        };
    }

    static FakeServer.Handler vnc() {
        return s -> {
            write(s, "RFB 003.008\n");
            byte[] client = new byte[12];
            new DataInputStream(s.getInputStream()).readFully(client);
            if (!new String(client, StandardCharsets.US_ASCII).startsWith("RFB ")) return;
            write(s, new byte[] {2, 2, 16}); // two security types: VNC auth, Tight
            drain(s);
        };
    }

    static FakeServer.Handler telnet() {
        return s -> {
            write(s, new byte[] {(byte) 0xff, (byte) 0xfd, 0x18, (byte) 0xff, (byte) 0xfd, 0x20,
                    (byte) 0xff, (byte) 0xfd, 0x23, (byte) 0xff, (byte) 0xfd, 0x27});
            drain(s);
        };
    }

    // ------------------------------------------------------------------ HTTP

    static FakeServer.Handler http(String server, String poweredBy) {
        return s -> {
            InputStream in = s.getInputStream();
            String request = readLine(in, 8192);
            if (request == null) return;
            String line;
            int headers = 0;
            while ((line = readLine(in, 8192)) != null && !line.isEmpty() && headers++ < 100) {
                // skip headers
            }
            boolean valid = request.matches("[A-Z]+ \\S+ HTTP/1\\.[01]");
            String body = valid ? "<!DOCTYPE html><html><head><title>Welcome to the test</title></head><body>hello</body></html>\n"
                    : "<html><head><title>400 Bad Request</title></head><body>bad request</body></html>\n";
            StringBuilder resp = new StringBuilder(valid ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 400 Bad Request\r\n");
            resp.append("Server: ").append(server).append("\r\n");
            resp.append("Date: Thu, 27 Nov 2025 10:00:00 GMT\r\nContent-Type: text/html\r\n");
            resp.append("Content-Length: ").append(body.length()).append("\r\n");
            if (poweredBy != null) resp.append("X-Powered-By: ").append(poweredBy).append("\r\n");
            resp.append("Connection: close\r\n\r\n").append(body);
            write(s, resp.toString());
        };
    }

    /**
     * Like nginx with {@code listen … ssl}: a TLS ClientHello gets TLS (then HTTP inside), a plain
     * request gets "400 The plain HTTP request was sent to HTTPS port".
     */
    static FakeServer.Handler httpsWithPlainHttpRefusal(String server) throws Exception {
        javax.net.ssl.SSLSocketFactory tls = FakeServer.serverContext().getSocketFactory();
        FakeServer.Handler inner = http(server, null);
        return s -> {
            int first = s.getInputStream().read();
            if (first < 0) return;
            if (first == 0x16) {
                // hand the byte already read to TLS, the rest of the ClientHello comes from the socket
                java.io.ByteArrayInputStream consumed = new java.io.ByteArrayInputStream(new byte[] {(byte) first});
                SSLSocket ssl = (SSLSocket) tls.createSocket(s, consumed, true);
                ssl.setUseClientMode(false);
                inner.handle(ssl);
                return;
            }
            String body = "<html><head><title>400 The plain HTTP request was sent to HTTPS port</title></head></html>\r\n";
            write(s, "HTTP/1.1 400 Bad Request\r\nServer: " + server + "\r\nContent-Type: text/html\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        };
    }

    // ------------------------------------------------------------------ Redis

    /** RESP (array or inline) commands; like Redis, hangs up on "Host:"/"POST" lines (cross-protocol guard). */
    static FakeServer.Handler redis(String version, boolean requirePass) {
        return s -> {
            InputStream in = s.getInputStream();
            while (true) {
                List<String> args = readRedisCommand(in);
                if (args == null) return;
                if (args.isEmpty()) continue;
                String cmd = args.get(0).toLowerCase(Locale.ROOT);
                if (cmd.equals("host:") || cmd.equals("post")) return; // "Possible SECURITY ATTACK detected"
                if (requirePass && !cmd.equals("auth")) {
                    write(s, "-NOAUTH Authentication required.\r\n");
                    continue;
                }
                switch (cmd) {
                    case "ping" -> write(s, "+PONG\r\n");
                    case "info" -> {
                        String info = "# Server\r\nredis_version:" + version + "\r\nredis_git_sha1:00000000\r\nredis_mode:standalone\r\n"
                                + "os:Linux 6.1.0-13-amd64 x86_64\r\narch_bits:64\r\ntcp_port:6379\r\n";
                        write(s, "$" + info.length() + "\r\n" + info + "\r\n");
                    }
                    case "get" -> write(s, args.size() != 2 ? "-ERR wrong number of arguments for 'get' command\r\n" : "$-1\r\n");
                    default -> write(s, "-ERR unknown command '" + args.get(0) + "', with args beginning with: \r\n");
                }
            }
        };
    }

    private static List<String> readRedisCommand(InputStream in) throws IOException {
        String line = readLine(in, 64 * 1024);
        if (line == null) return null;
        List<String> args = new ArrayList<>();
        if (line.startsWith("*")) {
            int n = Integer.parseInt(line.substring(1));
            if (n < 0 || n > 1024) throw new IOException("Protocol error: invalid multibulk length");
            for (int i = 0; i < n; i++) {
                String h = readLine(in, 64);
                if (h == null || !h.startsWith("$")) throw new IOException("Protocol error: expected '$'");
                int len = Integer.parseInt(h.substring(1));
                if (len < 0 || len > 1 << 20) throw new IOException("Protocol error: invalid bulk length");
                byte[] b = new byte[len + 2];
                new DataInputStream(in).readFully(b);
                args.add(new String(b, 0, len, StandardCharsets.ISO_8859_1));
            }
        } else {
            for (String a : line.trim().split("\\s+")) if (!a.isEmpty()) args.add(a);
        }
        return args;
    }

    // ------------------------------------------------------------------ Memcached

    static FakeServer.Handler memcached(String version) {
        return s -> {
            String line;
            while ((line = readLine(s.getInputStream(), 2048)) != null) {
                String cmd = line.split(" ", 2)[0];
                switch (cmd) {
                    case "version" -> write(s, "VERSION " + version + "\r\n");
                    case "quit" -> {
                        return;
                    }
                    default -> write(s, "ERROR\r\n");
                }
            }
        };
    }

    // ------------------------------------------------------------------ PostgreSQL

    /** Startup phase of the v3 protocol: SSLRequest → 'S'/'N', StartupMessage → MD5 auth request. */
    static FakeServer.Handler postgres(boolean offerSsl) {
        return s -> {
            DataInputStream in = new DataInputStream(s.getInputStream());
            while (true) {
                int len = in.readInt();
                if (len < 8 || len > 10_000) return; // "invalid length of startup packet": hang up, say nothing
                byte[] body = new byte[len - 4];
                in.readFully(body);
                int code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
                if (code == 80877103) {
                    write(s, offerSsl ? "S" : "N");
                    if (offerSsl) return; // would start TLS here
                    continue;
                }
                if (code == 196608) {
                    write(s, new byte[] {'R', 0, 0, 0, 12, 0, 0, 0, 5, 1, 2, 3, 4}); // AuthenticationMD5Password
                    in.readByte();
                    return;
                }
                byte[] msg = "SFATAL\0VFATAL\0C0A000\0Munsupported frontend protocol\0\0".getBytes(StandardCharsets.US_ASCII);
                byte[] e = new byte[5 + msg.length];
                e[0] = 'E';
                e[4] = (byte) (4 + msg.length);
                System.arraycopy(msg, 0, e, 5, msg.length);
                write(s, e);
                return;
            }
        };
    }

    // ------------------------------------------------------------------ MongoDB

    /**
     * MongoDB 7 wire behaviour: OP_QUERY only for the isMaster/hello handshake, OP_MSG for all
     * commands, hang up on a message whose length is out of range.
     */
    static FakeServer.Handler mongodb(String version) {
        return s -> {
            DataInputStream in = new DataInputStream(s.getInputStream());
            while (true) {
                byte[] head = new byte[16];
                in.readFully(head);
                int len = le(head, 0);
                if (len < 16 || len > 48_000_000) return;
                if (len > 1 << 20) return;
                byte[] body = new byte[len - 16];
                in.readFully(body);
                int reqId = le(head, 4);
                int op = le(head, 12);
                if (op == 2004) {
                    int p = 4;
                    while (body[p] != 0) p++;
                    p += 1 + 8;
                    String cmd = firstKey(body, p);
                    byte[] doc = cmd.equalsIgnoreCase("isMaster") || cmd.equals("hello")
                            ? Bson.doc("ismaster", true, "maxBsonObjectSize", 16777216, "maxWireVersion", 21, "minWireVersion", 0, "ok", 1.0)
                            : Bson.doc("ok", 0.0, "errmsg", "Unsupported OP_QUERY command: " + cmd + ". The client driver may require an upgrade.", "code", 352);
                    write(s, reply(reqId, 1, concat(new byte[20], doc)));
                } else if (op == 2013) {
                    String cmd = firstKey(body, 5);
                    byte[] doc = cmd.equals("buildInfo")
                            ? Bson.doc("version", version, "gitVersion", "abc", "maxBsonObjectSize", 16777216, "ok", 1.0)
                            : Bson.doc("ok", 0.0, "errmsg", "no such command: '" + cmd + "'", "code", 59);
                    write(s, reply(reqId, 2013, concat(new byte[5], doc)));
                } else {
                    return;
                }
            }
        };
    }

    private static int le(byte[] d, int i) {
        return (d[i] & 0xff) | ((d[i + 1] & 0xff) << 8) | ((d[i + 2] & 0xff) << 16) | ((d[i + 3] & 0xff) << 24);
    }

    private static String firstKey(byte[] d, int docStart) {
        int p = docStart + 5;
        int z = p;
        while (d[z] != 0) z++;
        return new String(d, p, z - p, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] reply(int responseTo, int op, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Bson.int32(out, 16 + body.length);
        Bson.int32(out, 777);
        Bson.int32(out, responseTo);
        Bson.int32(out, op);
        out.writeBytes(body);
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ RDP

    static FakeServer.Handler rdp() {
        return s -> {
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] tpkt = new byte[4];
            in.readFully(tpkt);
            if (tpkt[0] != 3 || tpkt[1] != 0) return;
            int len = ((tpkt[2] & 0xff) << 8) | (tpkt[3] & 0xff);
            if (len < 7 || len > 4096) return;
            byte[] x224 = new byte[len - 4];
            in.readFully(x224);
            if ((x224[1] & 0xf0) != 0xe0) return;
            write(s, new byte[] {0x03, 0x00, 0x00, 0x13, 0x0e, (byte) 0xd0, 0x00, 0x00, 0x12, 0x34, 0x00,
                    0x02, 0x1f, 0x08, 0x00, 0x02, 0x00, 0x00, 0x00});
            drain(s);
        };
    }

    // ------------------------------------------------------------------ DNS

    /** DNS over TCP: answers version.bind CH TXT, REFUSED for anything else. Waits for whole messages. */
    static FakeServer.Handler dns(String versionBind) {
        return s -> {
            DataInputStream in = new DataInputStream(s.getInputStream());
            while (true) {
                int len = in.readUnsignedShort();
                byte[] q = new byte[len];
                in.readFully(q);
                if (len < 12) return;
                int p = 12;
                StringBuilder name = new StringBuilder();
                while (p < len && q[p] != 0) {
                    int l = q[p] & 0xff;
                    if (name.length() > 0) name.append('.');
                    name.append(new String(q, p + 1, Math.min(l, len - p - 1), StandardCharsets.US_ASCII));
                    p += 1 + l;
                }
                p++;
                int qtype = ((q[p] & 0xff) << 8) | (q[p + 1] & 0xff);
                int qclass = ((q[p + 2] & 0xff) << 8) | (q[p + 3] & 0xff);
                int qEnd = p + 4;
                ByteArrayOutputStream r = new ByteArrayOutputStream();
                r.write(q[0]);
                r.write(q[1]);
                boolean answer = name.toString().equalsIgnoreCase("version.bind") && qtype == 16 && qclass == 3 && versionBind != null;
                r.write(0x84);
                r.write(answer ? 0x00 : 0x05); // NOERROR or REFUSED
                r.writeBytes(new byte[] {0, 1, 0, (byte) (answer ? 1 : 0), 0, 0, 0, 0});
                r.write(q, 12, qEnd - 12);
                if (answer) {
                    byte[] txt = versionBind.getBytes(StandardCharsets.US_ASCII);
                    r.writeBytes(new byte[] {(byte) 0xc0, 0x0c, 0, 16, 0, 3, 0, 0, 0, 0, 0, (byte) (txt.length + 1), (byte) txt.length});
                    r.writeBytes(txt);
                }
                byte[] resp = r.toByteArray();
                byte[] framed = new byte[2 + resp.length];
                framed[0] = (byte) (resp.length >> 8);
                framed[1] = (byte) resp.length;
                System.arraycopy(resp, 0, framed, 2, resp.length);
                write(s, framed);
            }
        };
    }

    // ------------------------------------------------------------------ hostile listeners

    /** Accepts and never says a word. */
    static FakeServer.Handler silent() {
        return Protocols::drain;
    }

    /** Streams bytes as fast as the client takes them, until it goes away (at most 64 MiB). */
    static FakeServer.Handler flood() {
        return s -> {
            byte[] chunk = new byte[4096];
            for (int i = 0; i < chunk.length; i++) chunk[i] = (byte) (i * 31 + 7);
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 16 * 1024; i++) out.write(chunk);
        };
    }

    /** Says one byte per second (at most 30). */
    static FakeServer.Handler drip() {
        return s -> {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 30; i++) {
                out.write('A' + (i % 26));
                out.flush();
                Thread.sleep(1000);
            }
        };
    }

    static byte[] readN(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) throw new EOFException();
            off += r;
        }
        return b;
    }

    static boolean isTls(Socket s) {
        return s instanceof SSLSocket;
    }
}
