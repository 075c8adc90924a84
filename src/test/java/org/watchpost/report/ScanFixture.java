package org.watchpost.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.HostResult;
import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.PortState;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.Database;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRecorder;
import org.watchpost.store.ScanRepository;

/** Builds scans in a temp database through the real repository and recorder. */
public final class ScanFixture implements AutoCloseable {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-07-01T09:30:00Z"), ZoneOffset.UTC);
    static final String SSH_FIX = "Upgrade OpenSSH to 9.8p1 or later. On Debian and Ubuntu: apt-get update && apt-get install"
            + " --only-upgrade openssh-server, then restart sshd and confirm the banner shows the new version.";

    final Database db;
    final ScanRepository repo;

    public ScanFixture(Path dir) {
        this(dir, "watchpost.db");
    }

    public ScanFixture(Path dir, String file) {
        db = Database.open(dir.resolve(file));
        repo = new ScanRepository(db, Clock.systemUTC());
    }

    ScanRecord scan(String name, String targets, ScanStatus end, Consumer<ScanRecorder> body) {
        ScanRecord s = repo.create(name, ScanConfig.defaults(targets).withPorts("top-1000").withExclusions("127.0.0.99"), "cli",
                null, null, 4);
        repo.transition(s.id(), ScanStatus.RUNNING, null);
        try (ScanRecorder rec = new ScanRecorder(db, s.id(), Clock.systemUTC())) {
            body.accept(rec);
        }
        repo.transition(s.id(), end, null);
        return repo.require(s.id());
    }

    static Finding finding(String check, Severity sev, Double cvss, String vector, List<String> cves, String cwe, String title,
                           String remediation, String evidence, String address, int port, String service, boolean kev) {
        return new Finding(check, sev, cvss, vector, cves, cwe, title, "Description of " + title + ".", remediation, evidence,
                address, port, service, "version-match", kev);
    }

    static void host(ScanRecorder rec, String address, int... openPorts) {
        rec.onHost(new HostResult(address, null, true, "tcp-syn-ack", 150));
        for (int p : openPorts) rec.onPort(new PortResult(address, p, PortState.OPEN, 120));
        rec.onPort(new PortResult(address, 23, PortState.CLOSED, 90));
    }

    /** A small realistic scan: SSH with CVEs (one known exploited), a web server, an exposed Redis. */
    public ScanRecord standard(String name) {
        return scan(name, "127.0.0.10-13", ScanStatus.COMPLETED, rec -> {
            host(rec, "127.0.0.10", 22, 80);
            host(rec, "127.0.0.11", 22, 443);
            host(rec, "127.0.0.12", 6379);
            host(rec, "127.0.0.13");
            for (String a : List.of("127.0.0.10", "127.0.0.11")) {
                rec.onService(new ServiceInfo(a, 22, "ssh", "OpenSSH", "8.2p1", "cpe:2.3:a:openbsd:openssh:8.2:p1:*:*:*:*:*:*",
                        false, "SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5", "Ubuntu"));
                rec.onFinding(finding("vulndb.cve", Severity.CRITICAL, 9.8, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                        List.of("CVE-2024-6387"), "CWE-364", "OpenSSH regreSSHion: unauthenticated remote code execution", SSH_FIX,
                        "banner: SSH-2.0-OpenSSH_8.2p1", a, 22, "ssh", true));
                rec.onFinding(finding("vulndb.cve", Severity.MEDIUM, 5.9, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N",
                        List.of("CVE-2023-48795"), "CWE-354", "Terrapin prefix truncation attack on SSH", SSH_FIX,
                        "banner: SSH-2.0-OpenSSH_8.2p1", a, 22, "ssh", false));
            }
            rec.onFinding(finding("vulndb.cve", Severity.HIGH, 7.0, "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H",
                    List.of("CVE-2021-41617"), "CWE-273", "OpenSSH privilege escalation via AuthorizedKeysCommand", SSH_FIX,
                    "banner: SSH-2.0-OpenSSH_8.2p1", "127.0.0.10", 22, "ssh", false));
            rec.onService(new ServiceInfo("127.0.0.10", 80, "http", "nginx", "1.18.0", null, false,
                    "HTTP/1.1 200 OK Server: nginx/1.18.0", null));
            rec.onService(new ServiceInfo("127.0.0.11", 443, "https", "nginx", "1.24.0", null, true, "HTTP/1.1 200 OK", null));
            rec.onFinding(finding("tls.protocol.tls10", Severity.MEDIUM, 5.3, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N",
                    List.of(), "CWE-327", "TLS 1.0 is accepted", "Disable TLS 1.0 and 1.1 in the server configuration"
                            + " (nginx: ssl_protocols TLSv1.2 TLSv1.3;).", "handshake with TLS 1.0 succeeded", "127.0.0.11", 443,
                    "https", false));
            rec.onService(new ServiceInfo("127.0.0.12", 6379, "redis", "Redis", "6.0.16", null, false, "-NOAUTH? no: +PONG", null));
            rec.onFinding(finding("redis.noauth", Severity.HIGH, 8.6, null, List.of(), "CWE-306",
                    "Redis accepts commands without authentication", "Require a password (requirepass) or bind Redis to"
                            + " localhost; never expose it to untrusted networks.", "PING → +PONG", "127.0.0.12", 6379, "redis",
                    false));
            rec.onFinding(finding("http.header.server", Severity.INFO, null, null, List.of(), null,
                    "Server header reveals product and version", null, "Server: nginx/1.18.0", "127.0.0.10", 80, "http", false));
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
