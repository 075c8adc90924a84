package org.watchpost.engine.service;

/**
 * Time and size bounds for service identification. Every wait is bounded: no probe sequence
 * on one port outlives {@link #deadlineMs()}.
 *
 * @param connectTimeoutMs TCP connect timeout for each connection
 * @param bannerWaitMs     how long to wait for a spontaneous banner before speaking first
 * @param readTimeoutMs    how long to wait for the first byte of an answer to a probe
 * @param idleGapMs        once an answer has started, it is taken as complete after this much silence
 * @param deadlineMs       hard limit for all work on one port (sockets are closed when it passes)
 * @param maxBytes         most bytes read in one exchange
 * @param threads          worker threads for {@link ServiceIdentifier#identifyAll}
 * @param portHints        use the port number to choose the first probe (never to name the service)
 */
public record IdentifyOptions(int connectTimeoutMs, int bannerWaitMs, int readTimeoutMs, int idleGapMs,
                              int deadlineMs, int maxBytes, int threads, boolean portHints) {

    public static final int MAX_DEADLINE_MS = 60_000;
    public static final int MAX_BYTES_LIMIT = 1 << 20;

    public IdentifyOptions {
        positive("connectTimeoutMs", connectTimeoutMs);
        if (bannerWaitMs < 0) throw new IllegalArgumentException("bannerWaitMs must be 0 or more, was " + bannerWaitMs);
        positive("readTimeoutMs", readTimeoutMs);
        positive("idleGapMs", idleGapMs);
        positive("deadlineMs", deadlineMs);
        if (deadlineMs > MAX_DEADLINE_MS)
            throw new IllegalArgumentException("deadlineMs must be at most " + MAX_DEADLINE_MS + ", was " + deadlineMs);
        if (maxBytes < 256 || maxBytes > MAX_BYTES_LIMIT)
            throw new IllegalArgumentException("maxBytes must be between 256 and " + MAX_BYTES_LIMIT + ", was " + maxBytes);
        if (threads < 1 || threads > 1024)
            throw new IllegalArgumentException("threads must be between 1 and 1024, was " + threads);
    }

    private static void positive(String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be positive, was " + value);
    }

    /** Defaults: 2 s connect, 300 ms banner wait, 1 s read, 200 ms idle gap, 5 s per port, 16 KiB, 32 threads. */
    public static IdentifyOptions defaults() {
        return new IdentifyOptions(2000, 300, 1000, 200, 5000, 16 * 1024, 32, true);
    }

    public IdentifyOptions withDeadlineMs(int ms) {
        return new IdentifyOptions(connectTimeoutMs, bannerWaitMs, readTimeoutMs, idleGapMs, ms, maxBytes, threads, portHints);
    }

    public IdentifyOptions withReadTimeoutMs(int ms) {
        return new IdentifyOptions(connectTimeoutMs, bannerWaitMs, ms, idleGapMs, deadlineMs, maxBytes, threads, portHints);
    }

    public IdentifyOptions withBannerWaitMs(int ms) {
        return new IdentifyOptions(connectTimeoutMs, ms, readTimeoutMs, idleGapMs, deadlineMs, maxBytes, threads, portHints);
    }

    public IdentifyOptions withThreads(int n) {
        return new IdentifyOptions(connectTimeoutMs, bannerWaitMs, readTimeoutMs, idleGapMs, deadlineMs, maxBytes, n, portHints);
    }

    public IdentifyOptions withPortHints(boolean on) {
        return new IdentifyOptions(connectTimeoutMs, bannerWaitMs, readTimeoutMs, idleGapMs, deadlineMs, maxBytes, threads, on);
    }
}
