package org.watchpost.app;

import java.util.function.Supplier;
import javafx.application.HostServices;
import javafx.stage.Stage;
import org.watchpost.report.ReportOptions;
import org.watchpost.report.ReportService;
import org.watchpost.store.FindingRepository;
import org.watchpost.ui.MainView;
import org.watchpost.ui.common.StartupTrace;
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
    private final String[] staleNote = {""};
    private Runnable loadRest;

    public DesktopWindow(Stage stage, AppContext context, TaskExecutor executor, LiveScanFeed feed, HostServices hostServices,
                         String datasetDate) {
        this(stage, context, executor, feed, hostServices, () -> datasetDate, null);
    }

    /**
     * @param datasetDate the vulnerability dataset's date for reports (read when a report is made)
     * @param firstScreen the newest scans, read before the window exists; null: the Scans page loads every
     *                    scan and the data the dialogs need at once, else {@link #loadRest()} does once the
     *                    first frame is out
     */
    public DesktopWindow(Stage stage, AppContext context, TaskExecutor executor, LiveScanFeed feed, HostServices hostServices,
                         Supplier<String> datasetDate, ScansViewModel.FirstScreen firstScreen) {
        main = new MainView("v" + Version.get() + "\n" + context.dataDir());
        scansVm = new ScansViewModel(context.scans(), executor, context.clock());
        actions = new ScanActionsController(context.scanManager(), executor, main, scansVm, feed, () -> stage);
        main.register(MainView.Page.SCANS, () -> actions.scansView().root());
        StartupTrace.mark("scans page built");
        // the other pages are built the first time they are shown: not before the first frame
        VulnerabilitiesViewModel vulnsVm = new VulnerabilitiesViewModel(new FindingRepository(context.database()), executor);
        Lazy<VulnerabilitiesView> vulnsView = new Lazy<>(() -> new VulnerabilitiesView(vulnsVm, actions::openScan));
        main.register(MainView.Page.VULNERABILITIES, () -> vulnsView.get().root());
        main.onShow(MainView.Page.VULNERABILITIES, () -> vulnsView.get().refresh());
        reports = new ReportActions(new ReportService(context.scans()), () -> stage,
                () -> {
                    var branding = context.settings().reportBranding();
                    ReportOptions o = ReportOptions.defaults().withVersion(Version.get()).withDatasetDate(datasetDate.get())
                            .withOrganisation(branding.organisation()).withLogo(branding.logoPath().orElse(null));
                    return branding.classification().isBlank() ? o : o.withClassification(branding.classification());
                }, hostServices);
        actions.enableReports(reports);
        InvestigationsViewModel investigationsVm = new InvestigationsViewModel(context.investigations(), executor);
        java.util.function.Consumer<Long> openInvestigation = id -> {
            InvestigationPageViewModel pvm = new InvestigationPageViewModel(context.investigations(), executor, id);
            InvestigationPage page = new InvestigationPage(pvm, () -> main.show(MainView.Page.INVESTIGATIONS),
                    actions::openScan, () -> stage);
            page.enableReport(() -> reports.investigationReport(context.investigations(), id));
            pvm.refresh();
            main.showNode(MainView.Page.INVESTIGATIONS, page.root());
        };
        Lazy<InvestigationsView> investigationsView =
                new Lazy<>(() -> new InvestigationsView(investigationsVm, openInvestigation, () -> stage));
        main.register(MainView.Page.INVESTIGATIONS, () -> investigationsView.get().root());
        main.onShow(MainView.Page.INVESTIGATIONS, investigationsVm::refresh);

        // the monitor scheduler (and its digests) is made off the FX thread, when first needed
        MonitorsViewModel monitorsVm = new MonitorsViewModel(context::monitors, context::digests, executor);
        Lazy<MonitorsView> monitorsView = new Lazy<>(() -> new MonitorsView(monitorsVm, actions::openScan, node -> {
            if (node == null) main.show(MainView.Page.MONITORS);
            else main.showNode(MainView.Page.MONITORS, node);
        }, () -> stage));
        main.register(MainView.Page.MONITORS, () -> monitorsView.get().root());
        main.onShow(MainView.Page.MONITORS, monitorsVm::refresh);
        actions.enableGroups(context.investigations(), context::scheduler, () -> {
            investigationsVm.refresh();
            monitorsVm.refresh();
        });
        // read off the FX thread, once; the dialog shows it when checks are on
        loadRest = () -> {
            executor.submit("dataset age", () -> datasetNote(context), note -> staleNote[0] = note, e -> { });
            scansVm.refresh();
        };
        actions.setNewScanPrefill(vm -> {
            var d = context.settings().scanDefaults();
            vm.applyDefaults(d.ports(), d.timeoutMs(), d.rateLimit(), d.concurrency());
            vm.datasetNoteProperty().set(staleNote[0]);
        });
        main.show(MainView.Page.SCANS);
        if (firstScreen != null) {
            scansVm.showFirst(firstScreen);
        } else {
            loadRest();
        }
        StartupTrace.mark("window built");
    }

    /** Reads every scan (after the first screen) and the vulnerability data's age, in the background. Once. */
    public void loadRest() {
        Runnable r = loadRest;
        loadRest = null;
        if (r != null) r.run();
    }

    /** Made on first use (on the FX thread). */
    private static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> make;
        private T value;

        Lazy(Supplier<T> make) {
            this.make = make;
        }

        @Override
        public T get() {
            if (value == null) value = make.get();
            return value;
        }
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
