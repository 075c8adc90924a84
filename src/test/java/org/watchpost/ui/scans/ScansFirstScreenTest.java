package org.watchpost.ui.scans;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.store.Database;
import org.watchpost.store.ScanRepository;
import org.watchpost.ui.common.DirectTaskExecutor;

/** The window's first screen (the newest scans, read before it exists) and the rest of the list after it. */
class ScansFirstScreenTest {
    @TempDir
    Path dir;
    Database db;
    ScanRepository repo;
    final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    ScansViewModel vm;

    @BeforeEach
    void setUp() {
        db = Database.open(dir.resolve("w.db"));
        repo = new ScanRepository(db, clock);
        vm = new ScansViewModel(repo, new DirectTaskExecutor(), clock);
        for (int i = 1; i <= 5; i++) repo.create("scan " + i, ScanConfig.defaults("127.0.0." + i), "ui", null, null, 1);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    List<Long> shownIds() {
        return vm.rows().stream().map(ScanRowViewModel::id).toList();
    }

    @Test
    void theFirstScreenHoldsTheNewestScansWithTheirRowsBuilt() {
        var first = ScansViewModel.readFirstScreen(repo, clock, 2);
        assertThat(first.records()).extracting(r -> r.name()).containsExactly("scan 5", "scan 4");
        assertThat(first.rows()).containsOnlyKeys(first.records().get(0).id(), first.records().get(1).id());

        vm.showFirst(first);
        assertThat(vm.rows()).extracting(r -> r.nameProperty().get()).containsExactly("scan 5", "scan 4");
        assertThat(vm.partialProperty().get()).as("more scans than the first screen: the count says so").isTrue();
        assertThat(vm.rows().get(0)).isSameAs(first.rows().get(first.records().get(0).id()));
    }

    @Test
    void theRestOfTheListGoesBelowAndScansStartedMeanwhileOnTop() {
        vm.showFirst(ScansViewModel.readFirstScreen(repo, clock, 2));
        ScanRowViewModel shownFirst = vm.rows().get(0);
        repo.create("scan 6", ScanConfig.defaults("127.0.0.6"), "ui", null, null, 1);

        vm.refresh();

        assertThat(vm.partialProperty().get()).isFalse();
        assertThat(vm.rows()).extracting(r -> r.nameProperty().get())
                .containsExactly("scan 6", "scan 5", "scan 4", "scan 3", "scan 2", "scan 1");
        assertThat(shownIds()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(vm.rows().get(1)).as("rows already shown are kept, not rebuilt").isSameAs(shownFirst);
    }

    @Test
    void aFirstScreenLargerThanTheDatabaseIsTheWholeList() {
        vm.showFirst(ScansViewModel.readFirstScreen(repo, clock, 100));
        assertThat(vm.partialProperty().get()).as("the whole list fits the first screen").isFalse();
        vm.refresh();
        assertThat(vm.rows()).hasSize(5);
        assertThat(vm.rows()).extracting(r -> r.nameProperty().get())
                .containsExactly("scan 5", "scan 4", "scan 3", "scan 2", "scan 1");
    }
}
