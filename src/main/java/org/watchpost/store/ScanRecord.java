package org.watchpost.store;

import java.time.Duration;
import java.time.Instant;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.store.entity.ScanEntity;

/** Read model of one scan: identity, configuration, lifecycle and counters. */
public record ScanRecord(long id, String name, ScanStatus status, ScanConfig config, String origin, Long monitorId,
                         Long rerunOf, Instant createdAt, Instant startedAt, Instant finishedAt, long hostCount,
                         long hostsUp, long openPorts, double progress, SeverityCounts severities, String error,
                         int investigationCount) {

    public String scanId() {
        return ScanIds.format(id);
    }

    /** Run time so far (running) or in total (ended); null before start. */
    public Duration duration(Instant now) {
        if (startedAt == null) return null;
        Instant end = finishedAt != null ? finishedAt : (status.isActive() ? now : startedAt);
        return Duration.between(startedAt, end);
    }

    public boolean fromMonitor() {
        return "monitor".equals(origin);
    }

    static ScanRecord of(ScanEntity e, int investigationCount) {
        ScanConfig cfg = new ScanConfig(e.targets, e.exclusions, e.ports, e.discovery, e.timeoutMs, e.rateLimit,
                e.concurrency, e.serviceDetection, e.checks, e.profile);
        return new ScanRecord(e.id, e.name, ScanStatus.valueOf(e.status), cfg, e.origin, e.monitorId, e.rerunOf,
                Instant.ofEpochMilli(e.createdAt), e.startedAt == null ? null : Instant.ofEpochMilli(e.startedAt),
                e.finishedAt == null ? null : Instant.ofEpochMilli(e.finishedAt), e.hostCount, e.hostsUp, e.openPorts,
                e.progress, new SeverityCounts(e.nCritical, e.nHigh, e.nMedium, e.nLow, e.nInfo), e.error,
                investigationCount);
    }
}
