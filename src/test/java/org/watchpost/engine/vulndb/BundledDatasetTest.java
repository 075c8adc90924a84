package org.watchpost.engine.vulndb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed dataset resource is what the builder makes from data/vulndb, and installs cleanly. */
class BundledDatasetTest {
    static final Path RESOURCE = Path.of("src/main/resources" + VulnDbInstaller.RESOURCE);

    @TempDir
    Path dir;

    @Test
    void committedDatasetMatchesItsSources() throws Exception {
        Path rebuilt = dir.resolve("rebuilt.sqlite.gz");
        DatasetInfo info = new VulnDbBuilder()
                .nvd(Path.of(BuildVulnDb.DEFAULT_NVD))
                .kev(Path.of(BuildVulnDb.DEFAULT_KEV))
                .build(rebuilt);
        assertThat(info.cves()).isEqualTo(VulnDbImporterTest.FEED_CVES);
        assertThat(info.cpeMatches()).isEqualTo(VulnDbImporterTest.FEED_CRITERIA);
        assertThat(info.kevEntries()).isEqualTo(VulnDbImporterTest.KEV_ENTRIES);

        Path committed = gunzip(RESOURCE, dir.resolve("committed.sqlite"));
        Path fresh = gunzip(rebuilt, dir.resolve("fresh.sqlite"));
        assertThat(tableDigests(committed))
                .as("committed %s is out of date: run scripts/build-vulndb.sh", RESOURCE)
                .isEqualTo(tableDigests(fresh));
        try (VulnDb v = VulnDb.open(committed)) {
            DatasetInfo c = v.info();
            assertThat(c.cves()).isEqualTo(VulnDbImporterTest.FEED_CVES);
            assertThat(c.cpeMatches()).isEqualTo(VulnDbImporterTest.FEED_CRITERIA);
            assertThat(c.kevEntries()).isEqualTo(VulnDbImporterTest.KEV_ENTRIES);
            assertThat(c.datasetDate()).hasToString("2025-08-25");
        }
        assertThat(Files.size(RESOURCE)).as("bundled artifact stays small").isLessThan(3_000_000);
    }

    @Test
    void buildIsReproducible() throws Exception {
        Path a = dir.resolve("a.sqlite"), b = dir.resolve("b.sqlite");
        new VulnDbBuilder().nvd(Path.of(BuildVulnDb.DEFAULT_NVD)).kev(Path.of(BuildVulnDb.DEFAULT_KEV)).build(a);
        new VulnDbBuilder().nvd(Path.of(BuildVulnDb.DEFAULT_NVD)).kev(Path.of(BuildVulnDb.DEFAULT_KEV)).build(b);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void installerExpandsOnceKeepsItAndReplacesABrokenFile() throws Exception {
        Path data = dir.resolve("data");
        Path installed = VulnDbInstaller.ensureInstalled(data);
        assertThat(installed).isEqualTo(data.resolve("vulndb.sqlite"));
        try (VulnDb v = VulnDb.openInstalled(data)) {
            assertThat(v.info().cves()).isEqualTo(VulnDbImporterTest.FEED_CVES);
            assertThat(ids(v.match("openbsd", "openssh", "9.3p2"))).contains("CVE-2024-6387");
        }
        assertThat(VulnDbInstaller.bundledDatasetDate()).hasToString("2025-08-25");

        FileTime marker = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(installed, marker);
        VulnDbInstaller.ensureInstalled(data);
        assertThat(Files.getLastModifiedTime(installed)).as("an up-to-date install is kept").isEqualTo(marker);

        Files.writeString(installed, "not a database");
        VulnDbInstaller.ensureInstalled(data);
        try (VulnDb v = VulnDb.open(installed)) {
            assertThat(v.info().kevEntries()).isEqualTo(VulnDbImporterTest.KEV_ENTRIES);
        }
        try (var s = Files.list(data)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("vulndb.sqlite");
        }
    }

    @Test
    void anInstallUpdatedByImportIsKept() throws Exception {
        Path data = dir.resolve("data");
        Path installed = VulnDbInstaller.ensureInstalled(data);
        Path csv = dir.resolve("epss.csv");
        Files.writeString(csv, "cve,epss,percentile\nCVE-2024-6387,0.44158,0.97464\n");
        try (VulnDbImporter imp = VulnDbImporter.open(installed)) {
            assertThat(imp.importEpss(csv).added()).isEqualTo(1);
        }
        VulnDbInstaller.ensureInstalled(data);
        try (VulnDb v = VulnDb.open(installed)) {
            assertThat(v.info().epssScores()).isEqualTo(1);
        }
    }

    @Test
    void builderCommandLineReportsBadInput() {
        assertThat(BuildVulnDb.run(new String[] {"--nvd"})).isEqualTo(2);
        assertThat(BuildVulnDb.run(new String[] {"--bogus", "x"})).isEqualTo(2);
        assertThat(BuildVulnDb.run(new String[] {"--kev", dir.resolve("missing.json").toString(),
                "--out", dir.resolve("out.sqlite.gz").toString()})).isEqualTo(1);
        assertThat(dir.resolve("out.sqlite.gz")).doesNotExist();
    }

    private static java.util.List<String> ids(java.util.List<VulnMatch> ms) {
        return ms.stream().map(VulnMatch::cveId).toList();
    }

    private static Path gunzip(Path gz, Path out) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, out);
        }
        return out;
    }

    /** SHA-256 of every table's rows in a canonical order: equal digests = equal content. */
    static Map<String, String> tableDigests(Path db) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            for (String t : new String[] {"meta", "source", "cve", "cve_reference", "cpe_match", "kev", "epss"}) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                long rows = 0;
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + t + " ORDER BY rowid")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        rows++;
                        for (int i = 1; i <= n; i++) md.update((rs.getString(i) + "\u0000").getBytes(StandardCharsets.UTF_8));
                        md.update((byte) '\n');
                    }
                }
                out.put(t, rows + " rows " + HexFormat.of().formatHex(md.digest()));
            }
        }
        return out;
    }
}
