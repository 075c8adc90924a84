package org.watchpost.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.ScanRecord;

class PdfReportTest {
    @TempDir
    Path dir;
    ScanFixture fx;
    ReportService service;
    ReportOptions opts = ReportOptions.defaults().withClassification("CONFIDENTIAL — ACME").withDatasetDate("2025-06-15")
            .withVersion("0.1.0-test").withClock(ScanFixture.CLOCK);

    @BeforeEach
    void open() {
        fx = new ScanFixture(dir);
        service = new ReportService(fx.repo);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    static String text(Path pdf) throws IOException {
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(d);
        }
    }

    /** Copies a produced PDF where a person can look at it (mvn test -Dwatchpost.report.samples=DIR). */
    static void keep(Path pdf, String name) throws IOException {
        String to = System.getProperty("watchpost.report.samples");
        if (to != null) {
            Files.createDirectories(Path.of(to));
            Files.copy(pdf, Path.of(to, name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void technicalReportCarriesScopeEveryHostFindingAndPageFurniture() throws IOException {
        ScanRecord s = fx.standard("Perimeter Q3");
        Path pdf = service.writePdf(s.id(), ReportType.TECHNICAL, dir.resolve("tech.pdf"), opts, null, null);
        keep(pdf, "technical.pdf");
        String t = text(pdf);
        assertThat(t).contains(s.scanId(), "Technical report", "Perimeter Q3", "Scope and method", "127.0.0.10-13", "127.0.0.99",
                "top-1000", "0.1.0-test", "dataset of 2025-06-15", "CONFIDENTIAL — ACME", "Page 1 of");
        assertThat(t).contains("OpenSSH regreSSHion: unauthenticated remote code execution", "CVE-2024-6387", "CWE-364",
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "9.8", "KNOWN EXPLOITED", "Upgrade OpenSSH to 9.8p1 or later",
                "https://nvd.nist.gov/vuln/detail/CVE-2024-6387", "Redis accepts commands without authentication");
        assertThat(t).contains("127.0.0.12", "6379/tcp", "Appendix: every open port", "nginx", "Hosts that responded with no open port",
                "Hosts at a glance", "127.0.0.10 — 2 open ports, 4 findings");
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            int n = d.getNumberOfPages();
            assertThat(t).contains("Page " + n + " of " + n);
            assertThat(d.getDocumentInformation().getAuthor()).isEqualTo("Watchpost");
            assertThat(d.getDocumentInformation().getTitle()).contains("Technical report", s.scanId());
            assertThat(d.getDocumentInformation().getCreationDate().toInstant()).isEqualTo(ScanFixture.CLOCK.instant());
            List<String> outline = outlineTitles(d);
            assertThat(outline).contains("Scope and method", "Hosts, services and findings", "Appendix: every open port");
            assertThat(outline).anyMatch(o -> o.startsWith("127.0.0.10"));
        }
    }

    static List<String> outlineTitles(PDDocument d) {
        List<String> out = new java.util.ArrayList<>();
        var root = d.getDocumentCatalog().getDocumentOutline();
        if (root == null) return out;
        for (PDOutlineItem i : root.children()) {
            out.add(i.getTitle());
            for (PDOutlineItem c : i.children()) out.add(c.getTitle());
        }
        return out;
    }

    @Test
    void executiveSummaryRatesRiskDrawsAVectorChartAndComparesWithThePreviousRun() throws IOException {
        fx.standard("Perimeter Q2");
        fx.scan("other targets", "127.0.0.50", ScanStatus.COMPLETED, rec -> ScanFixture.host(rec, "127.0.0.50", 22));
        ScanRecord s = fx.standard("Perimeter Q3");
        Path pdf = service.writePdf(s.id(), ReportType.EXECUTIVE, dir.resolve("exec.pdf"), opts, null, null);
        keep(pdf, "executive.pdf");
        String t = text(pdf);
        assertThat(t).contains(s.scanId(), "Executive summary", "OVERALL RISK", "Critical", "dataset of 2025-06-15",
                "CONFIDENTIAL — ACME", "Page 1 of", "Top risks", "Exposure", "Trend since SCAN-1");
        assertThat(t).contains("hosts responding", "open services", "risky services");
        assertThat(t).contains("Attackers are already exploiting this weakness");
        assertThat(t).contains("Upgrade OpenSSH to 9.8p1 or later: 3 CVEs on 2 hosts");
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            assertThat(d.getNumberOfPages()).isBetween(2, 4);
            for (PDPage p : d.getPages()) {
                assertThat(p.getResources().getXObjectNames()).as("no bitmaps: the chart is vector").isEmpty();
            }
            // the chart's category labels are real text on page 1 (nothing else there says "Medium", "Low", "Info")
            PDFTextStripper first = new PDFTextStripper();
            first.setStartPage(1);
            first.setEndPage(1);
            String page1 = first.getText(d);
            assertThat(page1).contains("Findings by severity", "Medium", "Low", "Info");
            // and its bars are filled paths in the severity colours (#f59e0b for Medium)
            String ops = new String(d.getPage(0).getContents().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(ops).containsPattern("0\\.96\\d* 0\\.61\\d* 0\\.04\\d* (rg|sc)");
        }
    }

    @Test
    void executiveSummaryWithoutAnEarlierRunSaysSo() throws IOException {
        ScanRecord s = fx.standard("first");
        String t = text(service.writePdf(s.id(), ReportType.EXECUTIVE, dir.resolve("e.pdf"), opts, null, null));
        assertThat(t).contains("first completed scan of these targets");
    }

    @Test
    void theOrganisationFromTheBrandingIsOnTheCover() throws IOException {
        ScanRecord s = fx.standard("branded");
        String t = text(service.writePdf(s.id(), ReportType.EXECUTIVE, dir.resolve("b.pdf"), opts.withOrganisation("Acme Security"),
                null, null));
        assertThat(t).contains("WATCHPOST · ACME SECURITY");
        String plain = text(service.writePdf(s.id(), ReportType.EXECUTIVE, dir.resolve("p.pdf"), opts, null, null));
        assertThat(plain).doesNotContain("ACME SECURITY");
        // a logo file is drawn on the cover; a missing one is skipped without failing the report
        java.awt.image.BufferedImage logo = new java.awt.image.BufferedImage(120, 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
        Path png = dir.resolve("logo.png");
        javax.imageio.ImageIO.write(logo, "png", png.toFile());
        Path withLogo = service.writePdf(s.id(), ReportType.EXECUTIVE, dir.resolve("l.pdf"), opts.withLogo(png), null, null);
        try (var d = org.apache.pdfbox.Loader.loadPDF(withLogo.toFile())) {
            assertThat(d.getPage(0).getResources().getXObjectNames()).isNotEmpty();
        }
        assertThat(service.writePdf(s.id(), ReportType.EXECUTIVE, dir.resolve("m.pdf"), opts.withLogo(dir.resolve("none.png")),
                null, null)).exists();
    }

    @Test
    void remediationPlanGroupsFindingsByFixInPriorityOrder() throws IOException {
        ScanRecord s = fx.standard("Perimeter Q3");
        Path pdf = service.writePdf(s.id(), ReportType.REMEDIATION, dir.resolve("rem.pdf"), opts, null, null);
        keep(pdf, "remediation.pdf");
        String t = text(pdf).replace("\n", " ");
        assertThat(t).contains(s.scanId(), "Remediation plan", "Page 1 of", "CONFIDENTIAL — ACME", "Owner", "Due date");
        int ssh = t.indexOf("1. Upgrade OpenSSH to 9.8p1 or later: 3 CVEs on 2 hosts");
        int redis = t.indexOf("2. Require a password (requirepass) or bind Redis to localhost");
        int tls = t.indexOf("3. Disable TLS 1.0 and 1.1");
        assertThat(ssh).as("known-exploited first").isPositive();
        assertThat(redis).as("then high").isGreaterThan(ssh);
        assertThat(tls).as("then medium").isGreaterThan(redis);
        assertThat(t).contains("apt-get install --only-upgrade openssh-server", "127.0.0.10:22", "127.0.0.11:22");
    }

    @Test
    void hostileTextFromScannedHostsIsNeutralisedAndBounded() throws IOException {
        String twoMb = "A".repeat(2 * 1024 * 1024);
        // U+1F9A0 (microbe) is an emoji DejaVu has no glyph for
        String hostile = "evil\u0000\u0007\u001b[31mred\u202Egnp.exe\u2066x\u2069 \uD83E\uDDA0 smile \u200F";
        assertThat(org.watchpost.report.pdf.Fonts.REGULAR.canDraw(0x1F9A0)).isFalse();
        ScanRecord s = fx.scan("hostile \u202Eeman", "127.0.0.20", ScanStatus.COMPLETED, rec -> {
            ScanFixture.host(rec, "127.0.0.20", 21);
            rec.onService(new ServiceInfo("127.0.0.20", 21, "ftp", "vsftpd\u202E", "3.0.3", null, false, hostile + twoMb, hostile));
            rec.onFinding(ScanFixture.finding("ftp.anon", Severity.HIGH, 7.5, null, List.of(), null, "Anonymous FTP " + hostile,
                    "Disable anonymous FTP. " + twoMb, hostile + twoMb, "127.0.0.20", 21, "ftp", false));
            // a description of 2 MB as well (stored unbounded)
            rec.onFinding(new org.watchpost.engine.model.Finding("ftp.banner", Severity.LOW, null, null, List.of(), null,
                    "Banner", twoMb + "B", null, null, "127.0.0.20", 21, "ftp", "firm", false));
        });
        for (ReportType type : ReportType.values()) {
            Path pdf = service.writePdf(s.id(), type, dir.resolve(type + ".pdf"), opts, null, null);
            keep(pdf, "hostile-" + type.fileSuffix() + ".pdf");
            assertThat(Files.size(pdf)).as(type + " size").isLessThan(1_500_000);
            String t = text(pdf);
            assertThat(t).contains(s.scanId(), "Page 1 of");
            assertThat(t).doesNotContain("\u202E", "\u2066", "\u200F", "\u0000", "\u001b");
            if (type != ReportType.EXECUTIVE) assertThat(t).contains("more characters)");
        }
        String tech = text(dir.resolve("TECHNICAL.pdf"));
        assertThat(tech).contains("Anonymous FTP evil", "? smile").doesNotContain("\uD83E\uDDA0");
    }

    @Test
    void aPasswordEncryptsThePdfWithAes256() throws IOException {
        ScanRecord s = fx.standard("secret");
        Path pdf = service.writePdf(s.id(), ReportType.EXECUTIVE, dir.resolve("locked.pdf"), opts.withPassword("s3cret!"), null, null);
        assertThatThrownBy(() -> Loader.loadPDF(pdf.toFile()).close()).isInstanceOf(InvalidPasswordException.class);
        try (PDDocument d = Loader.loadPDF(pdf.toFile(), "s3cret!")) {
            assertThat(d.isEncrypted()).isTrue();
            assertThat(d.getEncryption().getLength()).isEqualTo(256);
            assertThat(new PDFTextStripper().getText(d)).contains(s.scanId());
        }
    }

    @Test
    void cancellingStopsTheReportAndLeavesNoFileBehind() throws IOException {
        ScanRecord s = fx.standard("to cancel");
        Cancellation c = new Cancellation();
        List<String> messages = new java.util.ArrayList<>();
        Path out = dir.resolve("out").resolve("cancelled.pdf");
        assertThatThrownBy(() -> service.writePdf(s.id(), ReportType.TECHNICAL, out, opts, (f, m) -> {
            messages.add(m);
            if (f >= 0.05) c.cancel();
        }, c)).isInstanceOf(ReportCancelledException.class);
        assertThat(messages).isNotEmpty();
        try (var files = Files.list(out.getParent())) {
            assertThat(files.toList()).as("no partial output").isEmpty();
        }
        // a failed or cancelled run leaves an existing file as it was
        Files.writeString(out, "previous");
        Cancellation already = new Cancellation();
        already.cancel();
        assertThatThrownBy(() -> service.writePdf(s.id(), ReportType.EXECUTIVE, out, opts, null, already))
                .isInstanceOf(ReportCancelledException.class);
        assertThat(Files.readString(out)).isEqualTo("previous");
    }

    @Test
    void progressRunsFromZeroToOne() throws IOException {
        ScanRecord s = fx.standard("progress");
        List<Double> seen = new java.util.ArrayList<>();
        service.writePdf(s.id(), ReportType.REMEDIATION, dir.resolve("p.pdf"), opts, (f, m) -> seen.add(f), new Cancellation());
        assertThat(seen).isNotEmpty().isSorted();
        assertThat(seen.get(seen.size() - 1)).isEqualTo(1.0);
    }

    @Test
    void aScanWithNothingFoundStillGivesEveryReport() throws IOException {
        ScanRecord s = fx.scan("quiet", "127.0.0.40", ScanStatus.STOPPED, rec -> { });
        for (ReportType type : ReportType.values()) {
            Path pdf = service.writePdf(s.id(), type, dir.resolve("empty-" + type + ".pdf"), opts, null, null);
            keep(pdf, "empty-" + type.fileSuffix() + ".pdf");
            String t = text(pdf);
            assertThat(t).contains(s.scanId(), "Page 1 of", "(stopped)");
        }
        assertThat(text(dir.resolve("empty-EXECUTIVE.pdf"))).contains("Minimal", "No significant risks");
        assertThat(text(dir.resolve("empty-REMEDIATION.pdf"))).contains("nothing to remediate");
        assertThat(text(dir.resolve("empty-TECHNICAL.pdf"))).contains("No open ports were found");
    }

    @Test
    void anUnknownScanIsAClearError() {
        assertThatThrownBy(() -> service.writePdf(999, ReportType.TECHNICAL, dir.resolve("x.pdf"), opts, null, null))
                .hasMessageContaining("SCAN-999");
    }
}
