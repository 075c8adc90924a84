package org.watchpost.engine.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.watchpost.engine.tls.AcceptAnyCertificate;

/**
 * A small, bounded HTTP/1.1 client: one request per connection ("Connection: close"),
 * no redirects followed, head and body size capped, every read under the context's
 * timeout. TLS through a trust-all JDK socket (certificates are judged by the TLS check).
 */
final class MiniHttp {
    static final int MAX_HEAD = 32 * 1024;
    static final int MAX_BODY = 256 * 1024;

    private MiniHttp() {
    }

    /** A parsed response; header names are kept as sent, looked up case-insensitively. */
    record Response(int status, String statusLine, List<Map.Entry<String, String>> headers, byte[] body, boolean truncated) {
        String header(String name) {
            for (Map.Entry<String, String> e : headers) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
            return null;
        }

        List<String> headers(String name) {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, String> e : headers) if (e.getKey().equalsIgnoreCase(name)) out.add(e.getValue());
            return out;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Status line and headers as received, for evidence. */
        String head() {
            StringBuilder sb = new StringBuilder(statusLine);
            for (Map.Entry<String, String> e : headers) sb.append('\n').append(e.getKey()).append(": ").append(e.getValue());
            return sb.toString();
        }
    }

    /** Opens a plain or TLS connection to the service. */
    static Socket open(CheckContext ctx, String address, int port, boolean tls, String hostName) throws IOException {
        Socket plain = ctx.connect(address, port);
        if (!tls) return plain;
        try {
            SSLSocket ssl = (SSLSocket) AcceptAnyCertificate.newSocketFactory().createSocket(plain, hostName != null ? hostName : address, port, true);
            ssl.setSoTimeout(ctx.readTimeoutMs());
            if (hostName != null && !Io.isIpLiteral(hostName)) {
                SSLParameters p = ssl.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(hostName)));
                ssl.setSSLParameters(p);
            }
            ssl.startHandshake();
            return ssl;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /**
     * Sends one request and reads the response.
     *
     * @param hostHeader value of the Host header
     * @param extra      extra request headers, may be empty
     */
    static Response request(CheckContext ctx, String address, int port, boolean tls, String hostName, String hostHeader,
                            String method, String path, Map<String, String> extra) throws IOException {
        try (Socket s = open(ctx, address, port, tls, hostName)) {
            StringBuilder req = new StringBuilder();
            req.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            req.append("Host: ").append(hostHeader).append("\r\n");
            req.append("User-Agent: Watchpost/1.0 (security check)\r\n");
            req.append("Accept: */*\r\n");
            for (Map.Entry<String, String> e : extra.entrySet()) req.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
            req.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(s.getInputStream(), method.equals("HEAD"), ctx);
        }
    }

    static Response read(InputStream in, boolean head, CheckContext ctx) throws IOException {
        String status = Io.readLine(in, 8192);
        if (status == null) throw new IOException("connection closed before an HTTP status line");
        if (!status.startsWith("HTTP/")) throw new IOException("not an HTTP response: " + Io.printable(status, 80));
        String[] parts = status.split(" ", 3);
        int code;
        try {
            code = Integer.parseInt(parts.length > 1 ? parts[1].trim() : "");
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status line: " + Io.printable(status, 80));
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int headSize = status.length();
        for (int i = 0; i < 200; i++) {
            String l = Io.readLine(in, 8192);
            if (l == null || l.isEmpty()) break;
            headSize += l.length();
            if (headSize > MAX_HEAD) throw new IOException("HTTP response head larger than " + MAX_HEAD + " bytes");
            int c = l.indexOf(':');
            if (c > 0) headers.add(Map.entry(l.substring(0, c).trim(), l.substring(c + 1).trim()));
        }
        Response proto = new Response(code, status, headers, new byte[0], false);
        if (head || code / 100 == 1 || code == 204 || code == 304) return proto;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean truncated = false;
        String te = proto.header("Transfer-Encoding");
        String cl = proto.header("Content-Length");
        try {
            if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
                for (int i = 0; i < 10_000; i++) {
                    ctx.ensureActive();
                    String sizeLine = Io.readLine(in, 1024);
                    if (sizeLine == null) break;
                    int semi = sizeLine.indexOf(';');
                    int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                    if (size == 0) break;
                    if (body.size() + size > MAX_BODY) {
                        truncated = true;
                        copy(in, body, MAX_BODY - body.size());
                        break;
                    }
                    body.write(Io.readExactly(in, size));
                    Io.readLine(in, 16);
                }
            } else if (cl != null) {
                long n = Long.parseLong(cl.trim());
                if (n > MAX_BODY) truncated = true;
                copy(in, body, (int) Math.min(n, MAX_BODY));
            } else {
                truncated = copy(in, body, MAX_BODY);
            }
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP body framing: " + e.getMessage());
        } catch (java.net.SocketTimeoutException e) {
            if (body.size() == 0) throw e;
            truncated = true;
        }
        return new Response(code, status, headers, body.toByteArray(), truncated);
    }

    /** Copies up to max bytes; returns true if the stream still had more. */
    private static boolean copy(InputStream in, ByteArrayOutputStream out, int max) throws IOException {
        byte[] buf = new byte[8192];
        while (out.size() < max) {
            int r = in.read(buf, 0, Math.min(buf.length, max - out.size()));
            if (r < 0) return false;
            out.write(buf, 0, r);
        }
        return true;
    }
}
