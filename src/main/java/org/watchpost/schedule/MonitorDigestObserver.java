package org.watchpost.schedule;

import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.engine.model.ScanStatus;

/**
 * Computes a monitor scan's {@link ChangeDigest} when it reaches a terminal state. Register
 * it with {@link ScanManager#addObserver}; non-monitor scans are ignored (one indexed read).
 */
public final class MonitorDigestObserver implements ScanObserver {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorDigestObserver.class);

    private final DigestService digests;
    private final Executor executor;

    /**
     * @param executor where the digest is computed (a single background thread in the app,
     *                 {@code Runnable::run} in tests and the CLI)
     */
    public MonitorDigestObserver(DigestService digests, Executor executor) {
        this.digests = digests;
        this.executor = executor;
    }

    @Override
    public void statusChanged(long scanId, ScanStatus status) {
        if (!status.isTerminal()) return;
        executor.execute(() -> {
            try {
                digests.computeAndStore(scanId);
            } catch (RuntimeException e) {
                LOG.warn("change digest of scan {} failed: {}", scanId, e.toString());
            }
        });
    }
}
