package org.watchpost.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.ScanConfig;

class SettingsTest {
    @TempDir
    Path dir;

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0};

    @Test
    void defaultsWhenThereIsNoFile() {
        Settings s = new Settings(dir);
        assertThat(s.warning()).isEmpty();
        assertThat(s.theme()).isEqualTo(Settings.Theme.LIGHT);
        assertThat(s.scanDefaults()).isEqualTo(new Settings.ScanDefaults("top-1000", ScanConfig.DEFAULT_TIMEOUT_MS, 0,
                ScanConfig.DEFAULT_CONCURRENCY));
        assertThat(s.concurrentScans()).isEqualTo(Settings.DEFAULT_CONCURRENT_SCANS);
        assertThat(s.reportBranding()).isEqualTo(new Settings.ReportBranding("", "", ""));
        assertThat(s.reportBranding().logoPath()).isEmpty();
        assertThat(s.firstRunPending()).isTrue();
    }

    @Test
    void everySettingSurvivesASaveAndAReload() throws Exception {
        Path logo = dir.resolve("logo.png");
        Files.write(logo, PNG);
        Settings s = new Settings(dir);
        s.setTheme(Settings.Theme.DARK);
        s.setScanDefaults(new Settings.ScanDefaults(" 22,80,443,8000-8100 ", 2500, 300, 128));
        s.setConcurrentScans(5);
        s.setReportBranding(new Settings.ReportBranding("Example Bank plc", logo.toString(), "CONFIDENTIAL — ÄÖÜ"));
        s.markFirstRunDone("2026-11-27T10:00:00Z");
        s.save();

        Settings again = new Settings(dir);
        assertThat(again.warning()).isEmpty();
        assertThat(again.theme()).isEqualTo(Settings.Theme.DARK);
        assertThat(again.scanDefaults()).isEqualTo(new Settings.ScanDefaults("22,80,443,8000-8100", 2500, 300, 128));
        assertThat(again.concurrentScans()).isEqualTo(5);
        assertThat(again.reportBranding()).isEqualTo(new Settings.ReportBranding("Example Bank plc", logo.toString(),
                "CONFIDENTIAL — ÄÖÜ"));
        assertThat(again.reportBranding().logoPath()).contains(logo);
        assertThat(again.firstRunPending()).isFalse();
        // the save went through a temporary file that is gone now
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("settings.properties", "logo.png");
        }
    }

    @Test
    void badValuesAreRefusedWithAMessageNamingTheField() throws Exception {
        Settings s = new Settings(dir);
        assertThatThrownBy(() -> s.setScanDefaults(new Settings.ScanDefaults("22,99999", 1000, 0, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Default ports").hasMessageContaining("99999");
        assertThatThrownBy(() -> s.setScanDefaults(new Settings.ScanDefaults(" ", 1000, 0, 10)))
                .hasMessageStartingWith("Default ports must not be empty");
        assertThatThrownBy(() -> s.setScanDefaults(new Settings.ScanDefaults("top-100", 0, 0, 10)))
                .hasMessageStartingWith("Timeout (ms) must be between 1 and 60000");
        assertThatThrownBy(() -> s.setScanDefaults(new Settings.ScanDefaults("top-100", 1000, -1, 10)))
                .hasMessageStartingWith("Rate limit");
        assertThatThrownBy(() -> s.setScanDefaults(new Settings.ScanDefaults("top-100", 1000, 0, 0)))
                .hasMessageStartingWith("Concurrency must be between 1 and 100000");
        assertThatThrownBy(() -> s.setConcurrentScans(17)).hasMessageStartingWith("Scans at once");
        assertThatThrownBy(() -> s.set(Settings.THEME, "purple")).hasMessage("Theme must be light or dark, was 'purple'");
        assertThatThrownBy(() -> s.set(Settings.SCAN_TIMEOUT_MS, "soon"))
                .hasMessage("Timeout (ms) must be a whole number, was 'soon'");
        assertThatThrownBy(() -> s.setReportBranding(new Settings.ReportBranding("x".repeat(201), "", "")))
                .hasMessageStartingWith("Organisation name is too long");
        assertThatThrownBy(() -> s.setReportBranding(new Settings.ReportBranding("A", "", "two\nlines")))
                .hasMessage("Classification label must be a single line of text");
        assertThatThrownBy(() -> s.setReportBranding(new Settings.ReportBranding("A", dir.resolve("missing.png").toString(), "")))
                .hasMessageStartingWith("Logo file not found");
        Path text = dir.resolve("logo.txt");
        Files.writeString(text, "not an image");
        assertThatThrownBy(() -> s.setReportBranding(new Settings.ReportBranding("A", text.toString(), "")))
                .hasMessageStartingWith("Logo file must be a PNG or JPEG image");
        // a refused scan-defaults change leaves every one of its fields as it was
        assertThat(s.scanDefaults().ports()).isEqualTo("top-1000");
        assertThat(s.scanTimeoutMs()).isEqualTo(ScanConfig.DEFAULT_TIMEOUT_MS);
    }

    @Test
    void aDraftChangesNothingUntilItIsTakenOver() {
        Settings s = new Settings(dir);
        Settings draft = s.draft();
        draft.setTheme(Settings.Theme.DARK);
        draft.setConcurrentScans(9);
        assertThat(s.theme()).isEqualTo(Settings.Theme.LIGHT);
        assertThat(s.concurrentScans()).isEqualTo(2);
        s.replaceWith(draft);
        assertThat(s.theme()).isEqualTo(Settings.Theme.DARK);
        assertThat(s.concurrentScans()).isEqualTo(9);
    }

    @Test
    void aCorruptFileFallsBackToDefaultsWithAWarningInsteadOfFailing() throws Exception {
        // a malformed \\u escape makes java.util.Properties refuse the whole file
        Files.writeString(dir.resolve("settings.properties"), "ui.theme=dark\nscan.ports=\\u12G4\n", StandardCharsets.ISO_8859_1);
        Settings s = new Settings(dir);
        assertThat(s.warning()).hasValueSatisfying(w -> assertThat(w).contains("could not be read").contains("defaults"));
        assertThat(s.theme()).isEqualTo(Settings.Theme.LIGHT);
        assertThat(s.scanPorts()).isEqualTo("top-1000");
        // and the next save replaces the corrupt file with a readable one
        s.setTheme(Settings.Theme.DARK);
        s.save();
        Settings again = new Settings(dir);
        assertThat(again.warning()).isEmpty();
        assertThat(again.theme()).isEqualTo(Settings.Theme.DARK);
    }

    @Test
    void binaryGarbageAndOutOfRangeValuesFallBackOneByOneWithAWarningNamingThem() throws Exception {
        byte[] junk = new byte[512];
        new java.util.Random(7).nextBytes(junk);
        Files.write(dir.resolve("settings.properties"), junk);
        Settings garbage = new Settings(dir);
        assertThat(garbage.theme()).isEqualTo(Settings.Theme.LIGHT);
        assertThat(garbage.scanDefaults().ports()).isEqualTo("top-1000");

        Files.writeString(dir.resolve("settings.properties"),
                "ui.theme=neon\nscan.timeoutMs=-5\nscan.ports=1-70000\nscan.concurrency=50\nscans.concurrent=99\n");
        Settings s = new Settings(dir);
        assertThat(s.warning()).hasValueSatisfying(w -> assertThat(w)
                .contains("Theme must be light or dark").contains("Timeout (ms)").contains("Default ports")
                .contains("Scans at once").doesNotContain("Concurrency"));
        assertThat(s.theme()).isEqualTo(Settings.Theme.LIGHT);
        assertThat(s.scanTimeoutMs()).isEqualTo(ScanConfig.DEFAULT_TIMEOUT_MS);
        assertThat(s.scanPorts()).isEqualTo("top-1000");
        assertThat(s.scanConcurrency()).isEqualTo(50); // the good value is kept
        assertThat(s.concurrentScans()).isEqualTo(Settings.DEFAULT_CONCURRENT_SCANS);
    }

    @Test
    void anUnreadableFileDoesNotStopAnAppContextFromOpening() throws Exception {
        Files.createDirectory(dir.resolve("settings.properties")); // a folder where the file should be
        try (AppContext ctx = AppContext.open(dir.toString())) {
            assertThat(ctx.settings().warning()).isPresent();
            assertThat(ctx.settings().concurrentScans()).isEqualTo(Settings.DEFAULT_CONCURRENT_SCANS);
            assertThat(ctx.scanManager()).isNotNull();
        }
    }
}
