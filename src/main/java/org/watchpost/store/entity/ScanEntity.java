package org.watchpost.store.entity;

import com.j256.ormlite.field.DatabaseField;
import com.j256.ormlite.table.DatabaseTable;

/** Row of {@code scans}: a scan's configuration, lifecycle and denormalised counters. */
@DatabaseTable(tableName = "scans")
public class ScanEntity {
    @DatabaseField(id = true, columnName = "id") public long id;
    @DatabaseField(columnName = "name", canBeNull = false) public String name;
    @DatabaseField(columnName = "status", canBeNull = false) public String status;
    @DatabaseField(columnName = "targets", canBeNull = false) public String targets;
    @DatabaseField(columnName = "exclusions", canBeNull = false) public String exclusions = "";
    @DatabaseField(columnName = "ports", canBeNull = false) public String ports;
    @DatabaseField(columnName = "discovery") public boolean discovery;
    @DatabaseField(columnName = "timeout_ms") public int timeoutMs;
    @DatabaseField(columnName = "rate_limit") public int rateLimit;
    @DatabaseField(columnName = "concurrency") public int concurrency;
    @DatabaseField(columnName = "service_detection") public boolean serviceDetection;
    @DatabaseField(columnName = "checks") public boolean checks;
    @DatabaseField(columnName = "profile") public String profile;
    @DatabaseField(columnName = "origin") public String origin;
    @DatabaseField(columnName = "monitor_id") public Long monitorId;
    @DatabaseField(columnName = "rerun_of") public Long rerunOf;
    @DatabaseField(columnName = "created_at") public long createdAt;
    @DatabaseField(columnName = "started_at") public Long startedAt;
    @DatabaseField(columnName = "finished_at") public Long finishedAt;
    @DatabaseField(columnName = "host_count") public long hostCount;
    @DatabaseField(columnName = "hosts_up") public long hostsUp;
    @DatabaseField(columnName = "open_ports") public long openPorts;
    @DatabaseField(columnName = "progress") public double progress;
    @DatabaseField(columnName = "n_critical") public long nCritical;
    @DatabaseField(columnName = "n_high") public long nHigh;
    @DatabaseField(columnName = "n_medium") public long nMedium;
    @DatabaseField(columnName = "n_low") public long nLow;
    @DatabaseField(columnName = "n_info") public long nInfo;
    @DatabaseField(columnName = "error") public String error;
    /** Configuration edited for the next runs (JSON), or null: the scan's own record stays as it ran. */
    @DatabaseField(columnName = "next_config") public String nextConfig;

    public ScanEntity() {
        // for ORMLite
    }
}
