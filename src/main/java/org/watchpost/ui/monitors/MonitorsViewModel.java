package org.watchpost.ui.monitors;

import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchpost.schedule.ChangeDigest;
import org.watchpost.schedule.DigestService;
import org.watchpost.schedule.Frequency;
import org.watchpost.schedule.Monitor;
import org.watchpost.schedule.MonitorRepository;
import org.watchpost.schedule.MonitorRun;
import org.watchpost.store.ScanRecord;
import org.watchpost.ui.common.TaskExecutor;

/** Monitors list and one monitor's page: frequency changes, enable/disable, delete, its scans, runs and digests. */
public final class MonitorsViewModel {
    /** What a monitor's page shows. */
    public record Page(Monitor monitor, List<ScanRecord> scans, List<MonitorRun> runs, List<ChangeDigest> digests) {}

    /** Both are got in background work only: the app makes them (and the scheduler) off the FX thread. */
    private final java.util.function.Supplier<MonitorRepository> repo;
    private final java.util.function.Supplier<DigestService> digests;
    private final TaskExecutor executor;
    private final ObservableList<Monitor> items = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty();
    private final StringProperty info = new SimpleStringProperty();

    public MonitorsViewModel(MonitorRepository repo, DigestService digests, TaskExecutor executor) {
        this(() -> repo, () -> digests, executor);
    }

    public MonitorsViewModel(java.util.function.Supplier<MonitorRepository> repo, java.util.function.Supplier<DigestService> digests,
                             TaskExecutor executor) {
        this.repo = repo;
        this.digests = digests;
        this.executor = executor;
    }

    public void refresh() {
        executor.submit("load monitors", () -> repo.get().list(), list -> {
            error.set(null);
            items.setAll(list);
        }, e -> error.set("Could not load monitors: " + e.getMessage()));
    }

    public void loadPage(long id, java.util.function.Consumer<Page> onPage, Runnable gone) {
        executor.submit("load monitor", () -> {
            var m = repo.get().get(id).orElse(null);
            if (m == null) return null;
            return new Page(m, repo.get().scansOf(id), repo.get().runs(id, 50), digests.get().digestsOfMonitor(id, 50));
        }, p -> {
            if (p == null) gone.run();
            else onPage.accept(p);
        }, e -> error.set("Could not load the monitor: " + e.getMessage()));
    }

    /** Saves a new frequency; the next run moves to its next time. */
    public void updateFrequency(long id, Frequency f, Runnable done) {
        executor.submit("update monitor", () -> repo.get().updateFrequency(id, f), m -> {
            info.set(m.displayId() + " now runs " + m.frequency().describe().toLowerCase() + ".");
            refresh();
            done.run();
        }, e -> error.set("Could not update the monitor: " + e.getMessage()));
    }

    /** Disable: no new scans. Enable: the next run is the next scheduled time (no burst of missed runs). */
    public void setEnabled(long id, boolean enabled, Runnable done) {
        executor.submit(enabled ? "enable monitor" : "disable monitor", () -> repo.get().setEnabled(id, enabled), m -> {
            info.set(m.displayId() + (enabled ? " enabled: next run at its next scheduled time." : " disabled: no new scans; its scans stay."));
            refresh();
            done.run();
        }, e -> error.set("Could not change the monitor: " + e.getMessage()));
    }

    /** Delete: no new scans; every scan it made stays in the scan list. */
    public void delete(long id, Runnable done) {
        executor.submit("delete monitor", () -> repo.get().delete(id), ok -> {
            info.set("Monitor deleted. The scans it made are still in the scan list.");
            refresh();
            done.run();
        }, e -> error.set("Could not delete the monitor: " + e.getMessage()));
    }

    public ObservableList<Monitor> items() {
        return items;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty infoProperty() {
        return info;
    }
}
