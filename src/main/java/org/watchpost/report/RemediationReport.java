package org.watchpost.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.watchpost.report.pdf.Fonts;
import org.watchpost.report.pdf.Palette;
import org.watchpost.report.pdf.PdfDoc;
import org.watchpost.report.pdf.PdfDoc.Style;
import org.watchpost.report.pdf.Table;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRepository;

/**
 * The remediation plan: findings grouped by the fix that removes them, in priority order
 * (known-exploited first, then severity, then exposure), each with the affected assets, the
 * concrete steps and a tracking row for owner and due date.
 */
final class RemediationReport {
    private static final int MAX_ACTIONS = 400;
    private static final int ASSETS_SHOWN = 60;

    private RemediationReport() {
    }

    static void write(ScanRepository repo, ScanRecord s, ReportOptions o, Job job, OutputStream out) throws IOException {
        job.progress(0, "Grouping findings by fix");
        FixGroups groups = new FixGroups();
        long[] n = {0};
        repo.forEachFinding(s.id(), f -> {
            if (++n[0] % 1000 == 0) job.check();
            groups.add(f);
        });
        List<FixGroups.Group> ordered = groups.ordered();
        try (PdfDoc d = new PdfDoc()) {
            ReportSupport.cover(d, ReportType.REMEDIATION, s, o, "For operations");
            d.section("Summary", false);
            if (ordered.isEmpty()) {
                d.paragraph("The scan produced no findings: there is nothing to remediate.", PdfDoc.BODY, 0);
            } else {
                java.util.Set<String> hosts = new java.util.HashSet<>();
                for (FixGroups.Group g : ordered) hosts.addAll(g.hosts);
                d.paragraph(Risk.plural(ordered.size(), "action") + " remove all " + ReportSupport.n(groups.total) + " findings on "
                        + Risk.plural(hosts.size(), "host") + ". Work through them in this order: weaknesses known to be exploited"
                        + " first, then by severity and by how many hosts they expose. Fill in an owner and a due date for each.",
                        PdfDoc.BODY, 0);
                d.space(8);
                Table t = d.table(new String[] {"#", "Action", "Severity", "KEV", "Hosts", "Findings", "Owner", "Due"},
                        new float[] {0.45f, 4.1f, 1.1f, 0.75f, 0.75f, 1.05f, 1.3f, 1f}).maxLines(3).grid(true);
                int i = 1;
                for (FixGroups.Group g : ordered) {
                    if (i > 40) {
                        t.row("", "… and " + (ordered.size() - 40) + " more actions, listed below", "", "", "", "", "", "");
                        break;
                    }
                    t.row(List.of(Table.Cell.of(String.valueOf(i)), Table.Cell.of(g.action), ReportSupport.chip(g.worst),
                            g.kev ? new Table.Cell("KEV", new Style(Fonts.BOLD, 8f, Palette.WHITE), Palette.CRITICAL) : Table.Cell.of(""),
                            Table.Cell.of(ReportSupport.n(g.hosts.size())), Table.Cell.of(ReportSupport.n(g.findings)),
                            Table.Cell.of(""), Table.Cell.of("")));
                    i++;
                }
                t.end();
            }
            job.progress(0.2, "Writing actions");
            if (!ordered.isEmpty()) d.section("Actions in priority order", true);
            int i = 1;
            for (FixGroups.Group g : ordered) {
                if (i > MAX_ACTIONS) {
                    d.paragraph("… " + (ordered.size() - MAX_ACTIONS) + " further actions are not shown; export the findings as CSV"
                            + " for the complete list.", PdfDoc.BODY, 0);
                    break;
                }
                job.progress(0.2 + 0.75 * i / ordered.size(), "Action " + i + " of " + ordered.size());
                action(d, i++, g);
            }
            job.progress(0.96, "Writing the PDF");
            d.finish(ReportSupport.meta(ReportType.REMEDIATION, s, o), o.password(), out);
        }
    }

    private static void action(PdfDoc d, int i, FixGroups.Group g) throws IOException {
        d.subsection(i + ". " + g.label(), Palette.of(g.worst));
        List<String> why = new ArrayList<>();
        why.add("Severity " + g.worst.label());
        if (g.maxCvss >= 0) why.add(String.format(Locale.ROOT, "CVSS up to %.1f", g.maxCvss));
        if (g.kev) why.add("known to be exploited (CISA KEV)");
        why.add(Risk.plural(g.hosts.size(), "host") + ", " + Risk.plural(g.findings, "finding"));
        d.paragraph(String.join(" · ", why), new Style(Fonts.BOLD, 8.5f, g.kev ? Palette.CRITICAL : Palette.MUTED), 0);
        if (g.title != null) d.paragraph("Removes: " + g.title + (g.findings > 1 ? " and related findings" : ""), PdfDoc.SMALL, 0);
        d.space(4);
        d.ensure(PdfDoc.LABEL.leading() + 2 * PdfDoc.BODY.leading());
        d.paragraph("Steps", PdfDoc.LABEL, 0);
        d.paragraph(g.steps != null ? g.steps : "No remediation text was recorded for this check; see the finding '" + g.title
                + "' in the technical report.", PdfDoc.BODY, 0);
        if (!g.cves.isEmpty()) {
            d.space(3);
            d.paragraph("CVEs: " + String.join(", ", g.cves) + (g.cveCount > g.cves.size() ? " and " + (g.cveCount - g.cves.size())
                    + " more" : ""), PdfDoc.SMALL, 0, 3000);
        }
        d.space(5);
        Table t = d.table(new String[] {"Affected asset", "Service", "Worst", "Findings", "CVEs"}, new float[] {2.2f, 1.1f, 1f, 0.8f, 3f})
                .maxLines(2);
        int shown = 0;
        for (FixGroups.Asset a : g.assets.values()) {
            if (shown++ >= ASSETS_SHOWN) break;
            t.row(List.of(Table.Cell.of(a.location), Table.Cell.of(a.service == null ? "" : a.service), ReportSupport.chip(a.worst),
                    Table.Cell.of(String.valueOf(a.findings)), Table.Cell.of(String.join(", ", a.cves))));
        }
        if (g.assetCount > ASSETS_SHOWN) {
            t.row("… and " + ReportSupport.n(g.assetCount - ASSETS_SHOWN) + " more", "", "", "", "");
        }
        t.end();
        d.ensure(50);
        Table track = d.table(new String[] {"Owner", "Due date", "Status", "Notes"}, new float[] {1.6f, 1f, 1f, 2.4f}).grid(true);
        track.row(" \n ", "", "", "");
        track.end();
        d.space(6);
    }
}
