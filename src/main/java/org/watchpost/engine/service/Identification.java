package org.watchpost.engine.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.watchpost.engine.tls.AcceptAnyCertificate;

import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.ServiceInfo;

/**
 * The work on one port: connect, listen for a banner, then probe in an order chosen from the
 * port hint and from how the peer reacted so far. Owns every socket it opens; a watchdog and
 * the cancel hook close them all, so no blocking call outlives the deadline or a stop.
 */
final class Identification {

    /** Probes that need us to speak first; each runs on its own connection. */
    enum Probe { HTTP, TLS, REDIS, MEMCACHED, POSTGRES, MONGODB, RDP, DNS }

    private static final List<Probe> DEFAULT_ORDER = List.of(
            Probe.HTTP, Probe.TLS, Probe.REDIS, Probe.MEMCACHED, Probe.POSTGRES, Probe.MONGODB, Probe.RDP, Probe.DNS);

    private enum Kind { IDENTIFIED, DATA, CLOSED, SILENT, NO_CONNECTION }

    /** Result of one probe: identified, or how the peer reacted (and what that suggests next). */
    private record Outcome(Kind kind, Ident ident, boolean tls, Probe suggest) {
        static Outcome of(Kind k) {
            return new Outcome(k, null, false, null);
        }

        static Outcome found(Ident id) {
            return new Outcome(Kind.IDENTIFIED, id, false, null);
        }
    }

    private static final ScheduledExecutorService WATCHDOG = watchdog();
    private static final AtomicInteger REQUEST_IDS = new AtomicInteger(0x5750);
    private static final int EVIDENCE_BYTES = ServiceInfo.MAX_BANNER;

    private final InetAddress address;
    private final int port;
    private final IdentifyOptions o;
    private final Cancellation cancel;
    private final long deadline;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private String connectError;

    /** Bytes received in the current conversation (the evidence if it identifies). */
    private final ByteArrayOutputStream conversation = new ByteArrayOutputStream();
    /** The first bytes received at all (the evidence if nothing identifies). */
    private byte[] firstData;
    private final List<String> silentProbes = new ArrayList<>();
    /** An HTTP answer that said "this port wants TLS": used if TLS then fails. */
    private Ident httpFallback;
    private byte[] httpFallbackEvidence;

    Identification(InetAddress address, int port, IdentifyOptions options, Cancellation cancel) {
        this.address = address;
        this.port = port;
        this.o = options;
        this.cancel = cancel;
        this.deadline = System.nanoTime() + options.deadlineMs() * 1_000_000L;
    }

    IdentifyOptions options() {
        return o;
    }

    long deadlineNanos() {
        return deadline;
    }

    // ------------------------------------------------------------------ lifecycle

    ServiceInfo run() {
        Runnable hook = this::closeAll;
        cancel.onCancel(hook);
        ScheduledFuture<?> timer = WATCHDOG.schedule(this::closeAll, o.deadlineMs(), TimeUnit.MILLISECONDS);
        try {
            return probeAll();
        } finally {
            timer.cancel(false);
            cancel.removeHook(hook);
            closeAll();
        }
    }

    private void closeAll() {
        stopped = true;
        for (Socket s : open) quietClose(s);
        open.clear();
    }

    void release(Socket s) {
        open.remove(s);
        quietClose(s);
    }

    private static void quietClose(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    private long remainingMs() {
        return (deadline - System.nanoTime()) / 1_000_000L;
    }

    private boolean over() {
        return stopped || cancel.isCancelled() || remainingMs() <= 20;
    }

    private Conn connect() {
        if (over()) return null;
        Socket s = new Socket();
        open.add(s);
        if (stopped) {
            release(s);
            return null;
        }
        try {
            s.setTcpNoDelay(true);
            s.setSoLinger(true, 0);
            int timeout = (int) Math.max(1, Math.min(o.connectTimeoutMs(), remainingMs()));
            s.connect(new InetSocketAddress(address, port), timeout);
            return new Conn(this, s);
        } catch (IOException e) {
            connectError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            release(s);
            return null;
        }
    }

    // ------------------------------------------------------------------ strategy

    private ServiceInfo probeAll() {
        PortHints.Hint hint = o.portHints() ? PortHints.forPort(port) : null;
        List<Probe> order = new ArrayList<>(DEFAULT_ORDER);
        boolean bannerDone = false;
        Conn spare = null;
        if (hint != null && hint.probe() != null) {
            order.remove(hint.probe());
            order.add(0, hint.probe());
        } else {
            Conn c = connect();
            if (c == null) return noConnection();
            long wait = hint != null && hint.serverFirst() ? o.readTimeoutMs() : o.bannerWaitMs();
            ServiceInfo done = bannerPhase(c, wait);
            if (done != null) {
                c.close();
                return done;
            }
            bannerDone = true;
            spare = c;
        }
        boolean anyConnection = spare != null;
        while (!order.isEmpty() && !over()) {
            Probe p = order.remove(0);
            Conn c = spare != null ? spare : connect();
            spare = null;
            if (c == null) break;
            anyConnection = true;
            Outcome out;
            try {
                conversation.reset();
                out = run(p, c);
            } catch (IOException | RuntimeException e) {
                out = Outcome.of(Kind.CLOSED);
            } finally {
                c.close();
            }
            if (out.kind() == Kind.IDENTIFIED) return info(out.ident(), out.tls());
            if (out.kind() == Kind.SILENT) silentProbes.add(p.name().toLowerCase(Locale.ROOT));
            reorder(order, p, out);
            if (!bannerDone && !over()) {
                // the hinted probe missed: now give a server-first service its chance to greet
                bannerDone = true;
                Conn b = connect();
                if (b == null) break;
                ServiceInfo done = bannerPhase(b, o.bannerWaitMs());
                if (done != null) {
                    b.close();
                    return done;
                }
                spare = b;
            }
        }
        if (spare != null) spare.close();
        if (httpFallback != null) {
            conversation.reset();
            conversation.writeBytes(httpFallbackEvidence);
            return info(httpFallback, false);
        }
        if (!anyConnection) return noConnection();
        String extra = cancel.isCancelled() ? "cancelled"
                : silentProbes.isEmpty() ? null : "no answer to: " + String.join(", ", silentProbes);
        return unknown(extra);
    }

    /** Waits for a spontaneous banner. Returns a final result, or null to go on probing. */
    private ServiceInfo bannerPhase(Conn c, long waitMs) {
        conversation.reset();
        Conn.Reply r = c.read(waitMs, Recognizers::bannerComplete);
        if (r.isEmpty()) {
            if (r.closed() && !over()) return unknown("closed by peer without data (tcpwrapped)");
            return null;
        }
        keep(r);
        Ident id = answer(c, r, false);
        if (id != null) return info(id, false);
        return unknown(null);
    }

    /**
     * Recognises an answer, asking EHLO when a 220 greeting does not say FTP or SMTP.
     * {@code spokeFirst}: we sent a probe on this connection before the greeting came, so
     * the answers to that probe's lines arrive before the answer to EHLO.
     */
    private Ident answer(Conn c, Conn.Reply r, boolean spokeFirst) {
        Ident id = Recognizers.generic(r.data(), r.len());
        String line = Bytes.firstLine(r.data(), r.len(), 512);
        boolean greeting220 = line.startsWith("220");
        if (!greeting220 || (id != null && !"smtp".equals(id.service()))) return id;
        try {
            c.send(Bytes.latin1("EHLO watchpost.invalid\r\n"));
            Conn.Reply e = c.read(o.readTimeoutMs(), spokeFirst ? Recognizers::smtpEhloDone : Recognizers::smtpReplyComplete);
            keep(e);
            String reply = e.text();
            if (id == null) id = Recognizers.ftpOrSmtp(line, Recognizers.ehloVerdictLine(reply));
            if (id != null && "smtp".equals(id.service()) && reply.toUpperCase(Locale.ROOT).contains("STARTTLS"))
                id = id.addExtra("STARTTLS offered");
            c.send(Bytes.latin1("QUIT\r\n"));
        } catch (IOException ignored) {
            // the greeting alone decides then
        }
        return id;
    }

    private void reorder(List<Probe> order, Probe ran, Outcome out) {
        List<Probe> first = new ArrayList<>();
        if (out.suggest() != null) first.add(out.suggest());
        if (ran == Probe.HTTP && out.kind() == Kind.CLOSED) first.addAll(List.of(Probe.REDIS, Probe.MONGODB, Probe.POSTGRES, Probe.TLS, Probe.RDP));
        if (ran == Probe.HTTP && out.kind() == Kind.SILENT) first.addAll(List.of(Probe.DNS, Probe.RDP, Probe.TLS));
        for (int i = first.size() - 1; i >= 0; i--) {
            Probe p = first.get(i);
            if (order.remove(p)) order.add(0, p);
        }
    }

    private Outcome run(Probe p, Conn c) throws IOException {
        return switch (p) {
            case HTTP -> http(c);
            case TLS -> tls(c);
            case REDIS -> redis(c);
            case MEMCACHED -> memcached(c);
            case POSTGRES -> postgres(c);
            case MONGODB -> mongodb(c);
            case RDP -> rdp(c);
            case DNS -> dns(c);
        };
    }

    /** Kind and next-probe suggestion for an answer no probe-specific parser took. */
    private Outcome unrecognised(Conn c, Conn.Reply r) {
        if (r.isEmpty()) return Outcome.of(r.closed() ? Kind.CLOSED : Kind.SILENT);
        Ident id = answer(c, r, true);
        if (id != null) return Outcome.found(id);
        String t = r.text();
        Probe suggest = null;
        if (Recognizers.looksLikeTls(r.data(), r.len())) suggest = Probe.TLS;
        else if (t.startsWith("-ERR")) suggest = Probe.REDIS;
        else if (t.startsWith("ERROR") || t.startsWith("CLIENT_ERROR")) suggest = Probe.MEMCACHED;
        return new Outcome(Kind.DATA, null, false, suggest);
    }

    // ------------------------------------------------------------------ probes

    private byte[] httpRequest() {
        String host = hostForHeader();
        return Bytes.latin1("GET / HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: Watchpost\r\nAccept: */*\r\n\r\n");
    }

    private Outcome http(Conn c) throws IOException {
        c.send(httpRequest());
        Conn.Reply r = c.read(o.readTimeoutMs(), Recognizers::httpComplete);
        keep(r);
        if (!r.isEmpty() && Recognizers.httpWantsTls(r.data(), r.len())) {
            Ident id = Recognizers.generic(r.data(), r.len());
            if (id != null && httpFallback == null) {
                httpFallback = id;
                httpFallbackEvidence = conversation.toByteArray();
            }
            return new Outcome(Kind.DATA, null, false, Probe.TLS);
        }
        return unrecognised(c, r);
    }

    private Outcome tls(Conn c) {
        SSLSocket ssl;
        try {
            int timeout = (int) Math.max(1, Math.min(o.readTimeoutMs() * 2L, remainingMs()));
            ssl = c.startTls(AcceptAnyCertificate.socketFactory(), sniHost(), port, timeout);
        } catch (SocketTimeoutException e) {
            return Outcome.of(Kind.SILENT);
        } catch (SSLException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("Received fatal alert") || msg.contains("protocol_version") || msg.contains("no cipher suites")
                    || msg.contains("not accepted by client preferences")) {
                return new Outcome(Kind.IDENTIFIED, new Ident("unknown", null, null, "TLS handshake failed: " + Recognizers.clip(msg, 120)), true, null);
            }
            return Outcome.of(Kind.CLOSED);
        } catch (IOException e) {
            return Outcome.of(Kind.CLOSED);
        }
        String tlsInfo = tlsInfo(ssl.getSession());
        Conn.Reply r = c.read(o.bannerWaitMs(), Recognizers::bannerComplete);
        keep(r);
        Ident inner = null;
        if (!r.isEmpty()) {
            inner = answer(c, r, false);
        } else if (!r.closed()) {
            try {
                c.send(httpRequest());
                Conn.Reply h = c.read(o.readTimeoutMs(), Recognizers::httpComplete);
                keep(h);
                if (!h.isEmpty()) inner = Recognizers.generic(h.data(), h.len());
            } catch (IOException ignored) {
                // TLS without an answer to HTTP: unknown inside TLS
            }
        }
        if (inner == null) inner = Ident.of("unknown");
        String svc = switch (inner.service()) {
            case "http" -> "https";
            case "smtp" -> "smtps";
            case "imap" -> "imaps";
            case "pop3" -> "pop3s";
            case "ftp" -> "ftps";
            default -> inner.service();
        };
        return new Outcome(Kind.IDENTIFIED, inner.withService(svc).addExtra(tlsInfo), true, null);
    }

    private static final byte[] REDIS_PROBE = Bytes.latin1("*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n");

    private Outcome redis(Conn c) throws IOException {
        c.send(REDIS_PROBE);
        Conn.Reply r = c.read(o.readTimeoutMs(), (d, n) -> Recognizers.respReplies(d, n) >= 2);
        keep(r);
        Ident id = r.isEmpty() ? null : Recognizers.redis(r.data(), r.len());
        return id != null ? Outcome.found(id) : unrecognised(c, r);
    }

    private Outcome memcached(Conn c) throws IOException {
        c.send(Bytes.latin1("version\r\n"));
        Conn.Reply r = c.read(o.readTimeoutMs(), (d, n) -> n > 0 && d[n - 1] == '\n');
        keep(r);
        Ident id = r.isEmpty() ? null : Recognizers.memcached(Bytes.firstLine(r.data(), r.len(), 128));
        return id != null ? Outcome.found(id) : unrecognised(c, r);
    }

    private Outcome postgres(Conn c) throws IOException {
        c.send(new byte[] {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f}); // SSLRequest, code 80877103
        Conn.Reply r = c.read(o.readTimeoutMs(), (d, n) -> n >= 1 && (d[0] == 'S' || d[0] == 'N') || Recognizers.postgresMessageComplete(d, n));
        keep(r);
        if (r.len() == 1 && r.data()[0] == 'S') {
            return Outcome.found(new Ident("postgresql", "PostgreSQL", null, "SSL supported"));
        }
        if (r.len() == 1 && r.data()[0] == 'N') {
            byte[] params = "user\0watchpost\0database\0postgres\0application_name\0watchpost\0\0".getBytes(StandardCharsets.US_ASCII);
            byte[] startup = new byte[8 + params.length];
            int len = startup.length;
            startup[0] = (byte) (len >>> 24);
            startup[1] = (byte) (len >>> 16);
            startup[2] = (byte) (len >>> 8);
            startup[3] = (byte) len;
            startup[5] = 3; // protocol 3.0
            System.arraycopy(params, 0, startup, 8, params.length);
            c.send(startup);
            Conn.Reply s = c.read(o.readTimeoutMs(), Recognizers::postgresMessageComplete);
            keep(s);
            Ident id = s.isEmpty() ? null : Recognizers.postgresMessage(s.data(), s.len());
            if (id != null) {
                c.send(new byte[] {'X', 0, 0, 0, 4}); // Terminate
                return Outcome.found(id.addExtra("SSL not offered"));
            }
            return unrecognised(c, s);
        }
        Ident id = r.isEmpty() ? null : Recognizers.postgresMessage(r.data(), r.len());
        return id != null ? Outcome.found(id) : unrecognised(c, r);
    }

    private Outcome mongodb(Conn c) throws IOException {
        int reqId = REQUEST_IDS.incrementAndGet();
        c.send(opQuery(reqId, Bson.doc("isMaster", 1)));
        Conn.Reply r = c.read(o.readTimeoutMs(), Identification::mongoComplete);
        keep(r);
        Map<String, Object> doc = mongoReply(r, reqId);
        if (doc == null || !(doc.containsKey("ismaster") || doc.containsKey("isWritablePrimary")
                || doc.containsKey("maxWireVersion") || doc.containsKey("ok"))) {
            return unrecognised(c, r);
        }
        Ident id = new Ident("mongodb", "MongoDB", null, null);
        Object wire = doc.get("maxWireVersion");
        int maxWire = wire instanceof Number w ? w.intValue() : 0;
        if (maxWire > 0) id = id.addExtra("maxWireVersion " + maxWire);
        if (!over()) {
            int req2 = REQUEST_IDS.incrementAndGet();
            c.send(maxWire >= 6 ? opMsg(req2, Bson.doc("buildInfo", 1, "$db", "admin")) : opQuery(req2, Bson.doc("buildInfo", 1)));
            Conn.Reply b = c.read(o.readTimeoutMs(), Identification::mongoComplete);
            keep(b);
            Map<String, Object> info = mongoReply(b, req2);
            if (info != null && info.get("version") instanceof String v && !v.isEmpty() && v.length() < 40 && Bytes.printable(v)) {
                id = new Ident("mongodb", "MongoDB", v, id.extra());
            } else if (info != null && info.get("errmsg") instanceof String err) {
                id = id.addExtra("buildInfo refused: " + Recognizers.clip(err, 100));
            }
        }
        return Outcome.found(id);
    }

    static byte[] opQuery(int requestId, byte[] query) {
        byte[] coll = "admin.$cmd\0".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int len = 16 + 4 + coll.length + 8 + query.length;
        Bson.int32(out, len);
        Bson.int32(out, requestId);
        Bson.int32(out, 0);
        Bson.int32(out, 2004); // OP_QUERY
        Bson.int32(out, 0); // flags
        out.writeBytes(coll);
        Bson.int32(out, 0); // skip
        Bson.int32(out, -1); // return one document
        out.writeBytes(query);
        return out.toByteArray();
    }

    static byte[] opMsg(int requestId, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Bson.int32(out, 16 + 4 + 1 + body.length);
        Bson.int32(out, requestId);
        Bson.int32(out, 0);
        Bson.int32(out, 2013); // OP_MSG
        Bson.int32(out, 0); // flag bits
        out.write(0); // section kind 0: body
        out.writeBytes(body);
        return out.toByteArray();
    }

    static boolean mongoComplete(byte[] d, int n) {
        if (n < 4) return false;
        int len = Bytes.i32le(d, 0);
        return len < 16 || len > 48 * 1024 * 1024 || n >= len;
    }

    /** The document of an OP_REPLY or OP_MSG answering {@code reqId}, or null. */
    static Map<String, Object> mongoReply(Conn.Reply r, int reqId) {
        byte[] d = r.data();
        int n = r.len();
        if (n < 21) return null;
        int len = Bytes.i32le(d, 0);
        if (len < 21 || len > 48 * 1024 * 1024) return null;
        if (Bytes.i32le(d, 8) != reqId) return null;
        int op = Bytes.i32le(d, 12);
        int end = Math.min(n, len);
        if (op == 1) return end >= 36 + 5 ? Bson.read(d, end, 36) : null;
        if (op == 2013) return d[20] == 0 ? Bson.read(d, end, 21) : null;
        return null;
    }

    private static final byte[] RDP_PROBE = {
            0x03, 0x00, 0x00, 0x13, // TPKT, length 19
            0x0e, (byte) 0xe0, 0x00, 0x00, 0x00, 0x00, 0x00, // X.224 Connection Request
            0x01, 0x00, 0x08, 0x00, 0x03, 0x00, 0x00, 0x00}; // RDP_NEG_REQ: TLS | CredSSP

    private Outcome rdp(Conn c) throws IOException {
        c.send(RDP_PROBE);
        Conn.Reply r = c.read(o.readTimeoutMs(), Recognizers::tpktComplete);
        keep(r);
        Ident id = r.isEmpty() ? null : Recognizers.rdp(r.data(), r.len());
        return id != null ? Outcome.found(id) : unrecognised(c, r);
    }

    private Outcome dns(Conn c) throws IOException {
        int id = REQUEST_IDS.incrementAndGet() & 0xffff;
        byte[] q = {
                0, 30, // TCP length prefix
                (byte) (id >> 8), (byte) id, 0x00, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
                7, 'v', 'e', 'r', 's', 'i', 'o', 'n', 4, 'b', 'i', 'n', 'd', 0,
                0, 16, 0, 3}; // TXT, CHAOS
        c.send(q);
        Conn.Reply r = c.read(o.readTimeoutMs(), Recognizers::dnsComplete);
        keep(r);
        Ident ident = r.isEmpty() ? null : Recognizers.dns(r.data(), r.len(), id);
        return ident != null ? Outcome.found(ident) : unrecognised(c, r);
    }

    // ------------------------------------------------------------------ results

    private void keep(Conn.Reply r) {
        if (r.isEmpty()) return;
        int room = EVIDENCE_BYTES - conversation.size();
        if (room > 0) conversation.write(r.data(), 0, Math.min(room, r.len()));
        if (firstData == null) firstData = java.util.Arrays.copyOf(r.data(), Math.min(r.len(), EVIDENCE_BYTES));
    }

    private ServiceInfo info(Ident id, boolean tls) {
        byte[] ev = conversation.toByteArray();
        if (ev.length == 0 && firstData != null) ev = firstData;
        String product = id.product();
        String version = id.version();
        return new ServiceInfo(address.getHostAddress(), port, id.service(), product, version,
                CpeTable.cpe(product, version), tls, BannerText.render(ev, ServiceInfo.MAX_BANNER), id.extra());
    }

    private ServiceInfo unknown(String extra) {
        byte[] ev = firstData != null ? firstData : conversation.toByteArray();
        return new ServiceInfo(address.getHostAddress(), port, "unknown", null, null, null, false,
                BannerText.render(ev, ServiceInfo.MAX_BANNER), extra);
    }

    private ServiceInfo noConnection() {
        String why = cancel.isCancelled() ? "cancelled" : "connect failed: " + (connectError == null ? "deadline" : connectError);
        return new ServiceInfo(address.getHostAddress(), port, "unknown", null, null, null, false, "", why);
    }

    private static String tlsInfo(SSLSession s) {
        StringBuilder sb = new StringBuilder(s.getProtocol()).append(' ').append(s.getCipherSuite());
        try {
            Certificate[] chain = s.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                sb.append("; subject: ").append(Recognizers.clip(x.getSubjectX500Principal().getName(), 200));
                sb.append("; issuer: ").append(Recognizers.clip(x.getIssuerX500Principal().getName(), 200));
                sb.append("; not after: ").append(x.getNotAfter().toInstant());
            }
        } catch (javax.net.ssl.SSLPeerUnverifiedException ignored) {
            // anonymous suites: no certificate to show
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ names

    /** The host name the caller used, if the InetAddress carries one (never a reverse lookup). */
    private String givenHostName() {
        String s = address.toString();
        int slash = s.indexOf('/');
        return slash > 0 ? s.substring(0, slash) : null;
    }

    private String literal() {
        String a = address.getHostAddress();
        return a.indexOf(':') >= 0 ? "[" + a + "]" : a;
    }

    private String hostForHeader() {
        String h = givenHostName();
        if (h == null) h = literal();
        return port == 80 ? h : h + ":" + port;
    }

    private String sniHost() {
        String h = givenHostName();
        return h != null ? h : address.getHostAddress();
    }

    // ------------------------------------------------------------------ shared machinery

    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "watchpost-service-watchdog");
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        return ex;
    }
}
