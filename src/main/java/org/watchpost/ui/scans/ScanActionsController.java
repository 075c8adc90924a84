package org.watchpost.ui.scans;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import javafx.util.Duration;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.schedule.ScanManager;
import org.watchpost.store.ScanIds;
import org.watchpost.store.ScanRecord;
import org.watchpost.ui.MainView;
import org.watchpost.ui.common.TaskExecutor;

/**
 * Carries out the scan actions of the dashboard and the details page: new, open, re-run,
 * clone, stop, delete, edit configuration. Database and network work runs in the
 * background; the FX thread only shows dialogs and results.
 */
public final class ScanActionsController implements ScanActions {
    private final ScanManager manager;
    private final TaskExecutor executor;
    private final MainView main;
    private final ScansView scansView;
    private final ScansViewModel scansVm;
    private final LiveScanFeed feed;
    private final Supplier<Window> owner;
    private ScanDetailsView openDetails;
    private org.watchpost.store.InvestigationRepository investigations;
    /** Got in background work only (the app makes the scheduler off the FX thread, when first needed). */
    private Supplier<org.watchpost.schedule.MonitorScheduler> scheduler;
    private Runnable groupsChanged = () -> { };
    private java.util.function.Consumer<LiveScanFeed.Update> detailsSubscription;

    public ScanActionsController(ScanManager manager, TaskExecutor executor, MainView main, ScansViewModel scansVm,
                                 LiveScanFeed feed, Supplier<Window> owner) {
        this.manager = manager;
        this.executor = executor;
        this.main = main;
        this.scansVm = scansVm;
        this.feed = feed;
        this.owner = owner;
        this.scansView = new ScansView(scansVm, this);
        feed.subscribe(u -> {
            for (ScanRecord r : u.changed()) scansVm.apply(r);
            if (!u.deleted().isEmpty()) scansVm.removeIds(u.deleted());
        });
    }

    /**
     * Enables the investigation and monitor parts of the New scan dialog and "Add to investigation".
     *
     * @param changed run on the FX thread after an investigation or monitor was created or changed
     */
    public void enableGroups(org.watchpost.store.InvestigationRepository investigations,
                             org.watchpost.schedule.MonitorScheduler scheduler, Runnable changed) {
        enableGroups(investigations, scheduler == null ? null : () -> scheduler, changed);
    }

    /** As {@link #enableGroups(org.watchpost.store.InvestigationRepository, org.watchpost.schedule.MonitorScheduler, Runnable)}, the scheduler made when first needed. */
    public void enableGroups(org.watchpost.store.InvestigationRepository investigations,
                             Supplier<org.watchpost.schedule.MonitorScheduler> scheduler, Runnable changed) {
        this.investigations = investigations;
        this.scheduler = scheduler;
        this.groupsChanged = changed;
    }

    private org.watchpost.ui.reports.ReportActions reports;

    public void enableReports(org.watchpost.ui.reports.ReportActions reports) {
        this.reports = reports;
        scansView.addReportMenu();
    }

    @Override
    public List<javafx.scene.control.MenuItem> reportMenu(java.util.function.Supplier<Long> scanId) {
        return reports == null ? List.of() : reports.menuItems(scanId);
    }

    public ScansView scansView() {
        return scansView;
    }

    public ScanDetailsView openDetails() {
        return openDetails;
    }

    private java.util.function.Consumer<NewScanViewModel> prefill = vm -> { };

    /** Fills a new scan's form with the user's default options (from the settings). */
    public void setNewScanPrefill(java.util.function.Consumer<NewScanViewModel> prefill) {
        this.prefill = prefill;
    }

    @Override
    public void newScan() {
        NewScanViewModel vm = new NewScanViewModel(manager::plan, executor);
        prefill.accept(vm);
        showDialogAndStart(vm, null);
    }

    private void showDialogAndStart(NewScanViewModel vm, Long rerunOf) {
        if (investigations == null) {
            showDialogAndStartNow(vm, rerunOf);
            return;
        }
        executor.submit("load investigations", investigations::list, list -> {
            vm.investigations().setAll(list);
            showDialogAndStartNow(vm, rerunOf);
        }, e -> showDialogAndStartNow(vm, rerunOf));
    }

    private void showDialogAndStartNow(NewScanViewModel vm, Long rerunOf) {
        Optional<NewScanDialog.Result> r = new NewScanDialog(vm, owner.get()).showAndWait();
        r.ifPresent(res -> executor.submit("start scan", () -> startScan(res, rerunOf), rec -> {
            scansVm.apply(rec);
            feed.touch(rec.id());
            if (res.investigationId() != null || res.frequency() != null) groupsChanged.run();
        }, e -> error("The scan could not be started", e)));
    }

    /** Background: creates the monitor if one was asked for, starts the scan, links it to the investigation. */
    private ScanRecord startScan(NewScanDialog.Result res, Long rerunOf) throws Exception {
        ScanRecord rec;
        if (res.frequency() != null && scheduler != null) {
            // creates the monitor and its first scan together; no monitor is kept if the scan cannot start
            var run = scheduler.get().createAndStart(res.name() == null || res.name().isBlank() ? res.config().targets() : res.name(),
                    res.config(), res.frequency());
            rec = manager.repository().require(run.scanId());
        } else {
            rec = manager.start(res.name(), res.config(), "ui", null, rerunOf);
        }
        if (res.investigationId() != null && investigations != null) {
            investigations.addScans(res.investigationId(), List.of(rec.id()));
        }
        return manager.repository().require(rec.id());
    }

    @Override
    public void addToInvestigation(List<Long> scanIds) {
        if (scanIds.isEmpty() || investigations == null) return;
        executor.submit("load investigations", investigations::list, list ->
                org.watchpost.ui.investigations.InvestigationDialogs.chooseForScans(owner.get(), scanIds.size(), list)
                        .ifPresent(target -> executor.submit("add to investigation", () -> {
                            long id = target.existingId() != null ? target.existingId()
                                    : investigations.create(target.newOne().name(), target.newOne().description()).id();
                            investigations.addScans(id, scanIds);
                            return id;
                        }, id -> {
                            scanIds.forEach(feed::touch);
                            groupsChanged.run();
                        }, e -> error("The scans could not be added", e))),
                e -> error("Investigations could not be loaded", e));
    }

    @Override
    public void openScan(long scanId) {
        ScanDetailsViewModel vm = new ScanDetailsViewModel(manager.repository(), executor, scanId);
        ScanDetailsView view = new ScanDetailsView(vm, this, this::closeDetails);
        if (detailsSubscription != null) feed.unsubscribe(detailsSubscription);
        PauseTransition throttle = new PauseTransition(Duration.millis(400));
        throttle.setOnFinished(e -> vm.refresh());
        detailsSubscription = u -> {
            var p = u.progress().get(scanId);
            if (p != null) vm.liveProgressProperty().set(p);
            if (u.deleted().contains(scanId)) {
                closeDetails();
                return;
            }
            for (ScanRecord r : u.changed()) {
                if (r.id() == scanId) {
                    vm.scanProperty().set(r);
                    if (throttle.getStatus() != javafx.animation.Animation.Status.RUNNING) throttle.playFromStart();
                }
            }
        };
        feed.subscribe(detailsSubscription);
        openDetails = view;
        vm.refresh();
        main.showNode(MainView.Page.SCANS, view.root());
    }

    public void closeDetails() {
        if (detailsSubscription != null) feed.unsubscribe(detailsSubscription);
        detailsSubscription = null;
        openDetails = null;
        main.showNode(MainView.Page.SCANS, scansView.root());
    }

    @Override
    public void rerun(List<Long> scanIds) {
        if (scanIds.isEmpty()) return;
        executor.submit("re-run", () -> {
            List<ScanRecord> started = new ArrayList<>();
            for (long id : scanIds) started.add(manager.rerun(id));
            return started;
        }, started -> started.forEach(rec -> {
            scansVm.apply(rec);
            feed.touch(rec.id());
        }), e -> error("The scan could not be re-run", e));
    }

    @Override
    public void cloneScan(long scanId) {
        withSettings(scanId, (rec, config) -> {
            NewScanViewModel vm = new NewScanViewModel(manager::plan, executor);
            vm.load(rec.name() + " (copy)", config, NewScanViewModel.Mode.CLONE);
            showDialogAndStart(vm, null);
        });
    }

    @Override
    public void editConfig(long scanId) {
        withSettings(scanId, (rec, config) -> {
            NewScanViewModel vm = new NewScanViewModel(manager::plan, executor);
            vm.load(rec.name(), config, NewScanViewModel.Mode.EDIT);
            new NewScanDialog(vm, owner.get()).showAndWait().ifPresent(res -> executor.submit("save configuration",
                    () -> manager.repository().updateConfig(scanId, res.config(), res.name()), saved -> {
                        scansVm.apply(saved);
                        feed.touch(scanId);
                        if (openDetails != null && openDetails.viewModel().scanId() == scanId) openDetails.viewModel().refresh();
                    }, e -> error("The configuration could not be saved", e)));
        });
    }

    private record ScanSettings(ScanRecord scan, ScanConfig config) {}

    /** Loads a scan and the configuration its next run would use, in the background, then calls {@code then} on the FX thread. */
    private void withSettings(long scanId, java.util.function.BiConsumer<ScanRecord, ScanConfig> then) {
        executor.submit("load settings", () -> new ScanSettings(manager.repository().require(scanId),
                manager.repository().configForNextRun(scanId)), st -> then.accept(st.scan(), st.config()),
                e -> error("The scan's settings could not be loaded", e));
    }

    @Override
    public void stop(List<Long> scanIds) {
        if (scanIds.isEmpty()) return;
        executor.submit("stop", () -> {
            manager.stop(scanIds);
            return null;
        }, ok -> scanIds.forEach(feed::touch), e -> error("Stop refused", e));
    }

    @Override
    public void delete(List<Long> scanIds) {
        if (scanIds.isEmpty()) return;
        Alert confirm = new Alert(Alert.AlertType.WARNING);
        if (owner.get() != null) confirm.initOwner(owner.get());
        confirm.setTitle("Delete scans");
        String which = scanIds.size() == 1 ? ScanIds.format(scanIds.get(0)) : scanIds.size() + " scans";
        confirm.setHeaderText("Delete " + which + "?");
        confirm.setContentText("This removes " + (scanIds.size() == 1 ? "the scan" : "the scans")
                + " and all their hosts, services, findings and events. Running scans are stopped first. This cannot be undone.");
        ButtonType deleteType = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        confirm.getButtonTypes().setAll(ButtonType.CANCEL, deleteType);
        confirm.getDialogPane().lookupButton(deleteType).getStyleClass().add("danger");
        ((javafx.scene.control.Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ((javafx.scene.control.Button) confirm.getDialogPane().lookupButton(deleteType)).setDefaultButton(false);
        if (confirm.showAndWait().orElse(ButtonType.CANCEL) != deleteType) return;
        executor.submit("delete", () -> manager.delete(scanIds), n -> {
            scansVm.removeIds(new java.util.HashSet<>(scanIds));
            if (openDetails != null && scanIds.contains(openDetails.viewModel().scanId())) closeDetails();
        }, e -> error("The scans could not be deleted", e));
    }

    private void error(String headline, Throwable e) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        if (owner.get() != null) a.initOwner(owner.get());
        a.setTitle("Watchpost");
        a.setHeaderText(headline);
        a.setContentText(e.getMessage() == null ? e.toString() : e.getMessage());
        a.show();
    }
}
