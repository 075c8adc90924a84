package org.watchpost.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.FindingRecord;

class FixGroupsTest {
    static FindingRecord f(String cve, String address, String remediation, Severity s) {
        return new FindingRecord(1, 1, "vulndb.cve", s, 7.5, null, List.of(cve), null, cve + " in OpenSSH", "d", remediation, "e",
                address, 22, "ssh", "version-match", false, "open", Instant.EPOCH);
    }

    @Test
    void upgradesOfOneProductMergeIntoOneActionToTheHighestVersionNeeded() {
        FixGroups g = new FixGroups();
        g.add(f("CVE-1", "127.0.0.1", "Upgrade OpenSSH to 8.8p1 or later.", Severity.HIGH));
        g.add(f("CVE-2", "127.0.0.2", "Upgrade OpenSSH to 9.8p1 or later.", Severity.CRITICAL));
        g.add(f("CVE-3", "127.0.0.2", "Upgrade OpenSSH to 9.3p2 or later.", Severity.MEDIUM));
        g.add(f("CVE-4", "127.0.0.3", "Upgrade OpenSSH to 9.10 or later.", Severity.LOW));
        g.add(f("CVE-5", "127.0.0.4", "Upgrade nginx to a version later than 1.20.0.", Severity.HIGH));
        g.add(f("CVE-6", "127.0.0.4", "Upgrade nginx to 1.20.0 or later.", Severity.HIGH));
        assertThat(g.size()).isEqualTo(2);
        List<FixGroups.Group> ordered = g.ordered();
        assertThat(ordered.get(0).label()).isEqualTo("Upgrade OpenSSH to 9.10 or later: 4 CVEs on 3 hosts");
        assertThat(ordered.get(1).label()).isEqualTo("Upgrade nginx to a version later than 1.20.0: 2 CVEs on 1 host");
    }

    @Test
    void versionsCompareLikePeopleReadThem() {
        assertThat(FixGroups.compareVersions("9.8p1", "9.8")).isPositive();
        assertThat(FixGroups.compareVersions("9.10", "9.8p1")).isPositive();
        assertThat(FixGroups.compareVersions("2.4.52", "2.4.49")).isPositive();
        assertThat(FixGroups.compareVersions("1.20.1", "1.20.1")).isZero();
    }
}
