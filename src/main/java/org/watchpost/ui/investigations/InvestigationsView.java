package org.watchpost.ui.investigations;

import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.watchpost.store.InvestigationSummary;
import org.watchpost.store.SeverityCounts;
import org.watchpost.ui.common.Fxml;
import org.watchpost.ui.common.TimeText;
import org.watchpost.ui.common.Banners;
import org.watchpost.ui.scans.SeverityBarCell;

/** The Investigations page: every investigation with its scans and findings at a glance. */
public final class InvestigationsView {
    private final InvestigationsViewModel vm;
    private final Consumer<Long> open;
    private final Supplier<Window> owner;
    private final Parent root;

    @FXML private Button openButton;
    @FXML private Button editButton;
    @FXML private Button deleteButton;
    @FXML private Label infoLabel;
    @FXML private Label errorLabel;
    @FXML private TableView<InvestigationSummary> table;
    @FXML private TableColumn<InvestigationSummary, String> idColumn;
    @FXML private TableColumn<InvestigationSummary, String> nameColumn;
    @FXML private TableColumn<InvestigationSummary, String> descriptionColumn;
    @FXML private TableColumn<InvestigationSummary, Number> scansColumn;
    @FXML private TableColumn<InvestigationSummary, SeverityCounts> findingsColumn;
    @FXML private TableColumn<InvestigationSummary, String> activityColumn;
    @FXML private VBox emptyState;

    public InvestigationsView(InvestigationsViewModel vm, Consumer<Long> open, Supplier<Window> owner) {
        this.vm = vm;
        this.open = open;
        this.owner = owner;
        this.root = Fxml.load(InvestigationsView.class, "InvestigationsView.fxml", this);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        idColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().investigation().displayId()));
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        descriptionColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().description()));
        scansColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().scanCount()));
        findingsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().findings()));
        findingsColumn.setCellFactory(col -> new SeverityBarCell<>());
        activityColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(TimeText.stamp(c.getValue().lastActivity(), ZoneId.systemDefault())));
        table.setItems(vm.items());
        table.setPlaceholder(new Label(""));
        table.setRowFactory(tv -> {
            TableRow<InvestigationSummary> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) open.accept(row.getItem().id());
            });
            return row;
        });
        var none = table.getSelectionModel().selectedItemProperty().isNull();
        openButton.disableProperty().bind(none);
        editButton.disableProperty().bind(none);
        deleteButton.disableProperty().bind(none);
        emptyState.visibleProperty().bind(Bindings.isEmpty(vm.items()));
        table.visibleProperty().bind(Bindings.isNotEmpty(vm.items()));
        Banners.bind(infoLabel, vm.infoProperty());
        Banners.bind(errorLabel, vm.errorProperty());
    }

    private InvestigationSummary selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    @FXML
    private void onNew() {
        InvestigationDialogs.edit(owner.get(), "New investigation", "", "")
                .ifPresent(d -> vm.create(d.name(), d.description(), List.of(), inv -> open.accept(inv.id())));
    }

    @FXML
    private void onOpen() {
        if (selected() != null) open.accept(selected().id());
    }

    @FXML
    private void onEdit() {
        InvestigationSummary s = selected();
        if (s == null) return;
        InvestigationDialogs.edit(owner.get(), "Edit investigation", s.name(), s.description())
                .ifPresent(d -> vm.update(s.id(), d.name(), d.description()));
    }

    @FXML
    private void onDelete() {
        InvestigationSummary s = selected();
        if (s == null) return;
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        if (owner.get() != null) a.initOwner(owner.get());
        a.setTitle("Delete investigation");
        a.setHeaderText("Delete " + s.investigation().displayId() + " “" + s.name() + "”?");
        a.setContentText("The investigation goes; its " + s.scanCount() + " scan(s) stay in the scan list with all their data.");
        ButtonType del = new ButtonType("Delete investigation", ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(ButtonType.CANCEL, del);
        if (a.showAndWait().orElse(ButtonType.CANCEL) == del) vm.delete(s.id());
    }

    @FXML
    private void onRefresh() {
        vm.refresh();
    }
}
