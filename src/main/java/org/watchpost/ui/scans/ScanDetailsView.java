package org.watchpost.ui.scans;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.FindingRecord;
import org.watchpost.store.HostRecord;
import org.watchpost.store.ScanEvent;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ServiceRecord;
import org.watchpost.ui.common.Fxml;
import org.watchpost.ui.common.SeverityChart;
import org.watchpost.ui.common.TimeText;

/** The details page of one scan. */
public final class ScanDetailsView {
    private final ScanDetailsViewModel vm;
    private final ScanActions actions;
    private final Runnable back;
    private final Parent root;
    private final SeverityChart chart = new SeverityChart();

    @FXML private Label idLabel;
    @FXML private Label statusLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressText;
    @FXML private Label nameLabel;
    @FXML private Label errorLabel;
    @FXML private Button stopButton;
    @FXML private Button rerunButton;
    @FXML private Button cloneButton;
    @FXML private Button editButton;
    @FXML private Button deleteButton;
    @FXML private javafx.scene.control.MenuButton reportButton;
    @FXML private Label monitorNote;
    @FXML private Label startedValue;
    @FXML private Label durationValue;
    @FXML private Label ageValue;
    @FXML private Label resultsValue;
    @FXML private Label targetsValue;
    @FXML private Label exclusionsValue;
    @FXML private Label portsValue;
    @FXML private Label optionsValue;
    @FXML private TableView<FindingRecord> findingsTable;
    @FXML private TableColumn<FindingRecord, Severity> fSeverity;
    @FXML private TableColumn<FindingRecord, Number> fCvss;
    @FXML private TableColumn<FindingRecord, String> fTitle;
    @FXML private TableColumn<FindingRecord, String> fLocation;
    @FXML private TableColumn<FindingRecord, String> fService;
    @FXML private TableColumn<FindingRecord, String> fCves;
    @FXML private VBox findingDetail;
    @FXML private Label detailTitle;
    @FXML private Label detailMeta;
    @FXML private Label detailDescription;
    @FXML private TextArea detailEvidence;
    @FXML private Label detailRemediation;
    @FXML private TreeTableView<Row> hostTree;
    @FXML private TreeTableColumn<Row, String> hHost;
    @FXML private TreeTableColumn<Row, String> hState;
    @FXML private TreeTableColumn<Row, String> hService;
    @FXML private TreeTableColumn<Row, String> hProduct;
    @FXML private TreeTableColumn<Row, String> hDetail;
    @FXML private StackPane chartHolder;
    @FXML private ListView<ScanEvent> eventList;

    /** A row of the hosts tree: a host or one of its ports. */
    public record Row(String label, String state, String service, String product, String detail) {}

    public ScanDetailsView(ScanDetailsViewModel vm, ScanActions actions, Runnable back) {
        this.vm = vm;
        this.actions = actions;
        this.back = back;
        this.root = Fxml.load(ScanDetailsView.class, "ScanDetailsView.fxml", this);
    }

    public Parent root() {
        return root;
    }

    public ScanDetailsViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        fSeverity.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().severity()));
        fSeverity.setCellFactory(col -> new SeverityChipCell<>());
        fCvss.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().cvss()));
        fTitle.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
        fLocation.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().location()));
        fService.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().service()));
        fCves.setCellValueFactory(c -> new ReadOnlyStringWrapper(references(c.getValue())));
        findingsTable.setItems(vm.findings());
        findingsTable.setPlaceholder(new Label("No findings (yet)."));
        findingsTable.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> vm.selectedFindingProperty().set(f));
        vm.selectedFindingProperty().addListener((o, a, f) -> showFinding(f));
        showFinding(null);

        hHost.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().label()));
        hState.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().state()));
        hService.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().service()));
        hProduct.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().product()));
        hDetail.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().detail()));
        hostTree.setRoot(new TreeItem<>(new Row("", "", "", "", "")));
        hostTree.setPlaceholder(new Label("No hosts answered (yet)."));
        // hosts and services change together in one refresh: rebuild the tree once, after both
        vm.hosts().addListener((javafx.collections.ListChangeListener<HostRecord>) c -> scheduleRebuild());
        vm.services().addListener((javafx.collections.ListChangeListener<ServiceRecord>) c -> scheduleRebuild());

        ChartViewer viewer = new ChartViewer(chart.chart());
        chartHolder.getChildren().add(viewer);

        eventList.setItems(vm.events());
        eventList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ScanEvent e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null
                        : TimeText.stamp(e.at(), ZoneId.systemDefault()) + "  " + e.level().toUpperCase() + "  " + e.message());
            }
        });

        vm.scanProperty().addListener((o, a, s) -> showScan(s));
        vm.liveProgressProperty().addListener((o, a, p) -> {
            if (p != null && vm.scanProperty().get() != null && vm.scanProperty().get().status() == ScanStatus.RUNNING) {
                progressBar.setProgress(p.fraction());
                progressText.setText(String.format("%s · %.0f%% · %,.0f probes/s%s", p.phase(), p.fraction() * 100,
                        p.probesPerSec(), p.etaSeconds() >= 0 ? " · ETA " + p.etaSeconds() + " s" : ""));
            }
        });
        org.watchpost.ui.common.Banners.bind(errorLabel, vm.errorProperty());
        vm.goneProperty().addListener((o, a, g) -> {
            if (g) back.run();
        });
        var reportItems = actions.reportMenu(vm::scanId);
        reportButton.getItems().setAll(reportItems);
        reportButton.setVisible(!reportItems.isEmpty());
        reportButton.setManaged(!reportItems.isEmpty());
        stopButton.setTooltip(new Tooltip("Stop the scan; what it found so far is kept (Ctrl+Shift+S)"));
        rerunButton.setTooltip(new Tooltip("Run again with the same settings, as a new scan (Ctrl+R)"));
        cloneButton.setTooltip(new Tooltip("Open the New scan dialog with these settings"));
        editButton.setTooltip(new Tooltip("Change targets and parameters for the next runs"));
    }

    private static String references(FindingRecord f) {
        StringBuilder b = new StringBuilder(String.join(", ", f.cves()));
        if (f.cwe() != null && !f.cwe().isBlank()) b.append(b.length() > 0 ? ", " : "").append(f.cwe());
        return b.toString();
    }

    private void showScan(ScanRecord s) {
        if (s == null) return;
        idLabel.setText(s.scanId());
        nameLabel.setText(s.name());
        statusLabel.setText(ScansView.StatusCell.label(s.status()));
        statusLabel.getStyleClass().setAll("label", "status-pill", "status-" + s.status().name().toLowerCase());
        boolean running = s.status() == ScanStatus.RUNNING;
        progressBar.setVisible(running);
        progressBar.setManaged(running);
        progressText.setVisible(running);
        progressText.setManaged(running);
        if (running && vm.liveProgressProperty().get() == null) progressBar.setProgress(s.progress());
        Instant now = Instant.now();
        Instant start = s.startedAt() != null ? s.startedAt() : s.createdAt();
        startedValue.setText(TimeText.stamp(start, ZoneId.systemDefault()) + (s.startedAt() == null ? " (queued)" : ""));
        durationValue.setText(s.duration(now) == null ? "—" : TimeText.duration(s.duration(now)));
        ageValue.setText(TimeText.age(start, now));
        resultsValue.setText(String.format("%d of %d hosts up · %d open ports · %d findings", s.hostsUp(), s.hostCount(),
                s.openPorts(), s.severities().total()));
        targetsValue.setText(s.config().targets());
        exclusionsValue.setText(s.config().exclusions().isEmpty() ? "—" : s.config().exclusions());
        portsValue.setText(s.config().ports());
        optionsValue.setText(String.format("discovery %s · services %s · checks %s · timeout %d ms · rate %s · in flight %d",
                s.config().discovery() ? "on" : "off", s.config().serviceDetection() ? "on" : "off",
                s.config().checks() ? "on" : "off", s.config().timeoutMs(),
                s.config().rateLimit() == 0 ? "no limit" : s.config().rateLimit() + "/s", s.config().concurrency())
                + (s.error() != null ? "\n" + s.error() : ""));
        boolean monitorScan = s.fromMonitor();
        monitorNote.setVisible(monitorScan);
        monitorNote.setManaged(monitorScan);
        stopButton.setDisable(!s.status().isActive() || monitorScan);
        if (monitorScan) {
            stopButton.setTooltip(new Tooltip("This scan was started by a monitor: it cannot be stopped, only deleted."));
        }
        chart.update(s.severities());
    }

    private boolean rebuildPending;

    private void scheduleRebuild() {
        if (rebuildPending) return;
        rebuildPending = true;
        javafx.application.Platform.runLater(() -> {
            rebuildPending = false;
            rebuildTree();
        });
    }

    private void rebuildTree() {
        Map<Long, TreeItem<Row>> byHost = new HashMap<>();
        TreeItem<Row> root = hostTree.getRoot();
        root.getChildren().clear();
        for (HostRecord h : vm.hosts()) {
            if (!h.up() && h.openPorts() == 0) continue;
            String detail = (h.reason() == null ? "" : h.reason())
                    + (h.rttMicros() >= 0 ? String.format(" · rtt %.1f ms", h.rttMicros() / 1000.0) : "")
                    + String.format(" · %d closed, %d filtered", h.closedPorts(), h.filteredPorts());
            TreeItem<Row> item = new TreeItem<>(new Row(h.display(), h.up() ? "up" : "no answer",
                    h.openPorts() + " open", "", detail));
            item.setExpanded(true);
            byHost.put(h.id(), item);
            root.getChildren().add(item);
        }
        for (ServiceRecord s : vm.services()) {
            TreeItem<Row> host = byHost.get(s.hostId());
            if (host == null) continue;
            String detail = (s.tls() ? "TLS · " : "") + (s.extra() != null ? s.extra() + " · " : "")
                    + (s.banner() != null ? s.banner() : "");
            host.getChildren().add(new TreeItem<>(new Row(s.port() + "/" + s.protocol(), s.state().toLowerCase(),
                    s.service() == null ? "…" : s.service(), s.productVersion(), detail.length() > 300 ? detail.substring(0, 300) + "…" : detail)));
        }
    }

    private void showFinding(FindingRecord f) {
        findingDetail.setVisible(f != null);
        if (f == null) return;
        detailTitle.setText(f.title());
        detailMeta.setText(f.severity().label() + (f.cvss() != null ? " · CVSS " + f.cvss() : "")
                + (f.cvssVector() != null ? " (" + f.cvssVector() + ")" : "") + " · " + f.location()
                + (f.service() != null ? " " + f.service() : "") + " · " + f.checkId() + " · confidence: " + f.confidence()
                + (f.knownExploited() ? " · KNOWN EXPLOITED (CISA KEV)" : "")
                + (references(f).isEmpty() ? "" : " · " + references(f)));
        detailDescription.setText(f.description() == null ? "" : f.description());
        detailEvidence.setText(f.evidence() == null ? "" : f.evidence());
        detailRemediation.setText(f.remediation() == null ? "" : f.remediation());
    }

    @FXML
    private void onBack() {
        back.run();
    }

    @FXML
    private void onCopyId() {
        ClipboardContent c = new ClipboardContent();
        c.putString(vm.scanProperty().get() == null ? "" : vm.scanProperty().get().scanId());
        Clipboard.getSystemClipboard().setContent(c);
    }

    @FXML
    private void onRefresh() {
        vm.refresh();
    }

    @FXML
    private void onRerun() {
        actions.rerun(List.of(vm.scanId()));
    }

    @FXML
    private void onClone() {
        actions.cloneScan(vm.scanId());
    }

    @FXML
    private void onEdit() {
        actions.editConfig(vm.scanId());
    }

    @FXML
    private void onStop() {
        actions.stop(List.of(vm.scanId()));
    }

    @FXML
    private void onDelete() {
        actions.delete(List.of(vm.scanId()));
    }

    /** A coloured severity chip. */
    public static final class SeverityChipCell<S> extends TableCell<S, Severity> {
        private final Label chip = new Label();

        public SeverityChipCell() {
            chip.getStyleClass().add("severity-chip");
        }

        @Override
        protected void updateItem(Severity s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                setGraphic(null);
                return;
            }
            for (Severity x : Severity.values()) chip.pseudoClassStateChanged(PseudoClass.getPseudoClass(x.name().toLowerCase()), x == s);
            chip.setText(s.label());
            setGraphic(chip);
        }
    }
}
