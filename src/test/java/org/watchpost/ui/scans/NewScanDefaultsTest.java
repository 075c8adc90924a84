package org.watchpost.ui.scans;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.ui.common.DirectTaskExecutor;

class NewScanDefaultsTest {
    @Test
    void savedDefaultsPrefillTheNewScanForm() {
        NewScanViewModel vm = new NewScanViewModel(c -> { throw new AssertionError("not planned"); }, new DirectTaskExecutor());
        vm.applyDefaults(" 22,443 ", 2500, 200, 64);
        vm.targetsProperty().set("192.0.2.1");
        ScanConfig c = vm.toConfig();
        assertThat(c.ports()).isEqualTo("22,443");
        assertThat(c.timeoutMs()).isEqualTo(2500);
        assertThat(c.rateLimit()).isEqualTo(200);
        assertThat(c.concurrency()).isEqualTo(64);
        vm.applyDefaults("  ", 1000, 0, 10);
        assertThat(vm.portsProperty().get()).as("blank keeps the current ports").isEqualTo("22,443");
    }

}
