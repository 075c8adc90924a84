package org.watchpost.engine.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;

/**
 * SNMP community "public": a GetRequest for sysDescr.0 (SNMPv2c, then v1) sent only to the
 * scanned address and port over UDP; a GetResponse with no error and a value proves it.
 */
public final class SnmpCheck implements Check {
    static final String COMMUNITY = "public";
    private static final byte[] SYS_DESCR_OID = {0x2b, 6, 1, 2, 1, 1, 1, 0}; // 1.3.6.1.2.1.1.1.0
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String family() {
        return "snmp";
    }

    @Override
    public boolean appliesTo(ServiceInfo s) {
        return Svc.is(s, new String[] {"snmp"}, 161);
    }

    @Override
    public List<Finding> run(ServiceInfo s, CheckContext ctx) throws IOException {
        List<Finding> out = new ArrayList<>();
        InetAddress target = InetAddress.getByName(s.address());
        try (DatagramSocket sock = new DatagramSocket()) {
            Runnable close = sock::close;
            ctx.cancellation().onCancel(close);
            try {
                sock.setSoTimeout(Math.min(ctx.readTimeoutMs(), 2000));
                for (int version : new int[] {1, 0}) { // v2c, then v1
                    for (int attempt = 0; attempt < 2; attempt++) {
                        ctx.ensureActive();
                        int reqId = RANDOM.nextInt(0x7fffffff);
                        byte[] req = getRequest(version, COMMUNITY, reqId);
                        sock.send(new DatagramPacket(req, req.length, target, s.port()));
                        byte[] buf = new byte[4096];
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        try {
                            long deadline = System.nanoTime() + 2_000_000_000L;
                            while (System.nanoTime() < deadline) {
                                sock.receive(p);
                                if (!p.getAddress().equals(target) || p.getPort() != s.port()) continue;
                                String descr = parseResponse(buf, p.getLength(), reqId);
                                if (descr == null) break;
                                out.add(FindingBuilder.of("snmp.public", s).cvss("AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N")
                                        .cve("CVE-1999-0517").cwe("CWE-1392")
                                        .title("SNMP answers the default community \"public\"")
                                        .description("The agent answers read requests with the well-known community string, disclosing system, interface, "
                                                + "routing and often process or user information; if the community is also writable, configuration can be changed.")
                                        .remediation("Change or remove the default communities, restrict SNMP to management hosts, and prefer SNMPv3 with authentication and privacy.")
                                        .evidence("SNMPv" + (version == 1 ? "2c" : "1") + " GetRequest sysDescr.0, community \"public\" → " + Io.printable(descr, 300))
                                        .build());
                                return out;
                            }
                        } catch (SocketTimeoutException e) {
                            // try again / next version
                        }
                    }
                }
            } finally {
                ctx.cancellation().removeHook(close);
            }
        }
        return out;
    }

    static byte[] getRequest(int version, String community, int reqId) {
        byte[] varbind = tlv(0x30, concat(tlv(0x06, SYS_DESCR_OID), new byte[] {0x05, 0x00}));
        byte[] pdu = tlv(0xa0, concat(integer(reqId), integer(0), integer(0), tlv(0x30, varbind)));
        return tlv(0x30, concat(integer(version), tlv(0x04, community.getBytes(StandardCharsets.US_ASCII)), pdu));
    }

    /** sysDescr from a GetResponse matching reqId with error-status 0, else null. */
    static String parseResponse(byte[] b, int len, int reqId) {
        try {
            int[] pos = {0};
            int end = len;
            expect(b, pos, 0x30);
            readLen(b, pos, end);
            expect(b, pos, 0x02);
            skip(b, pos, end);
            expect(b, pos, 0x04);
            skip(b, pos, end);
            if ((b[pos[0]] & 0xff) != 0xa2) return null;
            pos[0]++;
            readLen(b, pos, end);
            expect(b, pos, 0x02);
            int n = readLen(b, pos, end);
            long id = 0;
            for (int i = 0; i < n; i++) id = (id << 8) | (b[pos[0] + i] & 0xff);
            pos[0] += n;
            if (id != reqId) return null;
            expect(b, pos, 0x02);
            n = readLen(b, pos, end);
            int err = 0;
            for (int i = 0; i < n; i++) err = (err << 8) | (b[pos[0] + i] & 0xff);
            pos[0] += n;
            if (err != 0) return null;
            expect(b, pos, 0x02);
            skip(b, pos, end);
            expect(b, pos, 0x30);
            readLen(b, pos, end);
            expect(b, pos, 0x30);
            readLen(b, pos, end);
            expect(b, pos, 0x06);
            skip(b, pos, end);
            if ((b[pos[0]] & 0xff) != 0x04) return null; // noSuchObject etc.
            pos[0]++;
            n = readLen(b, pos, end);
            return new String(b, pos[0], n, StandardCharsets.ISO_8859_1);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void expect(byte[] b, int[] pos, int tag) {
        if ((b[pos[0]] & 0xff) != tag) throw new IllegalArgumentException("tag " + tag + " expected");
        pos[0]++;
    }

    private static int readLen(byte[] b, int[] pos, int end) {
        int l = b[pos[0]++] & 0xff;
        if (l >= 0x80) {
            int k = l & 0x7f;
            if (k > 3) throw new IllegalArgumentException("length too long");
            l = 0;
            for (int i = 0; i < k; i++) l = (l << 8) | (b[pos[0]++] & 0xff);
        }
        if (pos[0] + l > end) throw new IllegalArgumentException("length past end");
        return l;
    }

    private static void skip(byte[] b, int[] pos, int end) {
        int l = readLen(b, pos, end);
        pos[0] += l;
    }

    static byte[] integer(long v) {
        byte[] full = java.math.BigInteger.valueOf(v).toByteArray();
        return tlv(0x02, full);
    }

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(tag);
        if (value.length < 0x80) {
            o.write(value.length);
        } else if (value.length < 0x100) {
            o.write(0x81);
            o.write(value.length);
        } else {
            o.write(0x82);
            o.write(value.length >>> 8);
            o.write(value.length & 0xff);
        }
        o.writeBytes(value);
        return o.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }
}
