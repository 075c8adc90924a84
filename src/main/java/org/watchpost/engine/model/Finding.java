package org.watchpost.engine.model;

import java.util.List;

/**
 * A security finding produced by a check.
 *
 * @param checkId     stable identifier of the check ("tls.protocol.tls10", "ssh.kex.weak", "vulndb.cve")
 * @param severity    severity (derived from CVSS where one applies)
 * @param cvssScore   CVSS v3.1 base score, or null
 * @param cvssVector  CVSS v3.1 vector string, or null
 * @param cves        CVE identifiers, never null
 * @param cwe         CWE identifier ("CWE-327"), or null
 * @param title       one line
 * @param description what is wrong and why it matters
 * @param remediation concrete fix
 * @param evidence    the bytes/fields that prove it, bounded ({@link #MAX_EVIDENCE})
 * @param address     affected host address
 * @param port        affected port, 0 for host-level findings
 * @param service     affected service name, or null
 * @param confidence  "confirmed", "firm" or "version-match" (a match on announced version only)
 * @param knownExploited true if a CVE is in the CISA KEV catalog
 */
public record Finding(String checkId, Severity severity, Double cvssScore, String cvssVector, List<String> cves,
                      String cwe, String title, String description, String remediation, String evidence,
                      String address, int port, String service, String confidence, boolean knownExploited) {
    public static final int MAX_EVIDENCE = 4096;

    public Finding {
        if (checkId == null || checkId.isBlank()) throw new IllegalArgumentException("checkId is required");
        if (severity == null) throw new IllegalArgumentException("severity is required");
        cves = cves == null ? List.of() : List.copyOf(cves);
        if (evidence != null && evidence.length() > MAX_EVIDENCE) evidence = evidence.substring(0, MAX_EVIDENCE);
    }

    /** Key used to de-duplicate findings within a scan. */
    public String dedupKey() {
        return checkId + '|' + address + '|' + port + '|' + String.join(",", cves);
    }
}
