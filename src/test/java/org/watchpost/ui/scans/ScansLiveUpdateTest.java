package org.watchpost.ui.scans;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.store.Database;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRepository;
import org.watchpost.ui.common.DirectTaskExecutor;

/** The Scans dashboard under live updates: cheap refreshes of unchanged rows, refreshes of single scans. */
class ScansLiveUpdateTest {
    @TempDir
    Path dir;
    Database db;
    ScanRepository repo;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    ScansViewModel vm;

    @BeforeEach
    void setUp() {
        db = Database.open(dir.resolve("w.db"));
        repo = new ScanRepository(db, clock);
        vm = new ScansViewModel(repo, new DirectTaskExecutor(), clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void shortenCollapsesWhitespaceAndBoundsTheLength() {
        assertThat(ScanRowViewModel.shorten("  127.0.0.1,\n\t 127.0.0.2  ", 48)).isEqualTo("127.0.0.1, 127.0.0.2");
        assertThat(ScanRowViewModel.shorten("abcdef", 6)).isEqualTo("abcdef");
        assertThat(ScanRowViewModel.shorten("abcdefg", 6)).isEqualTo("abcde…");
        assertThat(ScanRowViewModel.shorten("abc    def", 6)).isEqualTo("abc d…");
        assertThat(ScanRowViewModel.shorten("abc    de", 6)).isEqualTo("abc de");
        assertThat(ScanRowViewModel.shorten("", 6)).isEmpty();
    }

    @Test
    void aRefreshWithNothingChangedLeavesTheRowsAloneButAgesThem() {
        for (int i = 0; i < 3; i++) repo.create("s" + i, ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1);
        vm.refresh();
        List<ListChangeListener.Change<? extends ScanRowViewModel>> changes = new ArrayList<>();
        vm.visibleRows().addListener((ListChangeListener<ScanRowViewModel>) changes::add);
        ScanRowViewModel first = vm.rows().get(0);
        var name = first.nameProperty().get();
        assertThat(first.ageProperty().get()).isEqualTo("just now");

        now.set(now.get().plus(Duration.ofHours(3)));
        vm.refresh();

        assertThat(changes).as("an unfiltered refresh of unchanged scans does not re-filter the table").isEmpty();
        assertThat(vm.rows().get(0)).isSameAs(first);
        assertThat(first.nameProperty().get()).isSameAs(name);
        assertThat(first.ageProperty().get()).isEqualTo("3 h ago");
    }

    @Test
    void refreshesAskedForWhileOneRunsFoldIntoOneMore() {
        repo.create("a", ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1);
        List<Runnable> queued = new ArrayList<>();
        ScansViewModel slow = new ScansViewModel(repo, new org.watchpost.ui.common.TaskExecutor() {
            @Override
            public <T> void submit(String name, java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> ok,
                                   java.util.function.Consumer<Throwable> failed) {
                queued.add(() -> new DirectTaskExecutor().submit(name, work, ok, failed));
            }
        }, clock);
        slow.refresh();
        slow.refresh();
        slow.refresh();
        assertThat(queued).hasSize(1);
        repo.create("b", ScanConfig.defaults("127.0.0.2"), "ui", null, null, 1);
        queued.remove(0).run();
        assertThat(slow.rows()).hasSize(2);
        assertThat(queued).as("exactly one more load for the calls made meanwhile").hasSize(1);
        queued.remove(0).run();
        assertThat(queued).isEmpty();
        slow.refresh();
        assertThat(queued).hasSize(1);
    }

    @Test
    void refreshingSingleScansUpdatesAddsAndRemovesRowsAndKeepsTheStatusFilterTrue() {
        ScanRecord a = repo.create("a", ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1);
        ScanRecord b = repo.create("b", ScanConfig.defaults("127.0.0.2"), "ui", null, null, 1);
        vm.refresh();
        vm.statusFilterProperty().set(ScanStatus.RUNNING);
        assertThat(vm.visibleRows()).isEmpty();

        repo.transition(a.id(), ScanStatus.RUNNING, null);
        ScanRecord c = repo.create("c", ScanConfig.defaults("127.0.0.3"), "ui", null, null, 1);
        repo.delete(List.of(b.id()));
        vm.refreshScans(Set.of(a.id(), b.id(), c.id()));

        assertThat(vm.rows()).extracting(ScanRowViewModel::id).containsExactlyInAnyOrder(a.id(), c.id());
        assertThat(vm.visibleRows()).extracting(ScanRowViewModel::id).containsExactly(a.id());
        vm.statusFilterProperty().set(null);
        assertThat(vm.visibleRows()).hasSize(2);
        assertThat(vm.rows().get(0).id()).isEqualTo(c.id()); // newest on top
    }
}
