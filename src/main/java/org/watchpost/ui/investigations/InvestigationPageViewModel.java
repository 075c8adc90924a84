package org.watchpost.ui.investigations;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchpost.store.InvestigationFinding;
import org.watchpost.store.InvestigationHost;
import org.watchpost.store.InvestigationRepository;
import org.watchpost.store.InvestigationSummary;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.SeverityTrendPoint;
import org.watchpost.ui.common.TaskExecutor;

/** One investigation: its scans, combined findings with their lifecycle, hosts and the severity trend. */
public final class InvestigationPageViewModel {
    record Snapshot(InvestigationSummary summary, List<ScanRecord> scans, List<InvestigationFinding> findings,
                    List<InvestigationHost> hosts, List<SeverityTrendPoint> trend) {}

    private final InvestigationRepository repo;
    private final TaskExecutor executor;
    private final long id;
    private final ObjectProperty<InvestigationSummary> summary = new SimpleObjectProperty<>();
    private final ObservableList<ScanRecord> scans = FXCollections.observableArrayList();
    private final ObservableList<InvestigationFinding> findings = FXCollections.observableArrayList();
    private final ObservableList<InvestigationHost> hosts = FXCollections.observableArrayList();
    private final ObservableList<SeverityTrendPoint> trend = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty();
    private final javafx.beans.property.BooleanProperty gone = new javafx.beans.property.SimpleBooleanProperty();

    public InvestigationPageViewModel(InvestigationRepository repo, TaskExecutor executor, long id) {
        this.repo = repo;
        this.executor = executor;
        this.id = id;
    }

    public long id() {
        return id;
    }

    public void refresh() {
        executor.submit("load investigation", () -> {
            var s = repo.summary(id).orElse(null);
            if (s == null) return null;
            return new Snapshot(s, repo.scansOf(id), repo.findings(id), repo.hosts(id), repo.severityTrend(id));
        }, snap -> {
            if (snap == null) {
                gone.set(true);
                return;
            }
            error.set(null);
            summary.set(snap.summary());
            scans.setAll(snap.scans());
            findings.setAll(snap.findings());
            hosts.setAll(snap.hosts());
            trend.setAll(snap.trend());
        }, e -> error.set("Could not load the investigation: " + e.getMessage()));
    }

    public void removeScans(List<Long> scanIds) {
        executor.submit("remove scans", () -> repo.removeScans(id, scanIds), n -> refresh(),
                e -> error.set("Could not remove the scans: " + e.getMessage()));
    }

    public void update(String name, String description) {
        executor.submit("update investigation", () -> repo.update(id, name, description), inv -> refresh(),
                e -> error.set("Could not save: " + e.getMessage()));
    }

    public ObjectProperty<InvestigationSummary> summaryProperty() { return summary; }
    public ObservableList<ScanRecord> scans() { return scans; }
    public ObservableList<InvestigationFinding> findings() { return findings; }
    public ObservableList<InvestigationHost> hosts() { return hosts; }
    public ObservableList<SeverityTrendPoint> trend() { return trend; }
    public StringProperty errorProperty() { return error; }
    public javafx.beans.property.BooleanProperty goneProperty() { return gone; }
}
