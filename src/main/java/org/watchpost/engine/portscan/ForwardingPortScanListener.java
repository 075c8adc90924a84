package org.watchpost.engine.portscan;

import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.ScanListener;
import org.watchpost.engine.model.ScanProgress;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** See {@link PortScanListener#forwarding(ScanListener, long)}. */
final class ForwardingPortScanListener implements PortScanListener {
    private final ScanListener target;
    private final long minIntervalNs;
    private final long startNs = System.nanoTime();
    private final AtomicLong lastNs = new AtomicLong(Long.MIN_VALUE / 2);

    ForwardingPortScanListener(ScanListener target, long minIntervalMs) {
        this.target = target;
        this.minIntervalNs = TimeUnit.MILLISECONDS.toNanos(Math.max(0, minIntervalMs));
    }

    @Override
    public void onPort(PortResult result) {
        target.onPort(result);
    }

    @Override
    public void onProgress(PortScanProgress p) {
        long now = System.nanoTime();
        long last = lastNs.get();
        boolean finalReport = p.inFlight() == 0 && p.portsDone() >= p.portsTotal();
        if (!finalReport && (now - last < minIntervalNs || !lastNs.compareAndSet(last, now))) return;
        lastNs.set(now);
        long eta = -1;
        double elapsedS = (now - startNs) / 1e9;
        if (p.portsDone() > 0 && elapsedS > 0.5) {
            eta = Math.round((p.portsTotal() - p.portsDone()) / (p.portsDone() / elapsedS));
        }
        target.onProgress(new ScanProgress(p.fraction(), p.portsDone(), p.portsTotal(), p.probesPerSec(), eta, "port scan"));
    }

    @Override
    public void onEvent(String level, String message) {
        target.onEvent(level, message);
    }
}
