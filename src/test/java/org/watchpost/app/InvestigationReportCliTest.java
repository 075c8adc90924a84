package org.watchpost.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;

class InvestigationReportCliTest {
    @TempDir
    Path dir;

    @Test
    void writesTheInvestigationPdfAndSaysWhenThereIsNone() throws Exception {
        try (AppContext ctx = AppContext.open(dir.toString())) {
            var s = ctx.scans().create("lab", ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1);
            ctx.scans().transition(s.id(), ScanStatus.RUNNING, null);
            ctx.scans().transition(s.id(), ScanStatus.COMPLETED, null);
            long inv = ctx.investigations().create("Site visit", "").id();
            ctx.investigations().addScans(inv, List.of(s.id()));
        }
        Path pdf = dir.resolve("inv.pdf");
        MainCliTest.Result r = MainCliTest.run("--data-dir", dir.toString(), "investigations", "report", "INV-1", "--out", pdf.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (var d = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(d)).contains("INV-1 · Site visit").contains("SCAN-1").contains("CONFIDENTIAL");
        }
        MainCliTest.Result missing = MainCliTest.run("--data-dir", dir.toString(), "investigations", "report", "INV-7", "--out",
                dir.resolve("x.pdf").toString());
        assertThat(missing.code()).isEqualTo(Main.NOT_FOUND);
        assertThat(missing.err()).contains("no investigation INV-7");
    }
}
