package org.watchpost.engine.portscan;

/**
 * Tuning for {@link PortScanner}.
 *
 * @param initialTimeoutMs connect timeout used until a host has answered at least once, and the ceiling
 *                         of the adapted timeout (milliseconds, &gt; 0)
 * @param minTimeoutMs     floor of the per-host adapted timeout (milliseconds, 1 … initialTimeoutMs)
 * @param retries          extra attempts for a probe that timed out before it is reported FILTERED (0 … 5)
 * @param rateLimit        global cap in probes/s over all hosts, 0 = unlimited
 * @param maxInFlight      cap on connects in flight (further limited by the file-descriptor budget)
 * @param perHostInFlight  cap on connects in flight to one host, 0 = no cap beyond {@code maxInFlight}
 * @param selectorThreads  number of selector threads, 0 = available processors (at least 2)
 * @param hostGroupSize    how many hosts are interleaved at once (a lazy host source is read this far ahead)
 */
public record PortScanOptions(int initialTimeoutMs, int minTimeoutMs, int retries, int rateLimit, int maxInFlight,
                              int perHostInFlight, int selectorThreads, int hostGroupSize) {

    public static final int DEFAULT_INITIAL_TIMEOUT_MS = 1000;
    /**
     * The adapted timeout's floor. A host that has answered in microseconds (a LAN, the machine
     * itself) still gets 50 ms per attempt, hundreds of times its round trip; nmap's fastest timing
     * template uses the same floor. With the one retry (at 1.5 times the timeout) a dropped port is
     * settled 125 ms after its first probe.
     */
    public static final int DEFAULT_MIN_TIMEOUT_MS = 50;
    public static final int DEFAULT_MAX_IN_FLIGHT = 4000;
    public static final int DEFAULT_HOST_GROUP = 64;

    public PortScanOptions {
        if (initialTimeoutMs <= 0) throw new IllegalArgumentException("initial timeout must be > 0 ms, was " + initialTimeoutMs);
        if (minTimeoutMs <= 0 || minTimeoutMs > initialTimeoutMs)
            throw new IllegalArgumentException("minimum timeout must be between 1 and the initial timeout ("
                    + initialTimeoutMs + " ms), was " + minTimeoutMs);
        if (retries < 0 || retries > 5) throw new IllegalArgumentException("retries must be 0..5, was " + retries);
        if (rateLimit < 0) throw new IllegalArgumentException("rate limit must be 0 (unlimited) or positive, was " + rateLimit);
        if (maxInFlight <= 0) throw new IllegalArgumentException("max in flight must be > 0, was " + maxInFlight);
        if (perHostInFlight < 0) throw new IllegalArgumentException("per-host in flight must be >= 0, was " + perHostInFlight);
        if (selectorThreads < 0 || selectorThreads > 64)
            throw new IllegalArgumentException("selector threads must be 0 (auto) .. 64, was " + selectorThreads);
        if (hostGroupSize <= 0) throw new IllegalArgumentException("host group size must be > 0, was " + hostGroupSize);
    }

    /** 1 s initial timeout, 50 ms floor, 1 retry, unlimited rate, 4000 in flight, auto threads. */
    public static PortScanOptions defaults() {
        return new PortScanOptions(DEFAULT_INITIAL_TIMEOUT_MS, DEFAULT_MIN_TIMEOUT_MS, 1, 0, DEFAULT_MAX_IN_FLIGHT, 0, 0,
                DEFAULT_HOST_GROUP);
    }

    /**
     * Options for a scan configured by the user: {@code timeoutMs} is the initial timeout (and the
     * adapted timeout's ceiling), {@code rateLimit} the global probe rate, {@code concurrency} the
     * in-flight cap; everything else at its default.
     */
    public static PortScanOptions from(org.watchpost.engine.model.ScanConfig config) {
        int initial = config.timeoutMs();
        return defaults().withTimeouts(initial, Math.min(DEFAULT_MIN_TIMEOUT_MS, initial))
                .withRateLimit(config.rateLimit()).withMaxInFlight(config.concurrency());
    }

    public PortScanOptions withTimeouts(int initialMs, int minMs) {
        return new PortScanOptions(initialMs, minMs, retries, rateLimit, maxInFlight, perHostInFlight, selectorThreads, hostGroupSize);
    }

    public PortScanOptions withRetries(int n) {
        return new PortScanOptions(initialTimeoutMs, minTimeoutMs, n, rateLimit, maxInFlight, perHostInFlight, selectorThreads, hostGroupSize);
    }

    public PortScanOptions withRateLimit(int probesPerSecond) {
        return new PortScanOptions(initialTimeoutMs, minTimeoutMs, retries, probesPerSecond, maxInFlight, perHostInFlight, selectorThreads, hostGroupSize);
    }

    public PortScanOptions withMaxInFlight(int n) {
        return new PortScanOptions(initialTimeoutMs, minTimeoutMs, retries, rateLimit, n, perHostInFlight, selectorThreads, hostGroupSize);
    }

    public PortScanOptions withPerHostInFlight(int n) {
        return new PortScanOptions(initialTimeoutMs, minTimeoutMs, retries, rateLimit, maxInFlight, n, selectorThreads, hostGroupSize);
    }

    public PortScanOptions withSelectorThreads(int n) {
        return new PortScanOptions(initialTimeoutMs, minTimeoutMs, retries, rateLimit, maxInFlight, perHostInFlight, n, hostGroupSize);
    }

    public PortScanOptions withHostGroupSize(int n) {
        return new PortScanOptions(initialTimeoutMs, minTimeoutMs, retries, rateLimit, maxInFlight, perHostInFlight, selectorThreads, n);
    }

    /** The selector thread count actually used. */
    public int effectiveSelectorThreads() {
        return selectorThreads > 0 ? selectorThreads : Math.max(2, Runtime.getRuntime().availableProcessors());
    }
}
