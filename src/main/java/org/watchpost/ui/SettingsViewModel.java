package org.watchpost.ui;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.watchpost.ui.common.TaskExecutor;

/**
 * The Settings page's editable state. Values are checked here for form (numbers are
 * numbers) and by the {@link Backend} for sense (ranges, a port specification, a logo
 * that is an image); a refusal's message names the field. Saving, dataset queries,
 * imports and opening folders run in the background.
 */
public final class SettingsViewModel {
    /** Everything the page edits. {@code theme} is {@code light} or {@code dark}. */
    public record Values(String theme, String ports, int timeoutMs, int rateLimit, int concurrency, int concurrentScans,
                         String organisation, String logoFile, String classification) {
    }

    /** Where the values come from and go to (the app's settings file and services). */
    public interface Backend {
        Values load();

        /** Validates and stores all values, or none. @throws IllegalArgumentException naming the field */
        void save(Values values) throws Exception;

        /** One line about the vulnerability dataset (date and counts). */
        String datasetSummary() throws Exception;

        /** Imports an NVD, KEV or EPSS file; returns what it did, for a person. */
        String importVulnData(Path file) throws Exception;

        /** Opens a folder in the file manager. @throws java.io.IOException with a clear message when it cannot */
        void openFolder(Path folder) throws Exception;
    }

    private final Backend backend;
    private final TaskExecutor executor;
    private Consumer<Values> onSaved = v -> { };

    private final StringProperty theme = new SimpleStringProperty("light");
    private final StringProperty ports = new SimpleStringProperty("");
    private final StringProperty timeoutMs = new SimpleStringProperty("");
    private final StringProperty rateLimit = new SimpleStringProperty("");
    private final StringProperty concurrency = new SimpleStringProperty("");
    private final ObjectProperty<Integer> concurrentScans = new SimpleObjectProperty<>(2);
    private final StringProperty organisation = new SimpleStringProperty("");
    private final StringProperty logoFile = new SimpleStringProperty("");
    private final StringProperty classification = new SimpleStringProperty("");

    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty messageIsError = new SimpleBooleanProperty(false);
    private final StringProperty errorField = new SimpleStringProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty dataset = new SimpleStringProperty("…");
    private final StringProperty importMessage = new SimpleStringProperty("");
    private final BooleanProperty importIsError = new SimpleBooleanProperty(false);
    private final BooleanProperty importing = new SimpleBooleanProperty(false);
    private final StringProperty folderMessage = new SimpleStringProperty("");
    private final IntegerProperty saves = new SimpleIntegerProperty();

    public SettingsViewModel(Backend backend, TaskExecutor executor) {
        this.backend = backend;
        this.executor = executor;
    }

    /** Called on the FX thread after a successful save (the app applies the theme). */
    public void setOnSaved(Consumer<Values> onSaved) {
        this.onSaved = onSaved == null ? v -> { } : onSaved;
    }

    /** Fills the form from the stored settings. */
    public void load() {
        Values v = backend.load();
        theme.set(v.theme());
        ports.set(v.ports());
        timeoutMs.set(Integer.toString(v.timeoutMs()));
        rateLimit.set(Integer.toString(v.rateLimit()));
        concurrency.set(Integer.toString(v.concurrency()));
        concurrentScans.set(v.concurrentScans());
        organisation.set(v.organisation());
        logoFile.set(v.logoFile());
        classification.set(v.classification());
        errorField.set(null);
    }

    /** The form as values; null (and a message naming the field) when a number is not one. */
    public Values toValues() {
        Integer t = number("Timeout (ms)", "timeout", timeoutMs.get());
        if (t == null) return null;
        Integer r = number("Rate limit", "rateLimit", rateLimit.get());
        if (r == null) return null;
        Integer c = number("Concurrency", "concurrency", concurrency.get());
        if (c == null) return null;
        return new Values(theme.get(), ports.get() == null ? "" : ports.get().strip(), t, r, c,
                concurrentScans.get() == null ? 2 : concurrentScans.get(), nz(organisation.get()), nz(logoFile.get()),
                nz(classification.get()));
    }

    private Integer number(String label, String field, String text) {
        try {
            return Integer.parseInt(text == null ? "" : text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            fail(label + " must be a whole number, was '" + (text == null ? "" : text.strip()) + "'", field);
            return null;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }

    private void fail(String text, String field) {
        message.set(text);
        messageIsError.set(true);
        errorField.set(field);
    }

    /** Validates and saves in the background; the message says what happened. */
    public void save() {
        Values v = toValues();
        if (v == null) return;
        busy.set(true);
        executor.submit("save settings", () -> {
            backend.save(v);
            return v;
        }, saved -> {
            busy.set(false);
            message.set("Settings saved.");
            messageIsError.set(false);
            errorField.set(null);
            saves.set(saves.get() + 1);
            onSaved.accept(saved);
        }, e -> {
            busy.set(false);
            String text = e.getMessage() == null ? e.toString() : e.getMessage();
            fail(e instanceof IllegalArgumentException ? text : "Settings could not be saved: " + text, fieldOf(text));
        });
    }

    /** Which form field a backend message is about (for highlighting), from the name it starts with. */
    static String fieldOf(String text) {
        if (text == null) return null;
        if (text.startsWith("Default ports")) return "ports";
        if (text.startsWith("Timeout")) return "timeout";
        if (text.startsWith("Rate limit")) return "rateLimit";
        if (text.startsWith("Concurrency")) return "concurrency";
        if (text.startsWith("Scans at once")) return "concurrentScans";
        if (text.startsWith("Organisation")) return "organisation";
        if (text.startsWith("Logo")) return "logo";
        if (text.startsWith("Classification")) return "classification";
        if (text.startsWith("Theme")) return "theme";
        return null;
    }

    /** Reads the vulnerability dataset's date and counts in the background. */
    public void refreshDataset() {
        executor.submit("vulnerability dataset", backend::datasetSummary, dataset::set,
                e -> dataset.set("Not available: " + (e.getMessage() == null ? e.toString() : e.getMessage())));
    }

    /** Imports a vulnerability data file in the background, then re-reads the dataset's summary. */
    public void importVulnData(Path file) {
        if (file == null) return;
        importing.set(true);
        importIsError.set(false);
        importMessage.set("Importing " + file.getFileName() + "…");
        executor.submit("import vulnerability data", () -> backend.importVulnData(file), done -> {
            importing.set(false);
            importIsError.set(false);
            importMessage.set(done);
            refreshDataset();
        }, e -> {
            importing.set(false);
            importIsError.set(true);
            importMessage.set("Import failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        });
    }

    /** Opens a folder in the background; a failure's message (e.g. no file manager) appears in {@link #folderMessageProperty()}. */
    public void openFolder(Path folder) {
        folderMessage.set("");
        executor.submit("open folder", () -> {
            backend.openFolder(folder);
            return null;
        }, ok -> folderMessage.set(""), e -> folderMessage.set(e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    public StringProperty themeProperty() { return theme; }
    public StringProperty portsProperty() { return ports; }
    public StringProperty timeoutMsProperty() { return timeoutMs; }
    public StringProperty rateLimitProperty() { return rateLimit; }
    public StringProperty concurrencyProperty() { return concurrency; }
    public ObjectProperty<Integer> concurrentScansProperty() { return concurrentScans; }
    public StringProperty organisationProperty() { return organisation; }
    public StringProperty logoFileProperty() { return logoFile; }
    public StringProperty classificationProperty() { return classification; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty messageIsErrorProperty() { return messageIsError; }
    public StringProperty errorFieldProperty() { return errorField; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty datasetProperty() { return dataset; }
    public StringProperty importMessageProperty() { return importMessage; }
    public BooleanProperty importIsErrorProperty() { return importIsError; }
    public BooleanProperty importingProperty() { return importing; }
    public StringProperty folderMessageProperty() { return folderMessage; }
    /** Counts successful saves. */
    public IntegerProperty savesProperty() { return saves; }
}
