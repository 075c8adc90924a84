package org.watchpost.engine.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;

/**
 * DNS over TCP (RFC 1035 §4.2.2, RFC 7766): open recursion (a recursive A query for the
 * reserved name example.com answered with RA set and an answer that is not authoritative)
 * and zone transfer (AXFR for the zone the user's host name implies, only when one is known).
 */
public final class DnsCheck implements Check {
    static final String RECURSION_NAME = "example.com";
    static final int TYPE_A = 1, TYPE_SOA = 6, TYPE_AXFR = 252;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String family() {
        return "dns";
    }

    @Override
    public boolean appliesTo(ServiceInfo s) {
        return Svc.is(s, new String[] {"domain", "dns"}, 53);
    }

    @Override
    public List<Finding> run(ServiceInfo s, CheckContext ctx) throws IOException {
        List<Finding> out = new ArrayList<>();
        Msg r = query(ctx, s, RECURSION_NAME, TYPE_A, true);
        if (r != null && r.qr && r.ra && !r.aa && r.rcode == 0 && r.ancount > 0) {
            out.add(FindingBuilder.of("dns.open-recursion", s).cvss("AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:L").cwe("CWE-406")
                    .title("DNS server performs recursion for the scanner")
                    .description("The server resolved a name in a domain it does not serve: it is an open resolver from the scanner's network, "
                            + "usable for DDoS amplification and more exposed to cache poisoning.")
                    .remediation("Restrict recursion to internal clients (BIND: allow-recursion { localnets; }; Unbound: access-control) or disable it on authoritative servers.")
                    .evidence("query A " + RECURSION_NAME + " (RD=1) → rcode " + r.rcode + ", RA=1, AA=0, answers " + r.ancount
                            + (r.answers.isEmpty() ? "" : ": " + String.join(", ", r.answers)))
                    .build());
        }
        String host = ctx.hostNameFor(s.address());
        if (host != null && !Io.isIpLiteral(host)) {
            for (String zone : zonesFor(host)) {
                ctx.ensureActive();
                Msg a = query(ctx, s, zone, TYPE_AXFR, false);
                if (a != null && a.qr && a.rcode == 0 && a.ancount > 0 && a.firstType == TYPE_SOA) {
                    out.add(FindingBuilder.of("dns.axfr", s).cvss("AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N")
                            .cve("CVE-1999-0532").cwe("CWE-200")
                            .title("DNS zone transfer (AXFR) allowed for " + zone)
                            .description("Anyone can download the whole zone " + zone + ", listing every host name and address in it, including internal ones.")
                            .remediation("Allow AXFR only to secondary servers (BIND: allow-transfer { <secondaries>; }; use TSIG keys).")
                            .evidence("AXFR " + zone + " → rcode 0, " + a.ancount + " records in the first message: "
                                    + String.join(", ", a.answers))
                            .build());
                    break;
                }
            }
        }
        return out;
    }

    /** The host name's parent zone first, then the name itself. */
    static List<String> zonesFor(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        Set<String> z = new LinkedHashSet<>();
        int dot = h.indexOf('.');
        if (dot > 0 && h.indexOf('.', dot + 1) > 0) z.add(h.substring(dot + 1));
        if (h.contains(".")) z.add(h);
        return new ArrayList<>(z);
    }

    /** Parsed header and a few answers of one DNS message. */
    static final class Msg {
        int id;
        boolean qr, aa, ra;
        int rcode;
        int ancount;
        int firstType = -1;
        final List<String> answers = new ArrayList<>();
    }

    static Msg query(CheckContext ctx, ServiceInfo s, String name, int type, boolean rd) throws IOException {
        int id = RANDOM.nextInt(0x10000);
        byte[] q = build(id, name, type, rd);
        try (Socket sock = ctx.connect(s.address(), s.port())) {
            OutputStream o = sock.getOutputStream();
            ByteArrayOutputStream framed = new ByteArrayOutputStream();
            framed.write(q.length >>> 8);
            framed.write(q.length & 0xff);
            framed.writeBytes(q);
            o.write(framed.toByteArray());
            o.flush();
            InputStream in = sock.getInputStream();
            byte[] l = Io.readExactly(in, 2);
            int len = ((l[0] & 0xff) << 8) | (l[1] & 0xff);
            if (len < 12) return null;
            Msg m = parse(Io.readExactly(in, len));
            return m.id == id ? m : null;
        } catch (java.net.SocketTimeoutException | java.io.EOFException | java.net.SocketException e) {
            ctx.ensureActive();
            return null;
        }
    }

    static byte[] build(int id, String name, int type, boolean rd) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(id >>> 8);
        b.write(id & 0xff);
        b.write(rd ? 0x01 : 0x00);
        b.write(0);
        b.writeBytes(new byte[] {0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            byte[] lb = label.getBytes(StandardCharsets.US_ASCII);
            b.write(lb.length);
            b.writeBytes(lb);
        }
        b.write(0);
        b.write(type >>> 8);
        b.write(type & 0xff);
        b.write(0);
        b.write(1); // class IN
        return b.toByteArray();
    }

    static Msg parse(byte[] p) throws IOException {
        try {
            ByteBuffer b = ByteBuffer.wrap(p);
            Msg m = new Msg();
            m.id = b.getShort() & 0xffff;
            int f = b.getShort() & 0xffff;
            m.qr = (f & 0x8000) != 0;
            m.aa = (f & 0x0400) != 0;
            m.ra = (f & 0x0080) != 0;
            m.rcode = f & 0x000f;
            int qd = b.getShort() & 0xffff;
            m.ancount = b.getShort() & 0xffff;
            b.getShort();
            b.getShort();
            for (int i = 0; i < qd && i < 4; i++) {
                name(p, b);
                b.position(b.position() + 4);
            }
            for (int i = 0; i < m.ancount && i < 8; i++) {
                String n = name(p, b);
                int type = b.getShort() & 0xffff;
                b.getShort();
                b.getInt();
                int rdlen = b.getShort() & 0xffff;
                if (i == 0) m.firstType = type;
                String data = "";
                if (type == TYPE_A && rdlen == 4) data = (p[b.position()] & 0xff) + "." + (p[b.position() + 1] & 0xff) + "."
                        + (p[b.position() + 2] & 0xff) + "." + (p[b.position() + 3] & 0xff);
                m.answers.add(n + " " + typeName(type) + (data.isEmpty() ? "" : " " + data));
                b.position(b.position() + rdlen);
            }
            return m;
        } catch (RuntimeException e) {
            throw new IOException("malformed DNS message: " + e);
        }
    }

    private static String typeName(int t) {
        return switch (t) {
            case 1 -> "A"; case 2 -> "NS"; case 5 -> "CNAME"; case 6 -> "SOA"; case 15 -> "MX"; case 16 -> "TXT"; case 28 -> "AAAA";
            default -> "TYPE" + t;
        };
    }

    /** Reads a possibly compressed name (RFC 1035 §4.1.4), at most 20 jumps. */
    static String name(byte[] p, ByteBuffer b) {
        StringBuilder sb = new StringBuilder();
        int pos = b.position();
        int jumps = 0;
        int after = -1;
        while (true) {
            int len = p[pos] & 0xff;
            if ((len & 0xc0) == 0xc0) {
                if (after < 0) after = pos + 2;
                pos = ((len & 0x3f) << 8) | (p[pos + 1] & 0xff);
                if (++jumps > 20) throw new IllegalArgumentException("DNS name compression loop");
                continue;
            }
            pos++;
            if (len == 0) break;
            if (sb.length() > 0) sb.append('.');
            sb.append(new String(p, pos, len, StandardCharsets.US_ASCII));
            pos += len;
            if (sb.length() > 255) throw new IllegalArgumentException("DNS name too long");
        }
        b.position(after >= 0 ? after : pos);
        return sb.length() == 0 ? "." : sb.toString();
    }
}
