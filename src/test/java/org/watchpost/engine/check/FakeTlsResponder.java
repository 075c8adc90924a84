package org.watchpost.engine.check;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A TLS server's first flight, per RFC 5246 record framing (and RFC 8446 for 1.3): reads a
 * ClientHello (possibly spread over several records), picks the highest version it supports
 * that the client offers and its first preferred suite the client offers, and answers
 * ServerHello + Certificate + ServerHelloDone, or a fatal alert (protocol_version,
 * handshake_failure) like a real server. It never finishes a handshake.
 */
final class FakeTlsResponder {
    final Set<Integer> versions;
    final List<Integer> suites;
    final List<byte[]> chain;
    volatile int lastClientVersion = -1;

    FakeTlsResponder(Set<Integer> versions, List<Integer> suites, List<byte[]> chain) {
        this.versions = versions;
        this.suites = suites;
        this.chain = chain;
    }

    void handle(Socket s) throws IOException {
        handle(s.getInputStream(), s.getOutputStream());
    }

    void handle(InputStream rawIn, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(rawIn);
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        int recordVersion = 0x0301;
        byte[] hello = null;
        for (int i = 0; i < 8 && hello == null; i++) {
            int type = in.read();
            if (type < 0) return;
            int major = in.read();
            int minor = in.read();
            int len = in.readUnsignedShort();
            if (type != 22 || major != 3 || len > 16384) {
                alert(out, 0x0301, 10); // unexpected_message
                return;
            }
            recordVersion = (major << 8) | minor;
            byte[] body = new byte[len];
            in.readFully(body);
            hs.writeBytes(body);
            byte[] b = hs.toByteArray();
            if (b.length >= 4) {
                int mlen = ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
                if (b[0] != 1) {
                    alert(out, recordVersion, 10);
                    return;
                }
                if (b.length >= 4 + mlen) {
                    hello = new byte[mlen];
                    System.arraycopy(b, 4, hello, 0, mlen);
                }
            }
        }
        if (hello == null) return;
        DataInputStream h = new DataInputStream(new ByteArrayInputStream(hello));
        int clientVersion = h.readUnsignedShort();
        h.readFully(new byte[32]);
        byte[] sid = new byte[h.readUnsignedByte()];
        h.readFully(sid);
        int nSuites = h.readUnsignedShort() / 2;
        List<Integer> offered = new ArrayList<>();
        for (int i = 0; i < nSuites; i++) offered.add(h.readUnsignedShort());
        h.readFully(new byte[h.readUnsignedByte()]);
        List<Integer> supportedVersions = new ArrayList<>();
        if (h.available() >= 2) {
            int extLen = h.readUnsignedShort();
            byte[] ext = new byte[extLen];
            h.readFully(ext);
            DataInputStream e = new DataInputStream(new ByteArrayInputStream(ext));
            while (e.available() >= 4) {
                int t = e.readUnsignedShort();
                byte[] d = new byte[e.readUnsignedShort()];
                e.readFully(d);
                if (t == 0x002b) {
                    for (int i = 1; i + 1 < d.length; i += 2) supportedVersions.add(((d[i] & 0xff) << 8) | (d[i + 1] & 0xff));
                }
            }
        }
        lastClientVersion = clientVersion;
        int chosen = -1;
        if (!supportedVersions.isEmpty()) {
            for (int v : supportedVersions) if (versions.contains(v) && v > chosen) chosen = v;
        } else {
            for (int v : versions) if (v <= clientVersion && v < 0x0304 && v > chosen) chosen = v;
        }
        if (chosen < 0) {
            alert(out, Math.min(recordVersion, 0x0303), 70); // protocol_version
            return;
        }
        int suite = -1;
        for (int s : suites) {
            if (offered.contains(s) && (chosen == 0x0304) == (s >> 8 == 0x13)) {
                suite = s;
                break;
            }
        }
        if (suite < 0) {
            alert(out, chosen == 0x0304 ? 0x0303 : chosen, 40); // handshake_failure
            return;
        }
        ByteArrayOutputStream sh = new ByteArrayOutputStream();
        u16(sh, chosen == 0x0304 ? 0x0303 : chosen);
        sh.writeBytes(new byte[32]);
        if (chosen == 0x0304) {
            sh.write(sid.length);
            sh.writeBytes(sid);
        } else {
            sh.write(0);
        }
        u16(sh, suite);
        sh.write(0);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        if (chosen == 0x0304) {
            u16(ext, 0x002b);
            u16(ext, 2);
            u16(ext, 0x0304);
        } else {
            u16(ext, 0xff01);
            u16(ext, 1);
            ext.write(0);
        }
        u16(sh, ext.size());
        sh.writeBytes(ext.toByteArray());
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        handshake(flight, 2, sh.toByteArray());
        if (chosen != 0x0304) {
            if (!chain.isEmpty()) {
                ByteArrayOutputStream certs = new ByteArrayOutputStream();
                int total = 0;
                for (byte[] c : chain) total += 3 + c.length;
                u24(certs, total);
                for (byte[] c : chain) {
                    u24(certs, c.length);
                    certs.writeBytes(c);
                }
                handshake(flight, 11, certs.toByteArray());
            }
            handshake(flight, 14, new byte[0]);
        }
        // split the flight over records of at most 4096 bytes, as fragmentation is allowed
        byte[] f = flight.toByteArray();
        int recVer = chosen == 0x0304 ? 0x0303 : chosen;
        for (int off = 0; off < f.length; off += 4096) {
            int n = Math.min(4096, f.length - off);
            out.write(22);
            out.write(recVer >> 8);
            out.write(recVer & 0xff);
            out.write(n >> 8);
            out.write(n & 0xff);
            out.write(f, off, n);
        }
        if (chosen == 0x0304) {
            out.write(new byte[] {20, 3, 3, 0, 1, 1}); // middlebox-compat ChangeCipherSpec
        }
        out.flush();
        // the client goes on or gives up; either way read its next record, then hang up
        in.read();
    }

    private static void handshake(ByteArrayOutputStream o, int type, byte[] body) {
        o.write(type);
        u24(o, body.length);
        o.writeBytes(body);
    }

    static void alert(OutputStream out, int version, int description) throws IOException {
        out.write(new byte[] {21, (byte) (version >> 8), (byte) version, 0, 2, 2, (byte) description});
        out.flush();
    }

    private static void u16(ByteArrayOutputStream o, int v) {
        o.write(v >> 8);
        o.write(v & 0xff);
    }

    private static void u24(ByteArrayOutputStream o, int v) {
        o.write(v >> 16);
        o.write((v >> 8) & 0xff);
        o.write(v & 0xff);
    }
}
