package org.watchpost.engine.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure functions from received bytes to what they identify. Every parser works on untrusted
 * input: it checks bounds itself, takes no length from the peer without clipping it to what
 * was received, and returns null (never throws) on anything it does not recognise.
 */
final class Recognizers {
    private Recognizers() {
    }

    // ------------------------------------------------------------------ generic

    /**
     * Recognises anything a server may say on its own or in answer to any probe. Returns null
     * if nothing is recognised, and also for a bare {@code 220} greeting that could be FTP or
     * SMTP (see {@link #ftpOrSmtp}).
     */
    static Ident generic(byte[] d, int n) {
        if (n <= 0) return null;
        try {
            if (Bytes.startsWith(d, n, "SSH-")) return ssh(Bytes.firstLine(d, n, 255));
            if (Bytes.startsWith(d, n, "HTTP/1.") || Bytes.startsWith(d, n, "HTTP/2") || Bytes.startsWith(d, n, "HTTP/0.9")) return http(d, n);
            Ident id = mysql(d, n);
            if (id != null) return id;
            if (Bytes.startsWith(d, n, "RFB ")) return vnc(d, n);
            if (telnet(d, n)) return Ident.of("telnet");
            String line = Bytes.firstLine(d, n, 512);
            if (line.startsWith("+OK")) return pop3(line);
            if (line.startsWith("* OK") || line.startsWith("* PREAUTH")) return imap(line);
            if (line.startsWith("220")) return ftpOrSmtp(line, null);
            // vsftpd refusing to start a session because of its configuration
            if (line.startsWith("500 OOPS: ")) return new Ident("ftp", "vsftpd", null, "error: " + clip(line.substring(10), 160));
            // "-ERR" alone (Redis answering our HTTP GET) only suggests the Redis probe, which learns the version
            if (line.startsWith("+PONG") || line.startsWith("-NOAUTH") || line.startsWith("-DENIED Redis")) return redis(d, n);
            if (line.startsWith("VERSION ") && line.length() > 8 && Character.isDigit(line.charAt(8))) return memcached(line);
            if (line.startsWith("421") || line.startsWith("554")) {
                // service refusing us: SMTP says so in its own words, FTP too
                Ident refused = ftpOrSmtp(line, null);
                if (refused != null) return refused;
            }
        } catch (RuntimeException e) {
            return null; // a parser slip on hostile input must not end the identification
        }
        return null;
    }

    /** A TLS record header: alert or handshake, SSL 3.0 to TLS 1.3 record version. */
    static boolean looksLikeTls(byte[] d, int n) {
        return n >= 5 && (d[0] == 0x15 || d[0] == 0x16) && d[1] == 3 && (d[2] & 0xff) <= 4;
    }

    // ------------------------------------------------------------------ SSH

    private static final Pattern SSH = Pattern.compile("SSH-(\\d+\\.\\d+)-([^ \\r\\n]*)(?: (.*))?");
    private static final Pattern SOFT = Pattern.compile("([A-Za-z][A-Za-z0-9.+]*?)[_/-]v?(\\d[\\w.+~-]*)");

    /** {@code SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5} → OpenSSH, 8.2p1, "Ubuntu-4ubuntu0.5". */
    static Ident ssh(String line) {
        Matcher m = SSH.matcher(line.strip());
        if (!m.matches()) return Ident.of("ssh");
        String software = m.group(2);
        String comments = m.group(3) == null || m.group(3).isBlank() ? null : m.group(3).strip();
        String product = null;
        String version = null;
        Matcher s = SOFT.matcher(software);
        if (s.matches()) {
            product = s.group(1);
            version = s.group(2);
        } else if (!software.isEmpty()) {
            product = software;
        }
        if (product != null) {
            String low = product.toLowerCase(Locale.ROOT);
            product = switch (low) {
                case "openssh" -> "OpenSSH";
                case "dropbear" -> "Dropbear sshd";
                case "libssh" -> "libssh";
                default -> product;
            };
        }
        return new Ident("ssh", product, version, comments);
    }

    // ------------------------------------------------------------------ HTTP

    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

    /** Parses an HTTP response head (and title if the body start is there). */
    static Ident http(byte[] d, int n) {
        String text = Bytes.ascii(d, 0, n);
        int headEnd = text.indexOf("\r\n\r\n");
        int sepLen = 4;
        if (headEnd < 0) {
            headEnd = text.indexOf("\n\n");
            sepLen = 2;
        }
        String head = headEnd < 0 ? text : text.substring(0, headEnd);
        String body = headEnd < 0 ? "" : text.substring(headEnd + sepLen);
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r?\n", 201);
        for (int i = 1; i < lines.length && i < 200; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) continue;
            headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        Ident id = new Ident("http", null, null, null);
        String server = headers.get("server");
        if (server != null && !server.isEmpty()) id = serverHeader(server);
        String powered = headers.get("x-powered-by");
        if (powered != null && !powered.isEmpty()) id = id.addExtra("X-Powered-By: " + clip(powered, 120));
        if (id.product() == null && server == null) {
            String jenkins = headers.get("x-jenkins");
            if (jenkins != null) id = new Ident("http", "Jenkins", jenkins, id.extra());
        }
        Matcher t = TITLE.matcher(body.length() > 8192 ? body.substring(0, 8192) : body);
        if (t.find()) {
            String title = t.group(1).replaceAll("\\s+", " ").strip();
            if (!title.isEmpty()) id = id.addExtra("title: " + clip(title, 120));
        }
        return id;
    }

    /** True if an HTTP answer says the port wants TLS (nginx and others answer plain requests so). */
    static boolean httpWantsTls(byte[] d, int n) {
        String text = Bytes.ascii(d, 0, Math.min(n, 8192)).toLowerCase(Locale.ROOT);
        return text.contains("plain http request was sent to https port")
                || text.contains("speaking plain http to an ssl-enabled server")
                || text.contains("this combination of host and port requires tls");
    }

    private static final Pattern SERVER_TOKEN = Pattern.compile("([^/\\s(]+)(?:/([^\\s(]+))?\\s*(.*)");
    private static final Pattern JETTY = Pattern.compile("Jetty\\(([^)]*)\\)\\s*(.*)");

    /** {@code nginx/1.18.0 (Ubuntu)} → nginx 1.18.0, extra "Ubuntu"; {@code Apache/2.4.49 (Unix)} → Apache httpd 2.4.49. */
    static Ident serverHeader(String server) {
        server = clip(server.strip(), 200);
        Matcher j = JETTY.matcher(server);
        if (j.matches()) {
            String v = j.group(1);
            return new Ident("http", "Jetty", v.isEmpty() ? null : v, blankToNull(j.group(2)));
        }
        Matcher m = SERVER_TOKEN.matcher(server);
        if (!m.matches()) return new Ident("http", null, null, "Server: " + server);
        String name = m.group(1);
        String version = m.group(2);
        String rest = m.group(3).strip();
        if (version != null && (version.isEmpty() || !Character.isDigit(version.charAt(0)))) version = null;
        String product = switch (name.toLowerCase(Locale.ROOT)) {
            case "apache" -> "Apache httpd";
            case "nginx" -> "nginx";
            case "microsoft-iis" -> "Microsoft IIS httpd";
            case "lighttpd" -> "lighttpd";
            case "openresty" -> "OpenResty";
            case "caddy" -> "Caddy";
            case "miniserv" -> "MiniServ";
            case "apache-coyote" -> "Apache Tomcat/Coyote JSP engine";
            default -> name;
        };
        String extra = null;
        if (!rest.isEmpty()) {
            // a lone "(Ubuntu)" comment reads best bare; anything more is kept as announced
            extra = rest.matches("\\([^()]*\\)") ? rest.substring(1, rest.length() - 1) : rest;
        }
        return new Ident("http", product, version, blankToNull(extra));
    }

    /** Completion test for an HTTP answer: head read and either the body by Content-Length, a title, or 4 KiB of body. */
    static boolean httpComplete(byte[] d, int n) {
        // not HTTP at all (Redis, Memcached, a late greeting): the first line is enough to decide
        if (n >= 5 && !Bytes.startsWith(d, n, "HTTP/") && Bytes.indexOf(d, n, LF, 0) >= 0) return true;
        int end = Bytes.indexOf(d, n, CRLFCRLF, 0);
        if (end < 0) return false;
        int bodyStart = end + 4;
        String head = Bytes.ascii(d, 0, end).toLowerCase(Locale.ROOT);
        int cl = head.indexOf("\ncontent-length:");
        if (cl >= 0) {
            int eol = head.indexOf('\n', cl + 1);
            String v = head.substring(cl + 16, eol < 0 ? head.length() : eol).strip();
            try {
                long len = Long.parseLong(v);
                if (len >= 0 && n - bodyStart >= Math.min(len, 4096)) return true;
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        if (n - bodyStart >= 4096) return true;
        String body = Bytes.ascii(d, bodyStart, n).toLowerCase(Locale.ROOT);
        return body.contains("</title>");
    }

    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
    private static final byte[] LF = {'\n'};

    // ------------------------------------------------------------------ FTP / SMTP / POP3 / IMAP

    private static final Pattern VSFTPD = Pattern.compile("(?i)\\(vsFTPd ([\\d.]+\\w*)\\)");
    private static final Pattern PROFTPD = Pattern.compile("ProFTPD (\\d[\\w.]*)");
    private static final Pattern FILEZILLA = Pattern.compile("FileZilla Server(?: version)? (\\d[\\w.]*(?: beta)?)");
    private static final Pattern EXIM = Pattern.compile("Exim (\\d[\\w.]*)");
    private static final Pattern SENDMAIL = Pattern.compile("Sendmail ([\\d.]+\\w*)");

    /**
     * Tells FTP from SMTP by the words of a 220/421/554 greeting; null if the words do not
     * say (the caller may then ask with EHLO). {@code ehloReply} may carry the answer to EHLO.
     */
    static Ident ftpOrSmtp(String greeting, String ehloReply) {
        String g = greeting;
        String low = g.toLowerCase(Locale.ROOT);
        Matcher m;
        if ((m = VSFTPD.matcher(g)).find()) return new Ident("ftp", "vsftpd", m.group(1), null);
        if ((m = PROFTPD.matcher(g)).find()) return new Ident("ftp", "ProFTPD", m.group(1), null);
        if (low.contains("pure-ftpd")) return new Ident("ftp", "Pure-FTPd", null, null);
        if ((m = FILEZILLA.matcher(g)).find()) return new Ident("ftp", "FileZilla Server", m.group(1), null);
        if (low.contains("microsoft ftp service")) return new Ident("ftp", "Microsoft ftpd", null, null);
        if ((m = EXIM.matcher(g)).find()) return new Ident("smtp", "Exim smtpd", m.group(1), null);
        if (low.contains("postfix")) return new Ident("smtp", "Postfix smtpd", null, null);
        if ((m = SENDMAIL.matcher(g)).find()) return new Ident("smtp", "Sendmail", m.group(1), null);
        if (low.contains("opensmtpd")) return new Ident("smtp", "OpenSMTPD", null, null);
        if (low.contains("microsoft esmtp")) return new Ident("smtp", "Microsoft ESMTP", null, null);
        if (low.contains("smtp") || low.contains(" mail ")) return Ident.of("smtp");
        if (low.contains("ftp")) return Ident.of("ftp");
        if (ehloReply != null) {
            if (ehloReply.startsWith("250")) return Ident.of("smtp");
            if (ehloReply.matches("(?s)5\\d\\d.*")) return Ident.of("ftp");
        }
        return null;
    }

    static Ident pop3(String line) {
        String low = line.toLowerCase(Locale.ROOT);
        if (low.contains("dovecot")) return new Ident("pop3", "Dovecot pop3d", null, null);
        if (low.contains("courier")) return new Ident("pop3", "Courier pop3d", null, null);
        return Ident.of("pop3");
    }

    private static final Pattern CYRUS = Pattern.compile("Cyrus IMAP(?:4)? v?(\\d[\\w.-]*)");

    static Ident imap(String line) {
        String low = line.toLowerCase(Locale.ROOT);
        if (low.contains("dovecot")) return new Ident("imap", "Dovecot imapd", null, null);
        if (low.contains("courier-imap")) return new Ident("imap", "Courier Imapd", null, null);
        Matcher m = CYRUS.matcher(line);
        if (m.find()) return new Ident("imap", "Cyrus imapd", m.group(1), null);
        return Ident.of("imap");
    }

    /** SMTP EHLO answer complete: a line "250 " (no dash) or any final non-250 line. */
    static boolean smtpReplyComplete(byte[] d, int n) {
        if (n < 4 || d[n - 1] != '\n') return false;
        String text = Bytes.ascii(d, 0, n);
        String[] lines = text.split("\r?\n");
        String last = lines[lines.length - 1];
        return last.length() >= 4 && Character.isDigit(last.charAt(0)) && last.charAt(3) == ' '
                || last.length() == 3 && Character.isDigit(last.charAt(0));
    }

    /** EHLO answered after earlier probe lines: done once a final "250 " line has arrived. */
    static boolean smtpEhloDone(byte[] d, int n) {
        if (n < 4 || d[n - 1] != '\n') return false;
        for (String l : Bytes.ascii(d, 0, n).split("\r?\n")) if (l.startsWith("250 ")) return true;
        return false;
    }

    /** The line that says how EHLO was taken: the first 250 line if any (SMTP), else the last reply line. */
    static String ehloVerdictLine(String reply) {
        String[] lines = reply.split("\r?\n");
        for (String l : lines) if (l.startsWith("250")) return l;
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }

    // ------------------------------------------------------------------ MySQL / MariaDB

    private static final Pattern MARIADB = Pattern.compile("(?:5\\.5\\.5-)?(\\d+\\.\\d+\\.\\d+)-MariaDB(?:-(.*))?");
    private static final Pattern MYSQL_VERSION = Pattern.compile("(\\d+\\.\\d+\\.\\d+)(?:-(.*))?");

    /** MySQL protocol 10 handshake, or an error packet naming MySQL/MariaDB (host not allowed). */
    static Ident mysql(byte[] d, int n) {
        if (n < 7) return null;
        int payload = Bytes.u24le(d, 0);
        int seq = Bytes.u8(d, 3);
        if (seq != 0 || payload < 3 || payload > 0x10000) return null;
        int proto = Bytes.u8(d, 4);
        int avail = Math.min(n, 4 + payload);
        if (proto == 10 || proto == 9) {
            int end = 5;
            while (end < avail && d[end] != 0 && end - 5 < 80) end++;
            if (end >= avail || d[end] != 0 || end == 5) return null;
            String v = Bytes.ascii(d, 5, end);
            if (!Bytes.printable(v) || !Character.isDigit(v.charAt(0))) return null;
            Matcher m = MARIADB.matcher(v);
            if (m.matches()) return new Ident("mysql", "MariaDB", m.group(1), blankToNull(m.group(2)));
            m = MYSQL_VERSION.matcher(v);
            if (m.matches()) return new Ident("mysql", "MySQL", m.group(1), blankToNull(m.group(2)));
            return new Ident("mysql", "MySQL", v, null);
        }
        if (proto == 0xff && avail >= 9) {
            String msg = Bytes.ascii(d, 7, avail);
            if (msg.startsWith("#") && msg.length() > 6) msg = msg.substring(6);
            if (!Bytes.printable(msg)) return null;
            String low = msg.toLowerCase(Locale.ROOT);
            if (low.contains("mariadb")) return new Ident("mysql", "MariaDB", null, "error: " + clip(msg, 160));
            if (low.contains("mysql") || low.startsWith("host '") || low.contains("too many connections"))
                return new Ident("mysql", "MySQL", null, "error: " + clip(msg, 160));
        }
        return null;
    }

    /** The MySQL packet that starts the buffer has been read whole. */
    static boolean mysqlPacketComplete(byte[] d, int n) {
        if (n < 4) return false;
        int payload = Bytes.u24le(d, 0);
        return d[3] == 0 && payload > 0 && payload <= 0x10000 && n >= 4 + payload;
    }

    // ------------------------------------------------------------------ VNC / Telnet

    private static final Pattern RFB = Pattern.compile("RFB (\\d{3})\\.(\\d{3})");

    static Ident vnc(byte[] d, int n) {
        Matcher m = RFB.matcher(Bytes.firstLine(d, n, 32));
        if (!m.lookingAt()) return null;
        return new Ident("vnc", null, null, "protocol " + Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2)));
    }

    /** Telnet option negotiation: IAC (0xFF) then WILL/WONT/DO/DONT or SB. */
    static boolean telnet(byte[] d, int n) {
        return n >= 3 && (d[0] & 0xff) == 0xff && (d[1] & 0xff) >= 0xfa && (d[1] & 0xff) <= 0xfe;
    }

    // ------------------------------------------------------------------ Redis / Memcached

    /** Answers to PING + INFO server (either may be missing); the INFO text gives redis_version. */
    static Ident redis(byte[] d, int n) {
        String text = Bytes.ascii(d, 0, n);
        if (!(text.startsWith("+PONG") || text.startsWith("-NOAUTH") || text.startsWith("-DENIED")
                || text.startsWith("-ERR") || text.startsWith("$") || text.startsWith("-WRONGPASS"))) return null;
        String version = field(text, "redis_version:");
        String mode = field(text, "redis_mode:");
        String os = field(text, "os:");
        if (version != null || text.startsWith("+PONG") || text.startsWith("-NOAUTH") || text.startsWith("-DENIED Redis")
                || text.startsWith("-ERR wrong number of arguments for 'get'")) {
            Ident id = new Ident("redis", "Redis", version, null);
            if (mode != null) id = id.addExtra("mode: " + mode);
            if (os != null) id = id.addExtra("os: " + os);
            if (text.startsWith("-NOAUTH")) id = id.addExtra("authentication required");
            if (text.startsWith("-DENIED")) id = id.addExtra("protected mode");
            return id;
        }
        return null;
    }

    private static String field(String text, String key) {
        int i;
        if (text.startsWith(key)) {
            i = 0;
        } else {
            int j = text.indexOf("\n" + key);
            if (j < 0) return null;
            i = j + 1;
        }
        int start = i + key.length();
        int end = start;
        while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n' && end - start < 100) end++;
        String v = text.substring(start, end).strip();
        return v.isEmpty() || !Bytes.printable(v) ? null : v;
    }

    /** Count of complete RESP replies (simple, error, integer, bulk) at the start of the buffer. */
    static int respReplies(byte[] d, int n) {
        int i = 0;
        int count = 0;
        while (i < n && count < 8) {
            int eol = Bytes.indexOf(d, n, CRLF, i);
            if (eol < 0) return count;
            char t = (char) d[i];
            if (t == '+' || t == '-' || t == ':') {
                i = eol + 2;
            } else if (t == '$') {
                long len;
                try {
                    len = Long.parseLong(Bytes.ascii(d, i + 1, eol));
                } catch (NumberFormatException e) {
                    return count;
                }
                if (len < 0) {
                    i = eol + 2;
                } else {
                    long end = eol + 2 + len + 2;
                    if (end > n) return count;
                    i = (int) end;
                }
            } else {
                return count;
            }
            count++;
        }
        return count;
    }

    private static final byte[] CRLF = {'\r', '\n'};

    static Ident memcached(String line) {
        if (!line.startsWith("VERSION ")) return null;
        String v = line.substring(8).strip();
        if (v.isEmpty() || !Bytes.printable(v) || !Character.isDigit(v.charAt(0))) return Ident.of("memcached");
        return new Ident("memcached", "Memcached", clip(v, 40), null);
    }

    // ------------------------------------------------------------------ PostgreSQL

    /** A backend message: 'R' authentication request or 'E' error response, with a sane length. */
    static Ident postgresMessage(byte[] d, int n) {
        if (n < 5) return null;
        int type = d[0];
        int len = Bytes.i32be(d, 1);
        if (len < 4 || len > 1 << 16) return null;
        if (type == 'R' && len >= 8 && n >= 9) {
            int code = Bytes.i32be(d, 5);
            String auth = switch (code) {
                case 0 -> "no authentication";
                case 3 -> "password authentication";
                case 5 -> "md5 authentication";
                case 10 -> "SCRAM authentication";
                default -> code >= 0 && code <= 12 ? "authentication method " + code : null;
            };
            if (auth == null) return null;
            return new Ident("postgresql", "PostgreSQL", null, auth);
        }
        if (type == 'E') {
            int end = Math.min(n, 1 + len);
            Map<Character, String> fields = new LinkedHashMap<>();
            int i = 5;
            while (i < end && d[i] != 0 && fields.size() < 20) {
                char code = (char) d[i];
                int z = i + 1;
                while (z < end && d[z] != 0) z++;
                fields.put(code, Bytes.ascii(d, i + 1, z));
                i = z + 1;
            }
            String sev = fields.get('S');
            if (sev == null || !(sev.equals("FATAL") || sev.equals("ERROR") || sev.equals("PANIC"))) return null;
            String msg = fields.get('M');
            return new Ident("postgresql", "PostgreSQL", null, msg == null ? null : "error: " + clip(msg, 160));
        }
        return null;
    }

    static boolean postgresMessageComplete(byte[] d, int n) {
        if (n < 5) return false;
        int len = Bytes.i32be(d, 1);
        return len < 4 || len > 1 << 16 || n >= 1 + len;
    }

    // ------------------------------------------------------------------ RDP

    /** X.224 Connection Confirm inside TPKT: 03 00 len16 li 0xD0 … */
    static Ident rdp(byte[] d, int n) {
        if (n < 11 || d[0] != 3 || d[1] != 0) return null;
        int len = Bytes.u16be(d, 2);
        if (len < 11 || (d[5] & 0xf0) != 0xd0) return null;
        String extra = null;
        if (n >= 19 && len >= 19) {
            int type = Bytes.u8(d, 11);
            int value = Bytes.i32le(d, 15);
            if (type == 2) {
                extra = "selected protocol: " + switch (value) {
                    case 0 -> "standard RDP security";
                    case 1 -> "TLS";
                    case 2 -> "CredSSP (NLA)";
                    case 4 -> "RDSTLS";
                    case 8 -> "CredSSP with early user auth";
                    default -> "0x" + Integer.toHexString(value);
                };
            } else if (type == 3) {
                extra = "negotiation failure code " + value;
            }
        }
        return new Ident("rdp", null, null, extra);
    }

    static boolean tpktComplete(byte[] d, int n) {
        if (n < 4) return false;
        int len = Bytes.u16be(d, 2);
        return len < 4 || n >= len;
    }

    // ------------------------------------------------------------------ DNS

    /** Parses a DNS-over-TCP answer (2-byte length first) to our query with id {@code id}. */
    static Ident dns(byte[] d, int n, int id) {
        if (n < 14) return null;
        int len = Bytes.u16be(d, 0);
        if (len < 12) return null;
        int end = Math.min(n, 2 + len);
        int base = 2;
        if (Bytes.u16be(d, base) != id) return null;
        int flags = Bytes.u16be(d, base + 2);
        if ((flags & 0x8000) == 0 || ((flags >> 11) & 0xf) != 0) return null;
        int qd = Bytes.u16be(d, base + 4);
        int an = Bytes.u16be(d, base + 6);
        if (qd > 1) return null;
        int rcode = flags & 0xf;
        Ident ident = Ident.of("dns");
        if (rcode != 0 || an == 0) {
            return ident.withExtra("version.bind: " + (rcode == 0 ? "no answer" : rcodeName(rcode)));
        }
        int p = base + 12;
        for (int q = 0; q < qd; q++) {
            p = skipName(d, end, p);
            if (p < 0 || p + 4 > end) return ident;
            p += 4;
        }
        for (int a = 0; a < an && a < 10; a++) {
            p = skipName(d, end, p);
            if (p < 0 || p + 10 > end) return ident;
            int type = Bytes.u16be(d, p);
            int rdlen = Bytes.u16be(d, p + 8);
            p += 10;
            if (p + rdlen > end) return ident;
            if (type == 16 && rdlen >= 1) {
                int slen = Bytes.u8(d, p);
                if (slen + 1 <= rdlen) {
                    String txt = Bytes.ascii(d, p + 1, p + 1 + slen);
                    if (Bytes.printable(txt)) return dnsVersion(txt);
                }
            }
            p += rdlen;
        }
        return ident;
    }

    private static String rcodeName(int rcode) {
        return switch (rcode) {
            case 1 -> "FORMERR";
            case 2 -> "SERVFAIL";
            case 3 -> "NXDOMAIN";
            case 4 -> "NOTIMP";
            case 5 -> "REFUSED";
            default -> "rcode " + rcode;
        };
    }

    /** Skips a (possibly compressed) domain name; returns the offset after it, or -1. Bounded in steps. */
    static int skipName(byte[] d, int end, int p) {
        for (int steps = 0; steps < 128; steps++) {
            if (p >= end) return -1;
            int l = Bytes.u8(d, p);
            if (l == 0) return p + 1;
            if ((l & 0xc0) == 0xc0) return p + 2 <= end ? p + 2 : -1; // a pointer ends the name here
            if ((l & 0xc0) != 0) return -1;
            p += 1 + l;
        }
        return -1;
    }

    private static final Pattern BIND = Pattern.compile("(9\\.\\d+\\.\\d+(?:-[SP]\\d+)?)(?:[-.](.*))?");
    private static final Pattern PRODUCT_VERSION = Pattern.compile("(dnsmasq|unbound|PowerDNS Recursor|PowerDNS Authoritative Server|Knot DNS)[- ]v?(\\d[\\w.]*)(?:\\s+(.*))?", Pattern.CASE_INSENSITIVE);

    /** version.bind text → product and version. */
    static Ident dnsVersion(String txt) {
        String t = clip(txt.strip(), 200);
        Matcher m = BIND.matcher(t);
        if (m.matches()) return new Ident("dns", "ISC BIND", m.group(1), blankToNull(m.group(2)));
        m = PRODUCT_VERSION.matcher(t);
        if (m.matches()) {
            String p = switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "dnsmasq" -> "dnsmasq";
                case "unbound" -> "Unbound";
                case "powerdns recursor" -> "PowerDNS Recursor";
                case "powerdns authoritative server" -> "PowerDNS Authoritative Server";
                default -> "Knot DNS";
            };
            return new Ident("dns", p, m.group(2), blankToNull(m.group(3)));
        }
        return new Ident("dns", null, null, "version.bind: " + t);
    }

    static boolean dnsComplete(byte[] d, int n) {
        return n >= 2 && n >= 2 + Bytes.u16be(d, 0);
    }

    // ------------------------------------------------------------------ banner completion

    /** A spontaneous banner looks complete: a whole MySQL packet, or text ending in a final line. */
    static boolean bannerComplete(byte[] d, int n) {
        if (n == 0) return false;
        if (n % 3 == 0 && telnet(d, n)) {
            boolean triples = true;
            for (int i = 0; i < n && triples; i += 3) triples = (d[i] & 0xff) == 0xff && (d[i + 1] & 0xff) >= 0xfb;
            if (triples) return true;
        }
        if (mysqlPacketComplete(d, n) && n > 5 && (d[4] == 10 || d[4] == 9 || (d[4] & 0xff) == 0xff)) return true;
        if (d[n - 1] != '\n') return false;
        // multi-line "220-" greetings continue until "220 "
        List<String> lines = new ArrayList<>(List.of(Bytes.ascii(d, 0, n).split("\r?\n")));
        String last = lines.get(lines.size() - 1);
        return !(last.length() >= 4 && Character.isDigit(last.charAt(0)) && last.charAt(3) == '-');
    }

    // ------------------------------------------------------------------ helpers

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
