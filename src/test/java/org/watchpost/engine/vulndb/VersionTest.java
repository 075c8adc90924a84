package org.watchpost.engine.vulndb;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VersionTest {

    private static void assertOrdered(String... versions) {
        for (int i = 0; i + 1 < versions.length; i++) {
            assertThat(Version.compare(versions[i], versions[i + 1]))
                    .as("%s < %s", versions[i], versions[i + 1]).isNegative();
            assertThat(Version.compare(versions[i + 1], versions[i]))
                    .as("%s > %s", versions[i + 1], versions[i]).isPositive();
        }
    }

    @Test
    void openSshPortableVersionsOrder() {
        assertOrdered("7.7", "7.7p1", "8.2p1", "8.9p1", "9.3p1", "9.3p2", "9.8", "9.8p1", "10.0p1");
    }

    @Test
    void dottedNumbersCompareNumericallyNotAsText() {
        assertOrdered("1.9.15", "1.18.0", "1.20.1", "1.22.0");
        assertOrdered("2.4.9", "2.4.49", "2.4.50", "2.4.100");
    }

    @Test
    void openSslLetterReleasesAndPreReleases() {
        assertOrdered("1.0.1", "1.0.1a", "1.0.1f", "1.0.1g", "1.0.2");
        assertOrdered("3.0.0-alpha1", "3.0.0-beta2", "3.0.0-rc1", "3.0.0", "3.0.1");
    }

    @Test
    void trailingZerosAndCaseAreEqual() {
        assertThat(Version.compare("1.0", "1.0.0")).isZero();
        assertThat(Version.of("1.0")).isEqualTo(Version.of("1.0.0")).hasSameHashCodeAs(Version.of("1.0.0"));
        assertThat(Version.compare("8.2P1", "8.2p1")).isZero();
        assertThat(Version.compare("007.1", "7.1")).isZero();
    }

    @Test
    void longNumericSegmentsDoNotOverflow() {
        assertOrdered("9.4.37.v20210219", "9.4.38.v20210224", "9.4.38.v99999999999999999999");
    }

    @Test
    void sortingAShuffledListGivesReleaseOrder() {
        List<String> expected = List.of("8.2p1", "8.9p1", "9.3p2", "9.8p1");
        List<Version> shuffled = new ArrayList<>();
        for (String s : List.of("9.8p1", "8.2p1", "9.3p2", "8.9p1")) shuffled.add(Version.of(s));
        Collections.sort(shuffled);
        assertThat(shuffled).extracting(Version::text).containsExactlyElementsOf(expected);
    }

    @Test
    void patchLevelSplitsLikeTheNvdUpdateField() {
        assertThat(Version.of("8.2p1").patchLevel()).isEqualTo("p1");
        assertThat(Version.of("8.2p1").release().text()).isEqualTo("8.2");
        assertThat(Version.of("1.0.1f").patchLevel()).isNull();
        assertThat(Version.of("2.4.49").release().text()).isEqualTo("2.4.49");
    }

    @Test
    void versionExtractedFromRealBanners() {
        assertThat(VersionText.extractVersion("SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5")).hasValue("8.2p1");
        assertThat(VersionText.extractVersion("OpenSSH_8.2p1 Ubuntu-4ubuntu0.5")).hasValue("8.2p1");
        assertThat(VersionText.extractVersion("Apache/2.4.49 (Unix)")).hasValue("2.4.49");
        assertThat(VersionText.extractVersion("nginx/1.18.0")).hasValue("1.18.0");
        assertThat(VersionText.extractVersion("nginx/1.18.0 (Ubuntu)")).hasValue("1.18.0");
        assertThat(VersionText.extractVersion("220 (vsFTPd 3.0.3)")).hasValue("3.0.3");
        assertThat(VersionText.extractVersion("220 ProFTPD 1.3.5 Server (Debian)")).hasValue("1.3.5");
        assertThat(VersionText.extractVersion("OpenSSL 1.0.1f 6 Jan 2014")).hasValue("1.0.1f");
        assertThat(VersionText.extractVersion("Microsoft-IIS/10.0")).hasValue("10.0");
        assertThat(VersionText.extractVersion("SSH-2.0-dropbear")).isEmpty();
        assertThat(VersionText.extractVersion(null)).isEmpty();
    }

    @Test
    void distributionMarkersAreRecognised() {
        assertThat(VersionText.distributionHint("SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5")).hasValue("Ubuntu-4ubuntu0.5");
        assertThat(VersionText.distributionHint("SSH-2.0-OpenSSH_8.4p1 Debian-5+deb11u1")).hasValue("Debian-5+deb11u1");
        assertThat(VersionText.distributionHint("OpenSSH_9.2p1 deb12u3")).hasValue("deb12u3");
        assertThat(VersionText.distributionHint("openssh-8.0p1-19.el8_8")).hasValue("el8_8");
        assertThat(VersionText.distributionHint("Apache/2.4.41 (Ubuntu)")).hasValue("(Ubuntu)");
        assertThat(VersionText.distributionHint("Apache/2.4.49 (Unix)")).isEmpty();
        assertThat(VersionText.distributionHint("SSH-2.0-OpenSSH_9.8", null)).isEmpty();
        // a later text is searched when the first has no marker
        assertThat(VersionText.distributionHint("8.2p1", "SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5")).hasValue("Ubuntu-4ubuntu0.5");
    }
}
