package org.watchpost.engine.portscan;

/**
 * Global probe-rate limiter shared by the selector threads. Tokens accrue continuously at
 * {@code rate}/s up to a burst of about 20 ms worth (at least 1).
 */
final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastNs;

    TokenBucket(int ratePerSecond, long nowNs) {
        if (ratePerSecond <= 0) throw new IllegalArgumentException("rate must be > 0");
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = Math.max(1.0, ratePerSecond / 50.0);
        this.tokens = 1.0;
        this.lastNs = nowNs;
    }

    /** Takes up to {@code want} whole tokens, returns how many were granted. */
    synchronized int take(int want, long nowNs) {
        refill(nowNs);
        int n = (int) Math.min(want, Math.floor(tokens));
        if (n > 0) tokens -= n;
        return n;
    }

    /** Returns tokens that were taken but not used. */
    synchronized void giveBack(int n) {
        tokens = Math.min(burst, tokens + n);
    }

    /** Nanoseconds until at least one token is available (0 if one is available now). */
    synchronized long nanosUntilNext(long nowNs) {
        refill(nowNs);
        if (tokens >= 1.0) return 0;
        return (long) Math.ceil((1.0 - tokens) / ratePerNano);
    }

    private void refill(long nowNs) {
        long dt = nowNs - lastNs;
        if (dt > 0) {
            tokens = Math.min(burst, tokens + dt * ratePerNano);
            lastNs = nowNs;
        }
    }
}
