package org.watchpost.ui.vulns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.Database;
import org.watchpost.store.FindingRepository;
import org.watchpost.store.ScanRecorder;
import org.watchpost.store.ScanRepository;
import org.watchpost.ui.common.DirectTaskExecutor;
import org.watchpost.ui.common.TaskExecutor;

class VulnerabilitiesViewModelTest {
    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;
    Database db;
    ScanRepository scans;
    FindingRepository repo;

    @BeforeEach
    void setUp() {
        db = Database.open(dir.resolve("w.db"));
        scans = new ScanRepository(db, Clock.fixed(T, ZoneOffset.UTC));
        repo = new FindingRepository(db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    static Finding f(String check, Severity sev, Double cvss, String title, String address, int port, String service, String... cves) {
        return new Finding(check, sev, cvss, cvss == null ? null : "CVSS:3.1/AV:N", List.of(cves), "CWE-327", title,
                "about " + title, "fix " + title, "bytes of " + title, address, port, service, "firm", sev == Severity.CRITICAL);
    }

    long scanWith(Finding... fs) {
        long id = scans.create("s", ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1).id();
        try (ScanRecorder r = new ScanRecorder(db, id, Clock.fixed(T, ZoneOffset.UTC))) {
            for (Finding x : fs) {
                r.onService(new ServiceInfo(x.address(), x.port(), x.service(), null, null, null, false, null, null));
                r.onFinding(x);
            }
        }
        return id;
    }

    VulnerabilitiesViewModel vm(int pageSize) {
        return new VulnerabilitiesViewModel(repo, new DirectTaskExecutor(), pageSize, ZoneOffset.UTC);
    }

    long s1;
    long s2;

    void labData() {
        s1 = scanWith(
                f("tls.protocol.tls10", Severity.MEDIUM, 5.9, "TLS 1.0 accepted", "127.0.0.1", 443, "https"),
                f("vulndb.cve", Severity.CRITICAL, 9.8, "Apache traversal", "127.0.0.1", 80, "http", "CVE-2021-41773", "CVE-2021-42013"),
                f("http.title", Severity.INFO, null, "Page title", "127.0.0.1", 80, "http"));
        s2 = scanWith(
                f("redis.noauth", Severity.HIGH, 8.2, "Redis without auth", "127.0.0.2", 6379, "redis"),
                f("ssh.auth.password", Severity.LOW, 2.6, "SSH passwords", "127.0.0.2", 22, "ssh"),
                f("vulndb.cve", Severity.CRITICAL, 9.1, "OpenSSH outdated", "127.0.0.2", 22, "ssh", "CVE-2018-15473"));
    }

    static List<String> titles(VulnerabilitiesViewModel vm) {
        return vm.rows().stream().map(FindingRowViewModel::title).toList();
    }

    @Test
    void showsAllFindingsWorstFirstWithTheirColumnsAndTheTotal() {
        labData();
        var vm = vm(100);
        vm.refresh();

        assertThat(titles(vm)).containsExactly("Apache traversal", "OpenSSH outdated", "Redis without auth", "TLS 1.0 accepted",
                "SSH passwords", "Page title");
        FindingRowViewModel top = vm.rows().get(0);
        assertThat(top.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(top.cvss()).isEqualTo("9.8");
        assertThat(top.location()).isEqualTo("127.0.0.1:80");
        assertThat(top.service()).isEqualTo("http");
        assertThat(top.cves()).isEqualTo("CVE-2021-41773, CVE-2021-42013");
        assertThat(top.scanIdText()).isEqualTo("SCAN-" + s1);
        assertThat(top.found()).isEqualTo("2026-03-01");
        assertThat(top.references()).isEqualTo("CVE-2021-41773, CVE-2021-42013, CWE-327");
        assertThat(top.knownExploitedText()).startsWith("Yes");
        assertThat(vm.rows().get(5).cvss()).isEqualTo("—");
        assertThat(vm.totalProperty().get()).isEqualTo(6);
        assertThat(vm.hasMoreProperty().get()).isFalse();
        assertThat(vm.summaryProperty().get()).isEqualTo("1–6 of 6 findings");
        assertThat(vm.filteredProperty().get()).isFalse();
        assertThat(vm.serviceChoices()).containsExactly("http", "https", "redis", "ssh");
    }

    @Test
    void scoresShowOneDecimalAndDatesAreLocal() {
        scanWith(f("a", Severity.CRITICAL, 10.0, "ten", "127.0.0.1", 1, "x"),
                f("b", Severity.LOW, 0.06, "tiny", "::1", 2, "x"),
                f("c", Severity.INFO, 0.0, "zero", "127.0.0.1", 0, null));
        var tokyo = new VulnerabilitiesViewModel(repo, new DirectTaskExecutor(), 10, java.time.ZoneId.of("Asia/Tokyo"));
        tokyo.refresh();
        assertThat(tokyo.rows()).extracting(FindingRowViewModel::cvss).containsExactly("10.0", "0.1", "0.0");
        assertThat(tokyo.rows()).extracting(FindingRowViewModel::location).containsExactly("127.0.0.1:1", "[::1]:2", "127.0.0.1");
        assertThat(tokyo.rows().get(0).found()).isEqualTo("2026-03-01");
        var late = new FindingRowViewModel(tokyo.rows().get(0).record(), java.time.ZoneId.of("Pacific/Pago_Pago"));
        assertThat(late.found()).isEqualTo("2026-02-28"); // 10:00 UTC is the day before in UTC-11
        assertThat(tokyo.rows().get(2).scoreLine()).isEqualTo("Info · CVSS 0.0 · CVSS:3.1/AV:N");
    }

    @Test
    void eachFilterNarrowsTheList() {
        labData();
        var vm = vm(100);

        vm.setMinimumSeverity(Severity.HIGH);
        vm.refresh();
        assertThat(titles(vm)).containsExactly("Apache traversal", "OpenSSH outdated", "Redis without auth");
        assertThat(vm.filteredProperty().get()).isTrue();

        vm.setMinimumSeverity(null);
        vm.severityProperty(Severity.CRITICAL).set(false);
        vm.severityProperty(Severity.MEDIUM).set(false);
        vm.refresh();
        assertThat(titles(vm)).containsExactly("Redis without auth", "SSH passwords", "Page title");

        vm.clearFilters();
        vm.scanFilterProperty().set("scan-" + s2);
        vm.refresh();
        assertThat(titles(vm)).containsExactly("OpenSSH outdated", "Redis without auth", "SSH passwords");

        vm.clearFilters();
        vm.hostFilterProperty().set("0.0.1");
        vm.refresh();
        assertThat(titles(vm)).containsExactly("Apache traversal", "TLS 1.0 accepted", "Page title");

        vm.clearFilters();
        vm.serviceFilterProperty().set("SSH");
        vm.refresh();
        assertThat(titles(vm)).containsExactly("OpenSSH outdated", "SSH passwords");

        vm.clearFilters();
        vm.textFilterProperty().set("cve-2018");
        vm.refresh();
        assertThat(titles(vm)).containsExactly("OpenSSH outdated");
        vm.textFilterProperty().set("redis.");
        vm.refresh();
        assertThat(titles(vm)).containsExactly("Redis without auth");
        vm.textFilterProperty().set("nothing like this");
        vm.refresh();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.totalProperty().get()).isZero();
        assertThat(vm.summaryProperty().get()).isEqualTo("No findings");

        vm.clearFilters();
        vm.refresh();
        assertThat(vm.rows()).hasSize(6);
        assertThat(vm.filteredProperty().get()).isFalse();
    }

    @Test
    void aScanFilterThatIsNotAScanIdIsExplainedAndDoesNotQuery() {
        labData();
        var vm = vm(100);
        vm.refresh();
        vm.scanFilterProperty().set("SCAN-x");
        vm.refresh();
        assertThat(vm.filterErrorProperty().get()).contains("'SCAN-x' is not a scan ID");
        assertThat(vm.rows()).hasSize(6); // what was shown stays
        vm.scanFilterProperty().set(" ");
        vm.refresh();
        assertThat(vm.filterErrorProperty().get()).isNull();
    }

    @Test
    void pagesAppendInOrderUntilEverythingIsLoaded() {
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            many.add(f("chk" + i, Severity.values()[i % 5], i % 3 == 0 ? null : 1.0 + (i % 9), "f" + i, "127.0.0.3", 100 + i, "svc"));
        }
        scanWith(many.toArray(Finding[]::new));
        var all = vm(100);
        all.refresh();

        var vm = vm(10);
        vm.refresh();
        assertThat(vm.rows()).hasSize(10);
        assertThat(vm.hasMoreProperty().get()).isTrue();
        assertThat(vm.totalProperty().get()).isEqualTo(23);
        assertThat(vm.summaryProperty().get()).isEqualTo("1–10 of 23 findings");
        vm.loadMore();
        assertThat(vm.rows()).hasSize(20);
        vm.loadMore();
        assertThat(vm.rows()).hasSize(23);
        assertThat(vm.hasMoreProperty().get()).isFalse();
        vm.loadMore(); // nothing left: no change
        assertThat(vm.rows()).hasSize(23);
        assertThat(vm.rows()).extracting(FindingRowViewModel::id)
                .containsExactlyElementsOf(all.rows().stream().map(FindingRowViewModel::id).toList());
        assertThat(vm.summaryProperty().get()).isEqualTo("1–23 of 23 findings");
    }

    @Test
    void theFirstPageShowsBeforeTheCountAndAnOutdatedAnswerIsDropped() {
        labData();
        ManualExecutor ex = new ManualExecutor();
        var vm = new VulnerabilitiesViewModel(repo, ex, 2, ZoneOffset.UTC);
        vm.refresh();
        vm.setMinimumSeverity(Severity.CRITICAL);
        vm.refresh();
        ex.runNext(); // the first, unfiltered page: superseded, dropped
        assertThat(vm.rows()).isEmpty();
        ex.runNext(); // the critical-only page
        assertThat(titles(vm)).containsExactly("Apache traversal", "OpenSSH outdated");
        assertThat(vm.totalProperty().get()).isEqualTo(2); // a short last page needs no count
        assertThat(ex.pending()).as("only the service choices, once, after the first page").isEqualTo(1);
        assertThat(vm.serviceChoices()).isEmpty();
        ex.runNext();
        assertThat(vm.serviceChoices()).contains("redis");

        vm.setMinimumSeverity(null);
        vm.refresh();
        ex.runNext(); // first page of two
        assertThat(vm.rows()).hasSize(2);
        assertThat(vm.totalProperty().get()).isEqualTo(-1);
        assertThat(vm.summaryProperty().get()).isEqualTo("1–2 of … findings (counting)");
        ex.runNext(); // the count
        assertThat(vm.totalProperty().get()).isEqualTo(6);
        assertThat(ex.pending()).isZero();
    }

    @Test
    void keepsTheSelectedFindingAcrossARefreshWhenItIsStillListed() {
        labData();
        var vm = vm(100);
        vm.refresh();
        FindingRowViewModel redis = vm.rows().get(2);
        vm.selectedProperty().set(redis);
        vm.refresh();
        assertThat(vm.selectedProperty().get()).isNotNull();
        assertThat(vm.selectedProperty().get().id()).isEqualTo(redis.id());
        vm.setMinimumSeverity(Severity.CRITICAL);
        vm.refresh();
        assertThat(vm.selectedProperty().get()).isNull();
    }

    @Test
    void aFailedLoadIsReportedNotThrown() {
        labData();
        var vm = vm(100);
        db.close();
        vm.refresh();
        assertThat(vm.errorProperty().get()).startsWith("Could not load findings:").contains("closed");
        assertThat(vm.loadingProperty().get()).isFalse();
    }

    /** Runs submitted work only when told, to check what the view model does in between. */
    static final class ManualExecutor implements TaskExecutor {
        private final List<Runnable> queue = new ArrayList<>();

        @Override
        public <T> void submit(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            queue.add(() -> new DirectTaskExecutor().submit(name, work, onSuccess, onFailure));
        }

        void runNext() {
            queue.remove(0).run();
        }

        int pending() {
            return queue.size();
        }
    }
}
