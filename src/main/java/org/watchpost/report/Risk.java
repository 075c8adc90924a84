package org.watchpost.report;

import java.util.Locale;
import java.util.Set;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.SeverityCounts;

/** Plain-language judgements shared by the reports: overall rating, business impact, risky services. */
final class Risk {
    private Risk() {
    }

    /**
     * Services that should rarely face untrusted networks: remote desktops, cleartext logins,
     * file sharing, databases, caches, management interfaces.
     */
    static final Set<String> RISKY_SERVICES = Set.of("telnet", "ftp", "tftp", "rlogin", "rsh", "rexec", "vnc", "rdp",
            "ms-wbt-server", "smb", "microsoft-ds", "netbios-ssn", "snmp", "redis", "memcached", "mongodb", "elasticsearch",
            "mysql", "postgresql", "ms-sql-s", "mssql", "oracle", "docker", "kubelet", "ldap", "nfs", "rpcbind", "x11",
            "cassandra", "couchdb", "zookeeper", "etcd", "amqp", "mqtt", "winrm", "ipmi");

    static boolean risky(String service) {
        return service != null && RISKY_SERVICES.contains(service.toLowerCase(Locale.ROOT));
    }

    /** Overall rating: the worst severity present, raised to CRITICAL by a known-exploited high finding. */
    static String rating(SeverityCounts c, long kevHighOrWorse) {
        if (c.critical() > 0 || kevHighOrWorse > 0) return "Critical";
        if (c.high() > 0) return "High";
        if (c.medium() > 0) return "Medium";
        if (c.low() > 0) return "Low";
        return "Minimal";
    }

    static Severity ratingSeverity(String rating) {
        return switch (rating) {
            case "Critical" -> Severity.CRITICAL;
            case "High" -> Severity.HIGH;
            case "Medium" -> Severity.MEDIUM;
            case "Low" -> Severity.LOW;
            default -> Severity.INFO;
        };
    }

    static String justification(String rating, ScanRecord s, long kev, long hostsWithSerious) {
        SeverityCounts c = s.severities();
        String hosts = " on " + hostsWithSerious + " of " + s.hostsUp() + " responding host" + (s.hostsUp() == 1 ? "" : "s");
        return switch (rating) {
            case "Critical" -> c.critical() > 0
                    ? plural(c.critical(), "critical finding") + (kev > 0 ? ", " + kev + " known to be exploited in the wild," : "")
                    + hosts + ": act now."
                    : kev + " high-severity weakness" + (kev == 1 ? " is" : "es are") + " known to be exploited in the wild" + hosts + ".";
            case "High" -> plural(c.high(), "high-severity finding") + hosts + ": fix within days.";
            case "Medium" -> "No critical or high findings; " + plural(c.medium(), "medium finding") + " to plan in.";
            case "Low" -> "Only low-severity findings (" + c.low() + "); routine hygiene.";
            default -> s.hostsUp() == 0 ? "No host responded, so nothing could be assessed."
                    : "No weaknesses found on the " + s.hostsUp() + " responding hosts with the checks run.";
        } + (s.status() == org.watchpost.engine.model.ScanStatus.COMPLETED ? ""
                : " The scan " + s.status().name().toLowerCase(java.util.Locale.ROOT) + " before it finished: results are partial.");
    }

    static String plural(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** What the weakness could mean for the organisation, from the service and the check. */
    static String businessImpact(String service, String checkId, Severity worst, boolean kev) {
        String svc = service == null ? "" : service.toLowerCase(Locale.ROOT);
        String check = checkId == null ? "" : checkId.toLowerCase(Locale.ROOT);
        String what;
        if (check.startsWith("tls") || check.contains("cert")) {
            what = "Weakens the encryption that protects data in transit; traffic could be read or altered.";
        } else if (Set.of("ssh", "rdp", "ms-wbt-server", "vnc", "telnet", "winrm").contains(svc)) {
            what = "Could give an attacker remote control of the affected systems.";
        } else if (Set.of("http", "https", "http-proxy").contains(svc)) {
            what = "Exposes web applications and the data behind them to attack from the network.";
        } else if (Set.of("mysql", "postgresql", "redis", "mongodb", "memcached", "elasticsearch", "ms-sql-s", "oracle").contains(svc)) {
            what = "Could expose, alter or destroy stored business data.";
        } else if (Set.of("smtp", "submission", "smtps", "imap", "imaps", "pop3", "pop3s").contains(svc)) {
            what = "Could allow mail to be intercepted or the server abused for spam and phishing.";
        } else if (Set.of("ftp", "smb", "microsoft-ds", "nfs", "tftp").contains(svc)) {
            what = "Could leak or tamper with shared files.";
        } else if (svc.equals("dns") || svc.equals("domain")) {
            what = "Could let an attacker redirect users or disrupt name resolution.";
        } else {
            what = "Could help an attacker gain a foothold in the network.";
        }
        String urgency = switch (worst) {
            case CRITICAL -> " Exploitation is likely to lead to full compromise.";
            case HIGH -> " Exploitation would have serious consequences.";
            case MEDIUM -> " Exploitation needs more effort or gives less.";
            default -> "";
        };
        return (kev ? "Attackers are already exploiting this weakness (CISA KEV). " : "") + what + urgency;
    }
}
