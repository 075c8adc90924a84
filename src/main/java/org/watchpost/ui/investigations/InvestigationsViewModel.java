package org.watchpost.ui.investigations;

import java.util.Collection;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchpost.store.Investigation;
import org.watchpost.store.InvestigationRepository;
import org.watchpost.store.InvestigationSummary;
import org.watchpost.ui.common.TaskExecutor;

/** The investigations list and its actions (create, edit, delete, add and remove scans). */
public final class InvestigationsViewModel {
    private final InvestigationRepository repo;
    private final TaskExecutor executor;
    private final ObservableList<InvestigationSummary> items = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty();
    private final StringProperty info = new SimpleStringProperty();

    public InvestigationsViewModel(InvestigationRepository repo, TaskExecutor executor) {
        this.repo = repo;
        this.executor = executor;
    }

    public InvestigationRepository repository() {
        return repo;
    }

    public void refresh() {
        executor.submit("load investigations", repo::list, list -> {
            error.set(null);
            items.setAll(list);
        }, e -> error.set("Could not load investigations: " + e.getMessage()));
    }

    /** Creates an investigation, then links {@code scanIds} (may be empty). */
    public void create(String name, String description, Collection<Long> scanIds, java.util.function.Consumer<Investigation> done) {
        executor.submit("create investigation", () -> {
            Investigation inv = repo.create(name, description);
            if (!scanIds.isEmpty()) repo.addScans(inv.id(), scanIds);
            return inv;
        }, inv -> {
            info.set("Created " + inv.displayId() + " “" + inv.name() + "”" + (scanIds.isEmpty() ? "" : " with " + scanIds.size() + " scan(s)"));
            refresh();
            done.accept(inv);
        }, e -> error.set("Could not create the investigation: " + e.getMessage()));
    }

    public void update(long id, String name, String description) {
        executor.submit("update investigation", () -> repo.update(id, name, description), inv -> refresh(),
                e -> error.set("Could not save the investigation: " + e.getMessage()));
    }

    /** Deletes the investigation; its scans stay. */
    public void delete(long id) {
        executor.submit("delete investigation", () -> repo.delete(id), ok -> {
            info.set("Investigation deleted; its scans are still in the scan list.");
            refresh();
        }, e -> error.set("Could not delete the investigation: " + e.getMessage()));
    }

    public void addScans(long id, Collection<Long> scanIds, Runnable done) {
        executor.submit("add scans", () -> repo.addScans(id, scanIds), n -> {
            info.set(n + " scan(s) added to " + org.watchpost.store.InvestigationRepository.format(id));
            refresh();
            done.run();
        }, e -> error.set("Could not add the scans: " + e.getMessage()));
    }

    public void removeScans(long id, List<Long> scanIds, Runnable done) {
        executor.submit("remove scans", () -> repo.removeScans(id, scanIds), n -> {
            info.set(n + " scan(s) removed from the investigation; their data stays.");
            refresh();
            done.run();
        }, e -> error.set("Could not remove the scans: " + e.getMessage()));
    }

    public ObservableList<InvestigationSummary> items() {
        return items;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty infoProperty() {
        return info;
    }
}
