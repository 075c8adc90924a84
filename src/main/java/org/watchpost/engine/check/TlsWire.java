package org.watchpost.engine.check;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-built TLS handshake records (RFC 6101, 2246, 4346, 5246, 8446): a ClientHello for any
 * version from SSL 3.0 to TLS 1.3 with a chosen cipher-suite list, and a reader for what the
 * server sends back (ServerHello, Certificate, alerts). The JDK refuses to speak SSLv3 and
 * TLS 1.0/1.1 and to offer broken suites, so version and cipher probes use these bytes.
 */
public final class TlsWire {
    private TlsWire() {
    }

    public static final int SSL3 = 0x0300, TLS10 = 0x0301, TLS11 = 0x0302, TLS12 = 0x0303, TLS13 = 0x0304;

    static final int CT_CHANGE_CIPHER_SPEC = 20, CT_ALERT = 21, CT_HANDSHAKE = 22, CT_APPLICATION_DATA = 23;
    static final int HS_CLIENT_HELLO = 1, HS_SERVER_HELLO = 2, HS_CERTIFICATE = 11, HS_SERVER_HELLO_DONE = 14;
    private static final int MAX_RECORD = 16384 + 2048;
    private static final int MAX_TOTAL = 256 * 1024;

    /** Suites offered when probing whether a protocol version is accepted (broad, like a browser of each era). */
    static final int[] BROAD_SUITES = {
        0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0x009e, 0x009f, 0xc023, 0xc027, 0xc024, 0xc028,
        0xc009, 0xc013, 0xc00a, 0xc014, 0x0067, 0x006b, 0x0033, 0x0039, 0x0032, 0x0038, 0x0045, 0x0088,
        0x009c, 0x009d, 0x003c, 0x003d, 0x002f, 0x0035, 0x0041, 0x0084, 0x0096, 0x0007,
        0xc012, 0xc008, 0x0016, 0x0013, 0x000a, 0xc011, 0xc007, 0x0005, 0x0004, 0x0015, 0x0012, 0x0009,
        0x0003, 0x0006, 0x0008, 0x0014, 0x0011, 0x0062, 0x0064, 0x00ff
    };
    static final int[] TLS13_SUITES = {0x1301, 0x1302, 0x1303};

    private static final Map<Integer, String> NAMES = new LinkedHashMap<>();

    static {
        String[] n = {
            "0001:TLS_RSA_WITH_NULL_MD5", "0002:TLS_RSA_WITH_NULL_SHA", "003b:TLS_RSA_WITH_NULL_SHA256",
            "0003:TLS_RSA_EXPORT_WITH_RC4_40_MD5", "0006:TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5",
            "0008:TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", "000b:TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA",
            "000e:TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA", "0011:TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA",
            "0014:TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA", "0017:TLS_DH_anon_EXPORT_WITH_RC4_40_MD5",
            "0019:TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA", "0062:TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA",
            "0063:TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA", "0064:TLS_RSA_EXPORT1024_WITH_RC4_56_SHA",
            "0065:TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA", "0004:TLS_RSA_WITH_RC4_128_MD5",
            "0005:TLS_RSA_WITH_RC4_128_SHA", "0018:TLS_DH_anon_WITH_RC4_128_MD5", "0066:TLS_DHE_DSS_WITH_RC4_128_SHA",
            "c002:TLS_ECDH_ECDSA_WITH_RC4_128_SHA", "c007:TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
            "c00c:TLS_ECDH_RSA_WITH_RC4_128_SHA", "c011:TLS_ECDHE_RSA_WITH_RC4_128_SHA",
            "c016:TLS_ECDH_anon_WITH_RC4_128_SHA", "001a:TLS_DH_anon_WITH_DES_CBC_SHA",
            "001b:TLS_DH_anon_WITH_3DES_EDE_CBC_SHA", "0034:TLS_DH_anon_WITH_AES_128_CBC_SHA",
            "003a:TLS_DH_anon_WITH_AES_256_CBC_SHA", "006c:TLS_DH_anon_WITH_AES_128_CBC_SHA256",
            "006d:TLS_DH_anon_WITH_AES_256_CBC_SHA256", "00a6:TLS_DH_anon_WITH_AES_128_GCM_SHA256",
            "00a7:TLS_DH_anon_WITH_AES_256_GCM_SHA384", "0046:TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA",
            "0089:TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA", "c015:TLS_ECDH_anon_WITH_NULL_SHA",
            "c017:TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA", "c018:TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
            "c019:TLS_ECDH_anon_WITH_AES_256_CBC_SHA", "c001:TLS_ECDH_ECDSA_WITH_NULL_SHA",
            "c006:TLS_ECDHE_ECDSA_WITH_NULL_SHA", "c00b:TLS_ECDH_RSA_WITH_NULL_SHA", "c010:TLS_ECDHE_RSA_WITH_NULL_SHA",
            "000a:TLS_RSA_WITH_3DES_EDE_CBC_SHA", "000d:TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA",
            "0010:TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA", "0013:TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA",
            "0016:TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", "c003:TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA",
            "c008:TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", "c00d:TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA",
            "c012:TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "0009:TLS_RSA_WITH_DES_CBC_SHA",
            "000c:TLS_DH_DSS_WITH_DES_CBC_SHA", "000f:TLS_DH_RSA_WITH_DES_CBC_SHA",
            "0012:TLS_DHE_DSS_WITH_DES_CBC_SHA", "0015:TLS_DHE_RSA_WITH_DES_CBC_SHA", "0007:TLS_RSA_WITH_IDEA_CBC_SHA",
            "c02b:TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "c02f:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "c02c:TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "c030:TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "cca9:TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "cca8:TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "009e:TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "009f:TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "c023:TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "c027:TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "c024:TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "c028:TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
            "c009:TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "c013:TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "c00a:TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "c014:TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "0067:TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "006b:TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
            "0033:TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "0039:TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
            "0032:TLS_DHE_DSS_WITH_AES_128_CBC_SHA", "0038:TLS_DHE_DSS_WITH_AES_256_CBC_SHA",
            "0045:TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", "0088:TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA",
            "009c:TLS_RSA_WITH_AES_128_GCM_SHA256", "009d:TLS_RSA_WITH_AES_256_GCM_SHA384",
            "003c:TLS_RSA_WITH_AES_128_CBC_SHA256", "003d:TLS_RSA_WITH_AES_256_CBC_SHA256",
            "002f:TLS_RSA_WITH_AES_128_CBC_SHA", "0035:TLS_RSA_WITH_AES_256_CBC_SHA",
            "0041:TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", "0084:TLS_RSA_WITH_CAMELLIA_256_CBC_SHA",
            "0096:TLS_RSA_WITH_SEED_CBC_SHA", "00ff:TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
            "1301:TLS_AES_128_GCM_SHA256", "1302:TLS_AES_256_GCM_SHA384", "1303:TLS_CHACHA20_POLY1305_SHA256"
        };
        for (String e : n) NAMES.put(Integer.parseInt(e.substring(0, 4), 16), e.substring(5));
    }

    /** IANA name of a cipher suite, or its hex code. */
    public static String suiteName(int code) {
        String n = NAMES.get(code);
        return n != null ? n : String.format("0x%04x", code);
    }

    /** Human name of a protocol version code. */
    public static String versionName(int v) {
        return switch (v) {
            case SSL3 -> "SSLv3";
            case TLS10 -> "TLS 1.0";
            case TLS11 -> "TLS 1.1";
            case TLS12 -> "TLS 1.2";
            case TLS13 -> "TLS 1.3";
            default -> String.format("0x%04x", v);
        };
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Builds one TLS record holding a ClientHello.
     *
     * @param version highest version offered (SSL3 … TLS13); TLS 1.3 is offered through supported_versions
     * @param suites  cipher suites offered, in order
     * @param sni     server name to send, or null (IP literals are never sent, per RFC 6066)
     */
    public static byte[] clientHello(int version, int[] suites, String sni) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int legacy = Math.min(version, TLS12);
        u16(body, legacy);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        body.writeBytes(random);
        if (version == TLS13) {
            // middlebox-compatible: a 32-byte legacy session id (RFC 8446 D.4)
            byte[] sid = new byte[32];
            RANDOM.nextBytes(sid);
            body.write(32);
            body.writeBytes(sid);
        } else {
            body.write(0);
        }
        u16(body, suites.length * 2);
        for (int s : suites) u16(body, s);
        body.write(1);
        body.write(0); // compression: null only
        if (version >= TLS10) {
            ByteArrayOutputStream ext = new ByteArrayOutputStream();
            if (sni != null && !sni.isBlank() && !Io.isIpLiteral(sni)) {
                byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
                ByteArrayOutputStream d = new ByteArrayOutputStream();
                u16(d, name.length + 3);
                d.write(0);
                u16(d, name.length);
                d.writeBytes(name);
                extension(ext, 0x0000, d.toByteArray());
            }
            // supported_groups: x25519, secp256r1, secp384r1, secp521r1, x448, ffdhe2048, ffdhe3072
            extension(ext, 0x000a, list16(0x001d, 0x0017, 0x0018, 0x0019, 0x001e, 0x0100, 0x0101));
            extension(ext, 0x000b, new byte[] {1, 0}); // ec_point_formats: uncompressed
            if (version >= TLS12) {
                extension(ext, 0x000d, list16(0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501,
                        0x0601, 0x0203, 0x0201, 0x0402, 0x0202, 0x0303, 0x0301));
            }
            extension(ext, 0xff01, new byte[] {0}); // renegotiation_info, empty
            if (version == TLS13) {
                extension(ext, 0x002b, new byte[] {2, 0x03, 0x04}); // supported_versions: TLS 1.3 only
                ByteArrayOutputStream ks = new ByteArrayOutputStream();
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                u16(ks, 4 + 32);
                u16(ks, 0x001d);
                u16(ks, 32);
                ks.writeBytes(key);
                extension(ext, 0x0033, ks.toByteArray()); // key_share: x25519
                extension(ext, 0x002d, new byte[] {1, 1}); // psk_key_exchange_modes: psk_dhe_ke
            }
            byte[] e = ext.toByteArray();
            u16(body, e.length);
            body.writeBytes(e);
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        hs.write(HS_CLIENT_HELLO);
        u24(hs, b.length);
        hs.writeBytes(b);
        byte[] h = hs.toByteArray();
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        rec.write(CT_HANDSHAKE);
        u16(rec, version == SSL3 ? SSL3 : TLS10); // record layer version: the widely tolerated value
        u16(rec, h.length);
        rec.writeBytes(h);
        return rec.toByteArray();
    }

    private static byte[] list16(int... values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u16(b, values.length * 2);
        for (int v : values) u16(b, v);
        return b.toByteArray();
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        u16(out, type);
        u16(out, data.length);
        out.writeBytes(data);
    }

    static void u16(ByteArrayOutputStream o, int v) {
        o.write((v >>> 8) & 0xff);
        o.write(v & 0xff);
    }

    static void u24(ByteArrayOutputStream o, int v) {
        o.write((v >>> 16) & 0xff);
        o.write((v >>> 8) & 0xff);
        o.write(v & 0xff);
    }

    /** What came back for one ClientHello. */
    public enum Outcome {
        /** A ServerHello arrived. */
        HELLO,
        /** A fatal alert or a close before any ServerHello: the offer was refused. */
        REFUSED,
        /** Bytes that are not TLS records. */
        NOT_TLS,
        /** Nothing within the read timeout: undecided. */
        NO_ANSWER
    }

    /** Parsed server answer. */
    public static final class ServerReply {
        public Outcome outcome;
        /** Negotiated version (supported_versions for TLS 1.3, else server_version), -1 if none. */
        public int version = -1;
        public int legacyVersion = -1;
        public int cipherSuite = -1;
        public int alertLevel = -1;
        public int alertDescription = -1;
        public final List<X509Certificate> certificates = new ArrayList<>();
        /** First bytes received, for evidence. */
        public byte[] head = new byte[0];
        public String detail = "";

        /** One-line evidence description. */
        public String describe() {
            return switch (outcome) {
                case HELLO -> "ServerHello version " + versionName(version) + String.format(" (0x%04x)", version)
                        + ", cipher " + suiteName(cipherSuite) + String.format(" (0x%04x)", cipherSuite)
                        + "; first bytes: " + Io.hex(head, 0, head.length, 48);
                case REFUSED -> alertDescription >= 0
                        ? "alert level " + alertLevel + " description " + alertName(alertDescription)
                        : "connection closed without ServerHello" + (detail.isEmpty() ? "" : " (" + detail + ")");
                case NOT_TLS -> "not TLS: " + Io.printable(head, 0, head.length, 48);
                case NO_ANSWER -> "no answer" + (detail.isEmpty() ? "" : " (" + detail + ")");
            };
        }
    }

    static String alertName(int d) {
        String n = switch (d) {
            case 0 -> "close_notify"; case 10 -> "unexpected_message"; case 20 -> "bad_record_mac";
            case 40 -> "handshake_failure"; case 47 -> "illegal_parameter"; case 50 -> "decode_error";
            case 70 -> "protocol_version"; case 71 -> "insufficient_security"; case 80 -> "internal_error";
            case 86 -> "inappropriate_fallback"; case 112 -> "unrecognized_name"; default -> "alert";
        };
        return n + "(" + d + ")";
    }

    /**
     * Reads records until the ServerHello (and, if wanted, the Certificate message) has arrived,
     * or an alert, EOF, timeout or the size cap ends it.
     */
    public static ServerReply readReply(InputStream in, boolean wantCertificate) throws IOException {
        ServerReply r = new ServerReply();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteArrayOutputStream hsBuf = new ByteArrayOutputStream();
        int total = 0;
        try {
            while (total < MAX_TOTAL) {
                byte[] hdr;
                try {
                    hdr = Io.readExactly(in, 5);
                } catch (EOFException e) {
                    if (r.outcome == null) {
                        r.outcome = head.size() == 0 ? Outcome.REFUSED : Outcome.NOT_TLS;
                        r.detail = "EOF";
                    }
                    break;
                }
                if (head.size() < 64) head.write(hdr, 0, Math.min(hdr.length, 64 - head.size()));
                int type = hdr[0] & 0xff;
                int major = hdr[1] & 0xff;
                int len = ((hdr[3] & 0xff) << 8) | (hdr[4] & 0xff);
                if (type < 20 || type > 23 || major != 3 || len > MAX_RECORD) {
                    if (r.outcome == null) r.outcome = Outcome.NOT_TLS;
                    break;
                }
                byte[] body = Io.readExactly(in, len);
                total += 5 + len;
                if (head.size() < 64) head.write(body, 0, Math.min(body.length, 64 - head.size()));
                if (type == CT_ALERT && len >= 2) {
                    if (r.outcome == null) {
                        r.outcome = Outcome.REFUSED;
                        r.alertLevel = body[0] & 0xff;
                        r.alertDescription = body[1] & 0xff;
                    }
                    break;
                }
                if (type != CT_HANDSHAKE) {
                    // ChangeCipherSpec / encrypted data (TLS 1.3 after ServerHello): nothing more to read in clear
                    if (r.outcome == Outcome.HELLO) break;
                    continue;
                }
                hsBuf.write(body, 0, body.length);
                if (consume(hsBuf, r, wantCertificate)) break;
            }
        } catch (SocketTimeoutException e) {
            if (r.outcome == null) {
                r.outcome = Outcome.NO_ANSWER;
                r.detail = "read timeout";
            }
        } catch (IOException e) {
            if (r.outcome == null) {
                r.outcome = head.size() == 0 ? Outcome.REFUSED : Outcome.NOT_TLS;
                r.detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
        }
        if (r.outcome == null) r.outcome = Outcome.NOT_TLS;
        r.head = head.toByteArray();
        return r;
    }

    /** Parses complete handshake messages from the buffer; returns true when reading can stop. */
    private static boolean consume(ByteArrayOutputStream hsBuf, ServerReply r, boolean wantCertificate) throws IOException {
        byte[] b = hsBuf.toByteArray();
        int pos = 0;
        boolean done = false;
        while (b.length - pos >= 4) {
            int type = b[pos] & 0xff;
            int len = ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            if (len > MAX_TOTAL) throw new IOException("handshake message too long: " + len);
            if (b.length - pos - 4 < len) break;
            byte[] msg = new byte[len];
            System.arraycopy(b, pos + 4, msg, 0, len);
            pos += 4 + len;
            if (type == HS_SERVER_HELLO) {
                parseServerHello(msg, r);
                if (!wantCertificate || r.version == TLS13) done = true;
            } else if (type == HS_CERTIFICATE) {
                parseCertificates(msg, r);
                done = true;
            } else if (type == HS_SERVER_HELLO_DONE) {
                done = true;
            }
            if (done) break;
        }
        hsBuf.reset();
        hsBuf.write(b, pos, b.length - pos);
        return done;
    }

    static void parseServerHello(byte[] m, ServerReply r) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(m);
        r.legacyVersion = u16(in);
        Io.readExactly(in, 32);
        int sidLen = in.read();
        if (sidLen < 0 || sidLen > 32) throw new IOException("bad ServerHello session id length");
        Io.readExactly(in, sidLen);
        r.cipherSuite = u16(in);
        in.read(); // compression method
        r.version = r.legacyVersion;
        if (in.available() >= 2) {
            int extLen = u16(in);
            byte[] ext = Io.readExactly(in, Math.min(extLen, in.available()));
            ByteArrayInputStream e = new ByteArrayInputStream(ext);
            while (e.available() >= 4) {
                int type = u16(e);
                int len = u16(e);
                byte[] d = Io.readExactly(e, Math.min(len, e.available()));
                if (type == 0x002b && d.length == 2) r.version = ((d[0] & 0xff) << 8) | (d[1] & 0xff);
            }
        }
        r.outcome = Outcome.HELLO;
    }

    static void parseCertificates(byte[] m, ServerReply r) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(m);
        int total = u24(in);
        int read = 0;
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            while (read + 3 <= total && in.available() >= 3 && r.certificates.size() < 10) {
                int len = u24(in);
                byte[] der = Io.readExactly(in, len);
                read += 3 + len;
                r.certificates.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new IOException("unparseable certificate in Certificate message: " + e.getMessage(), e);
        }
    }

    static int u16(InputStream in) throws IOException {
        byte[] b = Io.readExactly(in, 2);
        return ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    }

    static int u24(InputStream in) throws IOException {
        byte[] b = Io.readExactly(in, 3);
        return ((b[0] & 0xff) << 16) | ((b[1] & 0xff) << 8) | (b[2] & 0xff);
    }
}
