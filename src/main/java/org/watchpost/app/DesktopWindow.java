package org.watchpost.app;

import javafx.application.HostServices;
import javafx.stage.Stage;
import org.watchpost.report.ReportOptions;
import org.watchpost.report.ReportService;
import org.watchpost.store.FindingRepository;
import org.watchpost.ui.MainView;
import org.watchpost.ui.common.TaskExecutor;
import org.watchpost.ui.investigations.InvestigationPage;
import org.watchpost.ui.investigations.InvestigationPageViewModel;
import org.watchpost.ui.investigations.InvestigationsView;
import org.watchpost.ui.investigations.InvestigationsViewModel;
import org.watchpost.ui.monitors.MonitorsView;
import org.watchpost.ui.monitors.MonitorsViewModel;
import org.watchpost.ui.reports.ReportActions;
import org.watchpost.ui.scans.LiveScanFeed;
import org.watchpost.ui.scans.ScanActionsController;
import org.watchpost.ui.scans.ScansViewModel;
import org.watchpost.ui.vulns.VulnerabilitiesView;
import org.watchpost.ui.vulns.VulnerabilitiesViewModel;

/**
 * The main window's content, hand-wired: every page with its view model and the actions
 * between them. Used by {@link WatchpostApp} and by the end-to-end UI tests.
 */
public final class DesktopWindow {
    private final MainView main;
    private final ScansViewModel scansVm;
    private final ScanActionsController actions;
    private final ReportActions reports;

    public DesktopWindow(Stage stage, AppContext context, TaskExecutor executor, LiveScanFeed feed, HostServices hostServices,
                         String datasetDate) {
        main = new MainView("v" + Version.get() + "\n" + context.dataDir());
        scansVm = new ScansViewModel(context.scans(), executor, context.clock());
        actions = new ScanActionsController(context.scanManager(), executor, main, scansVm, feed, () -> stage);
        main.register(MainView.Page.SCANS, () -> actions.scansView().root());
        VulnerabilitiesViewModel vulnsVm = new VulnerabilitiesViewModel(new FindingRepository(context.database()), executor);
        VulnerabilitiesView vulnsView = new VulnerabilitiesView(vulnsVm, actions::openScan);
        main.register(MainView.Page.VULNERABILITIES, vulnsView::root);
        main.onShow(MainView.Page.VULNERABILITIES, vulnsView::refresh);
        reports = new ReportActions(new ReportService(context.scans()), () -> stage,
                () -> {
                    var branding = context.settings().reportBranding();
                    ReportOptions o = ReportOptions.defaults().withVersion(Version.get()).withDatasetDate(datasetDate)
                            .withOrganisation(branding.organisation()).withLogo(branding.logoPath().orElse(null));
                    return branding.classification().isBlank() ? o : o.withClassification(branding.classification());
                }, hostServices);
        actions.enableReports(reports);
        InvestigationsViewModel investigationsVm = new InvestigationsViewModel(context.investigations(), executor);
        InvestigationsView[] investigationsView = new InvestigationsView[1];
        java.util.function.Consumer<Long> openInvestigation = id -> {
            InvestigationPageViewModel pvm = new InvestigationPageViewModel(context.investigations(), executor, id);
            InvestigationPage page = new InvestigationPage(pvm, () -> main.show(MainView.Page.INVESTIGATIONS),
                    actions::openScan, () -> stage);
            page.enableReport(() -> reports.investigationReport(context.investigations(), id));
            pvm.refresh();
            main.showNode(MainView.Page.INVESTIGATIONS, page.root());
        };
        investigationsView[0] = new InvestigationsView(investigationsVm, openInvestigation, () -> stage);
        main.register(MainView.Page.INVESTIGATIONS, investigationsView[0]::root);
        main.onShow(MainView.Page.INVESTIGATIONS, investigationsVm::refresh);

        MonitorsViewModel monitorsVm = new MonitorsViewModel(context.monitors(), context.digests(), executor);
        MonitorsView[] monitorsView = new MonitorsView[1];
        monitorsView[0] = new MonitorsView(monitorsVm, actions::openScan, node -> {
            if (node == null) main.show(MainView.Page.MONITORS);
            else main.showNode(MainView.Page.MONITORS, node);
        }, () -> stage);
        main.register(MainView.Page.MONITORS, monitorsView[0]::root);
        main.onShow(MainView.Page.MONITORS, monitorsVm::refresh);
        actions.enableGroups(context.investigations(), context.scheduler(), () -> {
            investigationsVm.refresh();
            monitorsVm.refresh();
        });
        String[] staleNote = {""};
        // read off the FX thread, once; the dialog shows it when checks are on
        executor.submit("dataset age", () -> datasetNote(context), note -> staleNote[0] = note, e -> { });
        actions.setNewScanPrefill(vm -> {
            var d = context.settings().scanDefaults();
            vm.applyDefaults(d.ports(), d.timeoutMs(), d.rateLimit(), d.concurrency());
            vm.datasetNoteProperty().set(staleNote[0]);
        });
        main.show(MainView.Page.SCANS);
        scansVm.refresh();
    }

    /** A warning for the New scan dialog when the vulnerability data is older than 90 days, else "". */
    static String datasetNote(AppContext context) {
        try {
            var db = context.vulnDb();
            if (!db.isStale(context.clock())) return "";
            return "The vulnerability data is from " + db.info().datasetDate() + ", more than "
                    + org.watchpost.engine.vulndb.VulnDb.DEFAULT_STALE_DAYS + " days old: recent CVEs are missing."
                    + " Import newer data in Settings → Vulnerability data.";
        } catch (RuntimeException e) {
            return "The vulnerability database could not be read (" + e.getMessage() + "): version checks will be skipped.";
        }
    }

    /** Says on the Scans page that scans were found RUNNING at start and marked INTERRUPTED. */
    public void reportInterrupted(int interrupted) {
        if (interrupted > 0) {
            scansVm.errorProperty().set(interrupted + (interrupted == 1 ? " scan was" : " scans were")
                    + " still running when Watchpost last closed; marked INTERRUPTED (the results found so far are kept).");
        }
    }

    public MainView main() {
        return main;
    }

    public ScanActionsController actions() {
        return actions;
    }

    public ScansViewModel scansViewModel() {
        return scansVm;
    }
}
