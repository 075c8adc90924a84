package org.watchpost.engine.vulndb;

import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns vulnerability database matches for an identified service into findings: one
 * {@value #CHECK_ID} finding per CVE per host:port, severity from CVSS, known-exploited from
 * CISA KEV, remediation with the fixed version, evidence the banner or version that matched,
 * confidence {@code version-match}.
 */
public final class VulnDbCheck {
    /** Check identifier of the findings. */
    public static final String CHECK_ID = "vulndb.cve";

    private final VulnDb db;

    public VulnDbCheck(VulnDb db) {
        this.db = db;
    }

    /** Findings for one service; empty when product or version is unknown or nothing matches. */
    public List<Finding> check(ServiceInfo service) {
        List<VulnMatch> matches = db.match(service);
        if (matches.isEmpty()) return List.of();
        List<Finding> out = new ArrayList<>(matches.size());
        for (VulnMatch m : matches) out.add(toFinding(service, m));
        return out;
    }

    /** The finding for one match on a service. */
    public static Finding toFinding(ServiceInfo s, VulnMatch m) {
        String name = displayName(s, m);
        String title = m.cveId() + " in " + name + " " + m.version()
                + (m.knownExploited() ? " (known exploited)" : "");
        StringBuilder d = new StringBuilder(m.description() == null ? "" : m.description().trim());
        if (d.length() > 0 && d.charAt(d.length() - 1) != '.') d.append('.');
        d.append(d.length() > 0 ? "\n\n" : "").append("Matched on the announced version ").append(m.version())
                .append(" against the NVD configuration ").append(m.criteria()).append('.');
        if (m.caveat() != null) d.append(" Caveat: ").append(m.caveat()).append('.');
        if (m.knownExploited()) {
            d.append(" Listed in the CISA Known Exploited Vulnerabilities catalog");
            if (m.knownRansomwareUse()) d.append(", known to be used in ransomware campaigns");
            d.append('.');
        }
        if (m.epssScore() != null) {
            d.append(String.format(Locale.ROOT, " EPSS: %.1f%% probability of exploitation in 30 days (percentile %.0f).",
                    m.epssScore() * 100, m.epssPercentile() * 100));
        }
        String evidence = s.banner() != null && !s.banner().isBlank() ? s.banner()
                : (s.product() != null ? s.product() + " " : "") + (s.version() != null ? s.version() : m.version());
        return new Finding(CHECK_ID, m.severity(), m.cvssScore(), m.cvssVector(), List.of(m.cveId()), m.cwe(), title,
                d.toString(), m.remediation(name), evidence, s.address(), s.port(), s.service(), m.confidence(),
                m.knownExploited());
    }

    private static String displayName(ServiceInfo s, VulnMatch m) {
        String canonical = ProductNames.display(m.vendor(), m.product());
        if (!ProductNames.keysFor(canonical).isEmpty()) return canonical;
        return s.product() != null && !s.product().isBlank() ? s.product() : canonical;
    }
}
