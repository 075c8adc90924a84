package org.watchpost.engine.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CvssTest {
    /** Reference scores as published by NVD / the FIRST calculator for these vectors. */
    @ParameterizedTest
    @CsvSource({
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8",
        "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N, 5.9",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1",
        "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 7.8",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N, 7.5",
        "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N, 3.1",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:L, 5.8",
        "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:L/I:N/A:N, 3.4",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N, 0.0"
    })
    void scoresMatchTheSpecification(String vector, double expected) {
        assertThat(Cvss.baseScore(vector)).isEqualTo(expected);
    }

    @Test
    void badVectorsAreNamed() {
        assertThatThrownBy(() -> Cvss.baseScore("CVSS:3.1/AV:N/AC:L")).hasMessageContaining("lacks metric");
        assertThatThrownBy(() -> Cvss.baseScore("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).hasMessageContaining("AV");
        assertThatThrownBy(() -> Cvss.baseScore("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).hasMessageContaining("not a CVSS v3");
    }

    @Test
    void builderKeepsScoreSeverityAndVectorConsistent() {
        var s = new org.watchpost.engine.model.ServiceInfo("127.0.0.1", 1, "x", null, null, null, false, null, null);
        var f = FindingBuilder.of("x.y", s).cvss("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").title("t").build();
        assertThat(f.cvssVector()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        assertThat(f.cvssScore()).isEqualTo(9.8);
        assertThat(f.severity()).isEqualTo(org.watchpost.engine.model.Severity.CRITICAL);
    }
}
