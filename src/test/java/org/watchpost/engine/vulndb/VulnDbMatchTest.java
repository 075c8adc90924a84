package org.watchpost.engine.vulndb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Matching against the real NVD sample and KEV catalog. */
class VulnDbMatchTest {
    @TempDir
    static Path dir;
    static VulnDb db;

    @BeforeAll
    static void load() throws Exception {
        Path file = dir.resolve("vulndb.sqlite");
        try (VulnDbImporter imp = VulnDbImporter.open(file)) {
            imp.importNvd(VulnDbImporterTest.FEED);
            imp.importKev(VulnDbImporterTest.KEV);
        }
        db = VulnDb.open(file);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static List<String> ids(List<VulnMatch> m) {
        return m.stream().map(VulnMatch::cveId).toList();
    }

    private static VulnMatch find(List<VulnMatch> ms, String id) {
        return ms.stream().filter(m -> m.cveId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + ids(ms)));
    }

    @Test
    void openSsh82p1UbuntuMatchesByRangeAndCarriesABackportCaveat() {
        List<VulnMatch> ms = db.match("openbsd", "openssh", "OpenSSH_8.2p1 Ubuntu-4ubuntu0.5");
        // ranges in the NVD sample: <9.3, <9.6, <8.3 (+8.3p1), 6.2..<8.8, 6.9..<=9.8
        assertThat(ids(ms)).containsExactlyInAnyOrder(
                "CVE-2023-38408", "CVE-2023-51385", "CVE-2020-15778", "CVE-2021-41617", "CVE-2025-26465");
        // regreSSHion affects 8.5p1 .. 9.7, not 8.2p1; username enumeration only up to 7.7
        assertThat(ids(ms)).doesNotContain("CVE-2024-6387", "CVE-2018-15473");
        for (VulnMatch m : ms) {
            assertThat(m.version()).isEqualTo("8.2p1");
            assertThat(m.confidence()).isEqualTo("version-match");
            assertThat(m.backportPossible()).isTrue();
            assertThat(m.caveat()).contains("Ubuntu-4ubuntu0.5").contains("distribution may have backported the fix");
        }
        VulnMatch agent = find(ms, "CVE-2023-38408");
        assertThat(agent.severity()).isEqualTo(Severity.CRITICAL);
        // NVD: versionEndExcluding 9.3 plus exact 9.3 and 9.3:p1 listed vulnerable -> first fix 9.3p2
        assertThat(agent.fixedVersion()).isEqualTo("9.3p2");
        assertThat(agent.remediation("OpenSSH")).startsWith("Upgrade OpenSSH to 9.3p2 or later.")
                .contains("backported");
    }

    @Test
    void regreSSHionMatches93p2AndNames98p1AsTheFix() {
        List<VulnMatch> ms = db.match("openbsd", "openssh", "9.3p2");
        VulnMatch m = find(ms, "CVE-2024-6387");
        assertThat(m.cvssScore()).isEqualTo(8.1);
        assertThat(m.severity()).isEqualTo(Severity.HIGH);
        assertThat(m.cwe()).isEqualTo("CWE-362");
        assertThat(m.criteria()).contains("8.6 <= v").contains("v < 9.8");
        // NVD lists 9.8 (update "-") as vulnerable too, so the portable fix is 9.8p1
        assertThat(m.fixedVersion()).isEqualTo("9.8p1");
        assertThat(m.remediation(null)).isEqualTo("Upgrade OpenSSH to 9.8p1 or later.");
        assertThat(m.caveat()).isNull();
        assertThat(m.knownExploited()).isFalse();
    }

    @Test
    void fixedVersionsAreNotMatchedAndExactUpdateCriteriaAre() {
        assertThat(ids(db.match("openbsd", "openssh", "9.8p1"))).doesNotContain("CVE-2024-6387")
                .containsExactly("CVE-2025-26465"); // NVD: 6.9 <= v <= 9.8, which covers 9.8p1
        assertThat(ids(db.match("openbsd", "openssh", "9.9p2"))).isEmpty();
        // 8.5p1 is before the 8.6 range start but listed exactly as openssh:8.5:p1
        assertThat(ids(db.match("openbsd", "openssh", "8.5p1"))).contains("CVE-2024-6387");
        assertThat(ids(db.match("openbsd", "openssh", "8.4p1"))).doesNotContain("CVE-2024-6387");
        // 9.3p1 is past "< 9.3" but listed exactly as openssh:9.3:p1
        assertThat(ids(db.match("openbsd", "openssh", "9.3p1"))).contains("CVE-2023-38408");
    }

    @Test
    void anInclusiveUpperBoundCoversThatReleasesPatchLevels() {
        // CVE-2018-15473: versionEndIncluding 7.7 -> OpenSSH 7.7p1 is affected, 7.8p1 is not
        VulnMatch m = find(db.match("openbsd", "openssh", "7.7p1"), "CVE-2018-15473");
        assertThat(m.fixedVersion()).isNull();
        assertThat(m.lastAffectedVersion()).isEqualTo("7.7");
        assertThat(m.remediation("OpenSSH")).isEqualTo("Upgrade OpenSSH to a version later than 7.7.");
        assertThat(ids(db.match("openbsd", "openssh", "7.8p1"))).doesNotContain("CVE-2018-15473");
    }

    @Test
    void apache2449MatchesPathTraversalFromKev() {
        List<VulnMatch> ms = db.match("apache", "http_server", "Apache/2.4.49 (Unix)");
        assertThat(ids(ms)).containsExactlyInAnyOrder("CVE-2021-41773", "CVE-2021-42013", "CVE-2022-22720", "CVE-2023-25690");
        // known exploited first
        assertThat(ms.get(0).knownExploited()).isTrue();
        assertThat(ms.get(1).knownExploited()).isTrue();
        VulnMatch m = find(ms, "CVE-2021-41773");
        assertThat(m.version()).isEqualTo("2.4.49");
        assertThat(m.knownExploited()).isTrue();
        assertThat(m.kevDueDate()).hasToString("2021-11-17");
        assertThat(m.caveat()).isNull(); // "(Unix)" is not a distribution package
        assertThat(m.remediation("Apache HTTP Server"))
                .contains("CISA KEV required action: Apply updates per vendor instructions (federal due date 2021-11-17).");
        // 2.4.50 fixed CVE-2021-41773 but not CVE-2021-42013
        assertThat(ids(db.match("apache", "http_server", "2.4.50"))).contains("CVE-2021-42013").doesNotContain("CVE-2021-41773");
        assertThat(ids(db.match("apache", "http_server", "2.4.56"))).isEmpty();
    }

    @Test
    void nginx1180MatchesResolverBugFixedIn1201() {
        List<VulnMatch> ms = db.match("f5", "nginx", "nginx/1.18.0");
        VulnMatch m = find(ms, "CVE-2021-23017");
        assertThat(m.fixedVersion()).isEqualTo("1.20.1");
        assertThat(m.remediation("nginx")).isEqualTo("Upgrade nginx to 1.20.1 or later.");
        assertThat(ids(db.match("f5", "nginx", "1.20.1"))).doesNotContain("CVE-2021-23017");
        assertThat(ids(db.match("F5", "NGINX", "1.20.0"))).contains("CVE-2021-23017");
    }

    @Test
    void serviceInfoIsMatchedByProductNameBannerOrCpe() {
        ServiceInfo ssh = new ServiceInfo("127.0.0.7", 22, "ssh", "OpenSSH", "8.2p1", null, false,
                "SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5", null);
        List<VulnMatch> byName = db.match(ssh);
        assertThat(ids(byName)).contains("CVE-2023-38408");
        assertThat(byName).allMatch(VulnMatch::backportPossible);
        assertThat(db.productKeys(ssh)).containsExactly("openbsd:openssh");

        ServiceInfo web = new ServiceInfo("127.0.0.8", 80, "http", "Apache httpd", null, null, false,
                "Apache/2.4.49 (Unix)", null);
        assertThat(ids(db.match(web))).contains("CVE-2021-41773");

        ServiceInfo byCpe = new ServiceInfo("127.0.0.9", 22, "ssh", null, null,
                "cpe:2.3:a:openbsd:openssh:9.3:p2:*:*:*:*:*:*", false, null, null);
        assertThat(ids(db.match(byCpe))).contains("CVE-2024-6387");

        ServiceInfo nginx = new ServiceInfo("127.0.0.10", 443, "https", "nginx", "1.18.0", null, true, null, "Debian-5+deb11u1");
        List<VulnMatch> n = db.match(nginx);
        assertThat(ids(n)).contains("CVE-2021-23017");
        assertThat(n).allMatch(VulnMatch::backportPossible);
    }

    @Test
    void unknownProductOrVersionMatchesNothing() {
        assertThat(db.match(new ServiceInfo("127.0.0.1", 22, "ssh", "OpenSSH", null, null, false, "SSH-2.0-OpenSSH", null)))
                .isEmpty();
        assertThat(db.match(new ServiceInfo("127.0.0.1", 1234, "unknown", null, null, null, false, "hello", null))).isEmpty();
        assertThat(db.match("openbsd", "openssh", "unknown")).isEmpty();
        assertThat(db.match("nosuchvendor", "nosuchproduct", "1.0")).isEmpty();
    }

    @Test
    void findingsOnePerCveWithSeverityKevRemediationAndEvidence() {
        ServiceInfo web = new ServiceInfo("127.0.0.8", 8080, "http", "Apache", "2.4.49", null, false,
                "Apache/2.4.49 (Unix)", null);
        List<Finding> fs = new VulnDbCheck(db).check(web);
        assertThat(fs).hasSize(4);
        assertThat(fs).extracting(Finding::dedupKey).doesNotHaveDuplicates();
        Finding f = fs.stream().filter(x -> x.cves().equals(List.of("CVE-2021-41773"))).findFirst().orElseThrow();
        assertThat(f.checkId()).isEqualTo("vulndb.cve");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.cvssScore()).isEqualTo(7.5);
        assertThat(f.knownExploited()).isTrue();
        assertThat(f.confidence()).isEqualTo("version-match");
        assertThat(f.evidence()).isEqualTo("Apache/2.4.49 (Unix)");
        assertThat(f.address()).isEqualTo("127.0.0.8");
        assertThat(f.port()).isEqualTo(8080);
        assertThat(f.service()).isEqualTo("http");
        assertThat(f.cwe()).isEqualTo("CWE-22");
        assertThat(f.title()).isEqualTo("CVE-2021-41773 in Apache HTTP Server 2.4.49 (known exploited)");
        assertThat(f.description()).contains("Matched on the announced version 2.4.49")
                .contains("CISA Known Exploited Vulnerabilities");
        assertThat(f.remediation()).startsWith("Upgrade Apache HTTP Server to a release not affected by CVE-2021-41773");

        ServiceInfo ssh = new ServiceInfo("127.0.0.7", 22, "ssh", "OpenSSH", "9.3p2", null, false, "SSH-2.0-OpenSSH_9.3p2", null);
        Finding r = new VulnDbCheck(db).check(ssh).stream().filter(x -> x.cves().contains("CVE-2024-6387")).findFirst().orElseThrow();
        assertThat(r.remediation()).isEqualTo("Upgrade OpenSSH to 9.8p1 or later.");
        assertThat(r.evidence()).isEqualTo("SSH-2.0-OpenSSH_9.3p2");
        assertThat(r.knownExploited()).isFalse();
    }

    @Test
    void datasetInfoAndStaleness() {
        DatasetInfo info = db.info();
        assertThat(info.cves()).isEqualTo(VulnDbImporterTest.FEED_CVES);
        assertThat(info.kevEntries()).isEqualTo(VulnDbImporterTest.KEV_ENTRIES);
        assertThat(info.datasetDate()).hasToString("2025-08-25");
        Clock day89 = Clock.fixed(Instant.parse("2025-11-22T12:00:00Z"), ZoneOffset.UTC);
        Clock day90 = Clock.fixed(Instant.parse("2025-11-23T12:00:00Z"), ZoneOffset.UTC);
        Clock day91 = Clock.fixed(Instant.parse("2025-11-24T12:00:00Z"), ZoneOffset.UTC);
        assertThat(db.isStale(day89)).isFalse();
        assertThat(db.isStale(day90)).isFalse();
        assertThat(db.isStale(day91)).isTrue();
        assertThat(db.isStale(day91, 365)).isFalse();
    }
}
