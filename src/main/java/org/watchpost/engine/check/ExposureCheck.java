package org.watchpost.engine.check;

import java.util.List;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;

/**
 * Risky services reachable from where the scan runs (the perimeter view): cleartext
 * remote-login and file protocols, Windows file sharing, remote desktops and databases.
 * Judged from the identified service name (port only when the service is unidentified);
 * these are posture findings, so they carry a severity but no CVSS score.
 */
public final class ExposureCheck implements Check {

    /** One kind of risky exposure. */
    record Rule(String id, String[] names, int[] ports, Severity severity, String cwe, String title, String why, String fix) {
    }

    static final List<Rule> RULES = List.of(
            new Rule("exposure.telnet", new String[] {"telnet"}, new int[] {23}, Severity.MEDIUM, "CWE-319",
                    "Telnet service exposed",
                    "Telnet sends user names, passwords and the whole session in clear text and is a favourite target of credential-guessing botnets.",
                    "Disable telnetd and use SSH; if a device only offers Telnet, reach it through a management network or VPN."),
            new Rule("exposure.ftp-cleartext", new String[] {"ftp"}, new int[] {21}, Severity.LOW, "CWE-319",
                    "Cleartext FTP service exposed",
                    "FTP sends credentials and files in clear text unless every client negotiates AUTH TLS.",
                    "Replace FTP with SFTP, or enforce FTPS (vsftpd: ssl_enable=YES, force_local_logins_ssl=YES, force_local_data_ssl=YES)."),
            new Rule("exposure.r-services", new String[] {"rlogin", "rsh", "rexec", "login", "shell", "exec"}, new int[] {512, 513, 514},
                    Severity.MEDIUM, "CWE-319", "BSD r-services exposed",
                    "rlogin/rsh/rexec authenticate by source address or cleartext password and have no encryption.",
                    "Disable the r-services and use SSH."),
            new Rule("exposure.smb", new String[] {"microsoft-ds", "netbios-ssn", "smb", "cifs"}, new int[] {445, 139}, Severity.MEDIUM, "CWE-284",
                    "Windows file sharing (SMB/NetBIOS) exposed",
                    "SMB reachable from the perimeter invites credential relay, password spraying and wormable vulnerabilities (EternalBlue, SMBGhost).",
                    "Block TCP 139/445 at the perimeter firewall; reach file shares through a VPN."),
            new Rule("exposure.rdp", new String[] {"ms-wbt-server", "rdp"}, new int[] {3389}, Severity.MEDIUM, "CWE-284",
                    "Remote Desktop (RDP) exposed",
                    "Internet-facing RDP is a top ransomware entry point through password spraying and pre-authentication vulnerabilities (e.g. BlueKeep).",
                    "Put RDP behind a VPN or an RD Gateway with MFA, enable Network Level Authentication, and block 3389 at the perimeter."),
            new Rule("exposure.vnc", new String[] {"vnc", "rfb"}, new int[] {5900, 5901, 5902, 5903}, Severity.MEDIUM, "CWE-319",
                    "VNC remote desktop exposed",
                    "VNC often uses weak 8-character passwords (or none) and unencrypted sessions.",
                    "Reach VNC only through an SSH tunnel or VPN, require strong authentication, and block 5900-5903 at the perimeter."),
            new Rule("exposure.database", new String[] {"mysql", "postgresql", "postgres", "mongodb", "mongod", "redis", "ms-sql-s", "mssql",
                "oracle", "oracle-tns", "couchdb", "cassandra", "elasticsearch", "memcached"},
                    new int[] {3306, 5432, 27017, 6379, 1433, 1521, 5984, 9042, 9200, 11211}, Severity.LOW, "CWE-284",
                    "Database service exposed",
                    "Databases reachable from the perimeter are exposed to password guessing and to any pre-authentication vulnerability of the server.",
                    "Bind the database to internal interfaces and allow only the application servers through the firewall."));

    @Override
    public String family() {
        return "exposure";
    }

    @Override
    public boolean appliesTo(ServiceInfo s) {
        return rule(s) != null;
    }

    static Rule rule(ServiceInfo s) {
        for (Rule r : RULES) {
            if (r.id().equals("exposure.ftp-cleartext") && s.tls()) continue;
            if (Svc.is(s, r.names(), r.ports())) return r;
        }
        return null;
    }

    @Override
    public List<Finding> run(ServiceInfo s, CheckContext ctx) {
        Rule r = rule(s);
        if (r == null) return List.of();
        String what = s.product() != null ? s.product() + (s.version() != null ? " " + s.version() : "") : s.service();
        return List.of(FindingBuilder.of(r.id(), s).severity(r.severity()).cwe(r.cwe()).confidence(FindingBuilder.FIRM)
                .title(r.title() + (r.id().equals("exposure.database") ? ": " + what : ""))
                .description(r.why())
                .remediation(r.fix())
                .evidence("service " + s.service() + " on " + s.address() + ":" + s.port()
                        + (s.product() != null ? " (" + what + ")" : "")
                        + (s.banner() != null && !s.banner().isEmpty() ? "\nbanner: " + Io.printable(s.banner(), 200) : ""))
                .build());
    }
}
