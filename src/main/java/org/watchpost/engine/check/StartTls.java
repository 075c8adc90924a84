package org.watchpost.engine.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Locale;
import org.watchpost.engine.model.ServiceInfo;

/**
 * Plain-text upgrade to TLS for SMTP (RFC 3207), IMAP (RFC 3501), POP3 (RFC 2595) and FTP
 * (RFC 4217). {@link #open} returns a socket positioned right where the TLS ClientHello goes.
 */
enum StartTls {
    NONE, SMTP, IMAP, POP3, FTP;

    /** The STARTTLS dialect for a cleartext service, or NONE. */
    static StartTls forService(ServiceInfo s) {
        if (s.tls()) return NONE;
        String n = s.service() == null ? "" : s.service().toLowerCase(Locale.ROOT);
        if (n.equals("smtp") || n.equals("submission") || (n.equals("unknown") && (s.port() == 25 || s.port() == 587))) return SMTP;
        if (n.equals("imap") || (n.equals("unknown") && s.port() == 143)) return IMAP;
        if (n.equals("pop3") || (n.equals("unknown") && s.port() == 110)) return POP3;
        if (n.equals("ftp") || (n.equals("unknown") && s.port() == 21)) return FTP;
        return NONE;
    }

    /** Thrown when the server does not offer the upgrade: the TLS checks then say nothing. */
    static final class NotOffered extends IOException {
        NotOffered(String m) {
            super(m);
        }
    }

    /** Connects and performs the upgrade dialogue (or nothing for NONE). */
    Socket open(CheckContext ctx, String address, int port) throws IOException {
        Socket s = ctx.connect(address, port);
        try {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            switch (this) {
                case NONE -> {
                }
                case SMTP -> {
                    expect(reply(in), "220", "SMTP greeting");
                    Io.writeAscii(out, "EHLO watchpost.invalid\r\n");
                    String caps = reply(in);
                    expect(caps, "250", "EHLO");
                    if (!caps.toUpperCase(Locale.ROOT).contains("STARTTLS")) throw new NotOffered("SMTP server does not offer STARTTLS");
                    Io.writeAscii(out, "STARTTLS\r\n");
                    expect(reply(in), "220", "STARTTLS");
                }
                case FTP -> {
                    expect(reply(in), "220", "FTP greeting");
                    Io.writeAscii(out, "AUTH TLS\r\n");
                    String r = reply(in);
                    if (!r.startsWith("234")) throw new NotOffered("FTP server refused AUTH TLS: " + Io.printable(r, 80));
                }
                case IMAP -> {
                    String g = Io.readLine(in, 4096);
                    if (g == null || !g.startsWith("* ")) throw new IOException("no IMAP greeting");
                    Io.writeAscii(out, "a1 CAPABILITY\r\n");
                    StringBuilder caps = new StringBuilder();
                    for (int i = 0; i < 50; i++) {
                        String l = Io.readLine(in, 8192);
                        if (l == null) throw new IOException("IMAP closed during CAPABILITY");
                        caps.append(l).append('\n');
                        if (l.startsWith("a1 ")) break;
                    }
                    if (!caps.toString().toUpperCase(Locale.ROOT).contains("STARTTLS")) throw new NotOffered("IMAP server does not offer STARTTLS");
                    Io.writeAscii(out, "a2 STARTTLS\r\n");
                    for (int i = 0; i < 20; i++) {
                        String l = Io.readLine(in, 4096);
                        if (l == null) throw new IOException("IMAP closed during STARTTLS");
                        if (l.startsWith("a2 ")) {
                            if (!l.startsWith("a2 OK")) throw new NotOffered("IMAP STARTTLS refused: " + Io.printable(l, 80));
                            break;
                        }
                    }
                }
                case POP3 -> {
                    String g = Io.readLine(in, 4096);
                    if (g == null || !g.startsWith("+OK")) throw new IOException("no POP3 greeting");
                    Io.writeAscii(out, "STLS\r\n");
                    String r = Io.readLine(in, 4096);
                    if (r == null || !r.startsWith("+OK")) throw new NotOffered("POP3 server refused STLS");
                }
            }
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static void expect(String reply, String code, String what) throws IOException {
        if (!reply.startsWith(code)) throw new IOException("unexpected answer to " + what + ": " + Io.printable(reply, 120));
    }

    /** Reads a (possibly multi-line, "250-…") SMTP/FTP reply; returns all lines joined by \n. */
    static String reply(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String l = Io.readLine(in, 4096);
            if (l == null) throw new IOException("connection closed while reading a reply");
            sb.append(l).append('\n');
            if (l.length() >= 3 && (l.length() == 3 || l.charAt(3) == ' ') && Character.isDigit(l.charAt(0))) break;
        }
        return sb.toString();
    }
}
