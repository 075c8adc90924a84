package org.watchpost.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;

class FindingRepositoryTest {
    @TempDir
    Path dir;
    Database db;
    ScanRepository scans;
    FindingRepository findings;

    @BeforeEach
    void setUp() {
        db = Database.open(dir.resolve("w.db"));
        scans = new ScanRepository(db, Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
        findings = new FindingRepository(db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    static Finding finding(String check, Severity sev, Double cvss, String title, String address, int port, String service,
                           String... cves) {
        return new Finding(check, sev, cvss, null, List.of(cves), "CWE-20", title, "desc of " + title, "fix " + title,
                "evidence " + title, address, port, service, "confirmed", false);
    }

    /** Records findings (and the services they are on) through the same path a running scan uses. */
    long scanWith(Finding... fs) {
        long id = scans.create("s", ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1).id();
        try (ScanRecorder r = new ScanRecorder(db, id, Clock.systemUTC())) {
            for (Finding f : fs) {
                if (f.service() != null) r.onService(new ServiceInfo(f.address(), f.port(), f.service(), null, null, null, false, null, null));
                r.onFinding(f);
            }
        }
        return id;
    }

    @Test
    void listsWorstFirstThenHighestScoreThenNewestWithUnscoredLastInTheirSeverity() {
        long s1 = scanWith(
                finding("a", Severity.MEDIUM, 5.0, "medium five old", "127.0.0.1", 80, "http"),
                finding("b", Severity.CRITICAL, 9.1, "crit nine one", "127.0.0.1", 22, "ssh"),
                finding("c", Severity.MEDIUM, null, "medium unscored", "127.0.0.1", 80, "http"),
                finding("d", Severity.INFO, null, "info", "127.0.0.1", 0, null));
        long s2 = scanWith(
                finding("e", Severity.MEDIUM, 5.0, "medium five new", "127.0.0.2", 443, "https"),
                finding("f", Severity.CRITICAL, 10.0, "crit ten", "127.0.0.2", 443, "https"),
                finding("g", Severity.MEDIUM, 6.5, "medium six five", "127.0.0.2", 443, "https"));

        Page<FindingRecord> page = findings.page(FindingQuery.all(), null, 100);

        assertThat(page.hasMore()).isFalse();
        assertThat(page.items()).extracting(FindingRecord::title).containsExactly(
                "crit ten", "crit nine one", "medium six five", "medium five new", "medium five old", "medium unscored", "info");
        assertThat(page.items().get(0).scanId()).isEqualTo(s2);
        assertThat(page.items().get(1).scanId()).isEqualTo(s1);
        assertThat(findings.count(FindingQuery.all())).isEqualTo(7);
    }

    @Test
    void keysetPagesWalkEveryFindingExactlyOnceInTheSameOrderAsOneBigPage() {
        List<Finding> fs = new ArrayList<>();
        Double[] scores = {null, 9.8, 7.5, 7.5, 5.3, null, 0.0, 3.1};
        for (int i = 0; i < 120; i++) {
            Severity sev = Severity.values()[i % 5];
            fs.add(finding("chk" + i, sev, scores[i % scores.length], "f" + i, "127.0.0." + (i % 7 + 1), 1000 + i, "svc"));
        }
        scanWith(fs.subList(0, 60).toArray(Finding[]::new));
        scanWith(fs.subList(60, 120).toArray(Finding[]::new));

        List<Long> whole = findings.page(FindingQuery.all(), null, 1000).items().stream().map(FindingRecord::id).toList();
        List<Long> paged = new ArrayList<>();
        FindingRepository.Cursor after = null;
        int pages = 0;
        while (true) {
            Page<FindingRecord> p = findings.page(FindingQuery.all(), after, 7);
            p.items().forEach(f -> paged.add(f.id()));
            pages++;
            if (!p.hasMore()) break;
            assertThat(p.items()).hasSize(7);
            after = FindingRepository.Cursor.after(p.last());
            assertThat(pages).isLessThan(100);
        }
        assertThat(whole).hasSize(120);
        assertThat(paged).containsExactlyElementsOf(whole);
        assertThat(pages).isEqualTo(18); // 17 full pages of 7 and one of 1
    }

    @Test
    void filtersBySeverityScanHostServiceAndText() {
        long s1 = scanWith(
                finding("tls.protocol.tls10", Severity.MEDIUM, 5.9, "TLS 1.0 is accepted", "127.0.0.1", 443, "https"),
                finding("vulndb.cve", Severity.CRITICAL, 9.8, "Apache path traversal", "127.0.0.1", 80, "http", "CVE-2021-41773"),
                finding("ssh.kex.weak", Severity.LOW, 3.0, "Weak kex", "127.0.0.15", 22, "ssh"));
        long s2 = scanWith(
                finding("redis.noauth", Severity.HIGH, 8.0, "Redis without auth", "127.0.0.2", 6379, "redis"),
                finding("http.title", Severity.INFO, null, "Page title", "127.0.0.2", 80, "HTTP"));

        assertThat(titles(FindingQuery.all().withSeverities(FindingQuery.atLeast(Severity.HIGH))))
                .containsExactly("Apache path traversal", "Redis without auth");
        assertThat(titles(FindingQuery.all().withSeverities(EnumSet.of(Severity.CRITICAL, Severity.LOW))))
                .containsExactly("Apache path traversal", "Weak kex");
        assertThat(titles(FindingQuery.all().withSeverities(EnumSet.noneOf(Severity.class)))).isEmpty();
        assertThat(titles(FindingQuery.all().withScan(s2))).containsExactly("Redis without auth", "Page title");
        assertThat(titles(FindingQuery.all().withHost("0.0.1"))).containsExactly("Apache path traversal", "TLS 1.0 is accepted", "Weak kex");
        assertThat(titles(FindingQuery.all().withHost("127.0.0.15"))).containsExactly("Weak kex");
        assertThat(titles(FindingQuery.all().withService("http"))).containsExactly("Apache path traversal", "Page title");
        assertThat(titles(FindingQuery.all().withText("cve-2021"))).containsExactly("Apache path traversal");
        assertThat(titles(FindingQuery.all().withText("tls10"))).containsExactly("TLS 1.0 is accepted");
        assertThat(titles(FindingQuery.all().withText("redis"))).containsExactly("Redis without auth");
        assertThat(titles(FindingQuery.all().withScan(s1).withService("https").withText("tls"))).containsExactly("TLS 1.0 is accepted");

        assertThat(findings.count(FindingQuery.all().withScan(s1))).isEqualTo(3);
        assertThat(findings.count(FindingQuery.all().withHost("127.0.0.2"))).isEqualTo(2);
        assertThat(findings.count(FindingQuery.all().withSeverities(EnumSet.noneOf(Severity.class)))).isZero();
        List<String> services = findings.serviceNames(10);
        assertThat(services).hasSize(4).containsSubsequence("https", "redis", "ssh");
        assertThat(services.get(0)).isEqualToIgnoringCase("http");
    }

    @Test
    void likeWildcardsInFiltersAreTakenLiterally() {
        scanWith(finding("a", Severity.LOW, 1.0, "100% sure", "127.0.0.1", 1, "x"),
                finding("b", Severity.LOW, 1.0, "1000 sure", "127.0.0.1", 2, "x"),
                finding("c", Severity.LOW, 1.0, "under_score", "127.0.0.1", 3, "x"),
                finding("d", Severity.LOW, 1.0, "underXscore", "127.0.0.1", 4, "x"));
        assertThat(titles(FindingQuery.all().withText("100%"))).containsExactly("100% sure");
        assertThat(titles(FindingQuery.all().withText("under_"))).containsExactly("under_score");
    }

    @Test
    void theDefaultOrderAndTheSeverityFiltersWalkTheIndexWithoutSorting() {
        scanWith(finding("a", Severity.LOW, 1.0, "t", "127.0.0.1", 1, "x"));
        FindingRecord any = findings.page(FindingQuery.all(), null, 1).items().get(0);
        for (FindingQuery q : List.of(FindingQuery.all(),
                FindingQuery.all().withSeverities(FindingQuery.atLeast(Severity.MEDIUM)),
                FindingQuery.all().withSeverities(EnumSet.of(Severity.CRITICAL, Severity.LOW)),
                FindingQuery.all().withHost("127.0").withText("tls"))) {
            for (FindingRepository.Cursor after : new FindingRepository.Cursor[] {null, FindingRepository.Cursor.after(any)}) {
                List<String> plan = findings.explainPage(q, after);
                assertThat(String.join("\n", plan)).as("plan of %s after %s", q, after)
                        .contains("findings_order").doesNotContain("TEMP B-TREE");
            }
        }
    }

    @Test
    void rejectsAPageSizeOutOfRange() {
        assertThatThrownBy(() -> findings.page(FindingQuery.all(), null, 0)).hasMessageContaining("page size");
    }

    @Test
    void queryNormalisesBlankFiltersAndKnowsWhenItIsUnfiltered() {
        FindingQuery q = new FindingQuery(null, null, "  ", "", null);
        assertThat(q.isUnfiltered()).isTrue();
        assertThat(q.host()).isNull();
        assertThat(q.withText(" tls ").text()).isEqualTo("tls");
        assertThat(q.withSeverities(FindingQuery.atLeast(Severity.INFO)).isUnfiltered()).isTrue();
        assertThat(FindingQuery.atLeast(Severity.MEDIUM)).containsExactlyInAnyOrder(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM);
    }

    private List<String> titles(FindingQuery q) {
        return findings.page(q, null, 100).items().stream().map(FindingRecord::title).toList();
    }
}
