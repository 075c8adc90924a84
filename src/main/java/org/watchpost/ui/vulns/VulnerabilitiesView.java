package org.watchpost.ui.vulns;

import java.util.function.Function;
import java.util.function.LongConsumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.watchpost.engine.model.Severity;
import org.watchpost.ui.common.Fxml;

/**
 * The Vulnerabilities page: findings of every scan, worst first, with filters and a detail
 * pane. Scrolling near the end loads the next page. Double-click (or Enter) on a finding
 * opens its scan through {@code openScan}.
 */
public final class VulnerabilitiesView {
    /** Rows from the end of what is loaded at which the next page is asked for. */
    static final int PREFETCH_ROWS = 100;
    private static final PseudoClass[] SEVERITY_PSEUDO = new PseudoClass[Severity.values().length];

    static {
        for (Severity s : Severity.values()) SEVERITY_PSEUDO[s.ordinal()] = PseudoClass.getPseudoClass(s.name().toLowerCase());
    }

    private final VulnerabilitiesViewModel vm;
    private final LongConsumer openScan;
    private final Parent root;
    private final PauseTransition typingPause = new PauseTransition(Duration.millis(350));

    @FXML private Label summaryLabel;
    @FXML private Button refreshButton;
    @FXML private HBox severityBox;
    @FXML private TextField scanField;
    @FXML private TextField hostField;
    @FXML private ComboBox<String> serviceBox;
    @FXML private TextField textField;
    @FXML private Button clearButton;
    @FXML private Label filterErrorLabel;
    @FXML private Label errorLabel;
    @FXML private SplitPane split;
    @FXML private TableView<FindingRowViewModel> table;
    @FXML private TableColumn<FindingRowViewModel, Severity> severityColumn;
    @FXML private TableColumn<FindingRowViewModel, String> cvssColumn;
    @FXML private TableColumn<FindingRowViewModel, String> titleColumn;
    @FXML private TableColumn<FindingRowViewModel, String> hostColumn;
    @FXML private TableColumn<FindingRowViewModel, String> serviceColumn;
    @FXML private TableColumn<FindingRowViewModel, String> cveColumn;
    @FXML private TableColumn<FindingRowViewModel, String> scanColumn;
    @FXML private TableColumn<FindingRowViewModel, String> foundColumn;
    @FXML private StackPane detailHolder;
    @FXML private Label detailEmpty;
    private DetailPane detail;

    /**
     * @param vm       the view model (not yet refreshed: call {@link #refresh()})
     * @param openScan called with a scan's numeric ID when the user opens a finding's scan
     */
    public VulnerabilitiesView(VulnerabilitiesViewModel vm, LongConsumer openScan) {
        this.vm = vm;
        this.openScan = openScan;
        this.root = Fxml.load(VulnerabilitiesView.class, "VulnerabilitiesView.fxml", this);
    }

    public Parent root() {
        return root;
    }

    /** Reloads the first page with the current filters. */
    public void refresh() {
        vm.refresh();
    }

    public TableView<FindingRowViewModel> table() {
        return table;
    }

    @FXML
    private void initialize() {
        severityColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().severity()));
        severityColumn.setCellFactory(col -> new SeverityCell());
        text(cvssColumn, FindingRowViewModel::cvss);
        cvssColumn.getStyleClass().add("numeric");
        text(titleColumn, FindingRowViewModel::title);
        text(hostColumn, FindingRowViewModel::location);
        text(serviceColumn, FindingRowViewModel::service);
        text(cveColumn, FindingRowViewModel::cves);
        text(scanColumn, FindingRowViewModel::scanIdText);
        text(foundColumn, FindingRowViewModel::found);

        table.setItems(vm.rows());
        table.setRowFactory(tv -> new FindingRow());
        table.setOnKeyPressed(e -> {
            FindingRowViewModel r = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && r != null) openScan.accept(r.scanId());
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b == null) table.getSelectionModel().clearSelection();
            else if (table.getSelectionModel().getSelectedItem() != b) table.getSelectionModel().select(b);
            showDetail(b);
        });
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            if (vm.loadingProperty().get()) return "Loading findings…";
            return vm.filteredProperty().get() ? "No finding matches these filters."
                    : "No findings yet. Findings from every scan appear here, worst first, once scans have run checks.";
        }, vm.loadingProperty(), vm.filteredProperty()));
        table.setPlaceholder(placeholder);

        for (Severity s : Severity.values()) {
            CheckBox box = new CheckBox();
            Label chip = new Label(s.label());
            chip.getStyleClass().add("severity-chip");
            chip.pseudoClassStateChanged(SEVERITY_PSEUDO[s.ordinal()], true);
            box.setGraphic(chip);
            box.setId("severity-" + s.name().toLowerCase());
            box.selectedProperty().bindBidirectional(vm.severityProperty(s));
            box.setOnAction(e -> vm.refresh());
            severityBox.getChildren().add(box);
        }
        scanField.textProperty().bindBidirectional(vm.scanFilterProperty());
        hostField.textProperty().bindBidirectional(vm.hostFilterProperty());
        textField.textProperty().bindBidirectional(vm.textFilterProperty());
        serviceBox.setItems(vm.serviceChoices());
        serviceBox.getEditor().textProperty().bindBidirectional(vm.serviceFilterProperty());
        serviceBox.setOnAction(e -> {
            if (serviceBox.getValue() != null && !serviceBox.getValue().equals(vm.serviceFilterProperty().get())) {
                vm.serviceFilterProperty().set(serviceBox.getValue());
            }
            applySoon();
        });
        typingPause.setOnFinished(e -> vm.refresh());
        for (TextField f : new TextField[] {scanField, hostField, textField, serviceBox.getEditor()}) {
            f.textProperty().addListener((o, a, b) -> applySoon());
            f.setOnAction(e -> {
                typingPause.stop();
                vm.refresh();
            });
        }

        summaryLabel.textProperty().bind(vm.summaryProperty());
        filterErrorLabel.textProperty().bind(vm.filterErrorProperty());
        filterErrorLabel.visibleProperty().bind(vm.filterErrorProperty().isNotEmpty());
        filterErrorLabel.managedProperty().bind(filterErrorLabel.visibleProperty());
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        showDetail(null);
    }

    private void applySoon() {
        typingPause.playFromStart();
    }

    private static void text(TableColumn<FindingRowViewModel, String> col, Function<FindingRowViewModel, String> f) {
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(f.apply(c.getValue())));
    }

    private void showDetail(FindingRowViewModel r) {
        detailEmpty.setVisible(r == null);
        if (r == null) {
            if (detail != null) detail.root.setVisible(false);
            return;
        }
        if (detail == null) {
            // built on first use: the pane (a text area above all) costs more than the table's first page
            detail = new DetailPane();
            detail.root = Fxml.load(VulnerabilitiesView.class, "FindingDetail.fxml", detail);
            detailHolder.getChildren().add(detail.root);
        }
        detail.root.setVisible(true);
        detail.show(r);
    }

    /** Controller of FindingDetail.fxml: description, evidence, remediation, references of one finding. */
    static final class DetailPane {
        Parent root;
        @FXML private ScrollPane detailScroll;
        @FXML private Label detailSeverity;
        @FXML private Label detailTitle;
        @FXML private Label detailScore;
        @FXML private Label detailWhere;
        @FXML private Label detailCheck;
        @FXML private Label detailReferences;
        @FXML private Label detailConfidence;
        @FXML private Label detailKev;
        @FXML private Label detailDescription;
        @FXML private TextArea detailEvidence;
        @FXML private Label detailRemediation;

        void show(FindingRowViewModel r) {
            setSeverity(detailSeverity, r.severity());
            detailTitle.setText(r.title());
            detailScore.setText(r.scoreLine());
            String where = r.location().isEmpty() ? "—" : r.location();
            if (!r.service().isEmpty()) where += " (" + r.service() + ")";
            detailWhere.setText(where + " · " + r.scanIdText() + " · found " + r.found());
            detailCheck.setText(r.checkId());
            detailReferences.setText(r.references());
            detailConfidence.setText(r.confidence());
            detailKev.setText(r.knownExploitedText());
            detailDescription.setText(r.description());
            detailEvidence.setText(r.evidence());
            detailRemediation.setText(r.remediation());
            detailScroll.setVvalue(0);
        }
    }

    static void setSeverity(Label chip, Severity s) {
        for (Severity x : Severity.values()) chip.pseudoClassStateChanged(SEVERITY_PSEUDO[x.ordinal()], x == s);
        chip.setText(s == null ? "" : s.label());
    }

    @FXML
    private void onRefresh() {
        typingPause.stop();
        vm.refresh();
        vm.loadServiceChoices();
    }

    @FXML
    private void onClear() {
        vm.clearFilters();
        typingPause.stop();
        vm.refresh();
    }

    /** Opens the scan on double-click and asks for the next page when it comes near the end. */
    private final class FindingRow extends TableRow<FindingRowViewModel> {
        FindingRow() {
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !isEmpty() && getItem() != null) {
                    openScan.accept(getItem().scanId());
                }
            });
        }

        @Override
        public void updateIndex(int i) {
            super.updateIndex(i);
            if (i >= 0 && i >= vm.rows().size() - PREFETCH_ROWS && vm.hasMoreProperty().get()) {
                // not during this layout pass: the new rows change the list the table is laying out
                Platform.runLater(vm::loadMore);
            }
        }
    }

    /** The severity as a coloured chip. */
    private static final class SeverityCell extends TableCell<FindingRowViewModel, Severity> {
        private final Label chip = new Label();

        SeverityCell() {
            chip.getStyleClass().add("severity-chip");
            setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Severity item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
            } else {
                setSeverity(chip, item);
                setGraphic(chip);
            }
        }
    }
}
