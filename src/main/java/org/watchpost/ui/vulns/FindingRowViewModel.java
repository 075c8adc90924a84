package org.watchpost.ui.vulns;

import java.time.LocalDate;
import java.time.ZoneId;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.FindingRecord;

/**
 * One row of the Vulnerabilities table and the text of its detail pane. Findings do not
 * change once stored, so the row is immutable. Its texts are made when first asked for: a
 * page holds hundreds of rows, the table shows a few dozen.
 */
public final class FindingRowViewModel {
    private final FindingRecord record;
    private final ZoneId zone;
    private String cvssText;
    private String cvesText;
    private String found;

    public FindingRowViewModel(FindingRecord record, ZoneId zone) {
        this.record = record;
        this.zone = zone;
    }

    public FindingRecord record() {
        return record;
    }

    public long id() {
        return record.id();
    }

    public long scanId() {
        return record.scanId();
    }

    public Severity severity() {
        return record.severity();
    }

    /** "9.8", or an em dash for a finding without a score. */
    public String cvss() {
        if (cvssText == null) cvssText = record.cvss() == null ? "—" : oneDecimal(record.cvss());
        return cvssText;
    }

    static String oneDecimal(double v) {
        long tenths = Math.round(v * 10);
        return (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10;
    }

    public String title() {
        return record.title();
    }

    /** {@code host:port}, {@code [v6]:port}, or the host alone for host-level findings. */
    public String location() {
        return record.location();
    }

    public String service() {
        return record.service() == null ? "" : record.service();
    }

    public String cves() {
        if (cvesText == null) cvesText = String.join(", ", record.cves());
        return cvesText;
    }

    public String scanIdText() {
        return record.scanIdText();
    }

    /** Date the finding was recorded, {@code yyyy-MM-dd} in the local zone. */
    public String found() {
        if (found == null) found = LocalDate.ofInstant(record.createdAt(), zone).toString();
        return found;
    }

    public String checkId() {
        return record.checkId();
    }

    public String description() {
        return orNone(record.description());
    }

    public String evidence() {
        return record.evidence() == null || record.evidence().isBlank() ? "(no evidence recorded)" : record.evidence();
    }

    public String remediation() {
        return orNone(record.remediation());
    }

    /** CVE identifiers and the CWE, comma separated; "none" when there are none. */
    public String references() {
        StringBuilder b = new StringBuilder(cves());
        if (record.cwe() != null && !record.cwe().isBlank()) {
            if (b.length() > 0) b.append(", ");
            b.append(record.cwe());
        }
        return b.length() == 0 ? "none" : b.toString();
    }

    public String confidence() {
        return record.confidence() == null || record.confidence().isBlank() ? "not stated" : record.confidence();
    }

    public boolean knownExploited() {
        return record.knownExploited();
    }

    public String knownExploitedText() {
        return record.knownExploited() ? "Yes — listed in CISA's Known Exploited Vulnerabilities catalog" : "No";
    }

    /** "Critical · CVSS 9.8 · CVSS:3.1/AV:N/…" for the detail header. */
    public String scoreLine() {
        StringBuilder b = new StringBuilder(record.severity().label());
        if (record.cvss() != null) b.append(" · CVSS ").append(cvss());
        if (record.cvssVector() != null && !record.cvssVector().isBlank()) b.append(" · ").append(record.cvssVector());
        return b.toString();
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
