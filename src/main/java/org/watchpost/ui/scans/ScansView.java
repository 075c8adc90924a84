package org.watchpost.ui.scans;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.collections.transformation.SortedList;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.store.SeverityCounts;
import org.watchpost.ui.common.Fxml;

/** The Scans dashboard: every scan, its status and findings at a glance. */
public final class ScansView {
    private final ScansViewModel vm;
    private final ScanActions actions;
    private final Parent root;

    @FXML private Label countLabel;
    @FXML private TextField filterField;
    @FXML private ComboBox<ScanStatus> statusFilter;
    @FXML private Button refreshButton;
    @FXML private Button newScanButton;
    @FXML private Label errorLabel;
    @FXML private TableView<ScanRowViewModel> table;
    @FXML private TableColumn<ScanRowViewModel, String> idColumn;
    @FXML private TableColumn<ScanRowViewModel, String> nameColumn;
    @FXML private TableColumn<ScanRowViewModel, String> targetsColumn;
    @FXML private TableColumn<ScanRowViewModel, ScanStatus> statusColumn;
    @FXML private TableColumn<ScanRowViewModel, Number> findingsColumn;
    @FXML private TableColumn<ScanRowViewModel, SeverityCounts> severityColumn;
    @FXML private TableColumn<ScanRowViewModel, String> startedColumn;
    @FXML private TableColumn<ScanRowViewModel, String> durationColumn;
    @FXML private TableColumn<ScanRowViewModel, String> ageColumn;
    @FXML private TableColumn<ScanRowViewModel, String> badgesColumn;
    @FXML private VBox emptyState;
    @FXML private HBox selectionBar;
    @FXML private Button openButton;
    @FXML private Button rerunButton;
    @FXML private Button cloneButton;
    @FXML private Button editButton;
    @FXML private Button stopButton;
    @FXML private Button investigateButton;
    @FXML private Button deleteButton;
    @FXML private Label selectionLabel;

    public ScansView(ScansViewModel vm, ScanActions actions) {
        this.vm = vm;
        this.actions = actions;
        this.root = Fxml.load(ScansView.class, "ScansView.fxml", this);
    }

    public Parent root() {
        return root;
    }

    public TableView<ScanRowViewModel> table() {
        return table;
    }

    @FXML
    private void initialize() {
        idColumn.setCellValueFactory(c -> c.getValue().scanIdProperty());
        idColumn.setComparator((a, b) -> Long.compare(Long.parseLong(a.substring(5)), Long.parseLong(b.substring(5))));
        nameColumn.setCellValueFactory(c -> c.getValue().nameProperty());
        targetsColumn.setCellValueFactory(c -> c.getValue().targetsProperty());
        statusColumn.setCellValueFactory(c -> c.getValue().statusProperty());
        statusColumn.setCellFactory(col -> new StatusCell());
        findingsColumn.setCellValueFactory(c -> c.getValue().findingsProperty());
        findingsColumn.getStyleClass().add("numeric");
        severityColumn.setCellValueFactory(c -> c.getValue().severitiesProperty());
        severityColumn.setCellFactory(col -> new SeverityCell());
        startedColumn.setCellValueFactory(c -> c.getValue().startedProperty());
        durationColumn.setCellValueFactory(c -> c.getValue().durationProperty());
        ageColumn.setCellValueFactory(c -> c.getValue().ageProperty());
        ageColumn.setComparator((a, b) -> 0);
        badgesColumn.setCellValueFactory(c -> c.getValue().badgesProperty());
        badgesColumn.setCellFactory(col -> new BadgeCell());

        SortedList<ScanRowViewModel> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No scan matches the filter."));
        table.setRowFactory(tv -> {
            TableRow<ScanRowViewModel> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    actions.openScan(row.getItem().id());
                }
            });
            return row;
        });

        statusFilter.getItems().add(null);
        statusFilter.getItems().addAll(ScanStatus.values());
        statusFilter.setButtonCell(new StatusListCell());
        statusFilter.setCellFactory(l -> new StatusListCell());
        statusFilter.valueProperty().bindBidirectional(vm.statusFilterProperty());
        filterField.textProperty().bindBidirectional(vm.filterTextProperty());

        emptyState.visibleProperty().bind(vm.emptyProperty());
        emptyState.managedProperty().bind(vm.emptyProperty());
        table.visibleProperty().bind(vm.emptyProperty().not());
        countLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            int all = vm.rows().size();
            int shown = vm.visibleRows().size();
            String more = vm.partialProperty().get() ? "+" : "";   // the rest of a long list is still being read
            return all == shown ? all + more + (all == 1 && more.isEmpty() ? " scan" : " scans")
                    : shown + " of " + all + more + " scans";
        }, vm.rows(), vm.visibleRows(), vm.partialProperty()));
        installActions();
        // ages ("5 min ago") and running durations move on even when nothing is reloaded
        javafx.animation.Timeline ages = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(javafx.util.Duration.seconds(30), e -> vm.tick()));
        ages.setCycleCount(javafx.animation.Animation.INDEFINITE);
        ages.play();
        org.watchpost.ui.common.Banners.bind(errorLabel, vm.errorProperty());
    }

    private void installActions() {
        var sel = table.getSelectionModel().getSelectedItems();
        javafx.beans.binding.BooleanBinding none = Bindings.isEmpty(sel);
        javafx.beans.binding.BooleanBinding notOne = Bindings.size(sel).isNotEqualTo(1);
        // Stop: needs an active scan and refuses monitor scans (they can only be deleted)
        javafx.beans.binding.BooleanBinding noStoppable = Bindings.createBooleanBinding(() -> sel.stream().noneMatch(r ->
                r.statusProperty().get() != null && r.statusProperty().get().isActive() && !r.record().fromMonitor()), sel, vm.rows());
        openButton.disableProperty().bind(notOne);
        rerunButton.disableProperty().bind(none);
        cloneButton.disableProperty().bind(notOne);
        editButton.disableProperty().bind(notOne);
        stopButton.disableProperty().bind(noStoppable);
        deleteButton.disableProperty().bind(none);
        investigateButton.disableProperty().bind(none);
        selectionBar.visibleProperty().bind(vm.emptyProperty().not());
        selectionBar.managedProperty().bind(selectionBar.visibleProperty());
        selectionLabel.textProperty().bind(Bindings.createStringBinding(() -> sel.isEmpty()
                ? "Select scans to act on them (double-click opens one)"
                : sel.size() + " selected", sel));
        stopButton.setTooltip(new javafx.scene.control.Tooltip("Stop the selected running scans; their results are kept."
                + " Scans started by a monitor cannot be stopped, only deleted."));
        deleteButton.setTooltip(new javafx.scene.control.Tooltip("Delete the selected scans and all their data (Delete)"));

        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu();
        menu.getItems().addAll(
                item("Open", "Enter", notOne, () -> onOpen()),
                item("Re-run", "Shortcut+R", none, () -> onRerun()),
                item("Clone…", "Shortcut+Shift+C", notOne, () -> onClone()),
                item("Edit configuration…", "Shortcut+E", notOne, () -> onEdit()),
                item("Copy scan ID", "Shortcut+C", none, this::copyIds),
                item("Add to investigation…", "Shortcut+I", none, () -> actions.addToInvestigation(selectedIds())),
                new javafx.scene.control.SeparatorMenuItem(),
                item("Stop", "Shortcut+Shift+S", noStoppable, () -> onStop()),
                item("Delete…", "Delete", none, () -> onDelete()));
        table.setContextMenu(menu);
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && sel.size() == 1) {
                onOpen();
                e.consume();
            }
        });
    }

    private javafx.scene.control.MenuItem item(String text, String accelerator, javafx.beans.binding.BooleanBinding disabled,
                                               Runnable action) {
        javafx.scene.control.MenuItem mi = new javafx.scene.control.MenuItem(text);
        mi.setAccelerator(javafx.scene.input.KeyCombination.keyCombination(accelerator));
        mi.disableProperty().bind(disabled);
        mi.setOnAction(e -> action.run());
        return mi;
    }

    /** Adds "Reports" to the context menu (when reports are wired). */
    public void addReportMenu() {
        var items = actions.reportMenu(() -> selectedIds().isEmpty() ? -1L : selectedIds().get(0));
        if (items.isEmpty() || table.getContextMenu() == null) return;
        javafx.scene.control.Menu reports = new javafx.scene.control.Menu("Reports and exports");
        reports.getItems().setAll(items);
        reports.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1));
        table.getContextMenu().getItems().add(5, reports);
    }

    /** Window-level shortcuts (call once the view is in a scene). */
    public void installShortcuts(javafx.scene.Scene scene) {
        scene.getAccelerators().put(javafx.scene.input.KeyCombination.keyCombination("Shortcut+N"), this::onNewScan);
        scene.getAccelerators().put(javafx.scene.input.KeyCombination.keyCombination("F5"), this::onRefresh);
    }

    private void copyIds() {
        javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
        c.putString(String.join(" ", table.getSelectionModel().getSelectedItems().stream()
                .map(r -> r.scanIdProperty().get()).toList()));
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
    }

    @FXML
    private void onOpen() {
        List<Long> ids = selectedIds();
        if (ids.size() == 1) actions.openScan(ids.get(0));
    }

    @FXML
    private void onRerun() {
        actions.rerun(selectedIds());
    }

    @FXML
    private void onClone() {
        List<Long> ids = selectedIds();
        if (ids.size() == 1) actions.cloneScan(ids.get(0));
    }

    @FXML
    private void onEdit() {
        List<Long> ids = selectedIds();
        if (ids.size() == 1) actions.editConfig(ids.get(0));
    }

    @FXML
    private void onStop() {
        actions.stop(table.getSelectionModel().getSelectedItems().stream()
                .filter(r -> r.statusProperty().get().isActive() && !r.record().fromMonitor()).map(ScanRowViewModel::id).toList());
    }

    @FXML
    private void onInvestigate() {
        actions.addToInvestigation(selectedIds());
    }

    @FXML
    private void onDelete() {
        actions.delete(selectedIds());
    }

    public List<Long> selectedIds() {
        return table.getSelectionModel().getSelectedItems().stream().map(ScanRowViewModel::id).toList();
    }

    @FXML
    private void onRefresh() {
        vm.refresh();
    }

    @FXML
    private void onNewScan() {
        actions.newScan();
    }

    private static final class StatusListCell extends ListCell<ScanStatus> {
        @Override
        protected void updateItem(ScanStatus item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item == null ? "Any status" : StatusCell.label(item));
        }
    }

    /** Status text with a pill colour, and a progress bar while running. */
    static final class StatusCell extends TableCell<ScanRowViewModel, ScanStatus> {
        private final Label label = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final HBox box = new HBox(6, label, bar);

        StatusCell() {
            bar.setPrefWidth(48);
            bar.setMinWidth(48);
            label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            bar.setMaxHeight(8);
            HBox.setHgrow(bar, Priority.NEVER);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }

        static String label(ScanStatus s) {
            String n = s.name().toLowerCase();
            return Character.toUpperCase(n.charAt(0)) + n.substring(1);
        }

        @Override
        protected void updateItem(ScanStatus item, boolean empty) {
            super.updateItem(item, empty);
            bar.progressProperty().unbind();
            if (empty || item == null || getTableRow() == null || getTableRow().getItem() == null) {
                setGraphic(null);
                return;
            }
            label.setText(label(item));
            label.getStyleClass().setAll("status-pill", "status-" + item.name().toLowerCase());
            boolean running = item == ScanStatus.RUNNING;
            bar.setVisible(running);
            bar.setManaged(running);
            if (running) bar.progressProperty().bind(getTableRow().getItem().progressProperty());
            setGraphic(box);
        }
    }

    static final class SeverityCell extends TableCell<ScanRowViewModel, SeverityCounts> {
        private final SeverityBar bar = new SeverityBar();

        @Override
        protected void updateItem(SeverityCounts item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
            } else {
                bar.setCounts(item);
                setGraphic(item.total() == 0 ? null : bar);
            }
        }
    }

    static final class BadgeCell extends TableCell<ScanRowViewModel, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null || item.isBlank()) {
                setGraphic(null);
                return;
            }
            HBox box = new HBox(4);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            for (String b : item.split(" ")) {
                Label l = new Label(b);
                l.getStyleClass().addAll("badge", "badge-" + b);
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                box.getChildren().add(l);
            }
            setGraphic(box);
        }
    }
}
