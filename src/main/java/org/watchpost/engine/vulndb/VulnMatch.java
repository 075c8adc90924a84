package org.watchpost.engine.vulndb;

import org.watchpost.engine.model.Severity;

import java.time.LocalDate;
import java.util.List;

/**
 * A CVE whose NVD configuration matches a product and version.
 *
 * @param cveId               "CVE-2024-6387"
 * @param cvssScore           base score of the preferred CVSS metric (v3.1, else v3.0, v4.0, v2), or null
 * @param cvssVector          its vector string ("CVSS:3.1/AV:N/…"), or null
 * @param cvssVersion         "3.1", "3.0", "4.0", "2.0", or null when the CVE is not scored
 * @param severity            {@link Severity#fromCvss} of the score; unscored: HIGH if known exploited, else MEDIUM
 * @param cwe                 first CWE id ("CWE-362"), or null
 * @param description         English NVD description
 * @param published           NVD publication date
 * @param knownExploited      listed in CISA KEV (or the NVD record carries the KEV dates)
 * @param kevRequiredAction   KEV required action, or null
 * @param kevDueDate          KEV due date, or null
 * @param knownRansomwareUse  KEV knownRansomwareCampaignUse is "Known"
 * @param epssScore           EPSS probability 0..1, or null when no EPSS data was imported
 * @param epssPercentile      EPSS percentile 0..1, or null
 * @param vendor              CPE vendor matched ("openbsd")
 * @param product             CPE product matched ("openssh")
 * @param version             the announced version that was compared ("8.2p1")
 * @param criteria            the NVD criterion that matched, with its range ("cpe:2.3:a:openbsd:openssh:*:… [8.6 ≤ v < 9.8]")
 * @param fixedVersion        first fixed version when derivable from versionEndExcluding ("9.8p1"), else null
 * @param lastAffectedVersion last affected version from versionEndIncluding, else null
 * @param confidence          always "version-match": only the announced version was compared
 * @param caveat              why the match may be wrong (distribution backports, platform-only configuration), or null
 * @param references          reference URLs from the NVD record
 */
public record VulnMatch(String cveId, Double cvssScore, String cvssVector, String cvssVersion, Severity severity,
                        String cwe, String description, LocalDate published,
                        boolean knownExploited, String kevRequiredAction, LocalDate kevDueDate, boolean knownRansomwareUse,
                        Double epssScore, Double epssPercentile,
                        String vendor, String product, String version, String criteria,
                        String fixedVersion, String lastAffectedVersion, String confidence, String caveat,
                        List<String> references) {

    /** Confidence of a match made on the announced version only. */
    public static final String VERSION_MATCH = "version-match";

    public VulnMatch {
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** True when the banner showed a distribution build that may carry a backported fix. */
    public boolean backportPossible() {
        return caveat != null && caveat.contains("backported");
    }

    /**
     * Remediation text: "Upgrade OpenSSH to 9.8p1 or later." when a fixed version is known,
     * otherwise the best that can be said, followed by the KEV required action when listed.
     *
     * @param productName display name ("OpenSSH"); null → derived from the CPE product
     */
    public String remediation(String productName) {
        String name = productName != null && !productName.isBlank() ? productName : ProductNames.display(vendor, product);
        StringBuilder sb = new StringBuilder();
        if (fixedVersion != null) {
            sb.append("Upgrade ").append(name).append(" to ").append(fixedVersion).append(" or later.");
        } else if (lastAffectedVersion != null) {
            sb.append("Upgrade ").append(name).append(" to a version later than ").append(lastAffectedVersion).append('.');
        } else {
            sb.append("Upgrade ").append(name).append(" to a release not affected by ").append(cveId)
                    .append(" (see the vendor advisory).");
        }
        if (backportPossible()) {
            sb.append(" If the distribution's package is installed, apply its security updates and check its tracker for ")
                    .append(cveId).append(": the fix may be backported without a new upstream version.");
        }
        if (knownExploited && kevRequiredAction != null) {
            String action = kevRequiredAction.trim();
            if (action.endsWith(".")) action = action.substring(0, action.length() - 1);
            sb.append(" CISA KEV required action: ").append(action);
            if (kevDueDate != null) sb.append(" (federal due date ").append(kevDueDate).append(')');
            sb.append('.');
        }
        return sb.toString();
    }
}
