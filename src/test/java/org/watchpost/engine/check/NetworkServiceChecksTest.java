package org.watchpost.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;

/** MongoDB, Elasticsearch, Docker API, DNS and SNMP checks against faithful stubs. */
class NetworkServiceChecksTest {
    static CheckContext ctx() {
        return CheckContext.builder().connectTimeoutMs(2000).readTimeoutMs(2000).build();
    }

    static ServiceInfo svc(String name, int port) {
        return new ServiceInfo("127.0.0.1", port, name, null, null, null, false, null, null);
    }

    // ---- MongoDB (OP_MSG) ----

    /** Hand-encodes {databases: [{name: admin}, {name: shop}], totalSize: 1.0, ok: 1.0} or an Unauthorized error. */
    static byte[] mongoReply(int responseTo, boolean open) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        if (open) {
            ByteArrayOutputStream arr = new ByteArrayOutputStream();
            String[] names = {"admin", "shop"};
            for (int i = 0; i < names.length; i++) {
                byte[] d = MongoCheck.Bson.encode(Map.of("name", names[i]));
                arr.write(0x03);
                arr.writeBytes(String.valueOf(i).getBytes(StandardCharsets.US_ASCII));
                arr.write(0);
                arr.writeBytes(d);
            }
            byte[] a = arr.toByteArray();
            e.write(0x04);
            e.writeBytes("databases".getBytes(StandardCharsets.US_ASCII));
            e.write(0);
            e.writeBytes(le32(a.length + 5));
            e.writeBytes(a);
            e.write(0);
            e.write(0x01);
            e.writeBytes("ok".getBytes(StandardCharsets.US_ASCII));
            e.write(0);
            e.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.0).array());
        } else {
            e.write(0x01);
            e.writeBytes("ok".getBytes(StandardCharsets.US_ASCII));
            e.write(0);
            e.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.0).array());
            Map<String, Object> rest = new LinkedHashMap<>();
            rest.put("errmsg", "command listDatabases requires authentication");
            rest.put("code", 13);
            byte[] r = MongoCheck.Bson.encode(rest);
            e.write(r, 4, r.length - 5);
        }
        byte[] elems = e.toByteArray();
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        doc.writeBytes(le32(elems.length + 5));
        doc.writeBytes(elems);
        doc.write(0);
        byte[] body = doc.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(21 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(21 + body.length).putInt(99).putInt(responseTo).putInt(2013).putInt(0).put((byte) 0).put(body);
        return b.array();
    }

    static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    static StubServer mongo(boolean open) throws Exception {
        return new StubServer(s -> {
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] h = new byte[16];
            in.readFully(h);
            ByteBuffer hb = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
            int len = hb.getInt();
            int reqId = hb.getInt();
            hb.getInt();
            if (hb.getInt() != 2013) return;
            byte[] rest = new byte[len - 16];
            in.readFully(rest);
            Map<String, Object> cmd = MongoCheck.Bson.decode(java.util.Arrays.copyOfRange(rest, 5, rest.length));
            if (!cmd.containsKey("listDatabases") || !"admin".equals(cmd.get("$db"))) return;
            s.getOutputStream().write(mongoReply(reqId, open));
            s.getOutputStream().flush();
        });
    }

    @Test
    void mongoListDatabasesWithoutAuthIsFlaggedAndUnauthorizedIsNot() throws Exception {
        try (StubServer open = mongo(true); StubServer locked = mongo(false)) {
            List<Finding> f = new MongoCheck().run(svc("mongodb", open.port()), ctx());
            assertThat(f).extracting(Finding::checkId).containsExactly("mongodb.noauth");
            assertThat(f.get(0).evidence()).contains("admin, shop");
            assertThat(new MongoCheck().run(svc("mongodb", locked.port()), ctx())).isEmpty();
        }
    }

    // ---- Elasticsearch / Docker over HTTP ----

    static HttpServer json(Map<String, String[]> routes) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", ex -> {
            try (ex) {
                String key = ex.getRequestURI().getPath();
                String[] r = routes.get(key);
                byte[] b = (r == null ? "{\"error\":\"no handler\"}" : r[1]).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(r == null ? 404 : Integer.parseInt(r[0]), b.length);
                ex.getResponseBody().write(b);
            }
        });
        s.start();
        return s;
    }

    static final String ES_ROOT = "{\"name\":\"node-1\",\"cluster_name\":\"prod-logs\",\"version\":{\"number\":\"7.17.9\"},\"tagline\":\"You Know, for Search\"}";

    @Test
    void elasticsearchWithReadableIndicesIsFlaggedAndSecuredIsNot() throws Exception {
        HttpServer open = json(Map.of("/", new String[] {"200", ES_ROOT},
                "/_cat/indices", new String[] {"200", "health status index\ngreen open customers\n"}));
        HttpServer secured = json(Map.of("/", new String[] {"401", "{\"error\":{\"type\":\"security_exception\"}}"},
                "/_cat/indices", new String[] {"401", "{}"}));
        try {
            List<Finding> f = new HttpJsonServiceCheck().run(svc("elasticsearch", open.getAddress().getPort()), ctx());
            assertThat(f).extracting(Finding::checkId).containsExactly("elasticsearch.noauth");
            assertThat(f.get(0).evidence()).contains("prod-logs", "customers");
            assertThat(new HttpJsonServiceCheck().run(svc("elasticsearch", secured.getAddress().getPort()), ctx())).isEmpty();
        } finally {
            open.stop(0);
            secured.stop(0);
        }
    }

    @Test
    void dockerApiVersionJsonIsFlaggedAndOtherJsonIsNot() throws Exception {
        HttpServer docker = json(Map.of("/version", new String[] {"200",
                "{\"Version\":\"24.0.7\",\"ApiVersion\":\"1.43\",\"Os\":\"linux\",\"KernelVersion\":\"6.1.0\"}"}));
        HttpServer other = json(Map.of("/version", new String[] {"200", "{\"version\":\"1.2.3\"}"}));
        try {
            List<Finding> f = new HttpJsonServiceCheck().run(svc("docker", docker.getAddress().getPort()), ctx());
            assertThat(f).extracting(Finding::checkId).containsExactly("docker.api-exposed");
            assertThat(f.get(0).cvssScore()).isEqualTo(10.0);
            assertThat(new HttpJsonServiceCheck().run(svc("docker", other.getAddress().getPort()), ctx())).isEmpty();
        } finally {
            docker.stop(0);
            other.stop(0);
        }
    }

    // ---- DNS over TCP ----

    /** DNS server over TCP: answers A queries (recursively if allowed) and AXFR for lab.test if allowed. */
    static StubServer dns(boolean recursion, boolean axfr) throws Exception {
        return new StubServer(s -> {
            DataInputStream in = new DataInputStream(s.getInputStream());
            int len = in.readUnsignedShort();
            byte[] q = new byte[len];
            in.readFully(q);
            ByteBuffer b = ByteBuffer.wrap(q);
            int id = b.getShort() & 0xffff;
            int flags = b.getShort() & 0xffff;
            b.position(12);
            String name = DnsCheck.name(q, b);
            int type = b.getShort() & 0xffff;
            int qEnd = b.position() + 2;
            ByteArrayOutputStream r = new ByteArrayOutputStream();
            r.write(id >> 8);
            r.write(id);
            boolean rd = (flags & 0x0100) != 0;
            int rflags = 0x8000 | (rd ? 0x0100 : 0) | (recursion ? 0x0080 : 0);
            int ancount = 0;
            ByteArrayOutputStream ans = new ByteArrayOutputStream();
            int rcode = 0;
            if (type == DnsCheck.TYPE_A && recursion && rd) {
                ancount = 1;
                ans.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 93, (byte) 184, (byte) 215, 14});
            } else if (type == DnsCheck.TYPE_A) {
                rcode = 5; // REFUSED
            } else if (type == DnsCheck.TYPE_AXFR && axfr && name.equals("lab.test")) {
                rflags |= 0x0400;
                ancount = 2;
                ans.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 6, 0, 1, 0, 0, 0x0e, 0x10, 0, 22});
                ans.writeBytes(new byte[] {2, 'n', 's', (byte) 0xc0, 12, 2, 'h', 'm', (byte) 0xc0, 12, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1});
                ans.writeBytes(new byte[] {3, 'w', 'w', 'w', (byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 10, 0, 0, 5});
            } else {
                rcode = 5;
            }
            rflags |= rcode;
            r.write(rflags >> 8);
            r.write(rflags);
            r.writeBytes(new byte[] {0, 1, 0, (byte) ancount, 0, 0, 0, 0});
            r.write(q, 12, qEnd - 12);
            r.writeBytes(ans.toByteArray());
            byte[] msg = r.toByteArray();
            OutputStream out = s.getOutputStream();
            out.write(msg.length >> 8);
            out.write(msg.length);
            out.write(msg);
            out.flush();
        });
    }

    @Test
    void openRecursionAndZoneTransferAreFlaggedOnlyWhenAllowed() throws Exception {
        CheckContext named = CheckContext.builder().readTimeoutMs(2000).hostName("ns1.lab.test").build();
        try (StubServer open = dns(true, true); StubServer closed = dns(false, false)) {
            List<Finding> f = new DnsCheck().run(svc("domain", open.port()), named);
            assertThat(f).extracting(Finding::checkId).containsExactlyInAnyOrder("dns.open-recursion", "dns.axfr");
            Finding axfr = f.stream().filter(x -> x.checkId().equals("dns.axfr")).findFirst().orElseThrow();
            assertThat(axfr.title()).contains("lab.test");
            assertThat(axfr.evidence()).contains("www.lab.test A");
            assertThat(new DnsCheck().run(svc("domain", closed.port()), named)).isEmpty();
            // without a host name there is no zone to ask for: only recursion is tested
            assertThat(new DnsCheck().run(svc("domain", open.port()), ctx())).extracting(Finding::checkId)
                    .containsExactly("dns.open-recursion");
        }
        assertThat(DnsCheck.zonesFor("ns1.lab.test")).containsExactly("lab.test", "ns1.lab.test");
        assertThat(DnsCheck.zonesFor("lab.test")).containsExactly("lab.test");
    }

    // ---- SNMP over UDP ----

    /** An SNMP agent on 127.0.0.1: answers GetRequest for the given community with sysDescr. */
    static DatagramSocket snmpAgent(String community) throws Exception {
        DatagramSocket sock = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            byte[] buf = new byte[1500];
            while (!sock.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    sock.receive(p);
                    // parse version, community, request id (short-form lengths as sent by the check)
                    int pos = 2;
                    int version = buf[pos + 2];
                    pos += 3;
                    int clen = buf[pos + 1];
                    String comm = new String(buf, pos + 2, clen, StandardCharsets.US_ASCII);
                    pos += 2 + clen;
                    pos += 2; // PDU tag+len
                    int idLen = buf[pos + 1];
                    long reqId = 0;
                    for (int i = 0; i < idLen; i++) reqId = (reqId << 8) | (buf[pos + 2 + i] & 0xff);
                    if (!comm.equals(community)) continue; // real agents drop bad communities silently
                    byte[] value = SnmpCheck.tlv(0x04, "Linux lab 6.1.0-18-amd64 #1 SMP x86_64".getBytes(StandardCharsets.US_ASCII));
                    byte[] vb = SnmpCheck.tlv(0x30, SnmpCheck.concat(SnmpCheck.tlv(0x06, new byte[] {0x2b, 6, 1, 2, 1, 1, 1, 0}), value));
                    byte[] pdu = SnmpCheck.tlv(0xa2, SnmpCheck.concat(SnmpCheck.integer(reqId), SnmpCheck.integer(0), SnmpCheck.integer(0),
                            SnmpCheck.tlv(0x30, vb)));
                    byte[] msg = SnmpCheck.tlv(0x30, SnmpCheck.concat(SnmpCheck.integer(version),
                            SnmpCheck.tlv(0x04, comm.getBytes(StandardCharsets.US_ASCII)), pdu));
                    sock.send(new DatagramPacket(msg, msg.length, p.getSocketAddress()));
                } catch (Exception e) {
                    return;
                }
            }
        }, "snmp-agent");
        t.setDaemon(true);
        t.start();
        return sock;
    }

    @Test
    void snmpPublicCommunityIsFlaggedAndPrivateOnlyAgentIsNot() throws Exception {
        try (DatagramSocket open = snmpAgent("public"); DatagramSocket other = snmpAgent("s3cret")) {
            CheckContext c = CheckContext.builder().readTimeoutMs(300).build();
            List<Finding> f = new SnmpCheck().run(svc("snmp", open.getLocalPort()), c);
            assertThat(f).extracting(Finding::checkId).containsExactly("snmp.public");
            assertThat(f.get(0).evidence()).contains("Linux lab 6.1.0");
            assertThat(new SnmpCheck().run(svc("snmp", other.getLocalPort()), c)).isEmpty();
        }
    }
}
