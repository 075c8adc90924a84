package org.watchpost.engine.vulndb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Tables of the vulnerability database file (its own SQLite file, not the scan store). */
final class VulnDbSchema {
    /** Stored in {@code PRAGMA user_version} and in {@code meta.schema_version}. */
    static final int VERSION = 1;

    private VulnDbSchema() {
    }

    private static final String[] DDL = {
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        // one row per source kind: nvd, kev, epss. date = date of the data (feed timestamp,
        // KEV dateReleased, EPSS score_date), version = feed format / catalogVersion / model_version
        "CREATE TABLE IF NOT EXISTS source (name TEXT PRIMARY KEY, version TEXT, date TEXT, records INTEGER NOT NULL, file TEXT)",
        "CREATE TABLE IF NOT EXISTS cve (id TEXT PRIMARY KEY, description TEXT NOT NULL, published TEXT NOT NULL,"
                + " last_modified TEXT NOT NULL, vuln_status TEXT, cvss_score REAL, cvss_vector TEXT, cvss_severity TEXT,"
                + " cvss_version TEXT, cwe TEXT, cisa_exploit_add TEXT, cisa_action_due TEXT, cisa_required_action TEXT)",
        "CREATE TABLE IF NOT EXISTS cve_reference (cve_id TEXT NOT NULL, url TEXT NOT NULL, source TEXT, tags TEXT)",
        "CREATE INDEX IF NOT EXISTS cve_reference_cve ON cve_reference(cve_id)",
        "CREATE TABLE IF NOT EXISTS cpe_match (cve_id TEXT NOT NULL, criteria TEXT NOT NULL, vulnerable INTEGER NOT NULL,"
                + " part TEXT NOT NULL, vendor TEXT NOT NULL, product TEXT NOT NULL, version TEXT, update_ TEXT,"
                + " version_start_including TEXT, version_start_excluding TEXT, version_end_including TEXT,"
                + " version_end_excluding TEXT, in_and_config INTEGER NOT NULL DEFAULT 0)",
        "CREATE INDEX IF NOT EXISTS cpe_match_product ON cpe_match(vendor, product)",
        "CREATE INDEX IF NOT EXISTS cpe_match_cve ON cpe_match(cve_id)",
        "CREATE TABLE IF NOT EXISTS kev (cve_id TEXT PRIMARY KEY, vendor_project TEXT, product TEXT, vulnerability_name TEXT,"
                + " date_added TEXT NOT NULL, due_date TEXT, known_ransomware_campaign_use TEXT, required_action TEXT,"
                + " short_description TEXT)",
        "CREATE TABLE IF NOT EXISTS epss (cve_id TEXT PRIMARY KEY, score REAL NOT NULL, percentile REAL NOT NULL)",
    };

    /** Creates missing tables; refuses a file of another schema version. */
    static void ensure(Connection c) throws SQLException {
        int v;
        try (Statement st = c.createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
            v = rs.next() ? rs.getInt(1) : 0;
        }
        if (v != 0 && v != VERSION) {
            throw new SQLException("vulnerability database has schema version " + v + ", this version of Watchpost reads " + VERSION);
        }
        if (v == VERSION) return;
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (String sql : DDL) st.execute(sql);
            st.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" + VERSION + "')");
            st.execute("PRAGMA user_version = " + VERSION);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
