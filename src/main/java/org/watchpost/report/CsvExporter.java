package org.watchpost.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.watchpost.store.FindingRecord;
import org.watchpost.store.HostRecord;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRepository;
import org.watchpost.store.ServiceRecord;

/**
 * CSV exports (RFC 4180, UTF-8, header row), streamed row by row from the store. Text that a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
 * apostrophe, and control characters other than tab and line breaks are dropped; everything
 * else is exported as stored.
 */
final class CsvExporter {
    static final String[] FINDING_COLUMNS = {"scan_id", "finding_id", "severity", "cvss", "cvss_vector", "cves", "cwe", "check_id",
            "title", "address", "port", "service", "confidence", "known_exploited", "status", "description", "remediation",
            "evidence", "created_at"};
    static final String[] SERVICE_COLUMNS = {"scan_id", "address", "hostname", "host_up", "port", "protocol", "state", "service",
            "product", "version", "cpe", "tls", "banner", "extra", "rtt_ms"};
    static final String[] HOST_COLUMNS = {"scan_id", "address", "hostname", "up", "reason", "rtt_ms", "open_ports",
            "closed_ports", "filtered_ports"};

    private CsvExporter() {
    }

    static long write(ScanRepository repo, ScanRecord s, CsvKind kind, Writer out, Job job) throws IOException {
        String[] header = switch (kind) {
            case FINDINGS -> FINDING_COLUMNS;
            case SERVICES -> SERVICE_COLUMNS;
            case HOSTS -> HOST_COLUMNS;
        };
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator("\r\n").get();
        long[] rows = {0};
        CSVPrinter p = new CSVPrinter(out, format);
        String sid = s.scanId();
        try {
            switch (kind) {
                case FINDINGS -> {
                    long total = Math.max(1, s.severities().total());
                    repo.forEachFinding(s.id(), f -> {
                        tick(job, ++rows[0], total, "findings");
                        print(p, sid, f.id(), f.severity().label(), f.cvss() == null ? "" : String.format(Locale.ROOT, "%.1f", f.cvss()),
                                t(f.cvssVector()), String.join(" ", f.cves()), t(f.cwe()), f.checkId(), t(f.title()), t(f.address()),
                                f.port(), t(f.service()), t(f.confidence()), f.knownExploited(), t(f.status()), t(f.description()),
                                t(f.remediation()), t(f.evidence()), f.createdAt().toString());
                    });
                }
                case SERVICES -> {
                    Map<Long, HostRecord> hosts = new HashMap<>();
                    repo.forEachHost(s.id(), h -> hosts.put(h.id(), h));
                    long total = Math.max(1, s.openPorts());
                    repo.forEachService(s.id(), v -> {
                        tick(job, ++rows[0], total, "services");
                        HostRecord h = hosts.get(v.hostId());
                        print(p, sid, t(v.address()), h == null ? "" : t(h.hostname()), h != null && h.up(), v.port(),
                                t(v.protocol()), t(v.state()), t(v.service()), t(v.product()), t(v.version()), t(v.cpe()),
                                v.tls(), t(v.banner()), t(v.extra()), v.rttMicros() < 0 ? "" : ms(v.rttMicros()));
                    });
                }
                case HOSTS -> {
                    long total = Math.max(1, s.hostCount());
                    repo.forEachHost(s.id(), h -> {
                        tick(job, ++rows[0], total, "hosts");
                        print(p, sid, t(h.address()), t(h.hostname()), h.up(), t(h.reason()),
                                h.rttMicros() < 0 ? "" : ms(h.rttMicros()), h.openPorts(), h.closedPorts(), h.filteredPorts());
                    });
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        p.flush();
        return rows[0];
    }

    private static void tick(Job job, long row, long total, String what) {
        if (row % 1000 == 0) job.progress(Math.min(0.99, (double) row / total), ReportSupport.n(row) + " " + what);
    }

    private static void print(CSVPrinter p, Object... values) {
        try {
            p.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    /** Text cell: drops control characters (keeps tab and line breaks) and defuses spreadsheet formulas. */
    static String t(String s) {
        if (s == null || s.isEmpty()) return "";
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean drop = c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F;
            if (drop && b == null) b = new StringBuilder(s.length()).append(s, 0, i);
            if (!drop && b != null) b.append(c);
        }
        String out = b == null ? s : b.toString();
        if (!out.isEmpty() && "=+-@\t\r".indexOf(out.charAt(0)) >= 0) out = "'" + out;
        return out;
    }
}
