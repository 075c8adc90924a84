package org.watchpost.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.app.Main;
import org.watchpost.report.ScanFixture;
import org.watchpost.store.DataDirectory;

class ReportCliTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return new Result(Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all), out.toString(), err.toString());
    }

    @BeforeEach
    void seed() {
        try (ScanFixture fx = new ScanFixture(dir, DataDirectory.DB_FILE)) {
            fx.standard("cli scan");
        }
    }

    @Test
    void reportWritesAPdfWithTheClassificationAndAnEmlDraft() throws Exception {
        Path pdf = dir.resolve("r.pdf");
        Result r = run("report", "SCAN-1", "--type", "Remediation", "--out", pdf.toString(), "--classification", "INTERNAL",
                "--dataset-date", "2025-06-15", "--eml", dir.resolve("r.eml").toString(), "--to", "ops@example.org");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote the remediation plan of SCAN-1", "e-mail draft");
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(d)).contains("Remediation plan", "INTERNAL", "dataset of 2025-06-15");
        }
        assertThat(Files.readString(dir.resolve("r.eml"))).contains("X-Unsent: 1", "ops@example.org");
    }

    @Test
    void reportWithAPasswordIsEncrypted() throws Exception {
        Path pdf = dir.resolve("p.pdf");
        Result r = run("report", "SCAN-1", "--type", "executive", "--out", pdf.toString(), "--password", "pw");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("encrypted");
        try (PDDocument d = Loader.loadPDF(pdf.toFile(), "pw")) {
            assertThat(d.isEncrypted()).isTrue();
        }
    }

    @Test
    void badInputGetsAClearMessage() {
        Result unknown = run("report", "SCAN-9", "--out", dir.resolve("x.pdf").toString());
        assertThat(unknown.code()).isEqualTo(Main.NOT_FOUND);
        assertThat(unknown.err()).contains("SCAN-9");
        Result badType = run("report", "SCAN-1", "--type", "poster", "--out", dir.resolve("x.pdf").toString());
        assertThat(badType.code()).isEqualTo(Main.USAGE);
        assertThat(badType.err()).contains("unknown report type 'poster'");
        Result badFormat = run("export", "SCAN-1", "--format", "xml");
        assertThat(badFormat.code()).isEqualTo(Main.USAGE);
        assertThat(badFormat.err()).contains("unknown format 'xml'");
        assertThat(dir.resolve("x.pdf")).doesNotExist();
    }

    @Test
    void exportGoesToStandardOutputOrAFile() throws Exception {
        Result json = run("export", "SCAN-1", "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(new ObjectMapper().readTree(json.out()).get("findings")).hasSize(8);
        Result csv = run("export", "SCAN-1", "--format", "csv", "--kind", "services");
        assertThat(csv.code()).isZero();
        assertThat(csv.out().lines()).hasSize(6).first().asString().startsWith("scan_id,address,hostname");
        Path file = dir.resolve("f.csv");
        Result toFile = run("export", "SCAN-1", "--format", "csv", "--out", file.toString());
        assertThat(toFile.code()).isZero();
        assertThat(toFile.err()).contains("wrote 8 findings rows");
        assertThat(Files.readString(file)).startsWith("scan_id,finding_id,severity");
    }
}
