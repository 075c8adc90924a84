package org.watchpost.report;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.Severity;
import org.watchpost.report.pdf.Fonts;
import org.watchpost.report.pdf.Palette;
import org.watchpost.report.pdf.PdfDoc;
import org.watchpost.report.pdf.PdfDoc.Style;
import org.watchpost.report.pdf.Table;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRepository;

/** Pieces shared by the three PDF reports. */
final class ReportSupport {
    private ReportSupport() {
    }

    static String date(Instant t, ZoneId zone) {
        if (t == null) return "—";
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).withZone(zone).format(t);
    }

    static String day(Instant t, ZoneId zone) {
        if (t == null) return "—";
        return DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(zone).format(t);
    }

    static String duration(Duration d) {
        if (d == null) return "—";
        long s = d.getSeconds();
        if (s < 60) return s + " s";
        if (s < 3600) return s / 60 + " min " + s % 60 + " s";
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** The latest earlier COMPLETED scan of the same targets, if any. */
    static Optional<ScanRecord> previous(ScanRepository repo, ScanRecord s) {
        String targets = norm(s.config().targets());
        for (ScanRecord r : repo.list()) {
            if (r.id() == s.id() || r.status() != ScanStatus.COMPLETED) continue;
            if (!norm(r.config().targets()).equals(targets)) continue;
            if (r.createdAt().isAfter(s.createdAt()) || (r.createdAt().equals(s.createdAt()) && r.id() > s.id())) continue;
            return Optional.of(r);
        }
        return Optional.empty();
    }

    private static String norm(String targets) {
        List<String> parts = new ArrayList<>();
        for (String p : targets.split("[,\\s]+")) if (!p.isBlank()) parts.add(p.toLowerCase(Locale.ROOT));
        parts.sort(null);
        return String.join(",", parts);
    }

    /** The title block at the top of the first page. */
    static void cover(PdfDoc d, ReportType type, ScanRecord s, ReportOptions o, String audience) throws IOException {
        d.newPage();
        float top = d.y() + 8;
        float h = 118;
        d.fill(PdfDoc.LEFT, top - h, PdfDoc.WIDTH, h, Palette.DARK);
        d.fill(PdfDoc.LEFT, top - h, 6, h, Palette.ACCENT);
        Style brand = new Style(Fonts.BOLD, 9f, new java.awt.Color(0x5eead4));
        String org = o.organisation().isEmpty() ? "" : PdfDoc.clean(o.organisation(), Fonts.BOLD, 80);
        d.text(org.isEmpty() ? "WATCHPOST" : "WATCHPOST · " + org.toUpperCase(Locale.ROOT), PdfDoc.LEFT + 22, top - 24, brand);
        d.textRight(PdfDoc.clean(audience, Fonts.REGULAR, 80), PdfDoc.RIGHT - 16, top - 24,
                new Style(Fonts.REGULAR, 9f, new java.awt.Color(0xcbd5e1)));
        d.text(type.title(), PdfDoc.LEFT + 22, top - 54, new Style(Fonts.BOLD, 24f, Palette.WHITE));
        if (o.logo() != null) d.imageRight(o.logo(), PdfDoc.RIGHT - 16, top - h + 14, 140, 56);
        String name = PdfDoc.clean(s.name(), Fonts.REGULAR, 200);
        Style sub = new Style(Fonts.REGULAR, 12f, new java.awt.Color(0xe2e8f0));
        List<String> nl = PdfDoc.wrap(s.scanId() + " · " + name, sub, PdfDoc.WIDTH - 44);
        d.text(nl.get(0) + (nl.size() > 1 ? " …" : ""), PdfDoc.LEFT + 22, top - 78, sub);
        String cls = o.classification().isEmpty() ? "" : PdfDoc.clean(o.classification(), Fonts.BOLD, 60);
        if (!cls.isEmpty()) {
            Style cs = new Style(Fonts.BOLD, 8.5f, Palette.WHITE);
            float w = d.width(cls, cs) + 14;
            d.fill(PdfDoc.LEFT + 22, top - 106, w, 15, Palette.CLASSIFICATION);
            d.text(cls, PdfDoc.LEFT + 29, top - 102, cs);
        }
        d.y(top - h - 14);
        ZoneId z = o.zone();
        Instant generated = o.clock().instant();
        String[][] facts = {
                {"Scan", s.scanId() + " (" + s.status().name().toLowerCase(Locale.ROOT) + ")"},
                {"Scan date", date(s.startedAt() != null ? s.startedAt() : s.createdAt(), z)},
                {"Targets", s.config().targets()},
                {"Generated", date(generated, z)},
                {"Vulnerability data", "dataset of " + o.datasetDate()},
                {"Classification", o.classification().isEmpty() ? "none" : o.classification()},
        };
        float colW = PdfDoc.WIDTH / 3;
        float rowTop = d.y();
        for (int i = 0; i < facts.length; i++) {
            float x = PdfDoc.LEFT + (i % 3) * colW;
            float yy = rowTop - (i / 3) * 30;
            d.text(facts[i][0].toUpperCase(Locale.ROOT), x, yy - 8, new Style(Fonts.BOLD, 7f, Palette.MUTED));
            String v = PdfDoc.clean(facts[i][1], Fonts.REGULAR, 300);
            List<String> vl = PdfDoc.wrap(v, PdfDoc.BODY, colW - 10);
            d.text(vl.get(0) + (vl.size() > 1 ? " …" : ""), x, yy - 20, PdfDoc.BODY);
        }
        d.y(rowTop - 60);
        d.hline(PdfDoc.LEFT, PdfDoc.RIGHT, d.y(), Palette.BORDER, 0.6f);
        d.space(16);
    }

    static PdfDoc.Meta meta(ReportType type, ScanRecord s, ReportOptions o) {
        Calendar cal = GregorianCalendar.from(o.clock().instant().atZone(o.zone()));
        cal.setTimeZone(TimeZone.getTimeZone(o.zone()));
        return new PdfDoc.Meta(type.title() + " — " + s.scanId() + ": " + s.name(),
                "Network perimeter risk assessment of " + s.config().targets(),
                "Watchpost, " + s.scanId() + ", " + type.fileSuffix(),
                "Watchpost " + o.watchpostVersion(), cal,
                "Watchpost · " + s.scanId() + " · " + type.title(), o.classification(),
                "Generated " + date(o.clock().instant(), o.zone()));
    }

    /** Severity | Findings table with coloured chips. */
    static void severityTable(PdfDoc d, org.watchpost.store.SeverityCounts c) throws IOException {
        Table t = d.table(new String[] {"Severity", "Findings"}, new float[] {2, 1});
        for (Severity sev : Severity.values()) {
            t.row(List.of(chip(sev), Table.Cell.of(n(c.get(sev)))));
        }
        t.row(List.of(new Table.Cell("Total", PdfDoc.BODY.face(Fonts.BOLD).size(8.5f), null),
                new Table.Cell(n(c.total()), PdfDoc.BODY.face(Fonts.BOLD).size(8.5f), null)));
        t.end();
    }

    static Table.Cell chip(Severity sev) {
        return new Table.Cell(sev.label(), new Style(Fonts.BOLD, 8f, Palette.onChip(sev)), Palette.of(sev));
    }
}
