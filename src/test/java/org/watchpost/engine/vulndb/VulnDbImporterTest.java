package org.watchpost.engine.vulndb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class VulnDbImporterTest {
    static final Path FEED = Path.of("data/vulndb/nvdcve-2.0-sample.json.gz");
    static final Path KEV = Path.of("data/vulndb/known_exploited_vulnerabilities.json");
    static final Path RECORDS = Path.of("data/vulndb/nvd-records");
    /** Real counts of the bundled sample files. */
    static final int FEED_CVES = 119, FEED_CRITERIA = 2463, KEV_ENTRIES = 1404;

    private final ObjectMapper mapper = new ObjectMapper();

    /** Feed + KEV loaded once, copied for each rejection test. */
    private static Path loaded;

    @TempDir
    Path dir;
    Path db;

    @BeforeEach
    void setUp() {
        db = dir.resolve("vulndb.sqlite");
    }

    private DatasetInfo info() {
        try (VulnDb v = VulnDb.open(db)) {
            return v.info();
        }
    }

    // ------------------------------------------------------------ good files

    @Test
    void importsTheGzipFeedWithRealCounts() throws Exception {
        try (VulnDbImporter imp = VulnDbImporter.open(db)) {
            VulnDbImporter.ImportResult r = imp.importNvd(FEED);
            assertThat(r.kind()).isEqualTo("nvd");
            assertThat(r.added()).isEqualTo(FEED_CVES);
            assertThat(r.updated()).isZero();
            assertThat(r.skipped()).isZero();
        }
        DatasetInfo info = info();
        assertThat(info.cves()).isEqualTo(FEED_CVES);
        assertThat(info.cpeMatches()).isEqualTo(FEED_CRITERIA);
        assertThat(info.schemaVersion()).isEqualTo(VulnDbSchema.VERSION);
        DatasetInfo.Source nvd = info.source("nvd").orElseThrow();
        assertThat(nvd.date()).isEqualTo("2026-10-08T18:17:10.857");
        assertThat(nvd.version()).isEqualTo("2.0");
        assertThat(nvd.records()).isEqualTo(FEED_CVES);
        assertThat(info.datasetDate()).hasToString("2026-10-08");

        try (VulnDb v = VulnDb.open(db)) {
            VulnMatch regreSSHion = v.describe("CVE-2024-6387").orElseThrow();
            assertThat(regreSSHion.cvssScore()).isEqualTo(8.1);
            assertThat(regreSSHion.cvssVector()).isEqualTo("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H");
            assertThat(regreSSHion.cwe()).isEqualTo("CWE-362");
            assertThat(regreSSHion.description()).startsWith("A security regression (CVE-2006-5051)");
            assertThat(regreSSHion.references()).isNotEmpty();
            // CVSS v2-only record keeps its v2 score and says so
            VulnMatch nginx2013 = v.describe("CVE-2013-2028").orElseThrow();
            assertThat(nginx2013.cvssVersion()).isEqualTo("2.0");
            assertThat(nginx2013.cvssScore()).isEqualTo(7.5);
            // the NVD record's own KEV dates count even before the KEV catalog is imported
            assertThat(v.isKnownExploited("CVE-2021-41773")).isTrue();
            assertThat(v.isKnownExploited("CVE-2024-6387")).isFalse();
        }
    }

    @Test
    void reimportingTheSameFeedSkipsEveryRecord() throws Exception {
        try (VulnDbImporter imp = VulnDbImporter.open(db)) {
            imp.importNvd(FEED);
            VulnDbImporter.ImportResult again = imp.importNvd(FEED);
            assertThat(again.added()).isZero();
            assertThat(again.updated()).isZero();
            assertThat(again.skipped()).isEqualTo(FEED_CVES);
        }
        assertThat(info().cpeMatches()).isEqualTo(FEED_CRITERIA);
    }

    @Test
    void importsAPlainJsonFeed() throws Exception {
        Path plain = dir.resolve("nvdcve-2.0-sample.json");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(FEED))) {
            Files.copy(in, plain);
        }
        try (VulnDbImporter imp = VulnDbImporter.open(db)) {
            assertThat(imp.importNvd(plain).added()).isEqualTo(FEED_CVES);
        }
        assertThat(info().cpeMatches()).isEqualTo(FEED_CRITERIA);
    }

    @Test
    void importsSingleRecordFilesThenTheFeedAddsOnlyTheRest() throws Exception {
        try (VulnDbImporter imp = VulnDbImporter.open(db)) {
            for (String id : new String[] {"CVE-2024-6387", "CVE-2021-41773", "CVE-2023-38408"}) {
                VulnDbImporter.ImportResult r = imp.importNvd(RECORDS.resolve(id + ".json"));
                assertThat(r.added()).as(id).isEqualTo(1);
            }
            assertThat(info().cves()).isEqualTo(3);
            VulnDbImporter.ImportResult feed = imp.importNvd(FEED);
            assertThat(feed.added()).isEqualTo(FEED_CVES - 3);
            assertThat(feed.skipped()).isEqualTo(3);
        }
        assertThat(info().cpeMatches()).isEqualTo(FEED_CRITERIA);
    }

    @Test
    void importsARecordWrappedAsInTheFeedAndGzippedSingleRecords() throws Exception {
        JsonNode record = mapper.readTree(RECORDS.resolve("CVE-2024-6387.json").toFile());
        Path wrapped = dir.resolve("wrapped.json");
        mapper.writeValue(wrapped.toFile(), mapper.createObjectNode().set("cve", record));
        Path gz = dir.resolve("CVE-2021-41773.json.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(RECORDS.resolve("CVE-2021-41773.json"), out);
        }
        try (VulnDbImporter imp = VulnDbImporter.open(db)) {
            assertThat(imp.importNvd(wrapped).added()).isEqualTo(1);
            assertThat(imp.importNvd(gz).added()).isEqualTo(1);
        }
        try (VulnDb v = VulnDb.open(db)) {
            assertThat(v.match("openbsd", "openssh", "9.3p2")).extracting(VulnMatch::cveId).containsExactly("CVE-2024-6387");
            assertThat(v.match("apache", "http_server", "2.4.49")).extracting(VulnMatch::cveId).containsExactly("CVE-2021-41773");
        }
    }

    @Test
    void aNewerRecordReplacesTheOldOneAndItsCriteria() throws Exception {
        ObjectNode record = (ObjectNode) mapper.readTree(RECORDS.resolve("CVE-2024-6387.json").toFile());
        try (VulnDbImporter imp = VulnDbImporter.open(db)) {
            imp.importNvd(FEED);
            record.put("lastModified", "2099-01-01T00:00:00.000");
            ((ObjectNode) record.get("descriptions").get(0)).put("value", "Revised description.");
            Path newer = dir.resolve("newer.json");
            mapper.writeValue(newer.toFile(), record);
            VulnDbImporter.ImportResult r = imp.importNvd(newer);
            assertThat(r.updated()).isEqualTo(1);
            assertThat(r.added()).isZero();
            // an older copy is skipped, not applied
            record.put("lastModified", "2001-01-01T00:00:00.000");
            Path older = dir.resolve("older.json");
            mapper.writeValue(older.toFile(), record);
            assertThat(imp.importNvd(older).skipped()).isEqualTo(1);
        }
        DatasetInfo info = info();
        assertThat(info.cpeMatches()).isEqualTo(FEED_CRITERIA); // criteria replaced, not duplicated
        try (VulnDb v = VulnDb.open(db)) {
            assertThat(v.describe("CVE-2024-6387").orElseThrow().description()).isEqualTo("Revised description.");
        }
    }

    @Test
    void importsTheKevCatalog() throws Exception {
        try (VulnDbImporter imp = VulnDbImporter.open(db)) {
            imp.importNvd(FEED);
            VulnDbImporter.ImportResult r = imp.importKev(KEV);
            assertThat(r.added()).isEqualTo(KEV_ENTRIES);
            assertThat(imp.importKev(KEV).skipped()).isEqualTo(KEV_ENTRIES);
        }
        DatasetInfo info = info();
        assertThat(info.kevEntries()).isEqualTo(KEV_ENTRIES);
        DatasetInfo.Source kev = info.source("kev").orElseThrow();
        assertThat(kev.version()).isEqualTo("2025.08.25");
        assertThat(kev.date()).isEqualTo("2025-08-25T17:04:19.9796Z");
        // dataset date = the older of the NVD feed (2026-10-08) and the KEV catalog (2025-08-25)
        assertThat(info.datasetDate()).hasToString("2025-08-25");
        try (VulnDb v = VulnDb.open(db)) {
            VulnMatch m = v.describe("CVE-2021-41773").orElseThrow();
            assertThat(m.knownExploited()).isTrue();
            assertThat(m.kevDueDate()).hasToString("2021-11-17");
            assertThat(m.kevRequiredAction()).isEqualTo("Apply updates per vendor instructions.");
            // in KEV but not in the NVD sample: still known as exploited
            assertThat(v.isKnownExploited("CVE-2025-48384")).isTrue();
        }
    }

    @Test
    void importsAnEpssCsvAndReportsUpdates() throws Exception {
        Path csv = dir.resolve("epss_scores-2025-08-25.csv");
        Files.writeString(csv, "#model_version:v2025.03.14,score_date:2025-08-25T12:55:00Z\n"
                + "cve,epss,percentile\n"
                + "CVE-2024-6387,0.44158,0.97464\n"
                + "CVE-2021-41773,0.94425,0.99969\n"
                + "CVE-1999-0001,0.01,0.1\n");
        try (VulnDbImporter imp = VulnDbImporter.open(db)) {
            imp.importNvd(FEED);
            VulnDbImporter.ImportResult r = imp.importFile(csv);
            assertThat(r.kind()).isEqualTo("epss");
            assertThat(r.added()).isEqualTo(3);
            Files.writeString(csv, "#model_version:v2025.03.14,score_date:2025-08-26T12:55:00Z\n"
                    + "cve,epss,percentile\nCVE-2024-6387,0.5,0.98\nCVE-2021-41773,0.94425,0.99969\n");
            VulnDbImporter.ImportResult again = imp.importEpss(csv);
            assertThat(again.updated()).isEqualTo(1);
            assertThat(again.skipped()).isEqualTo(1);
        }
        DatasetInfo info = info();
        assertThat(info.epssScores()).isEqualTo(3);
        assertThat(info.source("epss").orElseThrow().version()).isEqualTo("v2025.03.14");
        assertThat(info.source("epss").orElseThrow().date()).isEqualTo("2025-08-26T12:55:00Z");
        assertThat(info.datasetDate()).hasToString("2026-10-08"); // EPSS does not move the dataset date
        try (VulnDb v = VulnDb.open(db)) {
            VulnMatch m = v.match("openbsd", "openssh", "9.3p2").stream()
                    .filter(x -> x.cveId().equals("CVE-2024-6387")).findFirst().orElseThrow();
            assertThat(m.epssScore()).isEqualTo(0.5);
            assertThat(m.epssPercentile()).isEqualTo(0.98);
        }
    }

    @Test
    void importFileRecognisesKevAndNvdByContent() throws Exception {
        try (VulnDbImporter imp = VulnDbImporter.open(db)) {
            assertThat(imp.importFile(KEV).kind()).isEqualTo("kev");
            assertThat(imp.importFile(FEED).kind()).isEqualTo("nvd");
        }
    }

    // ------------------------------------------------------------ bad files leave the database as it was

    /** Loads feed + KEV, then asserts the bad file is rejected naming the problem and the database bytes stay the same. */
    private VulnDbImportException rejected(Path bad, String kind) throws Exception {
        synchronized (VulnDbImporterTest.class) {
            if (loaded == null) {
                loaded = Files.createTempFile("vulndb-loaded", ".sqlite");
                Files.delete(loaded);
                try (VulnDbImporter imp = VulnDbImporter.open(loaded)) {
                    imp.importNvd(FEED);
                    imp.importKev(KEV);
                }
                loaded.toFile().deleteOnExit();
            }
        }
        Files.copy(loaded, db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] before = sha256(db);
        DatasetInfo infoBefore = info();
        VulnDbImportException e;
        try (VulnDbImporter imp = VulnDbImporter.open(db)) {
            e = catchThrowableOfType(VulnDbImportException.class, () -> {
                switch (kind) {
                    case "nvd" -> imp.importNvd(bad);
                    case "kev" -> imp.importKev(bad);
                    default -> imp.importEpss(bad);
                }
            });
            assertThat(e).as("import of " + bad.getFileName() + " must fail").isNotNull();
            assertThat(sha256(db)).as("database bytes after a rejected import (importer open)").isEqualTo(before);
        }
        assertThat(sha256(db)).as("database bytes after a rejected import").isEqualTo(before);
        assertThat(info()).isEqualTo(infoBefore);
        assertThat(e.getMessage()).startsWith(bad.getFileName().toString() + ":");
        assertThat(e.file()).isEqualTo(bad);
        return e;
    }

    @Test
    void truncatedGzipIsRejected() throws Exception {
        byte[] gz = Files.readAllBytes(FEED);
        Path bad = dir.resolve("truncated.json.gz");
        Files.write(bad, Arrays.copyOf(gz, gz.length / 2));
        VulnDbImportException e = rejected(bad, "nvd");
        assertThat(e.problem()).contains("truncated or corrupt gzip");
        assertThat(e.location()).startsWith("vulnerabilities[");
    }

    @Test
    void invalidJsonIsRejectedWithRecordAndLine() throws Exception {
        ArrayNode vulns = feedRecords(3);
        Path bad = dir.resolve("broken.json");
        String text = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(feed(vulns));
        int third = text.indexOf("\"id\" : \"" + vulns.get(2).get("cve").get("id").asText() + "\"");
        Files.writeString(bad, text.substring(0, third) + "\"id\" \"oops\"" + text.substring(third + 30));
        VulnDbImportException e = rejected(bad, "nvd");
        assertThat(e.problem()).startsWith("invalid JSON");
        assertThat(e.location()).startsWith("vulnerabilities[2], line ");
    }

    @Test
    void truncatedPlainJsonIsRejected() throws Exception {
        Path bad = dir.resolve("cut.json");
        String text = mapper.writeValueAsString(feed(feedRecords(2)));
        Files.writeString(bad, text.substring(0, text.length() - 40));
        VulnDbImportException e = rejected(bad, "nvd");
        assertThat(e.problem()).contains("invalid JSON").contains("end-of-input");
    }

    @Test
    void jsonWithoutVulnerabilitiesIsRejected() throws Exception {
        Path bad = dir.resolve("empty-envelope.json");
        Files.writeString(bad, "{\"resultsPerPage\":0,\"format\":\"NVD_CVE\",\"version\":\"2.0\"}");
        VulnDbImportException e = rejected(bad, "nvd");
        assertThat(e.problem()).contains("no 'vulnerabilities' array");
    }

    @Test
    void aRecordWithoutIdIsRejectedAndEarlierRecordsAreNotKept() throws Exception {
        ArrayNode vulns = feedRecords(2);
        // record 0: a CVE not in the database, which must not survive the failed import
        ((ObjectNode) vulns.get(0).get("cve")).put("id", "CVE-2099-0001");
        ((ObjectNode) vulns.get(1).get("cve")).remove("id");
        Path bad = dir.resolve("no-id.json");
        mapper.writeValue(bad.toFile(), feed(vulns));
        VulnDbImportException e = rejected(bad, "nvd");
        assertThat(e.location()).isEqualTo("vulnerabilities[1]");
        assertThat(e.problem()).isEqualTo("CVE record has no 'id'");
        try (VulnDb v = VulnDb.open(db)) {
            assertThat(v.describe("CVE-2099-0001")).isEmpty();
        }
    }

    @Test
    void aBadCpeCriterionIsRejectedNamingTheCve() throws Exception {
        ArrayNode vulns = feedRecords(1);
        ObjectNode cve = (ObjectNode) vulns.get(0).get("cve");
        ObjectNode match = (ObjectNode) cve.get("configurations").get(0).get("nodes").get(0).get("cpeMatch").get(0);
        match.put("criteria", "cpe:2.3:a:exim");
        Path bad = dir.resolve("bad-cpe.json");
        mapper.writeValue(bad.toFile(), feed(vulns));
        VulnDbImportException e = rejected(bad, "nvd");
        assertThat(e.location()).isEqualTo("vulnerabilities[0] (" + cve.get("id").asText() + ")");
        assertThat(e.problem()).contains("cpeMatch[0]").contains("13 components");
    }

    @Test
    void kevWithoutVulnerabilitiesIsRejected() throws Exception {
        Path bad = dir.resolve("kev-empty.json");
        Files.writeString(bad, "{\"title\":\"CISA Catalog of Known Exploited Vulnerabilities\",\"catalogVersion\":\"2025.08.26\","
                + "\"dateReleased\":\"2025-08-26T00:00:00.000Z\",\"count\":0}");
        VulnDbImportException e = rejected(bad, "kev");
        assertThat(e.problem()).contains("missing 'vulnerabilities' array");
    }

    @Test
    void kevEntryWithBadDateAndKevCountMismatchAreRejected() throws Exception {
        ObjectNode kev = (ObjectNode) mapper.readTree(KEV.toFile());
        ((ObjectNode) kev.get("vulnerabilities").get(5)).put("dateAdded", "25/08/2025");
        Path bad = dir.resolve("kev-bad-date.json");
        mapper.writeValue(bad.toFile(), kev);
        VulnDbImportException e = rejected(bad, "kev");
        assertThat(e.location()).startsWith("vulnerabilities[5] (CVE-");
        assertThat(e.problem()).contains("'dateAdded' is not a YYYY-MM-DD date");
    }

    @Test
    void kevCountMismatchIsRejected() throws Exception {
        ObjectNode kev = (ObjectNode) mapper.readTree(KEV.toFile());
        ((ArrayNode) kev.get("vulnerabilities")).remove(0);
        Path bad = dir.resolve("kev-short.json");
        mapper.writeValue(bad.toFile(), kev);
        VulnDbImportException e = rejected(bad, "kev");
        assertThat(e.problem()).isEqualTo("'count' says 1404 but the catalog lists 1403 vulnerabilities");
    }

    @Test
    void epssWithABadNumberIsRejectedWithLineNumber() throws Exception {
        Path bad = dir.resolve("epss.csv");
        Files.writeString(bad, "#model_version:v2025.03.14,score_date:2025-08-25T12:55:00Z\n"
                + "cve,epss,percentile\n"
                + "CVE-2024-6387,0.44158,0.97464\n"
                + "CVE-2021-41773,0.9x,0.99969\n", StandardCharsets.UTF_8);
        VulnDbImportException e = rejected(bad, "epss");
        assertThat(e.location()).isEqualTo("line 4");
        assertThat(e.problem()).isEqualTo("epss is not a number: '0.9x'");
        try (VulnDb v = VulnDb.open(db)) {
            assertThat(v.info().epssScores()).isZero(); // line 3 was valid but not kept
        }
    }

    @Test
    void epssOutOfRangeAndMissingHeaderAreRejected() throws Exception {
        Path bad = dir.resolve("epss-range.csv");
        Files.writeString(bad, "cve,epss,percentile\nCVE-2024-6387,1.5,0.9\n");
        assertThat(rejected(bad, "epss").problem()).isEqualTo("epss must be between 0 and 1, found 1.5");
        Path noHeader = dir.resolve("epss-noheader.csv");
        Files.writeString(noHeader, "CVE-2024-6387,0.5,0.9\n");
        try (VulnDbImporter imp = VulnDbImporter.open(db)) {
            VulnDbImportException e = catchThrowableOfType(VulnDbImportException.class, () -> imp.importEpss(noHeader));
            assertThat(e.getMessage()).isEqualTo("epss-noheader.csv: line 1: expected the header 'cve,epss,percentile',"
                    + " found 'CVE-2024-6387,0.5,0.9'");
        }
    }

    @Test
    void aMissingFileIsReportedPlainly() {
        try (VulnDbImporter imp = VulnDbImporter.open(db)) {
            VulnDbImportException e = catchThrowableOfType(VulnDbImportException.class,
                    () -> imp.importNvd(dir.resolve("nope.json.gz")));
            assertThat(e.getMessage()).isEqualTo("nope.json.gz: file not found");
        }
    }

    // ------------------------------------------------------------ helpers

    private ArrayNode feedRecords(int n) throws IOException {
        JsonNode feed;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(FEED))) {
            feed = mapper.readTree(in);
        }
        ArrayNode out = mapper.createArrayNode();
        for (int i = 0; i < n; i++) out.add(feed.get("vulnerabilities").get(i).deepCopy());
        return out;
    }

    private ObjectNode feed(ArrayNode vulns) {
        ObjectNode f = mapper.createObjectNode();
        f.put("resultsPerPage", vulns.size()).put("startIndex", 0).put("totalResults", vulns.size())
                .put("format", "NVD_CVE").put("version", "2.0").put("timestamp", "2026-11-01T00:00:00.000");
        f.set("vulnerabilities", vulns);
        return f;
    }

    static byte[] sha256(Path file) throws IOException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
