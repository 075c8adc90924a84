package org.watchpost.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.watchpost.engine.model.Severity;

/**
 * Fills a database with many realistic-looking scans and findings, fast, for benchmarks and
 * demos. Every address is in 127.0.0.0/8, so even a re-run of a seeded scan touches only this
 * machine. Scans' denormalised counters (hosts, open ports, findings per severity) agree with
 * their rows, and the scan sequence continues after the seeded IDs.
 *
 * <pre>java -cp … org.watchpost.store.SeedData FILE [SCANS [FINDINGS [RANDOM-SEED]]]</pre>
 */
public final class SeedData {
    /** What was written. */
    public record Result(long firstScanId, long lastScanId, long findings, long hosts, long services, long millis) {}

    private record Template(String checkId, Severity severity, Double cvss, String cvssVector, String cves, String cwe,
                            String title, String description, String remediation, String evidence, String service,
                            int port, String confidence, boolean kev) {}

    private static final String[] STATUSES = {"COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED",
            "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED",
            "COMPLETED", "COMPLETED", "STOPPED", "FAILED", "INTERRUPTED", "COMPLETED"};
    private static final String[] NAMES = {"DMZ weekly", "Web tier", "Office LAN", "Mail relays", "VPN gateways",
            "Branch Lyon", "Branch Porto", "Lab rack 3", "Payment zone", "Build servers", "Printers", "Wi-Fi guests",
            "Database subnet", "Monitoring", "Jump hosts", "Edge routers", "Customer portal", "Legacy ERP"};
    private static final String[] PROFILES = {"default", "quick", "full", "custom"};
    private static final String[] PORTS = {"top-1000", "top-100", "all", "22,80,443", "1-1024"};
    private static final String[][] SERVICES = {{"ssh", "22"}, {"http", "80"}, {"https", "443"}, {"ftp", "21"},
            {"smtp", "25"}, {"redis", "6379"}, {"mysql", "3306"}, {"rdp", "3389"}, {"http", "8080"}, {"memcached", "11211"},
            {"imaps", "993"}, {"dns", "53"}};

    private static final List<Template> TEMPLATES = List.of(
            t("vulndb.cve", Severity.CRITICAL, 9.8, "CVE-2021-41773", "CWE-22", "Apache httpd 2.4.49 path traversal and RCE",
                    "The announced Apache httpd version allows path traversal outside the document root and, with CGI enabled, remote code execution.",
                    "Upgrade Apache httpd to 2.4.51 or later.", "Server: Apache/2.4.49 (Unix)", "http", 80, "version-match", true),
            t("vulndb.cve", Severity.CRITICAL, 10.0, "CVE-2021-44228", "CWE-502", "Log4Shell in an exposed Java service",
                    "The service answers JNDI lookups injected through request headers.",
                    "Upgrade log4j-core to 2.17.1 or later, or remove the JndiLookup class.", "X-Api-Version: ${jndi:ldap://127.0.0.1/a}", "http", 8080, "confirmed", true),
            t("vulndb.cve", Severity.CRITICAL, 9.8, "CVE-2018-15473,CVE-2016-6210", "CWE-200", "OpenSSH user enumeration and outdated release",
                    "The announced OpenSSH release has known user-enumeration flaws.", "Upgrade OpenSSH to a supported release.",
                    "SSH-2.0-OpenSSH_7.4", "ssh", 22, "version-match", false),
            t("redis.noauth", Severity.CRITICAL, 9.1, "", "CWE-306", "Redis accepts commands without authentication",
                    "Anyone who reaches the port can read and change every key and, through CONFIG SET, write files.",
                    "Require a password (requirepass / ACLs) and bind Redis to trusted interfaces only.", "+PONG", "redis", 6379, "confirmed", false),
            t("tls.cert.expired", Severity.HIGH, 7.4, "", "CWE-298", "TLS certificate has expired",
                    "Clients that check certificates refuse the connection; those that do not are open to interception.",
                    "Renew the certificate and automate renewal.", "notAfter=2023-01-14T00:00:00Z subject=CN=portal.example", "https", 443, "confirmed", false),
            t("vulndb.cve", Severity.HIGH, 7.5, "CVE-2023-44487", "CWE-400", "HTTP/2 Rapid Reset denial of service",
                    "The announced server version is affected by the HTTP/2 rapid reset attack.", "Upgrade the web server or disable HTTP/2.",
                    "ALPN: h2; Server: nginx/1.22.0", "https", 443, "version-match", true),
            t("ftp.anonymous", Severity.HIGH, 7.5, "", "CWE-284", "FTP allows anonymous login",
                    "Anonymous users can list and download files.", "Disable anonymous FTP or restrict it to a public, read-only folder.",
                    "230 Login successful.", "ftp", 21, "confirmed", false),
            t("memcached.exposed", Severity.HIGH, 7.5, "CVE-2018-1000115", "CWE-406", "Memcached reachable without authentication",
                    "An exposed memcached answers stats and can be abused for traffic amplification.", "Bind memcached to localhost or a private interface.",
                    "STAT version 1.6.18", "memcached", 11211, "confirmed", false),
            t("rdp.nla.disabled", Severity.HIGH, 8.1, "", "CWE-287", "RDP without Network Level Authentication",
                    "The login screen is reachable before authentication, exposing the host to pre-auth attacks.", "Require NLA for remote desktop.",
                    "RDP security layer: standard RDP", "rdp", 3389, "firm", false),
            t("tls.protocol.tls10", Severity.MEDIUM, 5.9, "", "CWE-327", "TLS 1.0 is accepted",
                    "TLS 1.0 lacks modern cipher suites and is deprecated by RFC 8996.", "Disable TLS 1.0 and 1.1; offer TLS 1.2 and 1.3 only.",
                    "TLSv1.0 handshake accepted, cipher ECDHE-RSA-AES128-SHA", "https", 443, "confirmed", false),
            t("tls.cipher.weak", Severity.MEDIUM, 5.3, "", "CWE-326", "Weak TLS cipher suites offered",
                    "The server offers CBC-mode suites with SHA-1 and 3DES.", "Offer only AEAD suites (AES-GCM, ChaCha20-Poly1305).",
                    "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "https", 443, "confirmed", false),
            t("ssh.kex.weak", Severity.MEDIUM, 5.3, "", "CWE-327", "SSH offers weak key exchange",
                    "diffie-hellman-group1-sha1 and group14-sha1 are offered.", "Remove SHA-1 key exchange methods from KexAlgorithms.",
                    "kex: diffie-hellman-group1-sha1,diffie-hellman-group14-sha1", "ssh", 22, "confirmed", false),
            t("http.headers.hsts", Severity.MEDIUM, 4.3, "", "CWE-319", "HSTS header missing",
                    "Browsers may be downgraded to plain HTTP on first visit.", "Send Strict-Transport-Security with a long max-age.",
                    "HTTP/1.1 200 OK (no Strict-Transport-Security)", "https", 443, "confirmed", false),
            t("vulndb.cve", Severity.MEDIUM, 6.5, "CVE-2023-48795", "CWE-354", "SSH Terrapin prefix truncation",
                    "The server supports ChaCha20-Poly1305 or CBC with Encrypt-then-MAC and is open to the Terrapin attack.",
                    "Upgrade the SSH server or disable the affected modes.", "SSH-2.0-OpenSSH_8.9p1", "ssh", 22, "version-match", false),
            t("smtp.starttls.missing", Severity.MEDIUM, 4.8, "", "CWE-319", "SMTP server does not offer STARTTLS",
                    "Mail is relayed in clear text.", "Enable STARTTLS with a valid certificate.", "250-PIPELINING 250 8BITMIME", "smtp", 25, "confirmed", false),
            t("mysql.exposed", Severity.MEDIUM, 5.3, "", "CWE-668", "MySQL reachable from the network",
                    "The database port answers on a non-local interface.", "Restrict MySQL to application hosts with a firewall.",
                    "5.7.42-log mysql_native_password", "mysql", 3306, "confirmed", false),
            t("http.server.banner", Severity.LOW, 3.7, "", "CWE-200", "Web server discloses its version",
                    "The Server header names the product and version, which helps an attacker pick exploits.", "Hide version details in response headers.",
                    "Server: nginx/1.18.0 (Ubuntu)", "http", 80, "confirmed", false),
            t("tls.cert.selfsigned", Severity.LOW, 3.1, "", "CWE-295", "Self-signed TLS certificate",
                    "Clients cannot verify the server's identity.", "Use a certificate from a trusted CA.", "issuer=CN=localhost subject=CN=localhost",
                    "https", 443, "confirmed", false),
            t("ssh.auth.password", Severity.LOW, 2.6, "", "CWE-307", "SSH accepts password authentication",
                    "Passwords can be guessed; keys cannot.", "Set PasswordAuthentication no.", "auth methods: publickey,password", "ssh", 22, "firm", false),
            t("dns.recursion", Severity.LOW, 3.5, "", "CWE-406", "DNS server answers recursive queries",
                    "An open resolver can be abused for amplification.", "Restrict recursion to internal clients.", "RA flag set for external query",
                    "dns", 53, "firm", false),
            t("service.detected", Severity.INFO, null, "", null, "Open port with identified service",
                    "A service answered on this port.", "Close ports that are not needed.", "banner received", null, 0, "confirmed", false),
            t("tls.cert.info", Severity.INFO, null, "", null, "TLS certificate details",
                    "Subject, issuer and validity of the certificate presented.", "None required.",
                    "subject=CN=intranet issuer=CN=Corp CA notAfter=2027-03-01", "https", 443, "confirmed", false),
            t("http.title", Severity.INFO, null, "", null, "Web page title",
                    "The title of the default page.", "None required.", "<title>Login</title>", "http", 80, "confirmed", false),
            t("ssh.hostkey", Severity.INFO, 0.0, "", null, "SSH host key fingerprint",
                    "Fingerprint of the host key, for tracking changes.", "None required.", "ED25519 SHA256:q3n2…", "ssh", 22, "confirmed", false));

    private static Template t(String check, Severity sev, Double cvss, String cves, String cwe, String title, String desc,
                              String fix, String evidence, String service, int port, String confidence, boolean kev) {
        String vector = cvss == null || cvss == 0.0 ? null : "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
        return new Template(check, sev, cvss, vector, cves, cwe, title, desc, fix, evidence, service, port, confidence, kev);
    }

    /** Share of findings per severity: critical 3 %, high 12 %, medium 35 %, low 25 %, info 25 %. */
    private static final double[] SEVERITY_SHARE = {0.03, 0.12, 0.35, 0.25, 0.25};

    private SeedData() {
    }

    /**
     * Appends {@code scans} scans holding {@code findings} findings in total (spread unevenly).
     * Runs in batches of transactions on the writer thread.
     */
    public static Result seed(Database db, int scans, long findings, long randomSeed) {
        if (scans < 1) throw new IllegalArgumentException("number of scans must be at least 1, was " + scans);
        if (findings < 0) throw new IllegalArgumentException("number of findings must not be negative, was " + findings);
        long t0 = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(randomSeed);
        long first = db.read(c -> scalar(c, "SELECT next_value FROM sequences WHERE name = 'scan'"));
        long nowMs = System.currentTimeMillis();
        long spanMs = 730L * 24 * 3600 * 1000; // two years of history, oldest first
        long[] perScan = spread(findings, scans, rnd);
        List<List<Template>> bySeverity = new ArrayList<>();
        for (Severity s : Severity.values()) bySeverity.add(TEMPLATES.stream().filter(x -> x.severity() == s).toList());

        long[] totals = new long[3]; // findings, hosts, services
        // index upkeep of a million rows wants a big page cache; back to SQLite's default afterwards
        db.write(c -> pragma(c, "PRAGMA cache_size = -262144"));
        int batch = 250;
        for (int start = 0; start < scans; start += batch) {
            int from = start;
            int to = Math.min(scans, start + batch);
            db.write(c -> {
                writeScans(c, first, from, to, scans, perScan, nowMs, spanMs, rnd, bySeverity, totals);
                return null;
            });
        }
        long last = first + scans - 1;
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sequences SET next_value = max(next_value, ?) WHERE name = 'scan'")) {
                ps.setLong(1, last + 1);
                ps.executeUpdate();
            }
            seedInvestigations(c, first, last, nowMs, rnd);
            return null;
        });
        db.write(c -> pragma(c, "PRAGMA cache_size = -2000"));
        return new Result(first, last, totals[0], totals[1], totals[2], (System.nanoTime() - t0) / 1_000_000);
    }

    private static long[] spread(long findings, int scans, SplittableRandom rnd) {
        // uneven but deterministic: weights 0.2–1.8 around the mean, then exact total
        double[] w = new double[scans];
        double sum = 0;
        for (int i = 0; i < scans; i++) {
            w[i] = 0.2 + 1.6 * rnd.nextDouble();
            sum += w[i];
        }
        long[] out = new long[scans];
        long given = 0;
        for (int i = 0; i < scans; i++) {
            out[i] = (long) Math.floor(findings * w[i] / sum);
            given += out[i];
        }
        for (int i = 0; given < findings; i = (i + 1) % scans, given++) out[i]++;
        return out;
    }

    private static void writeScans(Connection c, long firstId, int from, int to, int scans, long[] perScan, long nowMs,
                                   long spanMs, SplittableRandom rnd, List<List<Template>> bySeverity, long[] totals)
            throws SQLException {
        try (PreparedStatement scan = c.prepareStatement("INSERT INTO scans(id, name, status, targets, exclusions, ports,"
                + " discovery, timeout_ms, rate_limit, concurrency, service_detection, checks, profile, origin, created_at,"
                + " started_at, finished_at, host_count, hosts_up, open_ports, progress, n_critical, n_high, n_medium, n_low,"
                + " n_info, error) VALUES (?,?,?,?,'',?,1,1000,0,4000,1,1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement host = c.prepareStatement("INSERT INTO hosts(scan_id, address, hostname, up, reason, rtt_micros,"
                     + " closed_ports, filtered_ports) VALUES (?,?,?,1,'syn-ack',?,?,?)", Statement.RETURN_GENERATED_KEYS);
             PreparedStatement svc = c.prepareStatement("INSERT INTO services(scan_id, host_id, address, port, protocol, state,"
                     + " rtt_micros, service, product, version, tls, banner) VALUES (?,?,?,?,'tcp','OPEN',?,?,?,?,?,?)");
             PreparedStatement finding = c.prepareStatement("INSERT INTO findings(scan_id, check_id, severity, cvss, cvss_vector,"
                     + " cves, cwe, title, description, remediation, evidence, address, port, service, confidence,"
                     + " known_exploited, dedup_key, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement event = c.prepareStatement("INSERT INTO scan_events(scan_id, at, level, message) VALUES (?,?,?,?)");
             PreparedStatement counters = c.prepareStatement("UPDATE scans SET hosts_up = ?, open_ports = ?, n_critical = ?,"
                     + " n_high = ?, n_medium = ?, n_low = ?, n_info = ? WHERE id = ?")) {
            for (int i = from; i < to; i++) {
                long id = firstId + i;
                long created = nowMs - spanMs + spanMs * i / scans + rnd.nextInt(60_000);
                long started = created + 200 + rnd.nextInt(5_000);
                long finished = started + 5_000 + rnd.nextInt(3_600_000);
                String status = STATUSES[rnd.nextInt(STATUSES.length)];
                int net = 1 + rnd.nextInt(254);
                int sub = rnd.nextInt(256);
                int nHosts = 2 + rnd.nextInt(4);
                scan.setLong(1, id);
                scan.setString(2, NAMES[rnd.nextInt(NAMES.length)] + (rnd.nextInt(3) == 0 ? " #" + (1 + rnd.nextInt(50)) : ""));
                scan.setString(3, status);
                scan.setString(4, "127." + net + "." + sub + ".0/24");
                scan.setString(5, PORTS[rnd.nextInt(PORTS.length)]);
                scan.setString(6, PROFILES[rnd.nextInt(PROFILES.length)]);
                scan.setString(7, rnd.nextInt(5) == 0 ? "cli" : "ui");
                scan.setLong(8, created);
                scan.setLong(9, started);
                scan.setLong(10, finished);
                scan.setLong(11, 256);
                scan.setLong(12, 0);
                scan.setLong(13, 0);
                scan.setDouble(14, status.equals("COMPLETED") ? 1.0 : 0.3 + rnd.nextDouble() * 0.6);
                for (int k = 0; k < 5; k++) scan.setLong(15 + k, 0);
                scan.setString(20, status.equals("FAILED") ? "no route to the targets" : null);
                scan.executeUpdate();
                // hosts and their open services
                List<String> addresses = new ArrayList<>();
                List<int[]> svcIdx = new ArrayList<>();
                int openPorts = 0;
                for (int h = 0; h < nHosts; h++) {
                    String addr = "127." + net + "." + sub + "." + (10 + h * 7 + rnd.nextInt(6));
                    addresses.add(addr);
                    host.setLong(1, id);
                    host.setString(2, addr);
                    host.setString(3, rnd.nextInt(3) == 0 ? "host" + (10 + h) + ".lab.internal" : null);
                    host.setLong(4, 80 + rnd.nextInt(2_000));
                    host.setInt(5, 990 - 3);
                    host.setInt(6, rnd.nextInt(10));
                    host.executeUpdate();
                    long hostId;
                    try (ResultSet keys = host.getGeneratedKeys()) {
                        keys.next();
                        hostId = keys.getLong(1);
                    }
                    int nSvc = 2 + rnd.nextInt(3);
                    int base = rnd.nextInt(SERVICES.length);
                    int[] chosen = new int[nSvc];
                    for (int k = 0; k < nSvc; k++) {
                        int s = (base + k) % SERVICES.length;
                        chosen[k] = s;
                        svc.setLong(1, id);
                        svc.setLong(2, hostId);
                        svc.setString(3, addr);
                        svc.setInt(4, Integer.parseInt(SERVICES[s][1]));
                        svc.setLong(5, 80 + rnd.nextInt(2_000));
                        svc.setString(6, SERVICES[s][0]);
                        svc.setString(7, product(SERVICES[s][0]));
                        svc.setString(8, (1 + rnd.nextInt(3)) + "." + rnd.nextInt(20) + "." + rnd.nextInt(10));
                        svc.setBoolean(9, SERVICES[s][0].endsWith("s") && !SERVICES[s][0].equals("dns"));
                        svc.setString(10, SERVICES[s][0].equals("ssh") ? "SSH-2.0-OpenSSH_8.9p1" : null);
                        svc.executeUpdate();
                        openPorts++;
                    }
                    svcIdx.add(chosen);
                }
                totals[1] += nHosts;
                totals[2] += openPorts;
                // findings
                long[] sev = new long[5];
                long n = perScan[i];
                for (long f = 0; f < n; f++) {
                    int s = pickSeverity(rnd);
                    List<Template> pool = bySeverity.get(s);
                    Template tp = pool.get(rnd.nextInt(pool.size()));
                    int h = rnd.nextInt(nHosts);
                    String addr = addresses.get(h);
                    int[] chosen = svcIdx.get(h);
                    String service = tp.service();
                    int port = tp.port();
                    if (service == null) {
                        int k = chosen[rnd.nextInt(chosen.length)];
                        service = SERVICES[k][0];
                        port = Integer.parseInt(SERVICES[k][1]);
                    }
                    Double cvss = tp.cvss();
                    if (cvss != null && cvss > 0 && rnd.nextInt(4) == 0) {
                        // a spread of scores inside the severity band
                        double lo = switch (tp.severity()) {
                            case CRITICAL -> 9.0;
                            case HIGH -> 7.0;
                            case MEDIUM -> 4.0;
                            default -> 0.1;
                        };
                        double hi = switch (tp.severity()) {
                            case CRITICAL -> 10.0;
                            case HIGH -> 8.9;
                            case MEDIUM -> 6.9;
                            default -> 3.9;
                        };
                        cvss = Math.round((lo + rnd.nextDouble() * (hi - lo)) * 10) / 10.0;
                    }
                    finding.setLong(1, id);
                    finding.setString(2, tp.checkId());
                    finding.setInt(3, tp.severity().rank());
                    if (cvss == null) finding.setNull(4, java.sql.Types.REAL);
                    else finding.setDouble(4, cvss);
                    finding.setString(5, tp.cvssVector());
                    finding.setString(6, tp.cves());
                    finding.setString(7, tp.cwe());
                    finding.setString(8, tp.title());
                    finding.setString(9, tp.description());
                    finding.setString(10, tp.remediation());
                    finding.setString(11, tp.evidence());
                    finding.setString(12, addr);
                    finding.setInt(13, port);
                    finding.setString(14, service);
                    finding.setString(15, tp.confidence());
                    finding.setBoolean(16, tp.kev());
                    finding.setString(17, tp.checkId() + '|' + addr + '|' + port + '|' + tp.cves() + "|#" + f);
                    finding.setLong(18, started + (finished - started) * f / Math.max(1, n));
                    finding.executeUpdate();
                    sev[tp.severity().ordinal()]++;
                }
                totals[0] += n;
                counters.setLong(1, nHosts);
                counters.setLong(2, openPorts);
                for (int k = 0; k < 5; k++) counters.setLong(3 + k, sev[k]);
                counters.setLong(8, id);
                counters.executeUpdate();
                event.setLong(1, id);
                event.setLong(2, started);
                event.setString(3, "info");
                event.setString(4, "status QUEUED → RUNNING");
                event.addBatch();
                event.setLong(1, id);
                event.setLong(2, finished);
                event.setString(3, status.equals("FAILED") ? "error" : "info");
                event.setString(4, "status RUNNING → " + status);
                event.addBatch();
            }
            event.executeBatch();
        }
    }

    private static String product(String service) {
        return switch (service) {
            case "ssh" -> "OpenSSH";
            case "http", "https" -> "nginx";
            case "ftp" -> "vsftpd";
            case "smtp" -> "Postfix smtpd";
            case "redis" -> "Redis key-value store";
            case "mysql" -> "MySQL";
            case "memcached" -> "Memcached";
            case "dns" -> "dnsmasq";
            default -> service.toUpperCase(Locale.ROOT);
        };
    }

    private static int pickSeverity(SplittableRandom rnd) {
        double x = rnd.nextDouble();
        for (int i = 0; i < SEVERITY_SHARE.length; i++) {
            x -= SEVERITY_SHARE[i];
            if (x < 0) return i;
        }
        return SEVERITY_SHARE.length - 1;
    }

    private static void seedInvestigations(Connection c, long first, long last, long nowMs, SplittableRandom rnd) throws SQLException {
        long count = last - first + 1;
        int investigations = (int) Math.max(1, Math.min(100, count / 100));
        try (PreparedStatement inv = c.prepareStatement("INSERT INTO investigations(name, description, created_at, updated_at)"
                + " VALUES (?,?,?,?)", Statement.RETURN_GENERATED_KEYS);
             PreparedStatement link = c.prepareStatement("INSERT OR IGNORE INTO investigation_scans(investigation_id, scan_id,"
                     + " added_at) VALUES (?,?,?)")) {
            for (int i = 0; i < investigations; i++) {
                inv.setString(1, "Engagement " + (i + 1));
                inv.setString(2, "Seeded investigation");
                inv.setLong(3, nowMs);
                inv.setLong(4, nowMs);
                inv.executeUpdate();
                long invId;
                try (ResultSet keys = inv.getGeneratedKeys()) {
                    keys.next();
                    invId = keys.getLong(1);
                }
                for (int k = 0; k < 5; k++) {
                    link.setLong(1, invId);
                    link.setLong(2, first + (long) (rnd.nextDouble() * count));
                    link.setLong(3, nowMs);
                    link.executeUpdate();
                }
            }
        }
    }

    private static Void pragma(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
        return null;
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** {@code SeedData FILE [SCANS [FINDINGS [RANDOM-SEED]]]}: defaults 10,000 scans, 1,000,000 findings. */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 4 || args[0].startsWith("-")) {
            System.err.println("usage: SeedData FILE [SCANS [FINDINGS [RANDOM-SEED]]]  (defaults: 10000 1000000 42)");
            System.exit(2);
        }
        int scans;
        long findings;
        long seed;
        try {
            scans = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 10_000;
            findings = args.length > 2 ? Long.parseLong(args[2].replace("_", "")) : 1_000_000L;
            seed = args.length > 3 ? Long.parseLong(args[3]) : 42L;
        } catch (NumberFormatException e) {
            System.err.println("SeedData: SCANS, FINDINGS and RANDOM-SEED must be whole numbers (" + e.getMessage() + ")");
            System.exit(2);
            return;
        }
        try (Database db = Database.open(Path.of(args[0]))) {
            Result r = seed(db, scans, findings, seed);
            System.out.printf(Locale.ROOT, "seeded %s: SCAN-%d..SCAN-%d, %,d findings, %,d hosts, %,d services in %.1f s%n",
                    db.file(), r.firstScanId(), r.lastScanId(), r.findings(), r.hosts(), r.services(), r.millis() / 1000.0);
        } catch (StoreException | IllegalArgumentException e) {
            System.err.println("SeedData: " + e.getMessage());
            System.exit(1);
        }
    }
}
