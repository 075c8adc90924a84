package org.watchpost.ui.scans;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchpost.engine.model.ScanProgress;
import org.watchpost.store.FindingRecord;
import org.watchpost.store.HostRecord;
import org.watchpost.store.ScanEvent;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRepository;
import org.watchpost.store.ServiceRecord;
import org.watchpost.ui.common.TaskExecutor;

/** One scan's details: summary, hosts and services, findings, event log. Reloads while the scan runs. */
public final class ScanDetailsViewModel {
    /** Everything the page shows, loaded in one background call. */
    public record Snapshot(ScanRecord scan, List<HostRecord> hosts, List<ServiceRecord> services,
                           List<FindingRecord> findings, List<ScanEvent> events) {}

    private final ScanRepository repo;
    private final TaskExecutor executor;
    private final long scanId;
    private final ObjectProperty<ScanRecord> scan = new SimpleObjectProperty<>();
    private final ObservableList<HostRecord> hosts = FXCollections.observableArrayList();
    private final ObservableList<ServiceRecord> services = FXCollections.observableArrayList();
    private final ObservableList<FindingRecord> findings = FXCollections.observableArrayList();
    private final ObservableList<ScanEvent> events = FXCollections.observableArrayList();
    private final ObjectProperty<FindingRecord> selectedFinding = new SimpleObjectProperty<>();
    private final ObjectProperty<ScanProgress> liveProgress = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty();
    private final BooleanProperty gone = new SimpleBooleanProperty();
    private boolean loading;
    private boolean reloadWanted;

    public ScanDetailsViewModel(ScanRepository repo, TaskExecutor executor, long scanId) {
        this.repo = repo;
        this.executor = executor;
        this.scanId = scanId;
    }

    public long scanId() {
        return scanId;
    }

    /** Reloads everything; coalesces calls made while a load is in flight into one more load. */
    public void refresh() {
        if (loading) {
            reloadWanted = true;
            return;
        }
        loading = true;
        executor.submit("load scan details", () -> {
            var s = repo.get(scanId).orElse(null);
            if (s == null) return null;
            return new Snapshot(s, repo.hosts(scanId), repo.services(scanId), repo.findings(scanId), repo.events(scanId));
        }, snap -> {
            loading = false;
            if (snap == null) {
                gone.set(true);
            } else {
                apply(snap);
            }
            if (reloadWanted) {
                reloadWanted = false;
                refresh();
            }
        }, e -> {
            loading = false;
            error.set("Could not load the scan: " + e.getMessage());
        });
    }

    void apply(Snapshot snap) {
        error.set(null);
        scan.set(snap.scan());
        if (!snap.hosts().equals(hosts)) hosts.setAll(snap.hosts());
        if (!snap.services().equals(services)) services.setAll(snap.services());
        if (!snap.findings().equals(findings)) {
            FindingRecord sel = selectedFinding.get();
            findings.setAll(snap.findings());
            if (sel != null) findings.stream().filter(f -> f.id() == sel.id()).findFirst().ifPresent(selectedFinding::set);
        }
        if (snap.events().size() != events.size()) events.setAll(snap.events());
    }

    public ObjectProperty<ScanRecord> scanProperty() { return scan; }
    public ObservableList<HostRecord> hosts() { return hosts; }
    public ObservableList<ServiceRecord> services() { return services; }
    public ObservableList<FindingRecord> findings() { return findings; }
    public ObservableList<ScanEvent> events() { return events; }
    public ObjectProperty<FindingRecord> selectedFindingProperty() { return selectedFinding; }
    public ObjectProperty<ScanProgress> liveProgressProperty() { return liveProgress; }
    public StringProperty errorProperty() { return error; }
    public BooleanProperty goneProperty() { return gone; }
}
