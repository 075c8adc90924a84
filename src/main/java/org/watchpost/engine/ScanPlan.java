package org.watchpost.engine;

/** The size of a scan, known before it starts. */
public record ScanPlan(long hosts, int ports) {
    public long probes() {
        return hosts * (long) ports;
    }
}
