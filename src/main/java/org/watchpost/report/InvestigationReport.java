package org.watchpost.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.watchpost.engine.model.Severity;
import org.watchpost.report.pdf.Fonts;
import org.watchpost.report.pdf.Palette;
import org.watchpost.report.pdf.PdfDoc;
import org.watchpost.report.pdf.PdfDoc.Style;
import org.watchpost.report.pdf.Table;
import org.watchpost.store.FindingState;
import org.watchpost.store.InvestigationFinding;
import org.watchpost.store.InvestigationHost;
import org.watchpost.store.InvestigationRepository;
import org.watchpost.store.InvestigationSummary;
import org.watchpost.store.ScanIds;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.SeverityTrendPoint;

/**
 * The investigation report: what an engagement's scans found over time — each finding's
 * lifecycle (new, persisting, resolved, reopened) across the scans, the severity trend per
 * scan, and the hosts — for whoever follows the engagement.
 */
final class InvestigationReport {
    private static final int MAX_FINDINGS = 2000;

    private InvestigationReport() {
    }

    static void write(InvestigationRepository repo, long id, ReportOptions o, Job job, OutputStream out) throws IOException {
        job.progress(0, "Reading the investigation");
        InvestigationSummary sum = repo.summary(id).orElseThrow(() -> new IllegalArgumentException(
                "no investigation " + InvestigationRepository.format(id) + " (it may have been deleted)"));
        List<ScanRecord> scans = repo.scansOf(id);
        job.check();
        List<InvestigationFinding> findings = repo.findings(id);
        job.check();
        List<SeverityTrendPoint> trend = repo.severityTrend(id);
        List<InvestigationHost> hosts = repo.hosts(id);
        job.progress(0.3, "Laying out");
        ZoneId z = o.zone();
        try (PdfDoc d = new PdfDoc()) {
            cover(d, sum, o, scans, z);

            d.section("Where the engagement stands", false);
            long open = findings.stream().filter(f -> f.state().isOpen()).count();
            long resolved = findings.stream().filter(f -> f.state() == FindingState.RESOLVED).count();
            long reopened = findings.stream().filter(f -> f.state() == FindingState.REOPENED).count();
            long fresh = findings.stream().filter(f -> f.state() == FindingState.NEW).count();
            d.paragraph(Risk.plural(scans.size(), "scan") + " of " + Risk.plural(hosts.size(), "host") + " found "
                    + Risk.plural(findings.size(), "distinct finding") + ". After the latest scan " + ReportSupport.n(open)
                    + " are open (" + ReportSupport.n(fresh) + " new in it, " + ReportSupport.n(reopened) + " reopened after a fix) and "
                    + ReportSupport.n(resolved) + " are resolved. A finding counts as resolved only when a completed scan covered its"
                    + " host and the host answered.", PdfDoc.BODY, 0);
            d.space(8);

            d.heading("Findings per scan, by severity");
            Table t = d.table(new String[] {"Scan", "Date", "Status", "Critical", "High", "Medium", "Low", "Info"},
                    new float[] {1.1f, 1.9f, 1.2f, 0.9f, 0.8f, 0.9f, 0.8f, 0.8f});
            for (SeverityTrendPoint p : trend) {
                job.check();
                List<Table.Cell> row = new ArrayList<>();
                row.add(Table.Cell.of(p.scanIdText()));
                row.add(Table.Cell.of(ReportSupport.date(p.at(), z)));
                row.add(Table.Cell.of(p.status().name().toLowerCase(Locale.ROOT)));
                for (Severity s : Severity.values()) row.add(Table.Cell.of(ReportSupport.n(p.counts().get(s))));
                t.row(row);
            }
            t.end();

            d.section("Findings over time", true);
            d.paragraph("Worst first. The lifecycle lists the scans in time order with the finding's state in each: New (first seen),"
                    + " Persisting (still there), Resolved (gone from a completed scan of its host), Reopened (back after a fix).",
                    PdfDoc.SMALL, 0);
            d.space(6);
            Table f = d.table(new String[] {"Severity", "Now", "Finding", "Host:port", "Lifecycle"},
                    new float[] {1f, 1.3f, 2.9f, 1.9f, 3.1f}).maxLines(4);
            int i = 0;
            for (InvestigationFinding fi : findings) {
                if (++i > MAX_FINDINGS) {
                    f.row("", "", "… " + (findings.size() - MAX_FINDINGS) + " more findings; export the scans for the full list", "", "");
                    break;
                }
                if (i % 100 == 0) {
                    job.check();
                    job.progress(0.3 + 0.6 * i / findings.size(), "Finding " + i + " of " + findings.size());
                }
                var l = fi.lifecycle();
                String timeline = l.timeline().stream().map(st -> ScanIds.format(st.scanId()) + " " + st.state().label())
                        .collect(Collectors.joining(" → "));
                f.row(List.of(ReportSupport.chip(l.severity()), state(fi.state()), Table.Cell.of(l.title()), Table.Cell.of(l.location()),
                        Table.Cell.of(timeline)));
            }
            if (findings.isEmpty()) f.row("", "", "No findings in this investigation's scans.", "", "");
            f.end();

            d.section("Hosts", true);
            Table h = d.table(new String[] {"Host", "Scans", "Open ports in the latest scan", "Open findings"},
                    new float[] {2.2f, 0.8f, 3.6f, 1.4f}).maxLines(3);
            for (InvestigationHost host : hosts) {
                job.check();
                String name = host.hostname() == null ? host.address() : host.hostname() + " (" + host.address() + ")";
                h.row(List.of(Table.Cell.of(name), Table.Cell.of(ReportSupport.n(host.scanCount())),
                        Table.Cell.of(host.openPortsInLastScan().stream().map(String::valueOf).collect(Collectors.joining(", "))),
                        Table.Cell.of(ReportSupport.n(host.openFindings().total()))));
            }
            if (hosts.isEmpty()) h.row("No host answered in these scans.", "", "", "");
            h.end();

            job.progress(0.95, "Writing the PDF");
            Calendar cal = GregorianCalendar.from(o.clock().instant().atZone(z));
            cal.setTimeZone(TimeZone.getTimeZone(z));
            String idText = sum.investigation().displayId();
            d.finish(new PdfDoc.Meta("Investigation report — " + idText + ": " + sum.name(),
                    "Findings over time across " + scans.size() + " scans", "Watchpost, " + idText + ", investigation",
                    "Watchpost " + o.watchpostVersion(), cal, "Watchpost · " + idText + " · Investigation report",
                    o.classification(), "Generated " + ReportSupport.date(o.clock().instant(), z)), o.password(), out);
        }
    }

    private static Table.Cell state(FindingState s) {
        java.awt.Color c = switch (s) {
            case NEW -> Palette.HIGH;
            case PERSISTING -> Palette.MEDIUM;
            case RESOLVED -> new java.awt.Color(0x15803d);
            case REOPENED -> new java.awt.Color(0x86198f);
        };
        return new Table.Cell(s.label(), new Style(Fonts.BOLD, 8f, Palette.WHITE), c);
    }

    private static void cover(PdfDoc d, InvestigationSummary sum, ReportOptions o, List<ScanRecord> scans, ZoneId z)
            throws IOException {
        d.newPage();
        float top = d.y() + 8;
        float h = 118;
        d.fill(PdfDoc.LEFT, top - h, PdfDoc.WIDTH, h, Palette.DARK);
        d.fill(PdfDoc.LEFT, top - h, 6, h, Palette.ACCENT);
        String org = o.organisation().isEmpty() ? "" : PdfDoc.clean(o.organisation(), Fonts.BOLD, 80);
        d.text(org.isEmpty() ? "WATCHPOST" : "WATCHPOST · " + org.toUpperCase(Locale.ROOT), PdfDoc.LEFT + 22, top - 24,
                new Style(Fonts.BOLD, 9f, new java.awt.Color(0x5eead4)));
        d.textRight("Engagement follow-up", PdfDoc.RIGHT - 16, top - 24, new Style(Fonts.REGULAR, 9f, new java.awt.Color(0xcbd5e1)));
        d.text("Investigation report", PdfDoc.LEFT + 22, top - 54, new Style(Fonts.BOLD, 24f, Palette.WHITE));
        if (o.logo() != null) d.imageRight(o.logo(), PdfDoc.RIGHT - 16, top - h + 14, 140, 56);
        Style sub = new Style(Fonts.REGULAR, 12f, new java.awt.Color(0xe2e8f0));
        List<String> nl = PdfDoc.wrap(sum.investigation().displayId() + " · " + PdfDoc.clean(sum.name(), Fonts.REGULAR, 200), sub,
                PdfDoc.WIDTH - 200);
        d.text(nl.get(0) + (nl.size() > 1 ? " …" : ""), PdfDoc.LEFT + 22, top - 78, sub);
        if (!o.classification().isEmpty()) {
            String cls = PdfDoc.clean(o.classification(), Fonts.BOLD, 60);
            Style cs = new Style(Fonts.BOLD, 8.5f, Palette.WHITE);
            float w = d.width(cls, cs) + 14;
            d.fill(PdfDoc.LEFT + 22, top - 106, w, 15, Palette.CLASSIFICATION);
            d.text(cls, PdfDoc.LEFT + 29, top - 102, cs);
        }
        d.y(top - h - 14);
        Instant first = scans.isEmpty() ? null : (scans.get(0).startedAt() != null ? scans.get(0).startedAt() : scans.get(0).createdAt());
        ScanRecord lastScan = scans.isEmpty() ? null : scans.get(scans.size() - 1);
        Instant last = lastScan == null ? null : (lastScan.startedAt() != null ? lastScan.startedAt() : lastScan.createdAt());
        String[][] facts = {
                {"Investigation", sum.investigation().displayId()},
                {"Scans", scans.isEmpty() ? "none yet" : scans.size() + " (" + scans.get(0).scanId() + " … " + lastScan.scanId() + ")"},
                {"Period", first == null ? "—" : first.atZone(z).toLocalDate() + " – " + last.atZone(z).toLocalDate()},
                {"Generated", ReportSupport.date(o.clock().instant(), z)},
                {"Vulnerability data", "dataset of " + o.datasetDate()},
                {"Classification", o.classification().isEmpty() ? "none" : o.classification()},
        };
        float colW = PdfDoc.WIDTH / 3;
        float rowTop = d.y();
        for (int i = 0; i < facts.length; i++) {
            float x = PdfDoc.LEFT + (i % 3) * colW;
            float yy = rowTop - (i / 3) * 30;
            d.text(facts[i][0].toUpperCase(Locale.ROOT), x, yy - 8, new Style(Fonts.BOLD, 7f, Palette.MUTED));
            List<String> vl = PdfDoc.wrap(PdfDoc.clean(facts[i][1], Fonts.REGULAR, 300), PdfDoc.BODY, colW - 10);
            d.text(vl.get(0) + (vl.size() > 1 ? " …" : ""), x, yy - 20, PdfDoc.BODY);
        }
        d.y(rowTop - 60);
        if (!sum.description().isBlank()) {
            d.paragraph(sum.description(), PdfDoc.BODY, 0);
            d.space(6);
        }
        d.hline(PdfDoc.LEFT, PdfDoc.RIGHT, d.y(), Palette.BORDER, 0.6f);
        d.space(16);
    }
}
