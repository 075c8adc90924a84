package org.watchpost.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.watchpost.engine.Cancellation;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRepository;

/**
 * Reports and exports of a stored scan: PDF reports for three audiences, CSV and JSON exports
 * and a draft e-mail (.eml) carrying a report. Run it off the UI thread; progress is reported
 * through {@link ReportProgress} and a {@link Cancellation} stops it at the next host or row
 * batch. Files are written to a temporary file in the target folder and moved into place only
 * when complete, so a failure or a cancel never leaves a half-written file.
 *
 * @throws org.watchpost.store.NoSuchScanException (from every method) when the scan does not exist
 */
public final class ReportService {
    private final ScanRepository repo;

    public ReportService(ScanRepository repo) {
        this.repo = repo;
    }

    /**
     * Writes a PDF report of a scan.
     *
     * @return {@code out}, now complete
     * @throws ReportCancelledException when cancelled (nothing is left at {@code out})
     */
    public Path writePdf(long scanId, ReportType type, Path out, ReportOptions opts, ReportProgress p, Cancellation c)
            throws IOException {
        ReportOptions o = opts == null ? ReportOptions.defaults() : opts;
        ScanRecord s = repo.require(scanId);
        Job job = new Job(p, c);
        atomically(out, os -> {
            switch (type) {
                case EXECUTIVE -> ExecutiveReport.write(repo, s, o, job, os);
                case TECHNICAL -> TechnicalReport.write(repo, s, o, job, os);
                case REMEDIATION -> RemediationReport.write(repo, s, o, job, os);
            }
            return null;
        });
        job.progress(1, "Done");
        return out;
    }

    /**
     * Writes the PDF report of an investigation: each finding's lifecycle across its scans, the
     * severity trend per scan, and its hosts.
     *
     * @throws ReportCancelledException when cancelled (nothing is left at {@code out})
     */
    public Path writeInvestigationPdf(org.watchpost.store.InvestigationRepository investigations, long investigationId, Path out,
                                      ReportOptions opts, ReportProgress p, Cancellation c) throws IOException {
        ReportOptions o = opts == null ? ReportOptions.defaults() : opts;
        investigations.require(investigationId);
        Job job = new Job(p, c);
        atomically(out, os -> {
            InvestigationReport.write(investigations, investigationId, o, job, os);
            return null;
        });
        job.progress(1, "Done");
        return out;
    }

    /** Exports a scan's findings, services or hosts as CSV to a file; returns the number of data rows. */
    public long exportCsv(long scanId, CsvKind kind, Path out, ReportProgress p, Cancellation c) throws IOException {
        return atomically(out, os -> exportCsv(scanId, kind, os, p, c));
    }

    /** Exports as CSV to a stream (left open); returns the number of data rows. */
    public long exportCsv(long scanId, CsvKind kind, OutputStream out, ReportProgress p, Cancellation c) throws IOException {
        return exportCsv(scanId, kind, new OutputStreamWriter(out, StandardCharsets.UTF_8), p, c);
    }

    /** Exports as CSV to a character stream (left open, flushed); returns the number of data rows. */
    public long exportCsv(long scanId, CsvKind kind, Writer out, ReportProgress p, Cancellation c) throws IOException {
        ScanRecord s = repo.require(scanId);
        Job job = new Job(p, c);
        long rows = CsvExporter.write(repo, s, kind, out, job);
        out.flush();
        job.progress(1, ReportSupport.n(rows) + " rows");
        return rows;
    }

    /** Exports a scan as {@code watchpost-scan/1} JSON to a character stream (left open, flushed). */
    public void exportJson(long scanId, Writer out, ReportOptions opts, ReportProgress p, Cancellation c) throws IOException {
        ScanRecord s = repo.require(scanId);
        Job job = new Job(p, c);
        JsonExporter.write(repo, s, out, opts == null ? ReportOptions.defaults() : opts, job);
        out.flush();
        job.progress(1, "Done");
    }

    /** Exports a scan as {@code watchpost-scan/1} JSON to a file. */
    public Path exportJson(long scanId, Path out, ReportOptions opts, ReportProgress p, Cancellation c) throws IOException {
        atomically(out, os -> {
            exportJson(scanId, os, opts, p, c);
            return null;
        });
        return out;
    }

    /** Exports a scan as {@code watchpost-scan/1} JSON to a stream (left open). */
    public void exportJson(long scanId, OutputStream out, ReportOptions opts, ReportProgress p, Cancellation c) throws IOException {
        ScanRecord s = repo.require(scanId);
        Job job = new Job(p, c);
        JsonExporter.write(repo, s, out, opts == null ? ReportOptions.defaults() : opts, job);
        out.flush();
        job.progress(1, "Done");
    }

    /** Writes a draft e-mail (.eml) with a summary of the scan and {@code pdf} attached. */
    public Path writeEml(long scanId, Path pdf, Path out, EmailOptions opts) throws IOException {
        EmailOptions e = opts == null ? EmailOptions.addressedTo() : opts;
        return writeEml(scanId, pdf, out, e, new ReportOptions("", null, null, e.clock(), null));
    }

    /** As {@link #writeEml(long, Path, Path, EmailOptions)}, quoting the report's classification and version. */
    public Path writeEml(long scanId, Path pdf, Path out, EmailOptions opts, ReportOptions report) throws IOException {
        ScanRecord s = repo.require(scanId);
        if (!Files.isRegularFile(pdf)) throw new IOException("the report to attach does not exist: " + pdf);
        EmailOptions e = opts == null ? EmailOptions.addressedTo() : opts;
        atomically(out, os -> {
            EmlWriter.write(s, pdf, os, e, report == null ? ReportOptions.defaults() : report);
            return null;
        });
        return out;
    }

    /** The e-mail subject used for a scan. */
    public String emailSubject(long scanId) {
        return EmlWriter.subject(repo.require(scanId));
    }

    @FunctionalInterface
    private interface IoWork<T> {
        T run(OutputStream out) throws IOException;
    }

    private static <T> T atomically(Path out, IoWork<T> work) throws IOException {
        Path target = out.toAbsolutePath();
        if (Files.isDirectory(target)) throw new IOException(target + " is a folder; give a file name");
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        boolean done = false;
        try {
            T result;
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                result = work.run(os);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            return result;
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
    }
}
