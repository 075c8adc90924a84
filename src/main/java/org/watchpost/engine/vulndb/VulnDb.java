package org.watchpost.engine.vulndb;

import org.sqlite.SQLiteConfig;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Read side of the offline vulnerability database: which CVEs affect a product at a version,
 * with CVSS, CWE, CISA KEV and EPSS, from NVD CPE match criteria and their version ranges.
 * Nothing is fetched from the network.
 *
 * <p>Thread-safe: queries are serialised on one read-only connection (each is a few ms).
 * Imports through {@link VulnDbImporter} on the same file are seen by the next query.
 */
public final class VulnDb implements AutoCloseable {
    /** Days after which {@link #isStale(Clock)} warns. */
    public static final int DEFAULT_STALE_DAYS = 90;

    private final Path file;
    private final Connection conn;

    private VulnDb(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    /**
     * Opens an existing vulnerability database file read-only.
     *
     * @throws VulnDbException if it is missing, unreadable or of another schema version
     */
    public static VulnDb open(Path file) {
        if (!Files.isRegularFile(file)) throw new VulnDbException("vulnerability database not found: " + file);
        try {
            SQLiteConfig cfg = new SQLiteConfig();
            cfg.setReadOnly(true);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                int v = rs.next() ? rs.getInt(1) : 0;
                if (v != VulnDbSchema.VERSION) {
                    c.close();
                    throw new VulnDbException("vulnerability database " + file + " has schema version " + v
                            + ", expected " + VulnDbSchema.VERSION);
                }
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new VulnDb(file, c);
        } catch (SQLException e) {
            throw new VulnDbException("cannot open vulnerability database " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the database in {@code dataDir}, first expanding the dataset bundled with the
     * application there if needed (see {@link VulnDbInstaller#ensureInstalled(Path)}).
     */
    public static VulnDb openInstalled(Path dataDir) {
        return open(VulnDbInstaller.ensureInstalled(dataDir));
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    // ---------------------------------------------------------------- matching

    /**
     * CVEs whose NVD configuration lists {@code cpeVendor:cpeProduct} as vulnerable at
     * {@code version}, known-exploited first, then by CVSS score.
     *
     * @param cpeVendor  CPE vendor ("openbsd"), case-insensitive
     * @param cpeProduct CPE product ("openssh"), case-insensitive
     * @param version    version as announced: "8.2p1", or a whole banner fragment such as
     *                   "OpenSSH_8.2p1 Ubuntu-4ubuntu0.5" (the version is extracted and a
     *                   distribution marker becomes a backport caveat)
     * @return matches, empty when the version cannot be read
     */
    public List<VulnMatch> match(String cpeVendor, String cpeProduct, String version) {
        if (cpeVendor == null || cpeProduct == null || version == null) return List.of();
        String v = VersionText.extractVersion(version).orElse(version.trim());
        if (v.isEmpty() || !Character.isDigit(v.charAt(0))) return List.of();
        String distro = VersionText.distributionHint(version).orElse(null);
        return matchKeys(List.of(new ProductNames.Key(cpeVendor.toLowerCase(Locale.ROOT), cpeProduct.toLowerCase(Locale.ROOT))),
                v, distro);
    }

    /**
     * CVEs for an identified service: vendor/product from its CPE when set, else from its
     * product name (OpenSSH, Apache, nginx, …); version from its version field, else from the
     * banner. A distribution marker in the version, banner or extra adds a backport caveat.
     */
    public List<VulnMatch> match(ServiceInfo service) {
        Target t = target(service);
        if (t == null) return List.of();
        return matchKeys(t.keys, t.version, t.distro);
    }

    /** What {@link #match(ServiceInfo)} compares: CPE keys, version, distribution marker. */
    private record Target(List<ProductNames.Key> keys, String version, String distro) {
    }

    private Target target(ServiceInfo s) {
        if (s == null) return null;
        List<ProductNames.Key> keys = new ArrayList<>();
        String version = null;
        if (s.cpe() != null && !s.cpe().isBlank()) {
            try {
                Cpe cpe = Cpe.parse(s.cpe().trim());
                keys.add(new ProductNames.Key(cpe.vendor(), cpe.product()));
                if (Cpe.concrete(cpe.version())) {
                    version = cpe.version() + (Cpe.concrete(cpe.update()) ? cpe.update() : "");
                }
            } catch (IllegalArgumentException ignored) {
                // a malformed CPE from a probe: fall back to the product name
            }
        }
        if (keys.isEmpty()) keys.addAll(ProductNames.keysFor(s.product()));
        if (keys.isEmpty() && s.product() != null && !s.product().isBlank()) {
            keys.addAll(vendorsOf(s.product().trim().toLowerCase(Locale.ROOT).replace(' ', '_')));
        }
        if (keys.isEmpty()) return null;
        if (version == null) version = VersionText.extractVersion(s.version()).orElse(null);
        if (version == null) version = VersionText.extractVersion(s.banner()).orElse(null);
        if (version == null) return null;
        String distro = VersionText.distributionHint(s.version(), s.banner(), s.extra()).orElse(null);
        return new Target(keys, version, distro);
    }

    /** CPE keys whose product equals {@code product} when exactly one vendor files it. */
    private synchronized List<ProductNames.Key> vendorsOf(String product) {
        try {
            PreparedStatement ps = statement("SELECT DISTINCT vendor FROM cpe_match WHERE product = ? LIMIT 2");
            ps.setString(1, product);
            List<ProductNames.Key> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) keys.add(new ProductNames.Key(rs.getString(1), product));
            }
            return keys.size() == 1 ? keys : List.of();
        } catch (SQLException e) {
            throw readError(e);
        }
    }

    /** One vulnerable criterion row. */
    private record Criterion(String cveId, String criteria, String vendor, String product, String version, String update,
                             String startIncl, String startExcl, String endIncl, String endExcl, boolean andConfig) {
        boolean isRange() {
            return !Cpe.concrete(version);
        }

        String describe() {
            if (!isRange()) return criteria;
            List<String> b = new ArrayList<>();
            if (startIncl != null) b.add(startIncl + " <= v");
            if (startExcl != null) b.add(startExcl + " < v");
            if (endIncl != null) b.add("v <= " + endIncl);
            if (endExcl != null) b.add("v < " + endExcl);
            return b.isEmpty() ? criteria + " [all versions]" : criteria + " [" + String.join(", ", b) + "]";
        }
    }

    private synchronized List<VulnMatch> matchKeys(List<ProductNames.Key> keys, String version, String distro) {
        Version cand = Version.of(version);
        try {
            // per CVE: the criteria of the product, and which of them match
            Map<String, List<Criterion>> byCve = new LinkedHashMap<>();
            Map<String, Criterion> matched = new LinkedHashMap<>();
            for (ProductNames.Key key : keys) {
                {
            PreparedStatement ps = statement(
                        "SELECT m.cve_id, m.criteria, m.version, m.update_, m.version_start_including, m.version_start_excluding,"
                                + " m.version_end_including, m.version_end_excluding, m.in_and_config"
                                + " FROM cpe_match m JOIN cve c ON c.id = m.cve_id"
                                + " WHERE m.vendor = ? AND m.product = ? AND m.vulnerable = 1"
                                + " AND (c.vuln_status IS NULL OR c.vuln_status <> 'Rejected') ORDER BY m.cve_id, m.rowid");
                    ps.setString(1, key.vendor());
                    ps.setString(2, key.product());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Criterion c = new Criterion(rs.getString(1), rs.getString(2), key.vendor(), key.product(),
                                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                    rs.getString(8), rs.getInt(9) != 0);
                            byCve.computeIfAbsent(c.cveId, k -> new ArrayList<>()).add(c);
                            if (matches(c, cand)) {
                                Criterion prev = matched.get(c.cveId);
                                // prefer a range with an end we can turn into a fixed version, and non-platform criteria
                                if (prev == null || score(c) > score(prev)) matched.put(c.cveId, c);
                            }
                        }
                    }
                }
            }
            List<VulnMatch> out = new ArrayList<>();
            for (Criterion c : matched.values()) {
                String fixed = c.isRange() && c.endExcl != null ? fixedVersion(c.endExcl, cand, byCve.get(c.cveId)) : null;
                String lastAffected = c.isRange() && c.endIncl != null ? c.endIncl : null;
                List<String> caveats = new ArrayList<>();
                if (distro != null) {
                    caveats.add("banner shows a distribution build (" + distro
                            + "): the distribution may have backported the fix without changing the upstream version");
                }
                if (c.andConfig) caveats.add("the NVD lists this product as vulnerable only in combination with a specific platform");
                out.add(details(c.cveId, c.vendor, c.product, version, c.describe(), fixed, lastAffected,
                        VulnMatch.VERSION_MATCH, caveats.isEmpty() ? null : String.join("; ", caveats)));
            }
            out.sort(Comparator.comparing(VulnMatch::knownExploited).reversed()
                    .thenComparing(m -> m.cvssScore() == null ? -1 : m.cvssScore(), Comparator.reverseOrder())
                    .thenComparing(VulnMatch::cveId));
            return out;
        } catch (SQLException e) {
            throw readError(e);
        }
    }

    private static int score(Criterion c) {
        return (c.andConfig ? 0 : 2) + (c.isRange() && c.endExcl != null ? 1 : 0);
    }

    /**
     * True when the announced version satisfies the criterion. Exact criteria compare version
     * (and update, the NVD's place for OpenSSH's "p1"); ranges compare the bounds. A bound
     * without a patch level covers that release's patch levels at the upper end and excludes
     * them at an exclusive lower end: "≤ 7.7" includes 7.7p1, "< 9.8" excludes 9.8p1.
     */
    static boolean matches(Criterion c, Version cand) {
        if (!c.isRange()) {
            Version v = Version.of(c.version);
            if (Cpe.concrete(c.update)) {
                return cand.compareTo(Version.of(c.version + c.update)) == 0
                        || (cand.release().compareTo(v) == 0 && c.update.equalsIgnoreCase(cand.patchLevel()));
            }
            if ("-".equals(c.update)) return cand.compareTo(v) == 0;
            return cand.compareTo(v) == 0 || cand.release().compareTo(v) == 0;
        }
        if ("-".equals(c.version)) return false;
        if (c.startIncl != null && cand.compareTo(Version.of(c.startIncl)) < 0) return false;
        if (c.startExcl != null) {
            Version b = Version.of(c.startExcl);
            if (cand.compareTo(b) <= 0 || samePatchedRelease(cand, b)) return false;
        }
        if (c.endIncl != null) {
            Version b = Version.of(c.endIncl);
            if (cand.compareTo(b) > 0 && !samePatchedRelease(cand, b)) return false;
        }
        if (c.endExcl != null && cand.compareTo(Version.of(c.endExcl)) >= 0) return false;
        return true;
    }

    /** {@code 7.7p1} against bound {@code 7.7}: same release, patch level only in the candidate. */
    private static boolean samePatchedRelease(Version cand, Version bound) {
        return cand.patchLevel() != null && bound.patchLevel() == null && cand.release().compareTo(bound) == 0;
    }

    /**
     * The first fixed version from versionEndExcluding. When the announced version carries a
     * patch level (OpenSSH portable "9.3p2") and the bound does not ("9.8"), the fixed release
     * is the bound's first patch level the CVE does not list as vulnerable: 9.8p1 for
     * CVE-2024-6387 (which lists 9.8 without update), 9.3p2 for CVE-2023-38408 (lists 9.3p1).
     */
    static String fixedVersion(String endExcl, Version cand, List<Criterion> all) {
        Version end = Version.of(endExcl);
        if (cand.patchLevel() == null || end.patchLevel() != null) return endExcl;
        for (int n = 1; n < 20; n++) {
            Version p = Version.of(endExcl + "p" + n);
            boolean listed = false;
            for (Criterion c : all) {
                if (!c.isRange() && !"*".equals(c.update) && matches(c, p)) {
                    listed = true;
                    break;
                }
            }
            if (!listed) return endExcl + "p" + n;
        }
        return endExcl;
    }

    private VulnMatch details(String cveId, String vendor, String product, String version, String criteria, String fixed,
                              String lastAffected, String confidence, String caveat) throws SQLException {
        String description = "", cvssVector = null, cvssVersion = null, cwe = null, cisaAdd = null, cisaDue = null,
                cisaAction = null;
        Double cvss = null;
        LocalDate published = null;
        {
            PreparedStatement ps = statement("SELECT description, published, cvss_score, cvss_vector, cvss_version,"
                + " cwe, cisa_exploit_add, cisa_action_due, cisa_required_action FROM cve WHERE id = ?");
            ps.setString(1, cveId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    description = rs.getString(1);
                    published = date(rs.getString(2));
                    double s = rs.getDouble(3);
                    cvss = rs.wasNull() ? null : s;
                    cvssVector = rs.getString(4);
                    cvssVersion = rs.getString(5);
                    cwe = firstCwe(rs.getString(6));
                    cisaAdd = rs.getString(7);
                    cisaDue = rs.getString(8);
                    cisaAction = rs.getString(9);
                }
            }
        }
        boolean kev = cisaAdd != null;
        String kevAction = cisaAction;
        LocalDate kevDue = date(cisaDue);
        boolean ransomware = false;
        {
            PreparedStatement ps = statement(
                "SELECT required_action, due_date, known_ransomware_campaign_use FROM kev WHERE cve_id = ?");
            ps.setString(1, cveId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    kev = true;
                    kevAction = rs.getString(1);
                    kevDue = date(rs.getString(2));
                    ransomware = "Known".equalsIgnoreCase(rs.getString(3));
                }
            }
        }
        Double epss = null, pct = null;
        {
            PreparedStatement ps = statement("SELECT score, percentile FROM epss WHERE cve_id = ?");
            ps.setString(1, cveId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    epss = rs.getDouble(1);
                    pct = rs.getDouble(2);
                }
            }
        }
        List<String> refs = new ArrayList<>();
        {
            PreparedStatement ps = statement("SELECT url FROM cve_reference WHERE cve_id = ? ORDER BY rowid");
            ps.setString(1, cveId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) refs.add(rs.getString(1));
            }
        }
        Severity severity = cvss != null ? Severity.fromCvss(cvss) : kev ? Severity.HIGH : Severity.MEDIUM;
        return new VulnMatch(cveId, cvss, cvssVector, cvssVersion, severity, cwe, description, published, kev, kevAction,
                kevDue, ransomware, epss, pct, vendor, product, version, criteria, fixed, lastAffected, confidence, caveat, refs);
    }

    private static String firstCwe(String list) {
        if (list == null) return null;
        for (String c : list.split(",")) if (c.startsWith("CWE-")) return c;
        return null;
    }

    private static LocalDate date(String s) {
        if (s == null || s.length() < 10) return null;
        try {
            return LocalDate.parse(s.substring(0, 10));
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- single CVE facts

    /**
     * What the database knows about one CVE (CVSS, CWE, KEV, EPSS), as a match without
     * product fields, confidence or caveat; empty when the CVE is neither in the NVD data nor
     * in KEV. Useful to enrich findings of other checks that name CVEs.
     */
    public synchronized Optional<VulnMatch> describe(String cveId) {
        if (cveId == null) return Optional.empty();
        try {
            VulnMatch m = details(cveId.trim().toUpperCase(Locale.ROOT), null, null, null, null, null, null, null, null);
            boolean known = m.knownExploited() || m.cvssScore() != null || !m.description().isEmpty() || m.published() != null;
            return known ? Optional.of(m) : Optional.empty();
        } catch (SQLException e) {
            throw readError(e);
        }
    }

    /** True when the CVE is in the CISA KEV catalog (or its NVD record carries the KEV dates). */
    public boolean isKnownExploited(String cveId) {
        return describe(cveId).map(VulnMatch::knownExploited).orElse(false);
    }

    // ---------------------------------------------------------------- dataset

    /** Dataset date, counts and sources. */
    public synchronized DatasetInfo info() {
        try (Statement st = conn.createStatement()) {
            LocalDate datasetDate = null;
            int schema = 0;
            try (ResultSet rs = st.executeQuery("SELECT key, value FROM meta")) {
                while (rs.next()) {
                    if (rs.getString(1).equals("dataset_date")) datasetDate = LocalDate.parse(rs.getString(2));
                    if (rs.getString(1).equals("schema_version")) schema = Integer.parseInt(rs.getString(2));
                }
            }
            long[] counts = new long[4];
            String[] tables = {"cve", "cpe_match", "kev", "epss"};
            for (int i = 0; i < tables.length; i++) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + tables[i])) {
                    rs.next();
                    counts[i] = rs.getLong(1);
                }
            }
            List<DatasetInfo.Source> sources = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name, version, date, records, file FROM source ORDER BY name")) {
                while (rs.next()) {
                    sources.add(new DatasetInfo.Source(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5)));
                }
            }
            return new DatasetInfo(datasetDate, schema, counts[0], counts[1], counts[2], counts[3], sources);
        } catch (SQLException e) {
            throw readError(e);
        }
    }

    /** {@link #isStale(Clock, int)} with {@value #DEFAULT_STALE_DAYS} days. */
    public boolean isStale(Clock clock) {
        return isStale(clock, DEFAULT_STALE_DAYS);
    }

    /**
     * True when the dataset date is more than {@code days} days before today (in the clock's
     * zone), or unknown. The UI should then warn that recent CVEs are missing.
     */
    public boolean isStale(Clock clock, int days) {
        LocalDate d = info().datasetDate();
        return d == null || LocalDate.now(clock).isAfter(d.plusDays(days));
    }

    private final Map<String, PreparedStatement> statements = new java.util.HashMap<>();

    /** A prepared statement cached for the connection's life (callers hold the monitor). */
    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = conn.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private VulnDbException readError(SQLException e) {
        return new VulnDbException("cannot read vulnerability database " + file + ": " + e.getMessage(), e);
    }

    /** Product keys that {@link #match(ServiceInfo)} would query, for diagnostics ("openbsd:openssh"). */
    public List<String> productKeys(ServiceInfo service) {
        Target t = target(service);
        if (t == null) return List.of();
        Set<String> out = new LinkedHashSet<>();
        for (ProductNames.Key k : t.keys) out.add(k.vendor() + ":" + k.product());
        return List.copyOf(out);
    }

    @Override
    public synchronized void close() {
        try {
            for (PreparedStatement ps : statements.values()) ps.close();
            statements.clear();
            conn.close();
        } catch (SQLException e) {
            throw readError(e);
        }
    }
}
