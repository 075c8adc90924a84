package org.watchpost.engine.vulndb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Builds a vulnerability database from source files: imports the NVD files in the order
 * given, then KEV, then EPSS, compacts the result and writes it as SQLite (or gzip of it when
 * the output name ends in {@code .gz}). The output depends only on the inputs: no clock, no
 * host names, rows inserted in file order.
 */
public final class VulnDbBuilder {
    private final List<Path> nvd = new ArrayList<>();
    private final List<Path> kev = new ArrayList<>();
    private final List<Path> epss = new ArrayList<>();
    private final List<VulnDbImporter.ImportResult> results = new ArrayList<>();

    /** Adds an NVD CVE JSON 2.0 feed or record file. */
    public VulnDbBuilder nvd(Path file) {
        nvd.add(file);
        return this;
    }

    /** Adds a CISA KEV catalog file. */
    public VulnDbBuilder kev(Path file) {
        kev.add(file);
        return this;
    }

    /** Adds a FIRST EPSS CSV file. */
    public VulnDbBuilder epss(Path file) {
        epss.add(file);
        return this;
    }

    /** What each import did, after {@link #build(Path)}. */
    public List<VulnDbImporter.ImportResult> results() {
        return List.copyOf(results);
    }

    /**
     * Builds the database and writes it to {@code out} (replacing it atomically).
     *
     * @return the dataset facts of the result
     * @throws VulnDbImportException when a source file is rejected (nothing is written)
     */
    public DatasetInfo build(Path out) throws VulnDbImportException, IOException {
        Path work = Files.createTempDirectory("watchpost-vulndb-build");
        try {
            Path db = work.resolve("vulndb.sqlite");
            results.clear();
            try (VulnDbImporter imp = VulnDbImporter.open(db)) {
                for (Path f : nvd) results.add(imp.importNvd(f));
                for (Path f : kev) results.add(imp.importKev(f));
                for (Path f : epss) results.add(imp.importEpss(f));
                imp.vacuum();
            } catch (java.sql.SQLException e) {
                throw new IOException("cannot compact " + db + ": " + e.getMessage(), e);
            }
            DatasetInfo info;
            try (VulnDb read = VulnDb.open(db)) {
                info = read.info();
            }
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, out.getFileName().toString(), ".tmp");
            try {
                if (out.getFileName().toString().endsWith(".gz")) {
                    try (InputStream in = Files.newInputStream(db);
                         OutputStream o = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                        in.transferTo(o);
                    }
                } else {
                    Files.copy(db, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return info;
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
