package org.watchpost.engine.portscan;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** Per-host scan state shared by the selector threads. */
final class HostState {
    final InetAddress address;
    final String text;
    /** per selector thread: that thread's FIFOs of this host's probes (each slot touched by its thread only) */
    PortScanner.HostQueues[] queues;
    /** next index into the port list to hand out; guarded by the dispenser's lock */
    int nextPort;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger remaining;
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger filtered = new AtomicInteger();

    private final long floorNs;
    private final long initialNs;
    // smoothed RTT and variance in nanoseconds, guarded by lock
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private volatile int samples;
    private long srttNs = -1;
    private long rttvarNs;
    private volatile long timeoutNs;

    HostState(InetAddress address, int ports, long floorNs, long initialNs) {
        this.address = address;
        this.text = address.getHostAddress();
        this.remaining = new AtomicInteger(ports);
        this.floorNs = floorNs;
        this.initialNs = initialNs;
        this.timeoutNs = initialNs;
    }

    /**
     * Records the connect time of an answered probe (open or refused). The estimate is statistical,
     * so after the first 64 samples only about one in eight is taken, and a sample that would have to
     * wait for another selector thread is skipped: no thread ever blocks here.
     */
    void sample(long rttNs) {
        if (rttNs < 0) return;
        if (samples >= 64 && java.util.concurrent.ThreadLocalRandom.current().nextInt(8) != 0) return;
        if (!lock.tryLock()) return;
        try {
            update(rttNs);
        } finally {
            lock.unlock();
        }
    }

    private void update(long rttNs) {
        samples++;
        if (srttNs < 0) {
            srttNs = rttNs;
            rttvarNs = rttNs / 2;
        } else {
            long err = Math.abs(srttNs - rttNs);
            rttvarNs = (3 * rttvarNs + err) / 4;
            srttNs = (7 * srttNs + rttNs) / 8;
        }
        timeoutNs = adaptiveTimeout(srttNs, rttvarNs, floorNs, initialNs);
    }

    String debugRtt() {
        return "srtt=" + srttNs / 1000 + "us rttvar=" + rttvarNs / 1000 + "us timeout=" + timeoutNs / 1_000_000 + "ms";
    }

    // immediate-outcome statistics: heuristic counters, racy by design (an occasional lost update is harmless)
    private int immediateTries;
    private int immediateHits;

    /**
     * Whether to ask for the connect's outcome right after {@code connect()} returns, before
     * registering with a selector. For the local machine (and containers or VMs on it) the kernel has
     * usually settled the handshake by then, which saves the selector round trip; for anything
     * farther it would be two wasted system calls, so it is only kept up while it mostly pays off.
     */
    boolean tryImmediate() {
        int tries = immediateTries;
        if (tries < 32 || immediateHits * 2 >= tries) return true;
        return java.util.concurrent.ThreadLocalRandom.current().nextInt(64) == 0;   // re-check now and then
    }

    void immediateOutcome(boolean settled) {
        int tries = immediateTries + 1;
        int hits = immediateHits + (settled ? 1 : 0);
        if (tries >= 1024) {   // decay: follow changes
            tries /= 2;
            hits /= 2;
        }
        immediateTries = tries;
        immediateHits = hits;
    }

    /**
     * Timeout for an attempt (0 = first): the adapted timeout, 1.5 times longer for each retry,
     * never above the initial one. The estimate already carries four deviations of margin, so the
     * retry mostly covers a lost packet rather than a slower host; a gentler back-off than TCP's
     * doubling settles dropped ports sooner.
     */
    long timeoutNs(int attempt) {
        long t = timeoutNs;
        for (int i = 0; i < attempt && t < initialNs; i++) t += t / 2;
        return Math.min(t, initialNs);
    }

    /** clamp(2·srtt + 4·rttvar, floor, ceiling) — all in the same unit. */
    static long adaptiveTimeout(long srtt, long rttvar, long floor, long ceiling) {
        long t = 2 * srtt + 4 * rttvar;
        return Math.max(floor, Math.min(ceiling, t));
    }
}
