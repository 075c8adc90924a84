package org.watchpost.ui.vulns;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.FindingRecord;

/**
 * One row of the Vulnerabilities table and the text of its detail pane. Findings do not
 * change once stored, so the row is immutable and its texts are computed once.
 */
public final class FindingRowViewModel {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final FindingRecord record;
    private final String cvssText;
    private final String cvesText;
    private final String found;

    public FindingRowViewModel(FindingRecord record, ZoneId zone) {
        this.record = record;
        this.cvssText = record.cvss() == null ? "—" : String.format(Locale.ROOT, "%.1f", record.cvss());
        this.cvesText = String.join(", ", record.cves());
        this.found = DATE.format(record.createdAt().atZone(zone));
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
        return cvssText;
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
        return cvesText;
    }

    public String scanIdText() {
        return record.scanIdText();
    }

    /** Date the finding was recorded, {@code yyyy-MM-dd} in the local zone. */
    public String found() {
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
        StringBuilder b = new StringBuilder(cvesText);
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
        if (record.cvss() != null) b.append(" · CVSS ").append(cvssText);
        if (record.cvssVector() != null && !record.cvssVector().isBlank()) b.append(" · ").append(record.cvssVector());
        return b.toString();
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
