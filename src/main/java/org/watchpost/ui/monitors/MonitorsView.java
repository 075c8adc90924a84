package org.watchpost.ui.monitors;

import java.time.ZoneId;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.watchpost.schedule.ChangeDigest;
import org.watchpost.schedule.Monitor;
import org.watchpost.store.ScanIds;
import org.watchpost.store.ScanRecord;
import org.watchpost.ui.common.Fxml;
import org.watchpost.ui.common.TimeText;

/** The Monitors page, and one monitor's page with its change digests, runs and scans. */
public final class MonitorsView {
    private final MonitorsViewModel vm;
    private final Consumer<Long> openScan;
    private final Consumer<Node> showPage;
    private final Supplier<Window> owner;
    private final Parent root;

    @FXML private Button openButton;
    @FXML private Button modifyButton;
    @FXML private Button toggleButton;
    @FXML private Button deleteButton;
    @FXML private Label infoLabel;
    @FXML private Label errorLabel;
    @FXML private TableView<Monitor> table;
    @FXML private TableColumn<Monitor, String> idColumn;
    @FXML private TableColumn<Monitor, String> nameColumn;
    @FXML private TableColumn<Monitor, String> targetsColumn;
    @FXML private TableColumn<Monitor, String> frequencyColumn;
    @FXML private TableColumn<Monitor, String> nextColumn;
    @FXML private TableColumn<Monitor, String> lastColumn;
    @FXML private TableColumn<Monitor, String> enabledColumn;
    @FXML private VBox emptyState;

    /**
     * @param showPage shows a node in the Monitors area (a monitor's page), or null to go back to the list
     */
    public MonitorsView(MonitorsViewModel vm, Consumer<Long> openScan, Consumer<Node> showPage, Supplier<Window> owner) {
        this.vm = vm;
        this.openScan = openScan;
        this.showPage = showPage;
        this.owner = owner;
        this.root = Fxml.load(MonitorsView.class, "MonitorsView.fxml", this);
    }

    public Parent root() {
        return root;
    }

    static String when(java.time.Instant t) {
        return t == null ? "—" : TimeText.stamp(t, ZoneId.systemDefault());
    }

    @FXML
    private void initialize() {
        idColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().displayId()));
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        targetsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().targets()));
        frequencyColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().frequency().describe()));
        nextColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().enabled() ? when(c.getValue().nextRunAt()) : "disabled"));
        lastColumn.setCellValueFactory(c -> {
            Monitor m = c.getValue();
            String s = m.lastRunAt() == null ? "never" : when(m.lastRunAt());
            if (m.lastScanId() != null) s += " · " + ScanIds.format(m.lastScanId()) + (m.lastScanStatus() == null ? "" : " " + m.lastScanStatus());
            return new ReadOnlyStringWrapper(s);
        });
        enabledColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().enabled() ? "yes" : "no"));
        table.setItems(vm.items());
        table.setPlaceholder(new Label(""));
        table.setRowFactory(tv -> {
            TableRow<Monitor> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) open(row.getItem().id());
            });
            return row;
        });
        var sel = table.getSelectionModel().selectedItemProperty();
        openButton.disableProperty().bind(sel.isNull());
        modifyButton.disableProperty().bind(sel.isNull());
        toggleButton.disableProperty().bind(sel.isNull());
        deleteButton.disableProperty().bind(sel.isNull());
        toggleButton.textProperty().bind(Bindings.createStringBinding(() ->
                sel.get() != null && !sel.get().enabled() ? "Enable" : "Disable", sel));
        emptyState.visibleProperty().bind(Bindings.isEmpty(vm.items()));
        table.visibleProperty().bind(Bindings.isNotEmpty(vm.items()));
        org.watchpost.ui.common.Banners.bind(infoLabel, vm.infoProperty());
        org.watchpost.ui.common.Banners.bind(errorLabel, vm.errorProperty());
    }

    private Monitor selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    @FXML
    private void onOpen() {
        if (selected() != null) open(selected().id());
    }

    @FXML
    private void onModify() {
        Monitor m = selected();
        if (m != null) modify(m, () -> { });
    }

    private void modify(Monitor m, Runnable done) {
        FrequencyDialog.show(owner.get(), m.frequency()).ifPresent(f -> vm.updateFrequency(m.id(), f, done));
    }

    @FXML
    private void onToggle() {
        Monitor m = selected();
        if (m != null) vm.setEnabled(m.id(), !m.enabled(), () -> { });
    }

    @FXML
    private void onDelete() {
        Monitor m = selected();
        if (m != null) delete(m, () -> { });
    }

    private void delete(Monitor m, Runnable done) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        if (owner.get() != null) a.initOwner(owner.get());
        a.setTitle("Delete monitor");
        a.setHeaderText("Delete " + m.displayId() + " “" + m.name() + "”?");
        a.setContentText("It will start no more scans, and its page goes. Every scan it made stays in the scan list.");
        ButtonType del = new ButtonType("Delete monitor", ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(ButtonType.CANCEL, del);
        if (a.showAndWait().orElse(ButtonType.CANCEL) == del) vm.delete(m.id(), done);
    }

    @FXML
    private void onRefresh() {
        vm.refresh();
    }

    /** Opens a monitor's page. */
    public void open(long id) {
        vm.loadPage(id, this::showMonitor, () -> showPage.accept(null));
    }

    private void showMonitor(MonitorsViewModel.Page p) {
        Monitor m = p.monitor();
        VBox page = new VBox(10);
        page.getStyleClass().add("page");
        Button back = new Button("← Monitors");
        back.setOnAction(e -> {
            vm.refresh();
            showPage.accept(null);
        });
        Label id = new Label(m.displayId());
        id.getStyleClass().add("page-title");
        Label name = new Label(m.name());
        name.getStyleClass().add("section-title");
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> open(m.id()));
        Button modify = new Button("Modify frequency…");
        modify.setOnAction(e -> modify(m, () -> open(m.id())));
        Button toggle = new Button(m.enabled() ? "Disable" : "Enable");
        toggle.setOnAction(e -> vm.setEnabled(m.id(), !m.enabled(), () -> open(m.id())));
        Button delete = new Button("Delete…");
        delete.setOnAction(e -> delete(m, () -> showPage.accept(null)));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, back, id, name, spacer, refresh, modify, toggle, delete);
        header.setAlignment(Pos.CENTER_LEFT);
        Label facts = new Label(String.format("Targets %s · ports %s · %s · next run %s · %s%nIts scans cannot be stopped,"
                        + " only deleted.", m.targets(), m.config().ports(), m.frequency().describe(),
                m.enabled() ? when(m.nextRunAt()) : "— (disabled)", m.enabled() ? "enabled" : "disabled: no new scans"));
        facts.getStyleClass().add("card");
        facts.setMaxWidth(Double.MAX_VALUE);
        facts.setWrapText(true);
        facts.setMinHeight(Region.USE_PREF_SIZE);

        Label digestTitle = new Label("What changed, run by run");
        digestTitle.getStyleClass().add("section-title");
        // one block per run (multi-line text: a plain VBox, since themed list cells have a fixed height)
        VBox digestBox = new VBox(6);
        digestBox.getStyleClass().add("digest-list");
        if (p.digests().isEmpty()) digestBox.getChildren().add(new Label("No finished run yet."));
        for (ChangeDigest d : p.digests()) {
            StringBuilder b = new StringBuilder(ScanIds.format(d.scanId()))
                    .append(d.previousScanId() == null ? "" : " vs " + ScanIds.format(d.previousScanId()))
                    .append(" · ").append(when(d.computedAt())).append(" — ").append(d.summary());
            d.newOpenPorts().stream().limit(8).forEach(pc -> b.append("\n   + open ").append(pc.text())
                    .append(pc.service() == null ? "" : " (" + pc.service() + ")"));
            d.closedPorts().stream().limit(8).forEach(pc -> b.append("\n   − closed ").append(pc.text()));
            d.newFindings().stream().limit(8).forEach(f -> b.append("\n   + ").append(f.severity().label()).append("  ")
                    .append(f.title()).append("  ").append(f.location()));
            d.resolvedFindings().stream().limit(8).forEach(f -> b.append("\n   ✓ resolved  ").append(f.title()).append("  ")
                    .append(f.location()));
            Label entry = new Label(b.toString());
            entry.setWrapText(true);
            entry.setMinHeight(Region.USE_PREF_SIZE);
            entry.getStyleClass().add("card");
            entry.setMaxWidth(Double.MAX_VALUE);
            digestBox.getChildren().add(entry);
        }
        javafx.scene.control.ScrollPane digests = new javafx.scene.control.ScrollPane(digestBox);
        digests.setFitToWidth(true);
        VBox.setVgrow(digests, Priority.ALWAYS);

        Label runsTitle = new Label("Runs (catch-ups after missed times are marked)");
        runsTitle.getStyleClass().add("section-title");
        ListView<String> runs = new ListView<>();
        p.runs().forEach(r -> runs.getItems().add((r.scheduledFor() != null ? "due " + when(r.scheduledFor())
                : "run " + when(r.startedAt()) + " (" + r.trigger().name().toLowerCase() + ")") + "  " + r.describe(ZoneId.systemDefault())));
        runs.setPlaceholder(new Label("No runs yet."));
        runs.setPrefHeight(140);

        Label scansTitle = new Label("Scans it made (double-click to open)");
        scansTitle.getStyleClass().add("section-title");
        ListView<ScanRecord> scans = new ListView<>();
        scans.getItems().setAll(p.scans());
        scans.setPrefHeight(140);
        scans.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(ScanRecord s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.scanId() + "  " + s.status() + "  " + when(s.startedAt() != null ? s.startedAt()
                        : s.createdAt()) + "  · " + s.openPorts() + " open ports · " + s.severities().total() + " findings");
            }
        });
        scans.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && scans.getSelectionModel().getSelectedItem() != null) {
                openScan.accept(scans.getSelectionModel().getSelectedItem().id());
            }
        });
        page.getChildren().addAll(header, facts, digestTitle, digests, runsTitle, runs, scansTitle, scans);
        page.getStyleClass().add("monitor-page");
        showPage.accept(page);
    }
}
