package org.watchpost.ui.scans;

import java.time.Instant;
import java.time.ZoneId;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.watchpost.engine.model.ScanStatus;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.SeverityCounts;
import org.watchpost.ui.common.TimeText;

/** One row of the Scans dashboard, updated in place so selection and scroll survive refreshes. */
public final class ScanRowViewModel {
    private final long id;
    private final ReadOnlyStringWrapper scanId = new ReadOnlyStringWrapper();
    private final StringProperty name = new SimpleStringProperty();
    private final StringProperty targets = new SimpleStringProperty();
    private final ObjectProperty<ScanStatus> status = new SimpleObjectProperty<>();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final LongProperty findings = new SimpleLongProperty();
    private final ObjectProperty<SeverityCounts> severities = new SimpleObjectProperty<>(SeverityCounts.ZERO);
    private final StringProperty started = new SimpleStringProperty();
    private final StringProperty duration = new SimpleStringProperty();
    private final StringProperty age = new SimpleStringProperty();
    private final StringProperty badges = new SimpleStringProperty();
    private final LongProperty startedEpoch = new SimpleLongProperty();
    private ScanRecord record;

    public ScanRowViewModel(ScanRecord r, Instant now) {
        this.id = r.id();
        scanId.set(r.scanId());
        update(r, now);
    }

    public void update(ScanRecord r, Instant now) {
        if (r.equals(record)) {
            // a refresh of an unchanged scan: only the texts that depend on "now" can differ
            Instant start = r.startedAt() != null ? r.startedAt() : r.createdAt();
            if (r.status().isActive()) duration.set(TimeText.duration(r.duration(now)));
            age.set(TimeText.age(start, now));
            return;
        }
        this.record = r;
        name.set(r.name());
        targets.set(shorten(r.config().targets(), 48));
        status.set(r.status());
        progress.set(r.progress());
        findings.set(r.severities().total());
        if (!r.severities().equals(severities.get())) severities.set(r.severities());
        Instant start = r.startedAt() != null ? r.startedAt() : r.createdAt();
        started.set(TimeText.shortStamp(start, ZoneId.systemDefault()));
        startedEpoch.set(start.toEpochMilli());
        duration.set(TimeText.duration(r.duration(now)));
        age.set(TimeText.age(start, now));
        StringBuilder b = new StringBuilder();
        if (r.monitorId() != null || r.fromMonitor()) b.append("monitor ");
        if (r.investigationCount() > 0) b.append("investigation");
        badges.set(b.toString().strip());
    }

    /** Collapses runs of whitespace to one space and bounds the length (no regex: called for every row). */
    static String shorten(String text, int max) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < text.length() && b.length() <= max; i++) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch)) {
                space = b.length() > 0;
            } else {
                if (space) b.append(' ');
                space = false;
                b.append(ch);
            }
        }
        return b.length() <= max ? b.toString() : b.substring(0, max - 1) + "…";
    }

    public long id() {
        return id;
    }

    public ScanRecord record() {
        return record;
    }

    public ReadOnlyStringProperty scanIdProperty() {
        return scanId.getReadOnlyProperty();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty targetsProperty() {
        return targets;
    }

    public ObjectProperty<ScanStatus> statusProperty() {
        return status;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public LongProperty findingsProperty() {
        return findings;
    }

    public ObjectProperty<SeverityCounts> severitiesProperty() {
        return severities;
    }

    public StringProperty startedProperty() {
        return started;
    }

    public LongProperty startedEpochProperty() {
        return startedEpoch;
    }

    public StringProperty durationProperty() {
        return duration;
    }

    public StringProperty ageProperty() {
        return age;
    }

    public StringProperty badgesProperty() {
        return badges;
    }
}
