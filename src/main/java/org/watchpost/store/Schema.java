package org.watchpost.store;

import java.util.List;

/**
 * The numbered migrations of the Watchpost database. Append new steps; never edit a
 * released one. {@code PRAGMA user_version} records the last applied step.
 */
public final class Schema {
    private Schema() {
    }

    static final Migration V1 = new Migration(1, "scans, events, hosts, services, findings, investigations, monitors", List.of(
            """
            CREATE TABLE sequences (
              name TEXT PRIMARY KEY,
              next_value INTEGER NOT NULL
            )""",
            "INSERT INTO sequences(name, next_value) VALUES ('scan', 1)",
            """
            CREATE TABLE monitors (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              name TEXT NOT NULL,
              targets TEXT NOT NULL,
              exclusions TEXT NOT NULL DEFAULT '',
              ports TEXT NOT NULL,
              discovery INTEGER NOT NULL DEFAULT 1,
              timeout_ms INTEGER NOT NULL,
              rate_limit INTEGER NOT NULL DEFAULT 0,
              concurrency INTEGER NOT NULL,
              service_detection INTEGER NOT NULL DEFAULT 1,
              checks INTEGER NOT NULL DEFAULT 1,
              profile TEXT NOT NULL DEFAULT 'default',
              schedule_kind TEXT NOT NULL,
              schedule_expr TEXT NOT NULL,
              enabled INTEGER NOT NULL DEFAULT 1,
              next_run_at INTEGER,
              last_run_at INTEGER,
              created_at INTEGER NOT NULL
            )""",
            """
            CREATE TABLE scans (
              id INTEGER PRIMARY KEY,
              name TEXT NOT NULL,
              status TEXT NOT NULL,
              targets TEXT NOT NULL,
              exclusions TEXT NOT NULL DEFAULT '',
              ports TEXT NOT NULL,
              discovery INTEGER NOT NULL DEFAULT 1,
              timeout_ms INTEGER NOT NULL,
              rate_limit INTEGER NOT NULL DEFAULT 0,
              concurrency INTEGER NOT NULL,
              service_detection INTEGER NOT NULL DEFAULT 1,
              checks INTEGER NOT NULL DEFAULT 1,
              profile TEXT NOT NULL DEFAULT 'default',
              origin TEXT NOT NULL DEFAULT 'ui',
              monitor_id INTEGER REFERENCES monitors(id) ON DELETE SET NULL,
              rerun_of INTEGER,
              created_at INTEGER NOT NULL,
              started_at INTEGER,
              finished_at INTEGER,
              host_count INTEGER NOT NULL DEFAULT 0,
              hosts_up INTEGER NOT NULL DEFAULT 0,
              open_ports INTEGER NOT NULL DEFAULT 0,
              progress REAL NOT NULL DEFAULT 0,
              n_critical INTEGER NOT NULL DEFAULT 0,
              n_high INTEGER NOT NULL DEFAULT 0,
              n_medium INTEGER NOT NULL DEFAULT 0,
              n_low INTEGER NOT NULL DEFAULT 0,
              n_info INTEGER NOT NULL DEFAULT 0,
              error TEXT,
              next_config TEXT,
              stop_requested INTEGER NOT NULL DEFAULT 0
            )""",
            "CREATE INDEX scans_status ON scans(status)",
            "CREATE INDEX scans_created ON scans(created_at DESC)",
            "CREATE INDEX scans_monitor ON scans(monitor_id)",
            """
            CREATE TABLE scan_events (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
              at INTEGER NOT NULL,
              level TEXT NOT NULL,
              message TEXT NOT NULL
            )""",
            "CREATE INDEX scan_events_scan ON scan_events(scan_id, id)",
            """
            CREATE TABLE hosts (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
              address TEXT NOT NULL,
              hostname TEXT,
              up INTEGER NOT NULL,
              reason TEXT,
              rtt_micros INTEGER NOT NULL DEFAULT -1,
              closed_ports INTEGER NOT NULL DEFAULT 0,
              filtered_ports INTEGER NOT NULL DEFAULT 0,
              UNIQUE(scan_id, address)
            )""",
            """
            CREATE TABLE services (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
              host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
              address TEXT NOT NULL,
              port INTEGER NOT NULL,
              protocol TEXT NOT NULL DEFAULT 'tcp',
              state TEXT NOT NULL,
              rtt_micros INTEGER NOT NULL DEFAULT -1,
              service TEXT,
              product TEXT,
              version TEXT,
              cpe TEXT,
              tls INTEGER NOT NULL DEFAULT 0,
              banner TEXT,
              extra TEXT,
              UNIQUE(scan_id, address, port, protocol)
            )""",
            "CREATE INDEX services_host ON services(host_id)",
            """
            CREATE TABLE findings (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
              check_id TEXT NOT NULL,
              severity INTEGER NOT NULL,
              cvss REAL,
              cvss_vector TEXT,
              cves TEXT NOT NULL DEFAULT '',
              cwe TEXT,
              title TEXT NOT NULL,
              description TEXT,
              remediation TEXT,
              evidence TEXT,
              address TEXT,
              port INTEGER NOT NULL DEFAULT 0,
              service TEXT,
              confidence TEXT,
              known_exploited INTEGER NOT NULL DEFAULT 0,
              status TEXT NOT NULL DEFAULT 'open',
              dedup_key TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              UNIQUE(scan_id, dedup_key)
            )""",
            "CREATE INDEX findings_rank ON findings(severity DESC, cvss DESC, id)",
            "CREATE INDEX findings_scan ON findings(scan_id, severity DESC)",
            "CREATE INDEX findings_address ON findings(address)",
            """
            CREATE TABLE investigations (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              name TEXT NOT NULL,
              description TEXT NOT NULL DEFAULT '',
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL
            )""",
            """
            CREATE TABLE investigation_scans (
              investigation_id INTEGER NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
              scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
              added_at INTEGER NOT NULL,
              PRIMARY KEY (investigation_id, scan_id)
            )""",
            "CREATE INDEX investigation_scans_scan ON investigation_scans(scan_id)"
    ));

    /**
     * The Vulnerabilities view lists every finding worst first and, within equal severity and
     * CVSS, newest first. Walking this index backwards yields exactly
     * {@code severity DESC, cvss DESC, id DESC} (the rowid closes every index), so the first page
     * of a million findings needs no sort. {@code findings_rank} ends in {@code id} ascending and
     * would need a temporary sort of each (severity, cvss) group.
     */
    static final Migration V2_FINDINGS_ORDER = new Migration(2, "index for listing all findings worst and newest first", List.of(
            "CREATE INDEX findings_order ON findings(severity, cvss)"
    ));

    /**
     * Monitor runs (each scheduled, caught-up, skipped or failed start of a monitor, with the
     * scheduled times it stands for) and change digests (what a monitor scan changed against
     * the monitor's previous scan). Numbered 3 so that it does not clash with another branch's
     * step 2; the order of application is the list order in {@link #all()}.
     */
    static final Migration V3_MONITOR_RUNS = new Migration(3, "monitor runs and change digests", List.of(
            """
            CREATE TABLE monitor_runs (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              monitor_id INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
              scheduled_for INTEGER,
              started_at INTEGER NOT NULL,
              scan_id INTEGER REFERENCES scans(id) ON DELETE SET NULL,
              outcome TEXT NOT NULL,
              run_trigger TEXT NOT NULL,
              catch_up INTEGER NOT NULL DEFAULT 0,
              missed_count INTEGER NOT NULL DEFAULT 0,
              missed_times TEXT NOT NULL DEFAULT '',
              message TEXT
            )""",
            "CREATE INDEX monitor_runs_monitor ON monitor_runs(monitor_id, id DESC)",
            "CREATE INDEX monitor_runs_scan ON monitor_runs(scan_id)",
            "CREATE INDEX monitors_due ON monitors(enabled, next_run_at)",
            """
            CREATE TABLE monitor_digests (
              scan_id INTEGER PRIMARY KEY REFERENCES scans(id) ON DELETE CASCADE,
              monitor_id INTEGER REFERENCES monitors(id) ON DELETE SET NULL,
              previous_scan_id INTEGER REFERENCES scans(id) ON DELETE SET NULL,
              created_at INTEGER NOT NULL,
              new_ports INTEGER NOT NULL DEFAULT 0,
              closed_ports INTEGER NOT NULL DEFAULT 0,
              new_findings INTEGER NOT NULL DEFAULT 0,
              resolved_findings INTEGER NOT NULL DEFAULT 0,
              new_severe INTEGER NOT NULL DEFAULT 0,
              body TEXT NOT NULL
            )""",
            "CREATE INDEX monitor_digests_monitor ON monitor_digests(monitor_id, scan_id DESC)"
    ));

    /** All migrations, in order. */
    public static List<Migration> all() {
        return List.of(V1, V2_FINDINGS_ORDER, V3_MONITOR_RUNS);
    }

    public static int latestVersion() {
        List<Migration> all = all();
        return all.get(all.size() - 1).version();
    }
}
