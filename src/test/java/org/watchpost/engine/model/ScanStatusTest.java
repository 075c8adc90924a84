package org.watchpost.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScanStatusTest {
    @Test
    void followsTheLifecycle() {
        assertThat(ScanStatus.QUEUED.moveTo(ScanStatus.RUNNING)).isEqualTo(ScanStatus.RUNNING);
        assertThat(ScanStatus.RUNNING.canMoveTo(ScanStatus.COMPLETED)).isTrue();
        assertThat(ScanStatus.RUNNING.canMoveTo(ScanStatus.STOPPED)).isTrue();
        assertThat(ScanStatus.RUNNING.canMoveTo(ScanStatus.INTERRUPTED)).isTrue();
        for (ScanStatus terminal : new ScanStatus[] {ScanStatus.COMPLETED, ScanStatus.STOPPED, ScanStatus.FAILED, ScanStatus.INTERRUPTED}) {
            assertThat(terminal.isTerminal()).isTrue();
            assertThat(terminal.successors()).isEmpty();
        }
        assertThatThrownBy(() -> ScanStatus.QUEUED.moveTo(ScanStatus.COMPLETED)).hasMessage("a QUEUED scan cannot become COMPLETED");
    }

    @Test
    void severityBandsFollowCvss31() {
        assertThat(Severity.fromCvss(9.8)).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.fromCvss(7.0)).isEqualTo(Severity.HIGH);
        assertThat(Severity.fromCvss(6.9)).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.fromCvss(0.1)).isEqualTo(Severity.LOW);
        assertThat(Severity.fromCvss(0.0)).isEqualTo(Severity.INFO);
        assertThat(Severity.parse(" high ")).isEqualTo(Severity.HIGH);
        assertThatThrownBy(() -> Severity.parse("urgent")).hasMessageContaining("'urgent'");
    }
}
