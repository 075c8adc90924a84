package org.watchpost.engine.model;

/**
 * Everything needed to (re-)run a scan. Text fields keep the user's own syntax so a
 * re-run or clone shows exactly what was typed.
 *
 * @param targets         target specification ("127.0.0.1, 127.0.0.10-20, localhost")
 * @param exclusions      exclusion specification in the same syntax, may be empty
 * @param ports           port specification ("top-1000", "22,80,443", "1-1024", "all")
 * @param discovery       true: probe hosts first and skip those that do not answer; false: treat all as up
 * @param timeoutMs       initial per-probe connect timeout (adapted per host from measured RTTs)
 * @param rateLimit       global probe rate cap in probes/s, 0 = unlimited
 * @param concurrency     cap on probes in flight (further limited by the file-descriptor budget)
 * @param serviceDetection identify services on open ports
 * @param checks          run vulnerability checks on identified services
 * @param profile         name of the profile these options came from ("default", "quick", "full", "custom")
 */
public record ScanConfig(String targets, String exclusions, String ports, boolean discovery, int timeoutMs,
                         int rateLimit, int concurrency, boolean serviceDetection, boolean checks, String profile) {

    public static final int DEFAULT_TIMEOUT_MS = 1000;
    public static final int DEFAULT_CONCURRENCY = 4000;

    public ScanConfig {
        targets = targets == null ? "" : targets.strip();
        exclusions = exclusions == null ? "" : exclusions.strip();
        ports = ports == null || ports.isBlank() ? "top-1000" : ports.strip();
        profile = profile == null || profile.isBlank() ? "default" : profile;
        if (timeoutMs <= 0) timeoutMs = DEFAULT_TIMEOUT_MS;
        if (rateLimit < 0) throw new IllegalArgumentException("rate limit must be 0 (unlimited) or positive, was " + rateLimit);
        if (concurrency <= 0) concurrency = DEFAULT_CONCURRENCY;
    }

    public static ScanConfig defaults(String targets) {
        return new ScanConfig(targets, "", "top-1000", true, DEFAULT_TIMEOUT_MS, 0, DEFAULT_CONCURRENCY, true, true, "default");
    }

    public ScanConfig withTargets(String newTargets) {
        return new ScanConfig(newTargets, exclusions, ports, discovery, timeoutMs, rateLimit, concurrency, serviceDetection, checks, profile);
    }

    public ScanConfig withPorts(String newPorts) {
        return new ScanConfig(targets, exclusions, newPorts, discovery, timeoutMs, rateLimit, concurrency, serviceDetection, checks, profile);
    }

    public ScanConfig withExclusions(String newExclusions) {
        return new ScanConfig(targets, newExclusions, ports, discovery, timeoutMs, rateLimit, concurrency, serviceDetection, checks, profile);
    }

    public ScanConfig withDiscovery(boolean on) {
        return new ScanConfig(targets, exclusions, ports, on, timeoutMs, rateLimit, concurrency, serviceDetection, checks, profile);
    }
}
