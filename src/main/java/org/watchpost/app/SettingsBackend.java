package org.watchpost.app;

import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.engine.vulndb.DatasetInfo;
import org.watchpost.engine.vulndb.VulnDbImporter;
import org.watchpost.engine.vulndb.VulnDbInstaller;
import org.watchpost.ui.SettingsViewModel;
import org.watchpost.ui.common.FolderOpener;

/** The Settings page's link to {@link Settings}, the vulnerability database and the file manager. */
final class SettingsBackend implements SettingsViewModel.Backend {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsBackend.class);

    private final AppContext context;

    SettingsBackend(AppContext context) {
        this.context = context;
    }

    @Override
    public SettingsViewModel.Values load() {
        Settings s = context.settings();
        Settings.ScanDefaults d = s.scanDefaults();
        Settings.ReportBranding b = s.reportBranding();
        return new SettingsViewModel.Values(s.theme().key(), d.ports(), d.timeoutMs(), d.rateLimit(), d.concurrency(),
                s.concurrentScans(), b.organisation(), b.logoFile(), b.classification());
    }

    @Override
    public void save(SettingsViewModel.Values v) throws Exception {
        Settings s = context.settings();
        Settings draft = s.draft();
        draft.set(Settings.THEME, v.theme());
        draft.setScanDefaults(new Settings.ScanDefaults(v.ports(), v.timeoutMs(), v.rateLimit(), v.concurrency()));
        draft.setConcurrentScans(v.concurrentScans());
        draft.setReportBranding(new Settings.ReportBranding(v.organisation(), v.logoFile(), v.classification()));
        s.replaceWith(draft);
        s.save();
        LOG.info("settings saved to {}", s.file());
    }

    @Override
    public String datasetSummary() {
        return describe(context.vulnDb().info());
    }

    static String describe(DatasetInfo i) {
        String date = i.datasetDate() == null ? "no date" : "data up to " + i.datasetDate().format(DateTimeFormatter.ISO_LOCAL_DATE);
        return String.format(Locale.ROOT, "%s · %,d CVEs, %,d known exploited (KEV), %,d EPSS scores", date, i.cves(),
                i.kevEntries(), i.epssScores());
    }

    @Override
    public String importVulnData(Path file) throws Exception {
        Path db = context.dataDir().resolve(VulnDbInstaller.FILE_NAME);
        context.vulnDb(); // make sure the bundled dataset is in place before adding to it
        VulnDbImporter.ImportResult r;
        try (VulnDbImporter importer = VulnDbImporter.open(db)) {
            r = importer.importFile(file);
        }
        context.reloadVulnDb();
        LOG.info("imported vulnerability data: {}", r);
        return String.format(Locale.ROOT, "Imported %s (%s): %,d added, %,d updated, %,d skipped.", file.getFileName(),
                r.kind().toUpperCase(Locale.ROOT), r.added(), r.updated(), r.skipped());
    }

    @Override
    public void openFolder(Path folder) throws Exception {
        FolderOpener.open(folder);
    }
}
