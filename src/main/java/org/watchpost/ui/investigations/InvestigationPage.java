package org.watchpost.ui.investigations;

import java.awt.Color;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Window;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.FindingLifecycle;
import org.watchpost.store.FindingState;
import org.watchpost.store.InvestigationFinding;
import org.watchpost.store.InvestigationHost;
import org.watchpost.store.ScanIds;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.SeverityCounts;
import org.watchpost.store.SeverityTrendPoint;
import org.watchpost.ui.common.Fxml;
import org.watchpost.ui.common.SeverityChart;
import org.watchpost.ui.common.TimeText;
import org.watchpost.ui.scans.ScanDetailsView;
import org.watchpost.ui.common.Banners;
import org.watchpost.ui.scans.SeverityBarCell;

/** One investigation's page: each finding's lifecycle across the scans, the severity trend, scans and hosts. */
public final class InvestigationPage {
    private final InvestigationPageViewModel vm;
    private final Runnable back;
    private final Consumer<Long> openScan;
    private final Supplier<Window> owner;
    private final Parent root;
    private final DefaultCategoryDataset trendData = new DefaultCategoryDataset();

    @FXML private Label idLabel;
    @FXML private Label nameLabel;
    @FXML private Label descriptionLabel;
    @FXML private Label summaryLabel;
    @FXML private Label errorLabel;
    @FXML private TableView<InvestigationFinding> findingsTable;
    @FXML private TableColumn<InvestigationFinding, Severity> fSeverity;
    @FXML private TableColumn<InvestigationFinding, FindingState> fState;
    @FXML private TableColumn<InvestigationFinding, String> fTitle;
    @FXML private TableColumn<InvestigationFinding, String> fLocation;
    @FXML private TableColumn<InvestigationFinding, String> fTimeline;
    @FXML private StackPane trendHolder;
    @FXML private Button removeButton;
    @FXML private Button reportButton;
    private Runnable onReport;
    @FXML private TableView<ScanRecord> scansTable;
    @FXML private TableColumn<ScanRecord, String> sId;
    @FXML private TableColumn<ScanRecord, String> sName;
    @FXML private TableColumn<ScanRecord, String> sStatus;
    @FXML private TableColumn<ScanRecord, String> sStarted;
    @FXML private TableColumn<ScanRecord, SeverityCounts> sFindings;
    @FXML private TableView<InvestigationHost> hostsTable;
    @FXML private TableColumn<InvestigationHost, String> hAddress;
    @FXML private TableColumn<InvestigationHost, Number> hScans;
    @FXML private TableColumn<InvestigationHost, String> hPorts;
    @FXML private TableColumn<InvestigationHost, SeverityCounts> hFindings;

    public InvestigationPage(InvestigationPageViewModel vm, Runnable back, Consumer<Long> openScan, Supplier<Window> owner) {
        this.vm = vm;
        this.back = back;
        this.openScan = openScan;
        this.owner = owner;
        this.root = Fxml.load(InvestigationPage.class, "InvestigationPage.fxml", this);
    }

    public Parent root() {
        return root;
    }

    public InvestigationPageViewModel viewModel() {
        return vm;
    }

    /** "SCAN-3 New → SCAN-4 Persisting → SCAN-6 Resolved" */
    static String timeline(FindingLifecycle l) {
        return l.timeline().stream().map(s -> ScanIds.format(s.scanId()) + " " + s.state().label())
                .collect(Collectors.joining(" → "));
    }

    @FXML
    private void initialize() {
        fSeverity.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().lifecycle().severity()));
        fSeverity.setCellFactory(col -> new ScanDetailsView.SeverityChipCell<>());
        fState.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().state()));
        fState.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(FindingState s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setGraphic(null);
                    return;
                }
                Label l = new Label(s.label());
                l.getStyleClass().addAll("status-pill", "lifecycle-" + s.name().toLowerCase());
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                setGraphic(l);
            }
        });
        fTitle.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().lifecycle().title()));
        fLocation.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().lifecycle().location()));
        fTimeline.setCellValueFactory(c -> new ReadOnlyStringWrapper(timeline(c.getValue().lifecycle())));
        findingsTable.setItems(vm.findings());
        findingsTable.setPlaceholder(new Label("No findings in this investigation's scans."));

        sId.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().scanId()));
        sName.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        sStatus.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().status().name()));
        sStarted.setCellValueFactory(c -> new ReadOnlyStringWrapper(TimeText.stamp(
                c.getValue().startedAt() != null ? c.getValue().startedAt() : c.getValue().createdAt(), ZoneId.systemDefault())));
        sFindings.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().severities()));
        sFindings.setCellFactory(col -> new SeverityBarCell<>());
        scansTable.setItems(vm.scans());
        scansTable.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        scansTable.setPlaceholder(new Label("No scans yet: add some from the Scans page (“Add to investigation…”)."));
        scansTable.setRowFactory(tv -> {
            TableRow<ScanRecord> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) openScan.accept(row.getItem().id());
            });
            return row;
        });
        removeButton.disableProperty().bind(scansTable.getSelectionModel().selectedItemProperty().isNull());

        hAddress.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().hostname() == null ? c.getValue().address()
                : c.getValue().hostname() + " (" + c.getValue().address() + ")"));
        hScans.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().scanCount()));
        hPorts.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().openPortsInLastScan().stream()
                .map(String::valueOf).collect(Collectors.joining(", "))));
        hFindings.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().openFindings()));
        hFindings.setCellFactory(col -> new SeverityBarCell<>());
        hostsTable.setItems(vm.hosts());

        trendHolder.getChildren().add(new ChartViewer(trendChart()));
        vm.trend().addListener((javafx.collections.ListChangeListener<SeverityTrendPoint>) c -> updateTrend());
        vm.summaryProperty().addListener((o, a, s) -> {
            if (s == null) return;
            idLabel.setText(s.investigation().displayId());
            nameLabel.setText(s.name());
            descriptionLabel.setText(s.description().isBlank() ? "No description." : s.description());
        });
        vm.findings().addListener((javafx.collections.ListChangeListener<InvestigationFinding>) c -> updateSummary());
        vm.scans().addListener((javafx.collections.ListChangeListener<ScanRecord>) c -> updateSummary());
        vm.hosts().addListener((javafx.collections.ListChangeListener<InvestigationHost>) c -> updateSummary());
        Banners.bind(errorLabel, vm.errorProperty());
        vm.goneProperty().addListener((o, a, g) -> {
            if (g) back.run();
        });
    }

    private void updateSummary() {
        long open = vm.findings().stream().filter(f -> f.state().isOpen()).count();
        long resolved = vm.findings().stream().filter(f -> f.state() == FindingState.RESOLVED).count();
        long reopened = vm.findings().stream().filter(f -> f.state() == FindingState.REOPENED).count();
        long fresh = vm.findings().stream().filter(f -> f.state() == FindingState.NEW).count();
        summaryLabel.setText(String.format("%d scan(s) · %d host(s) · %d distinct finding(s): %d open (%d new, %d reopened), %d resolved",
                vm.scans().size(), vm.hosts().size(), vm.findings().size(), open, fresh, reopened, resolved));
    }

    private JFreeChart trendChart() {
        CategoryPlot plot = new CategoryPlot(trendData, new CategoryAxis("Scan (oldest first)"), new NumberAxis("Findings"),
                new StackedBarRenderer());
        StackedBarRenderer r = (StackedBarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.08);
        for (Severity s : Severity.values()) r.setSeriesPaint(s.ordinal(), SeverityChart.COLORS[s.ordinal()]);
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xd9dee7));
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart("Findings per scan, by severity", new java.awt.Font("SansSerif", java.awt.Font.BOLD, 14),
                plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private void updateTrend() {
        trendData.clear();
        for (SeverityTrendPoint p : vm.trend()) {
            for (Severity s : Severity.values()) trendData.addValue(p.counts().get(s), s.label(), p.scanIdText());
        }
    }

    @FXML
    private void onBack() {
        back.run();
    }

    @FXML
    private void onRefresh() {
        vm.refresh();
    }

    @FXML
    private void onEdit() {
        var s = vm.summaryProperty().get();
        if (s == null) return;
        InvestigationDialogs.edit(owner.get(), "Edit investigation", s.name(), s.description())
                .ifPresent(d -> vm.update(d.name(), d.description()));
    }

    /** Shows the "Report (PDF)…" button, which runs {@code action}. */
    public void enableReport(Runnable action) {
        this.onReport = action;
        reportButton.setVisible(true);
        reportButton.setManaged(true);
    }

    @FXML
    private void onReport() {
        if (onReport != null) onReport.run();
    }

    @FXML
    private void onRemove() {
        List<Long> ids = scansTable.getSelectionModel().getSelectedItems().stream().map(ScanRecord::id).toList();
        if (!ids.isEmpty()) vm.removeScans(ids);
    }
}
