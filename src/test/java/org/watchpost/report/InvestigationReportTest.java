package org.watchpost.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.HostResult;
import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.PortState;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.Database;
import org.watchpost.store.InvestigationRepository;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRecorder;
import org.watchpost.store.ScanRepository;
import org.watchpost.testing.MutableClock;

class InvestigationReportTest {
    @TempDir
    Path dir;
    Database db;
    MutableClock clock;
    ScanRepository scans;
    InvestigationRepository invs;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("w.db"));
        clock = MutableClock.at("2026-11-01T08:00:00Z", "UTC");
        scans = new ScanRepository(db, clock);
        invs = new InvestigationRepository(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    ScanRecord scan(String name, List<Finding> findings) {
        clock.advance(Duration.ofDays(7));
        ScanRecord s = scans.create(name, ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1);
        scans.transition(s.id(), ScanStatus.RUNNING, null);
        try (ScanRecorder rec = new ScanRecorder(db, s.id(), clock)) {
            rec.onHost(new HostResult("127.0.0.1", "web.lab", true, "test", 10));
            rec.onPort(new PortResult("127.0.0.1", 443, PortState.OPEN, 10));
            findings.forEach(rec::onFinding);
        }
        scans.transition(s.id(), ScanStatus.COMPLETED, null);
        return s;
    }

    static Finding f(String check, Severity sev) {
        return new Finding(check, sev, null, null, List.of(), null, "Title of " + check, "d", "fix it", "e", "127.0.0.1", 443, "https",
                "confirmed", false);
    }

    static String text(Path pdf) throws IOException {
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(d);
        }
    }

    @Test
    void showsEachFindingsLifecycleTheTrendAndTheHosts() throws IOException {
        ScanRecord a = scan("week 1", List.of(f("tls.protocol.tls10", Severity.HIGH), f("http.header.csp-missing", Severity.INFO)));
        ScanRecord b = scan("week 2", List.of(f("http.header.csp-missing", Severity.INFO)));
        ScanRecord c = scan("week 3", List.of(f("tls.protocol.tls10", Severity.HIGH), f("http.header.csp-missing", Severity.INFO)));
        long inv = invs.create("Q4 review", "DMZ web servers").id();
        invs.addScans(inv, List.of(a.id(), b.id(), c.id()));

        Path pdf = new ReportService(scans).writeInvestigationPdf(invs, inv, dir.resolve("inv.pdf"),
                ReportOptions.defaults().withClassification("INTERNAL").withDatasetDate("2025-08-25"), null, null);
        String t = text(pdf);
        String flat = t.replaceAll("\\s*\n\\s*", " ");
        assertThat(flat).contains(a.scanId() + " New → " + b.scanId() + " Resolved → " + c.scanId() + " Reopened");
        assertThat(t).contains("Investigation report").contains("INV-1 · Q4 review").contains("DMZ web servers")
                .contains("INTERNAL").contains("dataset of 2025-08-25").contains("Page 1 of");
        assertThat(t).contains("Title of tls.protocol.tls10").contains("Reopened")
                .contains(a.scanId() + " New → " + b.scanId() + " Resolved")
                .contains("2026-11-08 – 2026-11-22");
        assertThat(t).contains("Persisting").contains("web.lab (127.0.0.1)");
        assertThat(t).contains(a.scanId()).contains(b.scanId()).contains(c.scanId());
    }

    @Test
    void anUnknownInvestigationIsAClearErrorAndLeavesNoFile() {
        assertThatThrownBy(() -> new ReportService(scans).writeInvestigationPdf(invs, 9, dir.resolve("x.pdf"), null, null, null))
                .hasMessageContaining("INV-9");
        assertThat(dir.resolve("x.pdf")).doesNotExist();
    }
}
