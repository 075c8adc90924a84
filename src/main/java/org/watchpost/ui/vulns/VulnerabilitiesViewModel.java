package org.watchpost.ui.vulns;

import java.text.NumberFormat;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.FindingQuery;
import org.watchpost.store.FindingRecord;
import org.watchpost.store.FindingRepository;
import org.watchpost.store.Page;
import org.watchpost.store.ScanIds;
import org.watchpost.ui.common.TaskExecutor;

/**
 * State of the Vulnerabilities view: findings of every scan, worst first, filtered and paged
 * in the database. {@link #refresh()} loads the first page, then counts the matches in the
 * background (a count over a million rows may take a moment; the page does not wait for it);
 * {@link #loadMore()} appends the next page. Results of a superseded query are dropped.
 */
public final class VulnerabilitiesViewModel {
    /** Rows per page. */
    public static final int PAGE_SIZE = 500;

    private final FindingRepository repository;
    private final TaskExecutor executor;
    private final int pageSize;
    private final ZoneId zone;

    private final Map<Severity, BooleanProperty> severities = new EnumMap<>(Severity.class);
    private final StringProperty scanFilter = new SimpleStringProperty("");
    private final StringProperty hostFilter = new SimpleStringProperty("");
    private final StringProperty serviceFilter = new SimpleStringProperty("");
    private final StringProperty textFilter = new SimpleStringProperty("");
    private final ObservableList<String> serviceChoices = FXCollections.observableArrayList();

    private final ObservableList<FindingRowViewModel> rows = FXCollections.observableArrayList();
    private final ObjectProperty<FindingRowViewModel> selected = new SimpleObjectProperty<>();
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper filterError = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper filtered = new ReadOnlyBooleanWrapper();
    private final StringBinding summary;

    private FindingQuery query = FindingQuery.all();
    private long generation;
    private boolean loadingMore;
    private boolean choicesLoaded;

    public VulnerabilitiesViewModel(FindingRepository repository, TaskExecutor executor) {
        this(repository, executor, PAGE_SIZE, ZoneId.systemDefault());
    }

    /** For tests: a smaller page and a fixed zone for the "found" dates. */
    public VulnerabilitiesViewModel(FindingRepository repository, TaskExecutor executor, int pageSize, ZoneId zone) {
        if (pageSize < 1) throw new IllegalArgumentException("page size must be positive, was " + pageSize);
        this.repository = repository;
        this.executor = executor;
        this.pageSize = pageSize;
        this.zone = zone;
        for (Severity s : Severity.values()) severities.put(s, new SimpleBooleanProperty(true));
        summary = Bindings.createStringBinding(this::summaryText, rows, total, loading, filterError);
    }

    /** Loads the first page for the current filters (and then the total count). */
    public void refresh() {
        FindingQuery q;
        try {
            q = buildQuery();
        } catch (IllegalArgumentException e) {
            filterError.set(e.getMessage());
            return;
        }
        filterError.set(null);
        query = q;
        filtered.set(!q.isUnfiltered());
        long gen = ++generation;
        loading.set(true);
        loadingMore = false;
        total.set(-1);
        executor.submit("load findings", () -> repository.page(q, null, pageSize), page -> {
            if (gen != generation) return;
            loading.set(false);
            error.set(null);
            FindingRowViewModel keep = selected.get();
            rows.setAll(toRows(page));
            hasMore.set(page.hasMore());
            if (keep != null) {
                selected.set(rows.stream().filter(r -> r.id() == keep.id()).findFirst().orElse(null));
            }
            if (!page.hasMore()) {
                total.set(page.items().size()); // the whole answer is here: nothing to count
            } else {
                executor.submit("count findings", () -> repository.count(q), n -> {
                    if (gen == generation) total.set(n);
                }, e -> {
                    if (gen == generation) error.set("Could not count the findings: " + e.getMessage());
                });
            }
            if (!choicesLoaded) {
                choicesLoaded = true; // after the first page: it must not compete with it
                loadServiceChoices();
            }
        }, e -> {
            if (gen != generation) return;
            loading.set(false);
            error.set("Could not load findings: " + e.getMessage());
        });
    }

    /** Appends the next page, if there is one and none is on its way. */
    public void loadMore() {
        if (!hasMore.get() || loadingMore || loading.get() || rows.isEmpty()) return;
        loadingMore = true;
        long gen = generation;
        FindingQuery q = query;
        FindingRepository.Cursor after = FindingRepository.Cursor.after(rows.get(rows.size() - 1).record());
        executor.submit("load more findings", () -> repository.page(q, after, pageSize), page -> {
            if (gen != generation) return;
            loadingMore = false;
            rows.addAll(toRows(page));
            hasMore.set(page.hasMore());
        }, e -> {
            if (gen != generation) return;
            loadingMore = false;
            error.set("Could not load more findings: " + e.getMessage());
        });
    }

    /** Loads the names of services seen in scans, for the service filter's choices (done once after the first page). */
    public void loadServiceChoices() {
        executor.submit("load services", () -> repository.serviceNames(200), serviceChoices::setAll, e -> {
            // the filter still takes typed names
        });
    }

    /** Turns on exactly the severities at least as bad as {@code min} (null: all). */
    public void setMinimumSeverity(Severity min) {
        var wanted = min == null ? EnumSet.allOf(Severity.class) : FindingQuery.atLeast(min);
        for (Severity s : Severity.values()) severities.get(s).set(wanted.contains(s));
    }

    /** Clears every filter (all severities on). Call {@link #refresh()} after. */
    public void clearFilters() {
        setMinimumSeverity(null);
        scanFilter.set("");
        hostFilter.set("");
        serviceFilter.set("");
        textFilter.set("");
    }

    /**
     * The query the current filter fields describe.
     *
     * @throws IllegalArgumentException naming a scan filter that is not a scan ID
     */
    public FindingQuery buildQuery() {
        EnumSet<Severity> on = EnumSet.noneOf(Severity.class);
        for (Severity s : Severity.values()) if (severities.get(s).get()) on.add(s);
        String scanText = scanFilter.get();
        Long scanId = null;
        if (scanText != null && !scanText.isBlank()) {
            scanId = ScanIds.parse(scanText);
        }
        return new FindingQuery(on, scanId, hostFilter.get(), serviceFilter.get(), textFilter.get());
    }

    private List<FindingRowViewModel> toRows(Page<FindingRecord> page) {
        List<FindingRowViewModel> out = new ArrayList<>(page.items().size());
        for (FindingRecord f : page.items()) out.add(new FindingRowViewModel(f, zone));
        return out;
    }

    private String summaryText() {
        if (filterError.get() != null) return "";
        int shown = rows.size();
        long n = total.get();
        NumberFormat nf = NumberFormat.getIntegerInstance(Locale.US);
        if (shown == 0) {
            if (loading.get()) return "Loading…";
            return n == 0 ? "No findings" : "";
        }
        if (n < 0) return "1–" + nf.format(shown) + " of … findings (counting)";
        return "1–" + nf.format(shown) + " of " + nf.format(n) + (n == 1 ? " finding" : " findings");
    }

    public BooleanProperty severityProperty(Severity s) {
        return severities.get(s);
    }

    public StringProperty scanFilterProperty() {
        return scanFilter;
    }

    public StringProperty hostFilterProperty() {
        return hostFilter;
    }

    public StringProperty serviceFilterProperty() {
        return serviceFilter;
    }

    public StringProperty textFilterProperty() {
        return textFilter;
    }

    public ObservableList<String> serviceChoices() {
        return serviceChoices;
    }

    /** The loaded rows, worst first. */
    public ObservableList<FindingRowViewModel> rows() {
        return rows;
    }

    /** The row shown in the detail pane, or null. */
    public ObjectProperty<FindingRowViewModel> selectedProperty() {
        return selected;
    }

    /** Number of matching findings; -1 while it is being counted. */
    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    /** A load or count that failed, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Why the filters cannot be applied (e.g. a scan filter that is not a scan ID), or null. */
    public ReadOnlyStringProperty filterErrorProperty() {
        return filterError.getReadOnlyProperty();
    }

    /** True when the last applied query had any filter. */
    public ReadOnlyBooleanProperty filteredProperty() {
        return filtered.getReadOnlyProperty();
    }

    /** "1–500 of 1,234,567 findings", "1–500 of … findings (counting)", "No findings". */
    public StringBinding summaryProperty() {
        return summary;
    }

    /** The query of the rows shown. */
    public FindingQuery query() {
        return query;
    }

    public int pageSize() {
        return pageSize;
    }
}
