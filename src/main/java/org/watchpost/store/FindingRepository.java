package org.watchpost.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.watchpost.engine.model.Severity;

/**
 * Findings of every scan, for the Vulnerabilities view: filtered in SQL, ordered worst first
 * ({@code severity DESC, cvss DESC} with unscored findings last, then newest first by id) and
 * read in pages with a keyset cursor, so the millionth finding costs no more than the first
 * page. Reads run on the caller's thread (never the FX thread).
 */
public final class FindingRepository {
    /** The order of every listing; {@code findings_order} (Schema V2) serves it without a sort. */
    static final String ORDER = " ORDER BY severity DESC, cvss DESC, id DESC";

    private final Database db;

    public FindingRepository(Database db) {
        this.db = db;
    }

    /**
     * Where a page ends: the sort key of its last row. The next page starts strictly after it.
     */
    public record Cursor(int severityRank, Double cvss, long id) {
        public static Cursor after(FindingRecord last) {
            return new Cursor(last.severity().rank(), last.cvss(), last.id());
        }
    }

    /**
     * One page of findings matching {@code q}.
     *
     * @param after the cursor of the previous page's last row, or null for the first page
     * @param limit rows per page (1–10,000)
     */
    public Page<FindingRecord> page(FindingQuery q, Cursor after, int limit) {
        if (limit < 1 || limit > 10_000) throw new IllegalArgumentException("page size must be 1–10000, was " + limit);
        if (q.severities().isEmpty()) return new Page<>(List.of(), false);
        List<Object> args = new ArrayList<>();
        String sql = pageSql(q, after, limit + 1, args);
        return db.read(c -> {
            List<FindingRecord> out = new ArrayList<>(Math.min(limit + 1, 1024));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(ScanRepository.mapFinding(rs));
                }
            }
            boolean more = out.size() > limit;
            return new Page<>(more ? out.subList(0, limit) : out, more);
        });
    }

    /** Number of findings matching {@code q}. On a million rows with a text filter this takes a while: call it in the background. */
    public long count(FindingQuery q) {
        if (q.severities().isEmpty()) return 0;
        List<Object> args = new ArrayList<>();
        String sql = "SELECT count(*) FROM findings" + where(q, args);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Service names identified in any scan (case-insensitively distinct, alphabetical, at most
     * {@code max}): the service filter's choices. Read from the services table, which is far
     * smaller than the findings.
     */
    public List<String> serviceNames(int max) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT min(service) FROM services"
                    + " WHERE service IS NOT NULL AND service <> '' GROUP BY service COLLATE NOCASE"
                    + " ORDER BY service COLLATE NOCASE LIMIT ?")) {
                ps.setInt(1, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static String pageSql(FindingQuery q, Cursor after, int limit, List<Object> args) {
        StringBuilder where = where(q, args);
        if (after != null) {
            and(where);
            // "strictly after" in (severity DESC, cvss DESC with NULL last, id DESC)
            if (after.cvss() == null) {
                where.append("(severity < ? OR (severity = ? AND cvss IS NULL AND id < ?))");
                args.add(after.severityRank());
                args.add(after.severityRank());
                args.add(after.id());
            } else {
                where.append("(severity < ? OR (severity = ? AND (cvss < ? OR cvss IS NULL OR (cvss = ? AND id < ?))))");
                args.add(after.severityRank());
                args.add(after.severityRank());
                args.add(after.cvss());
                args.add(after.cvss());
                args.add(after.id());
            }
        }
        return "SELECT " + ScanRepository.FINDING_COLUMNS + " FROM findings" + where + ORDER + " LIMIT " + limit;
    }

    /**
     * SQLite's plan for a page query, one line per step (e.g. {@code SCAN findings USING INDEX
     * findings_order}): lets tests and the bench check that no sort of all findings is needed.
     */
    public List<String> explainPage(FindingQuery q, Cursor after) {
        List<Object> args = new ArrayList<>();
        String sql = "EXPLAIN QUERY PLAN " + pageSql(q, after, 500, args);
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString("detail"));
                }
            }
            return out;
        });
    }

    private static StringBuilder where(FindingQuery q, List<Object> args) {
        StringBuilder w = new StringBuilder();
        if (q.severities().size() < Severity.values().length) {
            and(w);
            List<Integer> ranks = q.severities().stream().map(Severity::rank).sorted().toList();
            boolean contiguous = ranks.get(ranks.size() - 1) - ranks.get(0) == ranks.size() - 1;
            if (contiguous) {
                // a range keeps the ordered index walk (an IN list of several values may not)
                w.append("severity BETWEEN ? AND ?");
                args.add(ranks.get(0));
                args.add(ranks.get(ranks.size() - 1));
            } else {
                w.append("severity IN (").append(ranks.stream().map(r -> "?").collect(Collectors.joining(","))).append(')');
                args.addAll(ranks);
            }
        }
        if (q.scanId() != null) {
            and(w);
            w.append("scan_id = ?");
            args.add(q.scanId());
        }
        if (q.host() != null) {
            and(w);
            w.append("address LIKE ? ESCAPE '\\'");
            args.add(contains(q.host()));
        }
        if (q.service() != null) {
            and(w);
            w.append("service = ? COLLATE NOCASE");
            args.add(q.service());
        }
        if (q.text() != null) {
            and(w);
            w.append("(title LIKE ? ESCAPE '\\' OR check_id LIKE ? ESCAPE '\\' OR cves LIKE ? ESCAPE '\\')");
            String p = contains(q.text());
            args.add(p);
            args.add(p);
            args.add(p);
        }
        return w;
    }

    private static void and(StringBuilder w) {
        w.append(w.length() == 0 ? " WHERE " : " AND ");
    }

    /** A LIKE pattern matching {@code s} anywhere, with LIKE's own wildcards taken literally. */
    static String contains(String s) {
        return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Integer n) ps.setInt(i + 1, n);
            else if (a instanceof Long n) ps.setLong(i + 1, n);
            else if (a instanceof Double d) ps.setDouble(i + 1, d);
            else ps.setString(i + 1, (String) a);
        }
    }
}
