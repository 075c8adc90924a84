package org.watchpost.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.ScanRecord;

class ExportTest {
    @TempDir
    Path dir;
    ScanFixture fx;
    ReportService service;

    @BeforeEach
    void open() {
        fx = new ScanFixture(dir);
        service = new ReportService(fx.repo);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.builder().setReader(r).setFormat(CSVFormat.DEFAULT.builder().setHeader()
                     .setSkipHeaderRecord(true).get()).get()) {
            return p.getRecords();
        }
    }

    @Test
    void findingsServicesAndHostsCsvParseBack() throws Exception {
        ScanRecord s = fx.standard("csv");
        assertThat(service.exportCsv(s.id(), CsvKind.FINDINGS, dir.resolve("f.csv"), null, null)).isEqualTo(8);
        List<CSVRecord> f = csv(dir.resolve("f.csv"));
        assertThat(f).hasSize(8);
        CSVRecord worst = f.get(0);
        assertThat(worst.get("scan_id")).isEqualTo(s.scanId());
        assertThat(worst.get("severity")).isEqualTo("Critical");
        assertThat(worst.get("cves")).isEqualTo("CVE-2024-6387");
        assertThat(worst.get("known_exploited")).isEqualTo("true");
        assertThat(worst.get("remediation")).isEqualTo(ScanFixture.SSH_FIX);
        assertThat(f).extracting(r -> r.get("title")).contains("Redis accepts commands without authentication");

        assertThat(service.exportCsv(s.id(), CsvKind.SERVICES, dir.resolve("s.csv"), null, null)).isEqualTo(5);
        List<CSVRecord> sv = csv(dir.resolve("s.csv"));
        assertThat(sv).extracting(r -> r.get("address") + ":" + r.get("port") + " " + r.get("product"))
                .contains("127.0.0.10:22 OpenSSH", "127.0.0.12:6379 Redis");
        assertThat(service.exportCsv(s.id(), CsvKind.HOSTS, dir.resolve("h.csv"), null, null)).isEqualTo(4);
        assertThat(csv(dir.resolve("h.csv"))).extracting(r -> r.get("open_ports")).containsExactly("2", "2", "1", "0");
    }

    @Test
    void csvDefusesSpreadsheetFormulasAndControlCharacters() throws Exception {
        ScanRecord s = fx.scan("formula", "127.0.0.30", ScanStatus.COMPLETED, rec -> {
            ScanFixture.host(rec, "127.0.0.30", 80);
            rec.onFinding(ScanFixture.finding("http.title", Severity.INFO, null, null, List.of(), null, "Title",
                    null, "=HYPERLINK(\"http://x\",\"click\")\u0000", "127.0.0.30", 80, "http", false));
        });
        service.exportCsv(s.id(), CsvKind.FINDINGS, dir.resolve("f.csv"), null, null);
        assertThat(csv(dir.resolve("f.csv")).get(0).get("evidence")).isEqualTo("'=HYPERLINK(\"http://x\",\"click\")");
    }

    @Test
    void jsonFollowsTheDocumentedSchema() throws Exception {
        ScanRecord s = fx.standard("json");
        ReportOptions o = ReportOptions.defaults().withVersion("9.9").withDatasetDate("2025-06-15").withClock(ScanFixture.CLOCK);
        service.exportJson(s.id(), dir.resolve("s.json"), o, null, null);
        JsonNode root = new ObjectMapper().readTree(dir.resolve("s.json").toFile());
        assertThat(root.get("schema").asText()).isEqualTo("watchpost-scan/1");
        assertThat(root.at("/generator/version").asText()).isEqualTo("9.9");
        assertThat(root.at("/generator/datasetDate").asText()).isEqualTo("2025-06-15");
        assertThat(root.at("/scan/id").asText()).isEqualTo(s.scanId());
        assertThat(root.at("/scan/config/targets").asText()).isEqualTo("127.0.0.10-13");
        assertThat(root.at("/scan/findings/critical").asInt()).isEqualTo(2);
        assertThat(root.get("hosts")).hasSize(4);
        assertThat(root.at("/hosts/0/address").asText()).isEqualTo("127.0.0.10");
        assertThat(root.at("/hosts/0/ports")).hasSize(2);
        assertThat(root.at("/hosts/0/ports/0/product").asText()).isEqualTo("OpenSSH");
        assertThat(root.at("/hosts/2/ports/0/port").asInt()).isEqualTo(6379);
        assertThat(root.at("/hosts/3/ports")).isEmpty();
        assertThat(root.get("findings")).hasSize(8);
        JsonNode first = root.at("/findings/0");
        assertThat(first.get("severity").asText()).isEqualTo("Critical");
        assertThat(first.get("cves").get(0).asText()).isEqualTo("CVE-2024-6387");
        assertThat(first.get("knownExploited").asBoolean()).isTrue();
        assertThat(first.get("cvss").asDouble()).isEqualTo(9.8);
    }

    @Test
    void hundredThousandFindingsStreamToCsvAndJson() throws Exception {
        int n = 100_000;
        ScanRecord s = fx.scan("big", "127.0.0.0/24", ScanStatus.COMPLETED, rec -> {
            for (int h = 0; h < 100; h++) ScanFixture.host(rec, "127.0.0." + h, 22, 80);
            for (int i = 0; i < n; i++) {
                rec.onFinding(new Finding("bulk.check", Severity.values()[i % 5], 5.0, null, List.of("CVE-2020-" + (10000 + i)), null,
                        "Finding " + i, null, "Fix " + (i % 50) + ".", "e" + i, "127.0.0." + (i % 100), 22, "ssh", "firm", false));
            }
        });
        assertThat(s.severities().total()).isEqualTo(n);
        long[] lastProgress = {0};
        long rows = service.exportCsv(s.id(), CsvKind.FINDINGS, dir.resolve("big.csv"), (f, m) -> lastProgress[0]++, null);
        assertThat(rows).isEqualTo(n);
        assertThat(lastProgress[0]).as("progress reported while streaming").isGreaterThan(10);
        long parsed = 0;
        try (Reader r = Files.newBufferedReader(dir.resolve("big.csv"));
             CSVParser p = CSVParser.builder().setReader(r).setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            for (CSVRecord rec : p) parsed++;
        }
        assertThat(parsed).isEqualTo(n);

        service.exportJson(s.id(), dir.resolve("big.json"), null, null, null);
        long findings = 0;
        int hosts = 0;
        try (JsonParser p = new ObjectMapper().getFactory().createParser(dir.resolve("big.json").toFile())) {
            String array = null;
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_ARRAY && depth == 1) array = p.currentName();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    if (t == JsonToken.START_OBJECT && depth == 2 && "findings".equals(array)) findings++;
                    if (t == JsonToken.START_OBJECT && depth == 2 && "hosts".equals(array)) hosts++;
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                }
            }
        }
        assertThat(findings).isEqualTo(n);
        assertThat(hosts).isEqualTo(100);
    }

    @Test
    void cancelledExportLeavesNoFile() throws Exception {
        ScanRecord s = fx.standard("cancel");
        Cancellation c = new Cancellation();
        c.cancel();
        assertThatThrownBy(() -> service.exportJson(s.id(), dir.resolve("out/x.json"), null, null, c))
                .isInstanceOf(ReportCancelledException.class);
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void emlIsADraftWithSummaryAndTheExactPdfAttached() throws Exception {
        ScanRecord s = fx.standard("Perimeter Q3");
        ReportOptions o = ReportOptions.defaults().withClock(ScanFixture.CLOCK).withVersion("0.1.0-test");
        Path pdf = service.writePdf(s.id(), ReportType.EXECUTIVE, dir.resolve("SCAN-1-executive.pdf"), o, null, null);
        EmailOptions e = new EmailOptions("Analyst <analyst@example.org>", List.of("ciso@example.org", "ops@example.org"), List.of(),
                "Hi, the quarterly perimeter results.", ScanFixture.CLOCK);
        Path eml = service.writeEml(s.id(), pdf, dir.resolve("report.eml"), e, o);
        MimeMessage m;
        try (InputStream in = Files.newInputStream(eml)) {
            m = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(m.getSubject()).isEqualTo("Watchpost report " + s.scanId() + ": Perimeter Q3 — 8 findings (2 critical, 2 high)");
        assertThat(m.getHeader("X-Unsent")).containsExactly("1");
        assertThat(m.getSentDate().toInstant()).isEqualTo(ScanFixture.CLOCK.instant());
        assertThat(m.getFrom()[0].toString()).contains("analyst@example.org");
        assertThat(m.getAllRecipients()).hasSize(2);
        assertThat(m.getContentType()).startsWith("multipart/mixed");
        Multipart mp = (Multipart) m.getContent();
        assertThat(mp.getCount()).isEqualTo(2);
        String body = (String) mp.getBodyPart(0).getContent();
        assertThat(body).contains("the quarterly perimeter results", s.scanId(), "Findings:         8 (2 critical, 2 high",
                "SCAN-1-executive.pdf");
        Part att = mp.getBodyPart(1);
        assertThat(Part.ATTACHMENT).isEqualToIgnoringCase(att.getDisposition());
        assertThat(att.getFileName()).isEqualTo("SCAN-1-executive.pdf");
        assertThat(att.getContentType()).startsWith("application/pdf");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = att.getInputStream()) {
            in.transferTo(bytes);
        }
        assertThat(sha256(bytes.toByteArray())).isEqualTo(sha256(Files.readAllBytes(pdf)));
    }

    @Test
    void emlOfAnEncryptedReportSaysThePasswordComesSeparately() throws Exception {
        ScanRecord s = fx.standard("locked");
        Path pdf = service.writePdf(s.id(), ReportType.EXECUTIVE, dir.resolve("l.pdf"),
                ReportOptions.defaults().withPassword("pw"), null, null);
        Path eml = service.writeEml(s.id(), pdf, dir.resolve("l.eml"), EmailOptions.addressedTo("a@example.org"));
        assertThat(Files.readString(eml)).contains("password-protected");
        assertThatThrownBy(() -> service.writeEml(s.id(), pdf, dir.resolve("bad.eml"), EmailOptions.addressedTo("not an address")))
                .hasMessageContaining("not an address");
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
