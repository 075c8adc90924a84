package org.watchpost.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.watchpost.engine.model.Severity;
import org.watchpost.report.pdf.Fonts;
import org.watchpost.report.pdf.Palette;
import org.watchpost.report.pdf.PdfDoc;
import org.watchpost.report.pdf.PdfDoc.Style;
import org.watchpost.report.pdf.Table;
import org.watchpost.store.FindingRecord;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRepository;
import org.watchpost.store.SeverityCounts;

/**
 * The executive summary (2–4 pages): overall risk with a one-line justification, the severity
 * distribution chart, the top risks in plain language, exposure counts and the trend against
 * the previous completed run on the same targets.
 */
final class ExecutiveReport {
    private static final int TOP_RISKS = 5;

    private ExecutiveReport() {
    }

    static String findingKey(FindingRecord f) {
        return f.checkId() + '|' + f.address() + '|' + f.port() + '|' + String.join(",", f.cves());
    }

    static void write(ScanRepository repo, ScanRecord s, ReportOptions o, Job job, OutputStream out) throws IOException {
        job.progress(0, "Reading findings");
        FixGroups groups = new FixGroups();
        Set<String> keys = new HashSet<>();
        long[] n = {0};
        repo.forEachFinding(s.id(), f -> {
            if (++n[0] % 1000 == 0) job.check();
            groups.add(f);
            keys.add(findingKey(f));
        });
        job.progress(0.3, "Reading services");
        long[] open = {0};
        long[] risky = {0};
        Map<String, long[]> byService = new TreeMap<>();
        repo.forEachService(s.id(), sv -> {
            if (!"OPEN".equalsIgnoreCase(sv.state())) return;
            open[0]++;
            String name = sv.service() == null || sv.service().isBlank() ? "unknown" : sv.service().toLowerCase(Locale.ROOT);
            long[] c = byService.computeIfAbsent(name, k -> new long[2]);
            c[0]++;
            if (Risk.risky(name)) {
                risky[0]++;
                c[1] = 1;
            }
        });
        job.progress(0.5, "Comparing with the previous run");
        Optional<ScanRecord> prev = ReportSupport.previous(repo, s);
        long[] newResolved = null;
        if (prev.isPresent()) {
            Set<String> before = new HashSet<>();
            repo.forEachFinding(prev.get().id(), f -> {
                if (before.size() % 1000 == 0) job.check();
                before.add(findingKey(f));
            });
            long added = keys.stream().filter(k -> !before.contains(k)).count();
            long resolved = before.stream().filter(k -> !keys.contains(k)).count();
            newResolved = new long[] {added, resolved};
        }
        job.progress(0.6, "Laying out");
        try (PdfDoc d = new PdfDoc()) {
            ReportSupport.cover(d, ReportType.EXECUTIVE, s, o, "For leadership");
            glance(d, s, o, groups, open[0], risky[0]);
            job.check();
            topRisks(d, groups);
            exposure(d, s, open[0], risky[0], byService);
            trend(d, s, prev, newResolved, o);
            about(d, s, o);
            job.progress(0.95, "Writing the PDF");
            d.finish(ReportSupport.meta(ReportType.EXECUTIVE, s, o), o.password(), out);
        }
    }

    private static void glance(PdfDoc d, ScanRecord s, ReportOptions o, FixGroups g, long open, long risky) throws IOException {
        d.section("At a glance", false);
        SeverityCounts c = s.severities();
        String rating = Risk.rating(c, g.kevHighOrWorse);
        Severity rs = Risk.ratingSeverity(rating);
        String why = Risk.justification(rating, s, g.kevFindings, g.hostsWithSerious.size());
        float top = d.y();
        float boxW = 150;
        float h = 58;
        d.fill(PdfDoc.LEFT, top - h, boxW, h, rating.equals("Minimal") ? Palette.GOOD : Palette.of(rs));
        Style onBox = new Style(Fonts.BOLD, 7.5f, rating.equals("Minimal") ? Palette.WHITE : Palette.onChip(rs));
        d.text("OVERALL RISK", PdfDoc.LEFT + 12, top - 17, onBox);
        d.text(rating, PdfDoc.LEFT + 12, top - 43, onBox.size(22f));
        d.fill(PdfDoc.LEFT + boxW, top - h, PdfDoc.WIDTH - boxW, h, Palette.PANEL);
        Style whyStyle = new Style(Fonts.REGULAR, 10.5f, Palette.TEXT);
        List<String> lines = PdfDoc.wrap(PdfDoc.clean(why, Fonts.REGULAR, 400), whyStyle, PdfDoc.WIDTH - boxW - 28);
        float base = top - h / 2 + (lines.size() * whyStyle.leading()) / 2 - whyStyle.size();
        for (String l : lines.subList(0, Math.min(3, lines.size()))) {
            d.text(l, PdfDoc.LEFT + boxW + 14, base, whyStyle);
            base -= whyStyle.leading();
        }
        d.y(top - h - 16);
        // figure tiles
        String[][] tiles = {
                {ReportSupport.n(s.hostsUp()), "hosts responding", "of " + ReportSupport.n(s.hostCount()) + " scanned"},
                {ReportSupport.n(open), "open services", "reachable from where the scan ran"},
                {ReportSupport.n(risky), "risky services", "databases, remote desktops, file sharing"},
                {ReportSupport.n(c.total()), "findings", ReportSupport.n(c.critical()) + " critical, " + ReportSupport.n(c.high()) + " high"},
        };
        float gap = 8;
        float tw = (PdfDoc.WIDTH - gap * 3) / 4;
        top = d.y();
        for (int i = 0; i < tiles.length; i++) {
            float x = PdfDoc.LEFT + i * (tw + gap);
            d.fill(x, top - 66, tw, 66, Palette.PANEL);
            d.fill(x, top - 2.5f, tw, 2.5f, i == 2 && risky > 0 ? Palette.HIGH : Palette.ACCENT);
            d.text(tiles[i][0], x + 10, top - 28, new Style(Fonts.BOLD, 19f, Palette.TEXT));
            d.text(tiles[i][1], x + 10, top - 42, new Style(Fonts.BOLD, 8.5f, Palette.TEXT));
            Style small = new Style(Fonts.REGULAR, 7f, Palette.MUTED);
            List<String> sub = PdfDoc.wrap(tiles[i][2], small, tw - 18);
            for (int k = 0; k < Math.min(2, sub.size()); k++) d.text(sub.get(k), x + 10, top - 52 - k * 8, small);
        }
        d.y(top - 66 - 18);
        d.heading("Findings by severity");
        SeverityChart.draw(d, c, PdfDoc.LEFT, PdfDoc.WIDTH, 150);
        d.space(4);
        d.paragraph("Checks used the vulnerability dataset of " + o.datasetDate() + "; weaknesses published after that date"
                + " are not covered.", PdfDoc.SMALL, 0);
    }

    private static void topRisks(PdfDoc d, FixGroups groups) throws IOException {
        d.section("Top risks", true);
        List<FixGroups.Group> ordered = groups.ordered();
        List<FixGroups.Group> top = new ArrayList<>();
        for (FixGroups.Group g : ordered) {
            if (top.size() >= TOP_RISKS) break;
            if (g.worst == Severity.INFO && !g.kev) continue;
            top.add(g);
        }
        if (top.isEmpty()) {
            d.paragraph("No significant risks were found: the scan produced no findings above informational level.", PdfDoc.BODY, 0);
            return;
        }
        d.paragraph("The most important problems, in the order to fix them. Each one may cover several findings that"
                + " the same fix removes.", PdfDoc.BODY.color(Palette.MUTED), 0);
        d.space(6);
        int i = 1;
        for (FixGroups.Group g : top) {
            d.ensure(110);
            float top0 = d.y();
            Style num = new Style(Fonts.BOLD, 15f, Palette.of(g.worst));
            d.text(String.valueOf(i), PdfDoc.LEFT, top0 - 15, num);
            String head = PdfDoc.clean(g.title == null ? g.action : g.title, Fonts.BOLD, 200);
            List<String> hl = PdfDoc.wrap(head, PdfDoc.H3.size(11f), PdfDoc.WIDTH - 90);
            float base = top0 - 13;
            for (String l : hl) {
                d.text(l, PdfDoc.LEFT + 22, base, PdfDoc.H3.size(11f));
                base -= PdfDoc.H3.size(11f).leading();
            }
            Style chip = new Style(Fonts.BOLD, 7.5f, Palette.onChip(g.worst));
            String sev = g.worst.label().toUpperCase(Locale.ROOT);
            float cw = d.width(sev, chip) + 10;
            d.fill(PdfDoc.RIGHT - cw, top0 - 15, cw, 12, Palette.of(g.worst));
            d.text(sev, PdfDoc.RIGHT - cw + 5, top0 - 12, chip);
            d.y(base + PdfDoc.H3.size(11f).leading() - 8);
            List<String[]> kv = new ArrayList<>();
            kv.add(new String[] {"Business impact", Risk.businessImpact(g.service, g.checkId, g.worst, g.kev)});
            List<String> hostList = new ArrayList<>(g.hosts);
            String affected = Risk.plural(g.hosts.size(), "host") + ": " + String.join(", ", hostList.subList(0, Math.min(6, hostList.size())))
                    + (hostList.size() > 6 ? " and " + (hostList.size() - 6) + " more" : "");
            kv.add(new String[] {"Affected", affected});
            kv.add(new String[] {"What to do", g.label()});
            d.keyValues(kv, 100);
            d.space(10);
            i++;
        }
    }

    private static void exposure(PdfDoc d, ScanRecord s, long open, long risky, Map<String, long[]> byService) throws IOException {
        d.section("Exposure", false);
        d.paragraph(ReportSupport.n(s.hostsUp()) + " of " + ReportSupport.n(s.hostCount()) + " scanned hosts responded. They offer "
                + ReportSupport.n(open) + " open services, " + ReportSupport.n(risky) + " of them of a kind that should rarely be"
                + " reachable from untrusted networks (remote desktops, cleartext logins, file sharing, databases and caches).",
                PdfDoc.BODY, 0);
        d.space(6);
        if (byService.isEmpty()) return;
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(byService.entrySet());
        rows.sort((a, b) -> a.getValue()[1] != b.getValue()[1] ? Long.compare(b.getValue()[1], a.getValue()[1])
                : Long.compare(b.getValue()[0], a.getValue()[0]));
        Table t = d.table(new String[] {"Service", "Open ports", "Assessment"}, new float[] {2, 1, 3});
        int shown = 0;
        for (Map.Entry<String, long[]> e : rows) {
            if (shown++ >= 12) break;
            boolean r = e.getValue()[1] == 1;
            t.row(List.of(Table.Cell.of(e.getKey()), Table.Cell.of(ReportSupport.n(e.getValue()[0])),
                    r ? new Table.Cell("Risky when exposed", new Style(Fonts.BOLD, 8f, Palette.WHITE), Palette.HIGH)
                            : Table.Cell.of("Expected for internet-facing hosts if intended")));
        }
        if (rows.size() > 12) t.row("… " + (rows.size() - 12) + " more kinds", "", "");
        t.end();
    }

    private static void trend(PdfDoc d, ScanRecord s, Optional<ScanRecord> prev, long[] newResolved, ReportOptions o)
            throws IOException {
        if (prev.isEmpty()) {
            d.section("Trend", false);
            d.paragraph("This is the first completed scan of these targets: there is no earlier run to compare with.",
                    PdfDoc.BODY, 0);
            return;
        }
        ScanRecord p = prev.get();
        d.section("Trend since " + p.scanId(), false);
        d.paragraph("Compared with " + p.scanId() + " of " + ReportSupport.date(p.startedAt() != null ? p.startedAt() : p.createdAt(), o.zone())
                + " on the same targets: " + ReportSupport.n(newResolved[0]) + " new findings, " + ReportSupport.n(newResolved[1])
                + " resolved.", PdfDoc.BODY, 0);
        d.space(4);
        Table t = d.table(new String[] {"Measure", p.scanId(), s.scanId(), "Change"}, new float[] {2, 1, 1, 1});
        Map<String, long[]> rows = new java.util.LinkedHashMap<>();
        for (Severity sev : Severity.values()) rows.put(sev.label() + " findings", new long[] {p.severities().get(sev), s.severities().get(sev)});
        rows.put("All findings", new long[] {p.severities().total(), s.severities().total()});
        rows.put("Hosts responding", new long[] {p.hostsUp(), s.hostsUp()});
        rows.put("Open ports", new long[] {p.openPorts(), s.openPorts()});
        for (Map.Entry<String, long[]> e : rows.entrySet()) {
            long delta = e.getValue()[1] - e.getValue()[0];
            boolean findingRow = e.getKey().contains("findings") || e.getKey().equals("Open ports");
            java.awt.Color col = delta == 0 ? Palette.MUTED : (delta > 0) == findingRow ? Palette.HIGH : Palette.GOOD;
            t.row(List.of(Table.Cell.of(e.getKey()), Table.Cell.of(ReportSupport.n(e.getValue()[0])),
                    Table.Cell.of(ReportSupport.n(e.getValue()[1])),
                    new Table.Cell(delta == 0 ? "no change" : (delta > 0 ? "+" : "−") + ReportSupport.n(Math.abs(delta)),
                            new Style(Fonts.BOLD, 8.5f, col), null)));
        }
        t.end();
    }

    private static void about(PdfDoc d, ScanRecord s, ReportOptions o) throws IOException {
        d.section("About this assessment", false);
        Map<String, String> kv = new java.util.LinkedHashMap<>();
        kv.put("Scope", s.config().targets() + (s.config().exclusions().isEmpty() ? "" : " (excluding " + s.config().exclusions() + ")")
                + ", ports " + s.config().ports());
        kv.put("When", ReportSupport.date(s.startedAt(), o.zone()) + ", " + ReportSupport.duration(s.duration(o.clock().instant())));
        kv.put("Vulnerability data", "dataset of " + o.datasetDate());
        kv.put("Tool", "Watchpost " + o.watchpostVersion());
        List<String[]> rows = new ArrayList<>();
        kv.forEach((k, v) -> rows.add(new String[] {k, v}));
        d.keyValues(rows, 110);
        d.space(4);
        d.paragraph("A scan sees what is reachable from where it ran, at that moment. It does not prove the absence of"
                + " weaknesses: findings marked as version matches rest on the versions services announce. The technical"
                + " report lists every finding with its evidence; the remediation plan turns them into tasks.", PdfDoc.SMALL, 0);
    }
}
