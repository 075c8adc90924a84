package org.watchpost.engine.vulndb;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Imports vulnerability knowledge from files, for air-gapped updates: NVD CVE JSON 2.0
 * (a feed {@code {"vulnerabilities":[{"cve":{…}}]}} or a single CVE record, plain or gzip),
 * the CISA KEV catalog JSON, and a FIRST EPSS CSV (plain or gzip).
 *
 * <p>Each file is imported in one transaction: it is read as a stream (one record in memory
 * at a time), every record is validated, and only a fully valid file is committed. Any problem
 * raises {@link VulnDbImportException} naming the file, the place and the problem, and the
 * database is left exactly as it was.
 *
 * <p>Not thread-safe; one importer per database file at a time (SQLite has one writer).
 */
public final class VulnDbImporter implements AutoCloseable {

    /** What one import did. {@code kind} is {@code nvd}, {@code kev} or {@code epss}. */
    public record ImportResult(String kind, Path file, int added, int updated, int skipped) {
        /** Records read from the file. */
        public int total() {
            return added + updated + skipped;
        }

        @Override
        public String toString() {
            return kind + " " + file.getFileName() + ": " + added + " added, " + updated + " updated, " + skipped + " skipped";
        }
    }

    static final Pattern CVE_ID = Pattern.compile("^CVE-\\d{4}-\\d{4,19}$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}.*");

    private final ObjectMapper mapper = new ObjectMapper();
    private final Connection conn;
    private final Path dbFile;

    private VulnDbImporter(Path dbFile, Connection conn) {
        this.dbFile = dbFile;
        this.conn = conn;
    }

    /**
     * Opens (creating if needed) a vulnerability database file for writing.
     *
     * @throws VulnDbException if the file cannot be opened or has another schema version
     */
    public static VulnDbImporter open(Path dbFile) {
        try {
            Path parent = dbFile.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath());
            try {
                VulnDbSchema.ensure(c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new VulnDbImporter(dbFile, c);
        } catch (SQLException | IOException e) {
            throw new VulnDbException("cannot open vulnerability database " + dbFile + ": " + e.getMessage(), e);
        }
    }

    /** The database file written to. */
    public Path databaseFile() {
        return dbFile;
    }

    /**
     * Imports a file of any supported kind, recognised by content: a CSV (name ending
     * {@code .csv} or {@code .csv.gz}) is EPSS, a JSON object with {@code catalogVersion} is
     * KEV, any other JSON is NVD.
     */
    public ImportResult importFile(Path file) throws VulnDbImportException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".csv.gz")) return importEpss(file);
        byte[] head = new byte[8192];
        int n;
        try (InputStream in = openMaybeGzip(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new VulnDbImportException(file, null, describe(e), e);
        }
        String start = new String(head, 0, n, StandardCharsets.UTF_8);
        if (start.contains("\"catalogVersion\"")) return importKev(file);
        return importNvd(file);
    }

    // ---------------------------------------------------------------- NVD

    /** Imports an NVD CVE JSON 2.0 feed or single-record file ({@code .json} or {@code .json.gz}). */
    public ImportResult importNvd(Path file) throws VulnDbImportException {
        return inTransaction(file, "nvd", new Job() {
            @Override
            public void run(Counts counts, Where where) throws Exception {
                NvdWriter w = new NvdWriter(counts);
                String fileDate;
                String formatVersion = "2.0";
                try (InputStream in = openMaybeGzip(file); JsonParser p = mapper.createParser(in)) {
                    where.parser = p;
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        throw new Bad(null, "expected a JSON object (an NVD CVE JSON 2.0 feed or CVE record)");
                    }
                    ObjectNode header = mapper.createObjectNode();
                    boolean feed = false;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken t = p.nextToken();
                        if (field.equals("vulnerabilities")) {
                            if (t != JsonToken.START_ARRAY) throw new Bad(null, "'vulnerabilities' must be an array");
                            feed = true;
                            int index = 0;
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                where.record = "vulnerabilities[" + index + "]";
                                if (p.currentToken() != JsonToken.START_OBJECT) throw new Bad(where.record, "expected an object");
                                JsonNode item = mapper.readTree(p);
                                JsonNode cve = item.get("cve");
                                if (cve == null || !cve.isObject()) throw new Bad(where.record, "missing 'cve' object");
                                w.store(cve, where);
                                index++;
                            }
                            where.record = null;
                        } else {
                            header.set(field, mapper.readTree(p));
                        }
                    }
                    if (p.nextToken() != null) throw new Bad(null, "unexpected content after the top-level object");
                    if (feed) {
                        String format = header.path("format").asText(null);
                        if (format != null && !format.equals("NVD_CVE")) {
                            throw new Bad(null, "feed format is '" + format + "', expected NVD_CVE");
                        }
                        String version = header.path("version").asText(null);
                        if (version != null) {
                            if (!version.startsWith("2.")) throw new Bad(null, "feed version is '" + version + "', expected 2.x");
                            formatVersion = version;
                        }
                        fileDate = header.path("timestamp").asText(null);
                        if (fileDate != null && !DATE.matcher(fileDate).matches()) {
                            throw new Bad(null, "feed 'timestamp' is not a date: '" + fileDate + "'");
                        }
                        if (fileDate == null) fileDate = w.maxLastModified;
                    } else if (header.has("id")) {
                        where.record = "record";
                        w.store(header, where);
                        fileDate = w.maxLastModified;
                    } else if (header.path("cve").isObject()) {
                        where.record = "record";
                        w.store(header.get("cve"), where);
                        fileDate = w.maxLastModified;
                    } else {
                        throw new Bad(null, "no 'vulnerabilities' array and no CVE 'id': not an NVD CVE JSON 2.0 feed or record");
                    }
                }
                w.close();
                updateSource("nvd", formatVersion, fileDate, "SELECT count(*) FROM cve", file);
            }
        });
    }

    /** Writes validated CVE records; shares prepared statements across one file. */
    private final class NvdWriter {
        final Counts counts;
        final PreparedStatement findCve;
        final PreparedStatement insertCve;
        final PreparedStatement deleteMatches;
        final PreparedStatement deleteRefs;
        final PreparedStatement insertMatch;
        final PreparedStatement insertRef;
        String maxLastModified;

        NvdWriter(Counts counts) throws SQLException {
            this.counts = counts;
            findCve = conn.prepareStatement("SELECT last_modified FROM cve WHERE id = ?");
            insertCve = conn.prepareStatement("INSERT OR REPLACE INTO cve (id, description, published, last_modified, vuln_status,"
                    + " cvss_score, cvss_vector, cvss_severity, cvss_version, cwe, cisa_exploit_add, cisa_action_due,"
                    + " cisa_required_action) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
            deleteMatches = conn.prepareStatement("DELETE FROM cpe_match WHERE cve_id = ?");
            deleteRefs = conn.prepareStatement("DELETE FROM cve_reference WHERE cve_id = ?");
            insertMatch = conn.prepareStatement("INSERT INTO cpe_match (cve_id, criteria, vulnerable, part, vendor, product, version,"
                    + " update_, version_start_including, version_start_excluding, version_end_including, version_end_excluding,"
                    + " in_and_config) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
            insertRef = conn.prepareStatement("INSERT INTO cve_reference (cve_id, url, source, tags) VALUES (?,?,?,?)");
        }

        void store(JsonNode cve, Where where) throws SQLException {
            String loc = where.record;
            String id = cve.path("id").asText(null);
            if (id == null || !cve.get("id").isTextual()) throw new Bad(loc, "CVE record has no 'id'");
            if (!CVE_ID.matcher(id).matches()) throw new Bad(loc, "invalid CVE id '" + id + "'");
            loc = loc + " (" + id + ")";
            String published = requiredDate(cve, "published", loc);
            String lastModified = requiredDate(cve, "lastModified", loc);
            String status = optionalText(cve, "vulnStatus", loc);

            String description = "";
            JsonNode descriptions = cve.get("descriptions");
            if (descriptions == null || !descriptions.isArray()) throw new Bad(loc, "missing 'descriptions' array");
            for (JsonNode d : descriptions) {
                boolean english = "en".equals(d.path("lang").asText());
                if (english || description.isEmpty()) description = d.path("value").asText("");
                if (english) break;
            }

            Cvss cvss = pickCvss(cve.path("metrics"), loc);
            String cwe = cwes(cve.path("weaknesses"));

            List<Object[]> matches = new ArrayList<>();
            JsonNode configs = cve.get("configurations");
            if (configs != null) {
                if (!configs.isArray()) throw new Bad(loc, "'configurations' must be an array");
                int ci = 0;
                for (JsonNode config : configs) {
                    boolean and = "AND".equalsIgnoreCase(config.path("operator").asText(""));
                    JsonNode nodes = config.get("nodes");
                    if (nodes == null || !nodes.isArray()) throw new Bad(loc, "configurations[" + ci + "] has no 'nodes' array");
                    int ni = 0;
                    for (JsonNode node : nodes) {
                        JsonNode cpeMatch = node.get("cpeMatch");
                        String nodeLoc = "configurations[" + ci + "].nodes[" + ni + "]";
                        if (cpeMatch == null || !cpeMatch.isArray()) throw new Bad(loc, nodeLoc + " has no 'cpeMatch' array");
                        int mi = 0;
                        for (JsonNode m : cpeMatch) {
                            String mLoc = nodeLoc + ".cpeMatch[" + mi + "]";
                            JsonNode vulnerable = m.get("vulnerable");
                            if (vulnerable == null || !vulnerable.isBoolean()) throw new Bad(loc, mLoc + " has no boolean 'vulnerable'");
                            String criteria = m.path("criteria").asText(null);
                            Cpe cpe;
                            try {
                                cpe = Cpe.parse(criteria);
                            } catch (IllegalArgumentException e) {
                                throw new Bad(loc, mLoc + ": " + e.getMessage());
                            }
                            matches.add(new Object[] {id, criteria, vulnerable.asBoolean() ? 1 : 0, cpe.part(), cpe.vendor(),
                                    cpe.product(), cpe.version(), cpe.update(),
                                    bound(m, "versionStartIncluding", loc, mLoc), bound(m, "versionStartExcluding", loc, mLoc),
                                    bound(m, "versionEndIncluding", loc, mLoc), bound(m, "versionEndExcluding", loc, mLoc),
                                    and ? 1 : 0});
                            mi++;
                        }
                        ni++;
                    }
                    ci++;
                }
            }

            List<String[]> refs = new ArrayList<>();
            JsonNode references = cve.get("references");
            if (references != null) {
                if (!references.isArray()) throw new Bad(loc, "'references' must be an array");
                for (JsonNode r : references) {
                    String url = r.path("url").asText(null);
                    if (url == null || url.isBlank()) throw new Bad(loc, "a reference has no 'url'");
                    List<String> tags = new ArrayList<>();
                    r.path("tags").forEach(t -> tags.add(t.asText()));
                    refs.add(new String[] {url, r.path("source").asText(null), tags.isEmpty() ? null : String.join(",", tags)});
                }
            }

            if (maxLastModified == null || lastModified.compareTo(maxLastModified) > 0) maxLastModified = lastModified;

            // the record is valid: decide added / updated / skipped
            findCve.setString(1, id);
            String existing = null;
            try (ResultSet rs = findCve.executeQuery()) {
                if (rs.next()) existing = rs.getString(1);
            }
            if (existing != null && lastModified.compareTo(existing) <= 0) {
                counts.skipped++;
                return;
            }
            if (existing != null) {
                deleteMatches.setString(1, id);
                deleteMatches.executeUpdate();
                deleteRefs.setString(1, id);
                deleteRefs.executeUpdate();
                counts.updated++;
            } else {
                counts.added++;
            }
            Object[] row = {id, description, published, lastModified, status, cvss == null ? null : cvss.score,
                    cvss == null ? null : cvss.vector, cvss == null ? null : cvss.severity, cvss == null ? null : cvss.version,
                    cwe, optionalText(cve, "cisaExploitAdd", loc), optionalText(cve, "cisaActionDue", loc),
                    optionalText(cve, "cisaRequiredAction", loc)};
            bind(insertCve, row);
            insertCve.executeUpdate();
            for (Object[] m : matches) {
                bind(insertMatch, m);
                insertMatch.addBatch();
            }
            insertMatch.executeBatch();
            for (String[] r : refs) {
                bind(insertRef, new Object[] {id, r[0], r[1], r[2]});
                insertRef.addBatch();
            }
            insertRef.executeBatch();
        }

        void close() throws SQLException {
            for (PreparedStatement ps : List.of(findCve, insertCve, deleteMatches, deleteRefs, insertMatch, insertRef)) ps.close();
        }
    }

    private record Cvss(Double score, String vector, String severity, String version) {
    }

    /** Prefers CVSS v3.1, then v3.0, v4.0, v2; within a version the NVD's Primary entry. */
    private static Cvss pickCvss(JsonNode metrics, String loc) {
        for (String key : List.of("cvssMetricV31", "cvssMetricV30", "cvssMetricV40", "cvssMetricV2")) {
            JsonNode list = metrics.get(key);
            if (list == null || !list.isArray() || list.isEmpty()) continue;
            JsonNode chosen = list.get(0);
            for (JsonNode m : list) {
                if ("Primary".equals(m.path("type").asText())) {
                    chosen = m;
                    break;
                }
            }
            JsonNode data = chosen.path("cvssData");
            JsonNode score = data.get("baseScore");
            if (score == null || !score.isNumber() || score.asDouble() < 0 || score.asDouble() > 10) {
                throw new Bad(loc, "metrics." + key + " has no valid 'cvssData.baseScore'");
            }
            String severity = data.path("baseSeverity").asText(chosen.path("baseSeverity").asText(null));
            return new Cvss(score.asDouble(), data.path("vectorString").asText(null), severity,
                    data.path("version").asText(null));
        }
        return null;
    }

    /** Distinct CWE ids, the NVD's primary weakness first; null when none. */
    private static String cwes(JsonNode weaknesses) {
        Set<String> ids = new LinkedHashSet<>();
        for (String pass : List.of("Primary", "")) {
            for (JsonNode w : weaknesses) {
                if (!pass.isEmpty() && !pass.equals(w.path("type").asText())) continue;
                for (JsonNode d : w.path("description")) {
                    String v = d.path("value").asText("");
                    if (!v.isBlank()) ids.add(v.trim());
                }
            }
        }
        return ids.isEmpty() ? null : String.join(",", ids);
    }

    private static String bound(JsonNode m, String field, String loc, String mLoc) {
        JsonNode v = m.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual() || v.asText().isBlank()) throw new Bad(loc, mLoc + "." + field + " must be a version string");
        return v.asText();
    }

    // ---------------------------------------------------------------- KEV

    /** Imports the CISA Known Exploited Vulnerabilities catalog JSON (plain or gzip). */
    public ImportResult importKev(Path file) throws VulnDbImportException {
        return inTransaction(file, "kev", (counts, where) -> {
            String catalogVersion = null, dateReleased = null;
            Integer declaredCount = null;
            boolean sawList = false;
            int index = 0;
            try (InputStream in = openMaybeGzip(file); JsonParser p = mapper.createParser(in);
                 PreparedStatement find = conn.prepareStatement("SELECT vendor_project, product, vulnerability_name, date_added,"
                         + " due_date, known_ransomware_campaign_use, required_action, short_description FROM kev WHERE cve_id = ?");
                 PreparedStatement upsert = conn.prepareStatement("INSERT OR REPLACE INTO kev (cve_id, vendor_project, product,"
                         + " vulnerability_name, date_added, due_date, known_ransomware_campaign_use, required_action,"
                         + " short_description) VALUES (?,?,?,?,?,?,?,?,?)")) {
                where.parser = p;
                if (p.nextToken() != JsonToken.START_OBJECT) throw new Bad(null, "expected a JSON object (the KEV catalog)");
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (field) {
                        case "vulnerabilities":
                            if (t != JsonToken.START_ARRAY) throw new Bad(null, "'vulnerabilities' must be an array");
                            sawList = true;
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                where.record = "vulnerabilities[" + index + "]";
                                if (p.currentToken() != JsonToken.START_OBJECT) throw new Bad(where.record, "expected an object");
                                JsonNode v = mapper.readTree(p);
                                storeKev(v, where.record, find, upsert, counts);
                                index++;
                            }
                            where.record = null;
                            break;
                        case "catalogVersion":
                            catalogVersion = t.isScalarValue() ? p.getValueAsString() : null;
                            p.skipChildren();
                            break;
                        case "dateReleased":
                            dateReleased = t.isScalarValue() ? p.getValueAsString() : null;
                            p.skipChildren();
                            break;
                        case "count":
                            if (t != JsonToken.VALUE_NUMBER_INT) throw new Bad(null, "'count' must be an integer");
                            declaredCount = p.getIntValue();
                            break;
                        default:
                            p.skipChildren();
                    }
                }
                if (p.nextToken() != null) throw new Bad(null, "unexpected content after the top-level object");
            }
            if (!sawList) throw new Bad(null, "missing 'vulnerabilities' array: not a CISA KEV catalog");
            if (catalogVersion == null || catalogVersion.isBlank()) throw new Bad(null, "missing 'catalogVersion'");
            if (dateReleased == null || !DATE.matcher(dateReleased).matches()) {
                throw new Bad(null, "missing or invalid 'dateReleased'");
            }
            if (declaredCount != null && declaredCount != index) {
                throw new Bad(null, "'count' says " + declaredCount + " but the catalog lists " + index + " vulnerabilities");
            }
            updateSource("kev", catalogVersion, dateReleased, "SELECT count(*) FROM kev", file);
        });
    }

    private static void storeKev(JsonNode v, String loc, PreparedStatement find, PreparedStatement upsert, Counts counts)
            throws SQLException {
        String id = v.path("cveID").asText(null);
        if (id == null) throw new Bad(loc, "entry has no 'cveID'");
        if (!CVE_ID.matcher(id).matches()) throw new Bad(loc, "invalid cveID '" + id + "'");
        loc = loc + " (" + id + ")";
        String[] row = {
                requiredText(v, "vendorProject", loc), requiredText(v, "product", loc),
                requiredText(v, "vulnerabilityName", loc), requiredIsoDate(v, "dateAdded", loc),
                requiredIsoDate(v, "dueDate", loc), optionalText(v, "knownRansomwareCampaignUse", loc),
                requiredText(v, "requiredAction", loc), requiredText(v, "shortDescription", loc)};
        find.setString(1, id);
        boolean exists = false, same = false;
        try (ResultSet rs = find.executeQuery()) {
            if (rs.next()) {
                exists = true;
                same = true;
                for (int i = 0; i < row.length; i++) same &= Objects.equals(row[i], rs.getString(i + 1));
            }
        }
        if (same) {
            counts.skipped++;
            return;
        }
        if (exists) counts.updated++;
        else counts.added++;
        upsert.setString(1, id);
        for (int i = 0; i < row.length; i++) upsert.setString(i + 2, row[i]);
        upsert.executeUpdate();
    }

    // ---------------------------------------------------------------- EPSS

    /**
     * Imports a FIRST EPSS scores CSV (plain or gzip): an optional comment line
     * {@code #model_version:…,score_date:…}, the header {@code cve,epss,percentile}, then one
     * row per CVE with scores between 0 and 1.
     */
    public ImportResult importEpss(Path file) throws VulnDbImportException {
        return inTransaction(file, "epss", (counts, where) -> {
            String modelVersion = null, scoreDate = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(openMaybeGzip(file), StandardCharsets.UTF_8));
                 PreparedStatement find = conn.prepareStatement("SELECT score, percentile FROM epss WHERE cve_id = ?");
                 PreparedStatement upsert = conn.prepareStatement("INSERT OR REPLACE INTO epss (cve_id, score, percentile) VALUES (?,?,?)")) {
                String line;
                int lineNo = 0;
                boolean header = false;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    where.record = "line " + lineNo;
                    if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                    String t = line.trim();
                    if (t.isEmpty()) continue;
                    if (t.startsWith("#")) {
                        if (header) throw new Bad(where.record, "comment line after the header");
                        for (String kv : t.substring(1).split(",")) {
                            int c = kv.indexOf(':');
                            if (c < 0) continue;
                            String key = kv.substring(0, c).trim(), value = kv.substring(c + 1).trim();
                            if (key.equals("model_version")) modelVersion = value;
                            if (key.equals("score_date")) scoreDate = value;
                        }
                        continue;
                    }
                    if (!header) {
                        if (!t.replace(" ", "").equalsIgnoreCase("cve,epss,percentile")) {
                            throw new Bad(where.record, "expected the header 'cve,epss,percentile', found '" + abbreviate(t) + "'");
                        }
                        header = true;
                        continue;
                    }
                    String[] f = t.split(",", -1);
                    if (f.length != 3) throw new Bad(where.record, "expected 3 fields (cve,epss,percentile), found " + f.length);
                    String id = f[0].trim();
                    if (!CVE_ID.matcher(id).matches()) throw new Bad(where.record, "invalid CVE id '" + abbreviate(id) + "'");
                    double score = probability(f[1], "epss", where.record);
                    double pct = probability(f[2], "percentile", where.record);
                    find.setString(1, id);
                    boolean exists = false, same = false;
                    try (ResultSet rs = find.executeQuery()) {
                        if (rs.next()) {
                            exists = true;
                            same = rs.getDouble(1) == score && rs.getDouble(2) == pct;
                        }
                    }
                    if (same) {
                        counts.skipped++;
                        continue;
                    }
                    if (exists) counts.updated++;
                    else counts.added++;
                    upsert.setString(1, id);
                    upsert.setDouble(2, score);
                    upsert.setDouble(3, pct);
                    upsert.executeUpdate();
                }
                where.record = null;
                if (!header) throw new Bad(null, "no 'cve,epss,percentile' header: not an EPSS CSV");
            }
            if (scoreDate != null && !DATE.matcher(scoreDate).matches()) throw new Bad("line 1", "invalid score_date '" + scoreDate + "'");
            updateSource("epss", modelVersion, scoreDate, "SELECT count(*) FROM epss", file);
        });
    }

    private static double probability(String s, String what, String loc) {
        double d;
        try {
            d = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new Bad(loc, what + " is not a number: '" + abbreviate(s) + "'");
        }
        if (!(d >= 0 && d <= 1)) throw new Bad(loc, what + " must be between 0 and 1, found " + s.trim());
        return d;
    }

    // ---------------------------------------------------------------- plumbing

    /** Where the reader is, for error messages. */
    private static final class Where {
        JsonParser parser;
        String record;
    }

    private static final class Counts {
        int added, updated, skipped;
    }

    @FunctionalInterface
    private interface Job {
        void run(Counts counts, Where where) throws Exception;
    }

    /** A validation failure inside a file. */
    private static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String location;

        Bad(String location, String problem) {
            super(problem, null, false, false);
            this.location = location;
        }
    }

    private ImportResult inTransaction(Path file, String kind, Job job) throws VulnDbImportException {
        if (!Files.isRegularFile(file)) {
            throw new VulnDbImportException(file, null, Files.exists(file) ? "not a regular file" : "file not found", null);
        }
        Counts counts = new Counts();
        Where where = new Where();
        try {
            conn.setAutoCommit(false);
            try {
                job.run(counts, where);
                conn.commit();
            } catch (Throwable t) {
                rollbackQuietly();
                throw t;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (Bad b) {
            throw new VulnDbImportException(file, b.location, b.getMessage(), null);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String at = (where.record != null ? where.record + ", " : "")
                    + (l != null ? "line " + l.getLineNr() + ", column " + l.getColumnNr() : "");
            throw new VulnDbImportException(file, at.isEmpty() ? null : at, "invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            String at = where.record;
            if (at == null && where.parser != null) {
                JsonLocation l = where.parser.currentLocation();
                at = "line " + l.getLineNr() + ", column " + l.getColumnNr();
            }
            throw new VulnDbImportException(file, at, describe(e), e);
        } catch (SQLException e) {
            throw new VulnDbImportException(file, where.record, "database error: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new VulnDbImportException(file, where.record, "unexpected error: " + e, e);
        } catch (Exception e) {
            throw new VulnDbImportException(file, where.record, e.toString(), e);
        } catch (Throwable t) {
            if (t instanceof Error) throw (Error) t;
            throw new VulnDbImportException(file, where.record, t.toString(), t);
        }
        return new ImportResult(kind, file, counts.added, counts.updated, counts.skipped);
    }

    private void rollbackQuietly() {
        try {
            conn.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters; SQLite rolls back on close anyway
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) return "file not found";
        if (e instanceof EOFException) return "truncated or corrupt gzip data (" + e.getMessage() + ")";
        if (e instanceof ZipException) return "corrupt gzip data (" + e.getMessage() + ")";
        return "cannot read: " + e.getMessage();
    }

    /** Opens a file, transparently decompressing gzip (recognised by its magic bytes). */
    static InputStream openMaybeGzip(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new GZIPInputStream(raw, 1 << 16);
            } catch (IOException e) {
                raw.close();
                throw e;
            }
        }
        return raw;
    }

    /** Records the source's version, date, row count and file, and the dataset date. */
    private void updateSource(String name, String version, String date, String countSql, Path file) throws SQLException {
        String previousDate = null;
        try (PreparedStatement ps = conn.prepareStatement("SELECT date FROM source WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) previousDate = rs.getString(1);
            }
        }
        // NVD files add up: the data is as new as the newest file. KEV and EPSS are snapshots.
        if (name.equals("nvd") && previousDate != null && (date == null || previousDate.compareTo(date) > 0)) date = previousDate;
        long records;
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(countSql)) {
            rs.next();
            records = rs.getLong(1);
        }
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT OR REPLACE INTO source (name, version, date, records, file) VALUES (?,?,?,?,?)")) {
            ps.setString(1, name);
            ps.setString(2, version);
            ps.setString(3, date);
            ps.setLong(4, records);
            ps.setString(5, file.getFileName().toString());
            ps.executeUpdate();
        }
        // dataset date: the oldest of the NVD and KEV data dates (EPSS is optional)
        LocalDate oldest = null;
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT date FROM source WHERE name IN ('nvd', 'kev') AND date IS NOT NULL")) {
            while (rs.next()) {
                LocalDate d = LocalDate.parse(rs.getString(1).substring(0, 10));
                if (oldest == null || d.isBefore(oldest)) oldest = d;
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES ('dataset_date', ?)")) {
            if (oldest != null) {
                ps.setString(1, oldest.toString());
                ps.executeUpdate();
            }
        }
    }

    private static void bind(PreparedStatement ps, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) ps.setObject(i + 1, values[i]);
    }

    private static String requiredText(JsonNode n, String field, String loc) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) throw new Bad(loc, "missing '" + field + "'");
        return v.asText();
    }

    private static String optionalText(JsonNode n, String field, String loc) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isValueNode()) throw new Bad(loc, "'" + field + "' must be a string");
        return v.asText();
    }

    private static String requiredDate(JsonNode n, String field, String loc) {
        String v = requiredText(n, field, loc);
        if (!DATE.matcher(v).matches()) throw new Bad(loc, "'" + field + "' is not a date: '" + abbreviate(v) + "'");
        return v;
    }

    private static String requiredIsoDate(JsonNode n, String field, String loc) {
        String v = requiredText(n, field, loc);
        try {
            return LocalDate.parse(v).toString();
        } catch (DateTimeParseException e) {
            throw new Bad(loc, "'" + field + "' is not a YYYY-MM-DD date: '" + abbreviate(v) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Compacts the file (used by the builder before packaging). */
    void vacuum() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("VACUUM");
        }
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new VulnDbException("cannot close vulnerability database " + dbFile + ": " + e.getMessage(), e);
        }
    }
}
