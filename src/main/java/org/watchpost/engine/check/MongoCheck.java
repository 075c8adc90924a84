package org.watchpost.engine.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;

/**
 * MongoDB answering {@code listDatabases} without authentication, over OP_MSG (opcode 2013,
 * MongoDB 3.6+), with a minimal BSON encoder/decoder.
 */
public final class MongoCheck implements Check {
    static final int OP_MSG = 2013;
    private static final int MAX_MESSAGE = 1 << 20;

    @Override
    public String family() {
        return "mongodb";
    }

    @Override
    public boolean appliesTo(ServiceInfo s) {
        return Svc.is(s, new String[] {"mongodb", "mongod"}, 27017, 27018);
    }

    @Override
    public List<Finding> run(ServiceInfo s, CheckContext ctx) throws IOException {
        List<Finding> out = new ArrayList<>();
        try (Socket sock = ctx.connect(s.address(), s.port())) {
            Map<String, Object> cmd = new LinkedHashMap<>();
            cmd.put("listDatabases", 1);
            cmd.put("nameOnly", true);
            cmd.put("$db", "admin");
            sock.getOutputStream().write(opMsg(1, cmd));
            sock.getOutputStream().flush();
            Map<String, Object> reply = readOpMsg(sock.getInputStream());
            if (reply == null) return out;
            Object ok = reply.get("ok");
            Object dbs = reply.get("databases");
            if (!(ok instanceof Number n) || n.doubleValue() != 1.0 || !(dbs instanceof List<?> list)) return out;
            List<String> names = new ArrayList<>();
            for (Object d : list) if (d instanceof Map<?, ?> m && m.get("name") != null) names.add(String.valueOf(m.get("name")));
            out.add(FindingBuilder.of("mongodb.noauth", s).cvss("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").cwe("CWE-306")
                    .title("MongoDB lists databases without authentication")
                    .description("listDatabases succeeded without credentials: every database on this server can be read, changed or dropped by anyone who reaches the port.")
                    .remediation("Enable access control (security.authorization: enabled) with SCRAM users, bind net.bindIp to internal interfaces, and firewall port " + s.port() + ".")
                    .evidence("OP_MSG {listDatabases: 1, nameOnly: true, $db: \"admin\"} → ok: 1, databases (" + names.size() + "): "
                            + String.join(", ", names.subList(0, Math.min(names.size(), 20))))
                    .build());
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return out; // malformed BSON: not a MongoDB we can judge
        }
        return out;
    }

    static byte[] opMsg(int requestId, Map<String, Object> doc) {
        byte[] body = Bson.encode(doc);
        ByteBuffer b = ByteBuffer.allocate(16 + 4 + 1 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(16 + 4 + 1 + body.length).putInt(requestId).putInt(0).putInt(OP_MSG);
        b.putInt(0); // flagBits
        b.put((byte) 0); // section kind 0: body
        b.put(body);
        return b.array();
    }

    /** Reads one OP_MSG and returns its body document, or null if it is something else. */
    static Map<String, Object> readOpMsg(InputStream in) throws IOException {
        ByteBuffer h = ByteBuffer.wrap(Io.readExactly(in, 16)).order(ByteOrder.LITTLE_ENDIAN);
        int len = h.getInt();
        h.getInt();
        h.getInt();
        int op = h.getInt();
        if (len < 21 || len > MAX_MESSAGE) throw new IOException("implausible MongoDB message length " + len);
        byte[] rest = Io.readExactly(in, len - 16);
        if (op != OP_MSG) return null;
        ByteBuffer r = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
        r.getInt(); // flags
        while (r.remaining() > 5) {
            int kind = r.get();
            int docLen = r.getInt(r.position());
            if (docLen < 5 || docLen > r.remaining()) throw new IOException("bad BSON length " + docLen);
            byte[] doc = new byte[docLen];
            r.get(doc);
            if (kind == 0) return Bson.decode(doc);
        }
        return null;
    }

    /** Minimal BSON (bsonspec.org 1.1): enough types to send a command and read a reply. */
    static final class Bson {
        private Bson() {
        }

        static byte[] encode(Map<String, Object> doc) {
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            for (Map.Entry<String, Object> en : doc.entrySet()) {
                Object v = en.getValue();
                byte[] key = (en.getKey()).getBytes(StandardCharsets.UTF_8);
                if (v instanceof Integer i) {
                    e.write(0x10);
                    e.writeBytes(key);
                    e.write(0);
                    e.writeBytes(le32(i));
                } else if (v instanceof Boolean bo) {
                    e.write(0x08);
                    e.writeBytes(key);
                    e.write(0);
                    e.write(bo ? 1 : 0);
                } else if (v instanceof String s) {
                    byte[] sb = s.getBytes(StandardCharsets.UTF_8);
                    e.write(0x02);
                    e.writeBytes(key);
                    e.write(0);
                    e.writeBytes(le32(sb.length + 1));
                    e.writeBytes(sb);
                    e.write(0);
                } else {
                    throw new IllegalArgumentException("unsupported BSON value for " + en.getKey());
                }
            }
            byte[] elems = e.toByteArray();
            ByteArrayOutputStream d = new ByteArrayOutputStream();
            d.writeBytes(le32(elems.length + 5));
            d.writeBytes(elems);
            d.write(0);
            return d.toByteArray();
        }

        private static byte[] le32(int v) {
            return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
        }

        static Map<String, Object> decode(byte[] doc) {
            ByteBuffer b = ByteBuffer.wrap(doc).order(ByteOrder.LITTLE_ENDIAN);
            return readDoc(b, 0);
        }

        private static Map<String, Object> readDoc(ByteBuffer b, int depth) {
            if (depth > 20) throw new IllegalArgumentException("BSON nested too deeply");
            int start = b.position();
            int len = b.getInt();
            if (len < 5 || start + len > b.limit()) throw new IllegalArgumentException("bad BSON document length " + len);
            int end = start + len - 1;
            Map<String, Object> m = new LinkedHashMap<>();
            while (b.position() < end) {
                int type = b.get() & 0xff;
                String key = cstring(b);
                Object v;
                switch (type) {
                    case 0x01 -> v = b.getDouble();
                    case 0x02, 0x0d, 0x0e -> {
                        int n = b.getInt();
                        if (n < 1 || n > b.remaining()) throw new IllegalArgumentException("bad BSON string length");
                        byte[] s = new byte[n - 1];
                        b.get(s);
                        b.get();
                        v = new String(s, StandardCharsets.UTF_8);
                    }
                    case 0x03 -> v = readDoc(b, depth + 1);
                    case 0x04 -> v = new ArrayList<>(readDoc(b, depth + 1).values());
                    case 0x05 -> {
                        int n = b.getInt();
                        b.get();
                        if (n < 0 || n > b.remaining()) throw new IllegalArgumentException("bad BSON binary length");
                        b.position(b.position() + n);
                        v = "<binary " + n + " bytes>";
                    }
                    case 0x06, 0x0a, 0x7f, 0xff -> v = null;
                    case 0x07 -> {
                        b.position(b.position() + 12);
                        v = "<objectId>";
                    }
                    case 0x08 -> v = b.get() != 0;
                    case 0x09, 0x11, 0x12 -> v = b.getLong();
                    case 0x10 -> v = b.getInt();
                    case 0x13 -> {
                        b.position(b.position() + 16);
                        v = "<decimal128>";
                    }
                    case 0x0b -> {
                        cstring(b);
                        cstring(b);
                        v = "<regex>";
                    }
                    default -> throw new IllegalArgumentException("unsupported BSON type " + type);
                }
                m.put(key, v);
            }
            b.get(); // terminating 0
            return m;
        }

        private static String cstring(ByteBuffer b) {
            int s = b.position();
            while (b.get() != 0) {
                if (b.position() - s > 1024) throw new IllegalArgumentException("BSON key too long");
            }
            return new String(b.array(), s, b.position() - s - 1, StandardCharsets.UTF_8);
        }
    }
}
