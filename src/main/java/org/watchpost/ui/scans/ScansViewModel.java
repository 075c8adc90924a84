package org.watchpost.ui.scans;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRepository;
import org.watchpost.ui.common.StartupTrace;
import org.watchpost.ui.common.TaskExecutor;

/** State of the Scans dashboard: every scan in the database, filtered by status and text. */
public final class ScansViewModel {
    private final ScanRepository repository;
    private final TaskExecutor executor;
    private final Clock clock;
    /** A row's status change is a list change too: the status filter and the enabled actions follow it. */
    private final ObservableList<ScanRowViewModel> rows =
            FXCollections.observableArrayList(r -> new javafx.beans.Observable[] {r.statusProperty()});
    private final FilteredList<ScanRowViewModel> visible = new FilteredList<>(rows, r -> true);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<ScanStatus> statusFilter = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty partial = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty();
    private final BooleanBinding empty;
    private boolean refreshing;
    private boolean refreshAgain;

    public ScansViewModel(ScanRepository repository, TaskExecutor executor, Clock clock) {
        this.repository = repository;
        this.executor = executor;
        this.clock = clock;
        filterText.addListener((o, a, b) -> applyFilter());
        statusFilter.addListener((o, a, b) -> applyFilter());
        empty = Bindings.isEmpty(rows).and(loading.not());
    }

    /** Reloads all scans from the database in the background (a call while a load runs folds into one more load after it). */
    public void refresh() {
        if (refreshing) {
            // one load at a time: calls meanwhile (live updates) fold into one more load after it
            refreshAgain = true;
            return;
        }
        refreshing = true;
        loading.set(true);
        // rows for scans not shown yet are built with the load, off the FX thread (they are not
        // in the scene yet); rows already shown are updated in place on the FX thread
        Set<Long> shown = new HashSet<>();
        for (ScanRowViewModel r : rows) shown.add(r.id());
        executor.submit("load scans", () -> {
            List<ScanRecord> records = repository.list();
            var now = clock.instant();
            Map<Long, ScanRowViewModel> fresh = new HashMap<>();
            for (ScanRecord rec : records) {
                if (!shown.contains(rec.id())) fresh.put(rec.id(), new ScanRowViewModel(rec, now));
            }
            return new Loaded(records, fresh);
        }, loaded -> {
            refreshing = false;
            merge(loaded.records(), loaded.fresh());
            partial.set(false);
            StartupTrace.mark("all scans shown");
            refreshAgainIfAsked();
        }, e -> {
            refreshing = false;
            loading.set(false);
            error.set("Could not load scans: " + e.getMessage());
            refreshAgainIfAsked();
        });
    }

    /** How many of the newest scans a window shows before the whole list has been read. */
    public static final int FIRST_SCREEN = 100;

    /** The newest scans and their rows, read off the FX thread before the window exists. */
    public record FirstScreen(List<ScanRecord> records, Map<Long, ScanRowViewModel> rows, boolean complete) {}

    /**
     * Reads the {@code limit} newest scans and builds their rows: call on a background thread
     * (e.g. while the FX toolkit starts), then hand the result to {@link #showFirst}.
     */
    public static FirstScreen readFirstScreen(ScanRepository repository, Clock clock, int limit) {
        List<ScanRecord> records = repository.listNewest(limit);
        var now = clock.instant();
        Map<Long, ScanRowViewModel> built = new HashMap<>();
        for (ScanRecord rec : records) built.put(rec.id(), new ScanRowViewModel(rec, now));
        return new FirstScreen(records, built, records.size() < limit);
    }

    /**
     * Shows the newest scans at once (on the FX thread, before the window is shown, so its first
     * frame has rows). Call {@link #refresh()} after it for the rest: the app does once the first
     * frame is out, so reading 10,000 scans does not compete with it for the processor.
     */
    public void showFirst(FirstScreen first) {
        merge(first.records(), first.rows());
        partial.set(!first.complete());
    }

    /** True while only the first screen of a longer list is shown (the count then reads "100+ scans"). */
    public ReadOnlyBooleanProperty partialProperty() {
        return partial;
    }

    private void refreshAgainIfAsked() {
        if (refreshAgain) {
            refreshAgain = false;
            refresh();
        }
    }

    private record Loaded(List<ScanRecord> records, Map<Long, ScanRowViewModel> fresh) {}

    /** Updates rows in place (keeps selection), adds new ones, drops deleted ones. */
    void merge(List<ScanRecord> records) {
        merge(records, Map.of());
    }

    private void merge(List<ScanRecord> records, Map<Long, ScanRowViewModel> prebuilt) {
        loading.set(false);
        error.set(null);
        Map<Long, ScanRowViewModel> byId = new HashMap<>();
        for (ScanRowViewModel r : rows) byId.put(r.id(), r);
        Set<Long> seen = new HashSet<>();
        var now = clock.instant();
        List<ScanRowViewModel> added = new ArrayList<>();
        for (ScanRecord rec : records) {
            seen.add(rec.id());
            ScanRowViewModel row = byId.get(rec.id());
            if (row == null) {
                ScanRowViewModel built = prebuilt.get(rec.id());
                added.add(built != null ? built : new ScanRowViewModel(rec, now));
            } else {
                row.update(rec, now);
            }
        }
        if (rows.size() > seen.size() || !added.isEmpty()) rows.removeIf(r -> !seen.contains(r.id()));
        if (!added.isEmpty()) {
            // newest first, as read: scans newer than every row shown go on top, older ones (the
            // rest of the list after the first screen) below
            long newestShown = Long.MIN_VALUE;
            for (ScanRowViewModel r : rows) newestShown = Math.max(newestShown, r.id());
            int split = 0;
            while (split < added.size() && added.get(split).id() > newestShown) split++;
            if (split < added.size()) rows.addAll(added.subList(split, added.size()));
            if (split > 0) rows.addAll(0, added.subList(0, split));
        }
        // re-filtering re-sorts and re-lays out the whole table: only worth it when a filter can
        // change its answer (rows added or removed reach the filtered list by themselves)
        if (filterActive()) applyFilter();
    }

    /**
     * Reloads only the given scans in the background and updates their rows (adds new ones,
     * drops deleted ones): for live updates, where a full {@link #refresh()} would re-read every
     * scan many times a second.
     */
    public void refreshScans(Collection<Long> ids) {
        if (ids.isEmpty()) return;
        List<Long> wanted = List.copyOf(ids);
        executor.submit("load changed scans", () -> {
            List<ScanRecord> found = new ArrayList<>();
            for (long id : wanted) repository.get(id).ifPresent(found::add);
            return found;
        }, found -> {
            Set<Long> present = new HashSet<>();
            for (ScanRecord rec : found) {
                present.add(rec.id());
                apply(rec);
            }
            Set<Long> gone = new HashSet<>(wanted);
            gone.removeAll(present);
            if (!gone.isEmpty()) removeIds(gone);
            if (filterActive()) applyFilter();
        }, e -> error.set("Could not load scans: " + e.getMessage()));
    }

    private boolean filterActive() {
        return statusFilter.get() != null || (filterText.get() != null && !filterText.get().isBlank());
    }

    /** Applies one fresh record (live update from a running scan). */
    public void apply(ScanRecord rec) {
        var now = clock.instant();
        for (ScanRowViewModel r : rows) {
            if (r.id() == rec.id()) {
                r.update(rec, now);
                return;
            }
        }
        rows.add(0, new ScanRowViewModel(rec, now));
    }

    /** Re-renders ages and running durations ("2 h ago" goes stale otherwise); cheap, no database access. */
    public void tick() {
        var now = clock.instant();
        for (ScanRowViewModel r : rows) r.update(r.record(), now);
    }

    public void removeIds(Set<Long> ids) {
        rows.removeIf(r -> ids.contains(r.id()));
    }

    private void applyFilter() {
        String text = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
        ScanStatus st = statusFilter.get();
        visible.setPredicate(r -> (st == null || r.statusProperty().get() == st)
                && (text.isEmpty() || matches(r, text)));
    }

    private static boolean matches(ScanRowViewModel r, String text) {
        return r.scanIdProperty().get().toLowerCase(Locale.ROOT).contains(text)
                || r.nameProperty().get().toLowerCase(Locale.ROOT).contains(text)
                || r.record().config().targets().toLowerCase(Locale.ROOT).contains(text);
    }

    public ObservableList<ScanRowViewModel> rows() {
        return rows;
    }

    public FilteredList<ScanRowViewModel> visibleRows() {
        return visible;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<ScanStatus> statusFilterProperty() {
        return statusFilter;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanBinding emptyProperty() {
        return empty;
    }
}
