package org.watchpost.engine.portscan;

import org.junit.jupiter.api.Test;
import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.PortState;
import org.watchpost.engine.model.ScanListener;
import org.watchpost.engine.model.ScanProgress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardingPortScanListenerTest {

    @Test
    void forwardsPortsAndEventsAndThrottlesProgressButNeverTheFinalReport() {
        List<PortResult> ports = new CopyOnWriteArrayList<>();
        List<ScanProgress> progress = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        ScanListener target = new ScanListener() {
            @Override
            public void onPort(PortResult port) {
                ports.add(port);
            }

            @Override
            public void onProgress(ScanProgress p) {
                progress.add(p);
            }

            @Override
            public void onEvent(String level, String message) {
                events.add(level + " " + message);
            }
        };
        PortScanListener l = PortScanListener.forwarding(target, 10_000);
        l.onPort(new PortResult("127.0.0.1", 22, PortState.OPEN, 5));
        l.onEvent("warn", "window reduced");
        l.onProgress(new PortScanProgress(10, 100, 12, 2, 500.0, 40, 0));   // first passes
        l.onProgress(new PortScanProgress(20, 100, 22, 2, 500.0, 40, 0));   // within 10 s: dropped
        l.onProgress(new PortScanProgress(100, 100, 104, 4, 450.0, 0, 1));  // final: always passes

        assertThat(ports).extracting(PortResult::port).containsExactly(22);
        assertThat(events).containsExactly("warn window reduced");
        assertThat(progress).hasSize(2);
        assertThat(progress.get(0).probesDone()).isEqualTo(10);
        assertThat(progress.get(0).phase()).isEqualTo("port scan");
        assertThat(progress.get(1).fraction()).isEqualTo(1.0);
        assertThat(progress.get(1).probesTotal()).isEqualTo(100);
    }
}
