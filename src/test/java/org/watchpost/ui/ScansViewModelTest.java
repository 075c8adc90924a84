package org.watchpost.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.store.Database;
import org.watchpost.store.ScanRepository;
import org.watchpost.ui.common.DirectTaskExecutor;
import org.watchpost.ui.common.TimeText;
import org.watchpost.ui.scans.ScansViewModel;

class ScansViewModelTest {
    @TempDir
    Path dir;
    Database db;
    ScanRepository repo;
    ScansViewModel vm;

    @BeforeEach
    void setUp() {
        db = Database.open(dir.resolve("w.db"));
        repo = new ScanRepository(db, Clock.systemUTC());
        vm = new ScansViewModel(repo, new DirectTaskExecutor(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void showsAnEmptyStateUntilThereAreScans() {
        vm.refresh();
        assertThat(vm.emptyProperty().get()).isTrue();
        repo.create("lab", ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1);
        vm.refresh();
        assertThat(vm.emptyProperty().get()).isFalse();
        assertThat(vm.rows()).extracting(r -> r.scanIdProperty().get()).containsExactly("SCAN-1");
    }

    @Test
    void filtersByStatusAndTextAndKeepsRowObjectsAcrossRefreshes() {
        var a = repo.create("web servers", ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1);
        var b = repo.create("mail", ScanConfig.defaults("127.0.0.9"), "ui", null, null, 1);
        repo.transition(b.id(), ScanStatus.RUNNING, null);
        vm.refresh();
        var rowA = vm.rows().stream().filter(r -> r.id() == a.id()).findFirst().orElseThrow();

        vm.statusFilterProperty().set(ScanStatus.RUNNING);
        assertThat(vm.visibleRows()).extracting(r -> r.nameProperty().get()).containsExactly("mail");
        vm.statusFilterProperty().set(null);
        vm.filterTextProperty().set("127.0.0.1");
        assertThat(vm.visibleRows()).extracting(r -> r.nameProperty().get()).containsExactly("web servers");
        vm.filterTextProperty().set("scan-2");
        assertThat(vm.visibleRows()).extracting(r -> r.nameProperty().get()).containsExactly("mail");

        repo.delete(java.util.List.of(b.id()));
        vm.refresh();
        assertThat(vm.rows()).hasSize(1);
        assertThat(vm.rows().get(0)).isSameAs(rowA);
    }

    @Test
    void agesMoveOnWithoutAReload() {
        org.watchpost.testing.MutableClock clock = new org.watchpost.testing.MutableClock(Instant.now(), ZoneOffset.UTC);
        ScansViewModel timed = new ScansViewModel(repo, new DirectTaskExecutor(), clock);
        repo.create("old", ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1);
        timed.refresh();
        assertThat(timed.rows().get(0).ageProperty().get()).isEqualTo("just now");
        clock.advance(Duration.ofHours(2).plusMinutes(1));
        timed.tick();
        assertThat(timed.rows().get(0).ageProperty().get()).isEqualTo("2 h ago");
    }

    @Test
    void agesAndDurationsReadLikeAPersonWouldSayThem() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        assertThat(TimeText.age(now.minusSeconds(30), now)).isEqualTo("just now");
        assertThat(TimeText.age(now.minus(Duration.ofHours(2)), now)).isEqualTo("2 h ago");
        assertThat(TimeText.age(now.minus(Duration.ofHours(30)), now)).isEqualTo("1 day ago");
        assertThat(TimeText.duration(Duration.ofSeconds(75))).isEqualTo("1 min 15 s");
        assertThat(TimeText.stamp(now, ZoneOffset.UTC)).isEqualTo("2026-11-27 12:00:00");
    }
}
