package org.watchpost.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.watchpost.report.pdf.Fonts;
import org.watchpost.report.pdf.Palette;
import org.watchpost.report.pdf.PdfDoc;
import org.watchpost.report.pdf.PdfDoc.Style;
import org.watchpost.report.pdf.Table;
import org.watchpost.store.FindingRecord;
import org.watchpost.store.HostRecord;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRepository;
import org.watchpost.store.ServiceRecord;
import org.watchpost.store.SeverityCounts;
import org.watchpost.engine.model.Severity;

/**
 * The technical report: scope and method, then per host its open ports and services and its
 * findings (severity, CVSS score and vector, CVE/CWE, evidence, references), and an appendix
 * of every open port. Findings are streamed from the store host by host, so memory does not
 * grow with their number; services are held in memory with banners already cut short.
 */
final class TechnicalReport {
    private static final int BANNER_IN_TABLE = 160;
    private static final int EVIDENCE_MAX = 1500;

    private final ScanRepository repo;
    private final ScanRecord scan;
    private final ReportOptions opts;
    private final Job job;
    private final PdfDoc d;

    private final List<HostRecord> hosts = new ArrayList<>();
    private final Map<String, Integer> hostIndex = new HashMap<>();
    private final Map<Long, List<ServiceRecord>> services = new HashMap<>();
    private int next; // next host to write
    private boolean inOther;
    private long findingsDone;
    private final List<HostRecord> quietHosts = new ArrayList<>();
    private Map<String, SeverityCounts> counts = Map.of();

    private TechnicalReport(ScanRepository repo, ScanRecord scan, ReportOptions opts, Job job, PdfDoc d) {
        this.repo = repo;
        this.scan = scan;
        this.opts = opts;
        this.job = job;
        this.d = d;
    }

    static void write(ScanRepository repo, ScanRecord scan, ReportOptions opts, Job job, OutputStream out) throws IOException {
        try (PdfDoc d = new PdfDoc()) {
            new TechnicalReport(repo, scan, opts, job, d).build();
            job.progress(0.97, "Writing the PDF");
            d.finish(ReportSupport.meta(ReportType.TECHNICAL, scan, opts), opts.password(), out);
        }
    }

    private void build() throws IOException {
        job.progress(0, "Reading hosts and services");
        repo.forEachHost(scan.id(), h -> {
            hostIndex.put(h.address(), hosts.size());
            hosts.add(h);
        });
        int[] n = {0};
        repo.forEachService(scan.id(), s -> {
            if (++n[0] % 1000 == 0) job.check();
            String banner = s.banner() == null ? null : SafeText.clean(s.banner(), BANNER_IN_TABLE, false, null);
            services.computeIfAbsent(s.hostId(), k -> new ArrayList<>()).add(new ServiceRecord(s.id(), s.scanId(), s.hostId(),
                    s.address(), s.port(), s.protocol(), s.state(), s.rttMicros(), s.service(), s.product(), s.version(), s.cpe(),
                    s.tls(), banner, s.extra() == null ? null : SafeText.clean(s.extra(), 200, false, null)));
        });
        counts = repo.findingCountsByAddress(scan.id());
        ReportSupport.cover(d, ReportType.TECHNICAL, scan, opts, "For security engineers");
        scope();
        hostOverview();
        job.progress(0.05, "Writing hosts");
        d.space(10);
        d.section("Hosts, services and findings", false);
        if (hosts.isEmpty() && scan.severities().total() == 0) {
            d.paragraph("The scan recorded no hosts.", PdfDoc.BODY, 0);
        }
        try {
            repo.forEachFindingByHost(scan.id(), this::finding);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        while (next < hosts.size()) startHost(next++, false);
        quietHostsTable();
        appendix();
    }

    private void scope() throws IOException {
        d.section("Scope and method", false);
        var c = scan.config();
        Instant now = opts.clock().instant();
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[] {"Scan", scan.scanId() + " — " + scan.name()});
        kv.add(new String[] {"Status", scan.status().name().toLowerCase(Locale.ROOT) + (scan.error() == null ? "" : " (" + scan.error() + ")")});
        kv.add(new String[] {"Targets", c.targets()});
        kv.add(new String[] {"Exclusions", c.exclusions().isEmpty() ? "none" : c.exclusions()});
        kv.add(new String[] {"Ports", c.ports()});
        kv.add(new String[] {"Options", "host discovery " + (c.discovery() ? "on" : "off") + ", connect timeout " + c.timeoutMs()
                + " ms, rate limit " + (c.rateLimit() == 0 ? "none" : c.rateLimit() + " probes/s") + ", up to " + c.concurrency()
                + " probes in flight, service identification " + (c.serviceDetection() ? "on" : "off") + ", vulnerability checks "
                + (c.checks() ? "on" : "off") + " (profile " + c.profile() + ")"});
        kv.add(new String[] {"Method", "TCP connect scan from the analyst's machine; services identified from what they announce"
                + " and answer; checks match announced versions against the offline vulnerability dataset and test"
                + " configurations directly. Findings marked 'version-match' rest on the announced version only."});
        kv.add(new String[] {"Started", ReportSupport.date(scan.startedAt(), opts.zone())});
        kv.add(new String[] {"Finished", ReportSupport.date(scan.finishedAt(), opts.zone())});
        kv.add(new String[] {"Duration", ReportSupport.duration(scan.duration(now))});
        kv.add(new String[] {"Watchpost", opts.watchpostVersion()});
        kv.add(new String[] {"Vulnerability data", "dataset of " + opts.datasetDate()});
        d.keyValues(kv, 110);
        d.space(10);
        d.heading("Summary");
        d.keyValues(List.of(
                new String[] {"Hosts", ReportSupport.n(scan.hostsUp()) + " responding of " + ReportSupport.n(scan.hostCount()) + " scanned"},
                new String[] {"Open ports", ReportSupport.n(scan.openPorts())},
                new String[] {"Findings", ReportSupport.n(scan.severities().total())}), 110);
        d.space(6);
        ReportSupport.severityTable(d, scan.severities());
    }

    /** One line per host with open ports or findings: where to look first. */
    private void hostOverview() throws IOException {
        List<HostRecord> shown = new ArrayList<>();
        for (HostRecord h : hosts) {
            if (services.containsKey(h.id()) || counts.containsKey(h.address())) shown.add(h);
        }
        if (shown.isEmpty()) return;
        shown.sort(java.util.Comparator.comparing((HostRecord h) -> {
            SeverityCounts c = counts.getOrDefault(h.address(), SeverityCounts.ZERO);
            return new long[] {c.critical(), c.high(), c.medium(), c.low(), c.info()};
        }, (a, b) -> java.util.Arrays.compare(b, a)));
        d.section("Hosts at a glance", true);
        d.paragraph("Hosts with open ports or findings, worst first. Each has its own section below.", PdfDoc.SMALL, 0);
        d.space(4);
        Style num = PdfDoc.BODY.size(8.5f);
        Table t = d.table(new String[] {"Host", "Open ports", "Critical", "High", "Medium", "Low", "Info"},
                new float[] {3.2f, 1.25f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f}).maxLines(2);
        int i = 0;
        for (HostRecord h : shown) {
            if (++i % 200 == 0) job.check();
            SeverityCounts c = counts.getOrDefault(h.address(), SeverityCounts.ZERO);
            List<Table.Cell> row = new ArrayList<>();
            row.add(Table.Cell.of(h.display()));
            row.add(Table.Cell.of(String.valueOf(services.getOrDefault(h.id(), List.of()).size())));
            for (Severity sev : Severity.values()) {
                long v = c.get(sev);
                row.add(v == 0 ? new Table.Cell("·", num.color(Palette.MUTED), null)
                        : new Table.Cell(ReportSupport.n(v), new Style(Fonts.BOLD, 8f, Palette.onChip(sev)), Palette.of(sev)));
            }
            t.row(row);
        }
        t.end();
    }

    private void finding(FindingRecord f) {
        try {
            Integer idx = f.address() == null ? null : hostIndex.get(f.address());
            if (idx == null) {
                if (!inOther) {
                    while (next < hosts.size()) startHost(next++, false);
                    inOther = true;
                    d.subsection("Findings not tied to a scanned host", Palette.MUTED);
                }
            } else if (idx >= next) {
                while (next < idx) startHost(next++, false);
                startHost(next++, true);
            }
            if (++findingsDone % 200 == 0) job.check();
            writeFinding(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startHost(int i, boolean withFindings) throws IOException {
        HostRecord h = hosts.get(i);
        job.progress(0.05 + 0.8 * i / Math.max(1, hosts.size()), "Host " + (i + 1) + " of " + hosts.size());
        List<ServiceRecord> svcs = services.getOrDefault(h.id(), List.of());
        if (svcs.isEmpty() && !withFindings) {
            if (h.up()) quietHosts.add(h);
            return;
        }
        SeverityCounts c = counts.getOrDefault(h.address(), SeverityCounts.ZERO);
        String title = h.display() + " — " + Risk.plural(svcs.size(), "open port") + ", " + Risk.plural(c.total(), "finding");
        d.subsection(title, c.worst() == null ? null : Palette.of(c.worst()));
        if (h.reason() != null || h.rttMicros() >= 0) {
            d.paragraph((h.up() ? "Responded" : "No answer to discovery") + (h.reason() == null ? "" : " (" + h.reason() + ")")
                    + (h.rttMicros() >= 0 ? ", round trip " + String.format(Locale.ROOT, "%.1f ms", h.rttMicros() / 1000.0) : "")
                    + "; " + h.closedPorts() + " closed and " + h.filteredPorts() + " filtered ports.", PdfDoc.SMALL, 0);
            d.space(4);
        }
        if (!svcs.isEmpty()) {
            Table t = d.table(new String[] {"Port", "Service", "Product / version", "TLS", "Banner"}, new float[] {0.8f, 1.2f, 2f, 0.6f, 4f})
                    .maxLines(3);
            for (ServiceRecord s : svcs) {
                t.row(List.of(Table.Cell.of(s.port() + "/" + s.protocol()), Table.Cell.of(nz(s.service())),
                        Table.Cell.of(s.productVersion()), Table.Cell.of(s.tls() ? "yes" : ""),
                        new Table.Cell(nz(s.banner()), PdfDoc.MONO.size(7f), null)));
            }
            t.end();
        }
        if (!withFindings) {
            d.paragraph("No findings on this host.", PdfDoc.SMALL, 0);
            d.space(6);
        }
    }

    private void writeFinding(FindingRecord f) throws IOException {
        Style chipStyle = new Style(Fonts.BOLD, 8f, Palette.onChip(f.severity()));
        String sev = f.severity().label().toUpperCase(Locale.ROOT);
        String title = PdfDoc.clean(f.title(), Fonts.BOLD, 300);
        List<String> lines = PdfDoc.wrap(title, PdfDoc.H3, PdfDoc.WIDTH - 80);
        d.ensure(lines.size() * PdfDoc.H3.leading() + 40);
        d.space(4);
        float top = d.y();
        float chipW = d.width(sev, chipStyle) + 10;
        d.fill(PdfDoc.LEFT, top - 14, chipW, 13, Palette.of(f.severity()));
        d.text(sev, PdfDoc.LEFT + 5, top - 10.5f, chipStyle);
        float base = top - 11;
        for (String l : lines) {
            d.text(l, PdfDoc.LEFT + chipW + 8, base, PdfDoc.H3);
            base -= PdfDoc.H3.leading();
        }
        d.y(top - Math.max(16, lines.size() * PdfDoc.H3.leading() + 3));
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[] {"Location", f.location() + (f.service() == null ? "" : " (" + f.service() + ")")});
        if (f.cvss() != null || f.cvssVector() != null) {
            kv.add(new String[] {"CVSS", (f.cvss() == null ? "" : String.format(Locale.ROOT, "%.1f", f.cvss()))
                    + (f.cvssVector() == null ? "" : "   " + f.cvssVector())});
        }
        if (!f.cves().isEmpty()) kv.add(new String[] {"CVE", String.join(", ", f.cves())});
        if (f.cwe() != null && !f.cwe().isBlank()) kv.add(new String[] {"CWE", f.cwe()});
        kv.add(new String[] {"Check", f.checkId() + (f.confidence() == null ? "" : " · confidence " + f.confidence())
                + (f.knownExploited() ? " · KNOWN EXPLOITED (CISA KEV)" : "")});
        d.keyValues(kv, 70);
        if (f.description() != null && !f.description().isBlank()) {
            d.space(3);
            d.paragraph(f.description(), PdfDoc.BODY, 0);
        }
        if (f.evidence() != null && !f.evidence().isBlank()) {
            d.space(3);
            d.ensure(PdfDoc.LABEL.leading() + 3 * PdfDoc.MONO.leading() + 6);
            d.paragraph("Evidence", PdfDoc.LABEL, 0);
            d.codeBlock(f.evidence(), EVIDENCE_MAX);
        }
        if (f.remediation() != null && !f.remediation().isBlank()) {
            d.space(2);
            d.ensure(PdfDoc.LABEL.leading() + 2 * PdfDoc.BODY.leading());
            d.paragraph("Remediation", PdfDoc.LABEL, 0);
            d.paragraph(f.remediation(), PdfDoc.BODY, 0);
        }
        List<String> refs = references(f);
        if (!refs.isEmpty()) {
            d.space(2);
            d.ensure(PdfDoc.LABEL.leading() + PdfDoc.SMALL.leading());
            d.paragraph("References", PdfDoc.LABEL, 0);
            for (String r : refs) d.paragraph(r, PdfDoc.SMALL.color(Palette.ACCENT), 0);
        }
        d.space(6);
        d.hline(PdfDoc.LEFT, PdfDoc.RIGHT, d.y(), Palette.BORDER, 0.4f);
        d.space(2);
    }

    static List<String> references(FindingRecord f) {
        List<String> refs = new ArrayList<>();
        for (String cve : f.cves()) {
            if (refs.size() >= 8) break;
            if (cve.matches("CVE-\\d{4}-\\d{4,}")) refs.add("https://nvd.nist.gov/vuln/detail/" + cve);
        }
        if (f.cwe() != null && f.cwe().matches("CWE-\\d+")) {
            refs.add("https://cwe.mitre.org/data/definitions/" + f.cwe().substring(4) + ".html");
        }
        if (f.knownExploited()) refs.add("https://www.cisa.gov/known-exploited-vulnerabilities-catalog");
        return refs;
    }

    private void quietHostsTable() throws IOException {
        if (quietHosts.isEmpty()) return;
        d.subsection("Hosts that responded with no open port", Palette.MUTED);
        Table t = d.table(new String[] {"Host", "Seen by", "Closed", "Filtered"}, new float[] {3, 3, 1, 1});
        int i = 0;
        for (HostRecord h : quietHosts) {
            if (++i % 200 == 0) job.check();
            t.row(h.display(), nz(h.reason()), String.valueOf(h.closedPorts()), String.valueOf(h.filteredPorts()));
        }
        t.end();
    }

    private void appendix() throws IOException {
        job.progress(0.88, "Writing the appendix");
        d.section("Appendix: every open port", true);
        if (scan.openPorts() == 0 && services.isEmpty()) {
            d.paragraph("No open ports were found.", PdfDoc.BODY, 0);
            return;
        }
        Table t = d.table(new String[] {"Host", "Port", "Service", "Product", "Version", "TLS"}, new float[] {2.4f, 0.8f, 1.2f, 1.8f, 1.4f, 0.5f})
                .maxLines(2);
        int i = 0;
        for (HostRecord h : hosts) {
            for (ServiceRecord s : services.getOrDefault(h.id(), List.of())) {
                if (++i % 500 == 0) job.check();
                t.row(h.address(), s.port() + "/" + s.protocol(), nz(s.service()), nz(s.product()), nz(s.version()), s.tls() ? "yes" : "");
            }
        }
        t.end();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
