package org.watchpost.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.Severity;

class SeedDataTest {
    @TempDir
    Path dir;

    @Test
    void seedsScansWhoseCountersAgreeWithTheirRowsAndIdsContinueAfterThem() {
        try (Database db = Database.open(dir.resolve("w.db"))) {
            ScanRepository scans = new ScanRepository(db, Clock.systemUTC());
            long before = scans.create("mine", ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1).id();

            SeedData.Result r = SeedData.seed(db, 40, 3_001, 7);

            assertThat(r.firstScanId()).isEqualTo(before + 1);
            assertThat(r.lastScanId()).isEqualTo(before + 40);
            assertThat(r.findings()).isEqualTo(3_001);
            assertThat(scans.count()).isEqualTo(41);
            assertThat(new FindingRepository(db).count(FindingQuery.all())).isEqualTo(3_001);
            // per-scan counters match the rows they summarise
            assertThat(mismatches(db, "SELECT count(*) FROM scans s WHERE n_critical + n_high + n_medium + n_low + n_info"
                    + " <> (SELECT count(*) FROM findings f WHERE f.scan_id = s.id)")).isZero();
            assertThat(mismatches(db, "SELECT count(*) FROM scans s WHERE n_critical"
                    + " <> (SELECT count(*) FROM findings f WHERE f.scan_id = s.id AND f.severity = 4)")).isZero();
            assertThat(mismatches(db, "SELECT count(*) FROM scans s WHERE open_ports"
                    + " <> (SELECT count(*) FROM services v WHERE v.scan_id = s.id AND v.state = 'OPEN')")).isZero();
            assertThat(mismatches(db, "SELECT count(*) FROM scans s WHERE hosts_up"
                    + " <> (SELECT count(*) FROM hosts h WHERE h.scan_id = s.id AND h.up = 1)")).isZero();
            // only loopback addresses, every severity present
            assertThat(mismatches(db, "SELECT count(*) FROM findings WHERE address NOT LIKE '127.%'")).isZero();
            assertThat(mismatches(db, "SELECT count(*) FROM scans WHERE targets NOT LIKE '127.%'")).isZero();
            for (Severity s : Severity.values()) {
                assertThat(new FindingRepository(db).count(FindingQuery.all().withSeverities(java.util.Set.of(s))))
                        .as(s.label()).isPositive();
            }
            long next = scans.create("after", ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1).id();
            assertThat(next).isEqualTo(before + 41);
            assertThat(scans.list()).anyMatch(x -> x.investigationCount() > 0);
        }
    }

    private static long mismatches(Database db, String sql) {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
