package org.watchpost.ui.scans;

import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.watchpost.engine.InvalidScanConfigException;
import org.watchpost.engine.ScanPlan;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.ui.common.TaskExecutor;

/**
 * The New scan dialog's state, validated as the user types with the engine's own parser
 * (so its messages name the bad token and where it is).
 */
public final class NewScanViewModel {
    /** What the dialog is for. */
    public enum Mode { NEW, CLONE, EDIT }

    /** Sizes a configuration or explains what is wrong with it (the scan manager's plan). */
    @FunctionalInterface
    public interface Planner {
        ScanPlan plan(ScanConfig config) throws InvalidScanConfigException;
    }

    /** Above this many hosts the dialog asks for confirmation before starting. */
    public static final long CONFIRM_HOSTS = 1024;

    private final Planner planner;
    private final TaskExecutor executor;
    private final AtomicLong generation = new AtomicLong();

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.NEW);
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty targets = new SimpleStringProperty("");
    private final StringProperty exclusions = new SimpleStringProperty("");
    private final StringProperty ports = new SimpleStringProperty("top-1000");
    private final BooleanProperty discovery = new SimpleBooleanProperty(true);
    private final BooleanProperty serviceDetection = new SimpleBooleanProperty(true);
    private final BooleanProperty checks = new SimpleBooleanProperty(true);
    private final IntegerProperty timeoutMs = new SimpleIntegerProperty(ScanConfig.DEFAULT_TIMEOUT_MS);
    private final IntegerProperty rateLimit = new SimpleIntegerProperty(0);
    private final IntegerProperty concurrency = new SimpleIntegerProperty(ScanConfig.DEFAULT_CONCURRENCY);

    private final StringProperty message = new SimpleStringProperty("Enter the hosts to scan.");
    private final StringProperty errorField = new SimpleStringProperty();
    private final LongProperty hostCount = new SimpleLongProperty();
    private final IntegerProperty portCount = new SimpleIntegerProperty();
    private final BooleanProperty valid = new SimpleBooleanProperty(false);
    private final javafx.collections.ObservableList<org.watchpost.store.InvestigationSummary> investigations =
            javafx.collections.FXCollections.observableArrayList();
    private final ObjectProperty<org.watchpost.store.InvestigationSummary> investigation = new SimpleObjectProperty<>();
    private final BooleanProperty monitor = new SimpleBooleanProperty(false);
    private final StringProperty monitorKind = new SimpleStringProperty("daily");
    private final StringProperty monitorExpression = new SimpleStringProperty("02:00");
    private final StringProperty monitorMessage = new SimpleStringProperty("");
    private final BooleanProperty monitorValid = new SimpleBooleanProperty(true);
    private org.watchpost.schedule.Frequency frequency;
    private final StringProperty datasetNote = new SimpleStringProperty("");
    private final BooleanProperty validating = new SimpleBooleanProperty(false);

    public NewScanViewModel(Planner planner, TaskExecutor executor) {
        this.planner = planner;
        this.executor = executor;
        monitor.addListener(o -> validateMonitor());
        monitorKind.addListener(o -> validateMonitor());
        monitorExpression.addListener(o -> validateMonitor());
        validateMonitor();
    }

    /** Example expression per frequency kind, shown when the kind changes. */
    public static String exampleFor(String kind) {
        return switch (kind) {
            case "hourly" -> "15";
            case "weekly" -> "MON 06:30";
            case "monthly" -> "1 02:00";
            case "cron" -> "0 */6 * * *";
            default -> "02:00";
        };
    }

    /** Checks the monitor's schedule (when a monitor is wanted) and previews its next run. */
    void validateMonitor() {
        if (!monitor.get()) {
            frequency = null;
            monitorValid.set(true);
            monitorMessage.set("");
            return;
        }
        try {
            frequency = org.watchpost.schedule.Frequency.decode(monitorKind.get(), monitorExpression.get() == null ? ""
                    : monitorExpression.get().strip());
            java.time.ZoneId zone = java.time.ZoneId.systemDefault();
            java.time.Instant next = frequency.next(java.time.Instant.now(), zone);
            monitorMessage.set(frequency.describe() + " · next run " + org.watchpost.ui.common.TimeText.stamp(next, zone));
            monitorValid.set(true);
        } catch (IllegalArgumentException e) {
            frequency = null;
            monitorMessage.set(e.getMessage());
            monitorValid.set(false);
        }
    }

    /** The monitor's schedule, or null when no monitor is wanted. */
    public org.watchpost.schedule.Frequency frequency() {
        return monitor.get() ? frequency : null;
    }

    /**
     * Prefills a new scan's options from the saved defaults (Settings → New scan defaults).
     * A blank {@code ports} keeps the current value; numbers are taken as given and checked
     * by {@link #validate()} like typed ones.
     */
    public void applyDefaults(String defaultPorts, int defaultTimeoutMs, int defaultRateLimit, int defaultConcurrency) {
        if (defaultPorts != null && !defaultPorts.isBlank()) ports.set(defaultPorts.strip());
        timeoutMs.set(defaultTimeoutMs);
        rateLimit.set(defaultRateLimit);
        concurrency.set(defaultConcurrency);
    }

    /** Fills the form from an existing scan's settings (clone, edit). */
    public void load(String scanName, ScanConfig c, Mode m) {
        mode.set(m);
        name.set(scanName == null ? "" : scanName);
        targets.set(c.targets());
        exclusions.set(c.exclusions());
        ports.set(c.ports());
        discovery.set(c.discovery());
        serviceDetection.set(c.serviceDetection());
        checks.set(c.checks());
        timeoutMs.set(c.timeoutMs());
        rateLimit.set(c.rateLimit());
        concurrency.set(c.concurrency());
    }

    public ScanConfig toConfig() {
        return new ScanConfig(targets.get(), exclusions.get(), ports.get(), discovery.get(), timeoutMs.get(), rateLimit.get(),
                concurrency.get(), serviceDetection.get(), checks.get(), "custom");
    }

    /** Validates the current form in the background; stale answers are dropped. */
    public void validate() {
        long gen = generation.incrementAndGet();
        valid.set(false);
        if (targets.get() == null || targets.get().isBlank()) {
            message.set("Enter the hosts to scan: addresses, ranges (192.0.2.10-40), CIDR (192.0.2.0/24) or host names.");
            errorField.set(null);
            hostCount.set(0);
            return;
        }
        String numeric = checkNumbers();
        if (numeric != null) {
            message.set(numeric);
            errorField.set("options");
            return;
        }
        ScanConfig cfg = toConfig();
        validating.set(true);
        executor.submit("validate scan", () -> planner.plan(cfg), plan -> {
            if (gen != generation.get()) return;
            validating.set(false);
            hostCount.set(plan.hosts());
            portCount.set(plan.ports());
            errorField.set(null);
            message.set(String.format("%,d %s × %,d %s = %,d probes%s", plan.hosts(), plan.hosts() == 1 ? "host" : "hosts",
                    plan.ports(), plan.ports() == 1 ? "port" : "ports", plan.probes(),
                    plan.hosts() > CONFIRM_HOSTS ? " — large scan, you will be asked to confirm" : ""));
            valid.set(true);
        }, e -> {
            if (gen != generation.get()) return;
            validating.set(false);
            hostCount.set(0);
            if (e instanceof InvalidScanConfigException ice) {
                errorField.set(ice.field());
                message.set(ice.getMessage());
            } else {
                errorField.set("targets");
                message.set("Cannot check the targets: " + e.getMessage());
            }
            valid.set(false);
        });
    }

    private String checkNumbers() {
        if (timeoutMs.get() < 1 || timeoutMs.get() > 60_000) return "Timeout must be between 1 and 60,000 ms.";
        if (rateLimit.get() < 0) return "Rate limit must be 0 (no limit) or more.";
        if (concurrency.get() < 1 || concurrency.get() > 100_000) return "Concurrency must be between 1 and 100,000.";
        return null;
    }

    public javafx.collections.ObservableList<org.watchpost.store.InvestigationSummary> investigations() { return investigations; }
    public ObjectProperty<org.watchpost.store.InvestigationSummary> investigationProperty() { return investigation; }
    public BooleanProperty monitorProperty() { return monitor; }
    public StringProperty monitorKindProperty() { return monitorKind; }
    public StringProperty monitorExpressionProperty() { return monitorExpression; }
    public StringProperty monitorMessageProperty() { return monitorMessage; }
    public BooleanProperty monitorValidProperty() { return monitorValid; }
    /** A warning about the vulnerability data (e.g. older than 90 days), shown beside "Run vulnerability checks"; empty for none. */
    public StringProperty datasetNoteProperty() { return datasetNote; }

    public boolean needsConfirmation() {
        return hostCount.get() > CONFIRM_HOSTS;
    }

    public ObjectProperty<Mode> modeProperty() { return mode; }
    public StringProperty nameProperty() { return name; }
    public StringProperty targetsProperty() { return targets; }
    public StringProperty exclusionsProperty() { return exclusions; }
    public StringProperty portsProperty() { return ports; }
    public BooleanProperty discoveryProperty() { return discovery; }
    public BooleanProperty serviceDetectionProperty() { return serviceDetection; }
    public BooleanProperty checksProperty() { return checks; }
    public IntegerProperty timeoutMsProperty() { return timeoutMs; }
    public IntegerProperty rateLimitProperty() { return rateLimit; }
    public IntegerProperty concurrencyProperty() { return concurrency; }
    public StringProperty messageProperty() { return message; }
    public StringProperty errorFieldProperty() { return errorField; }
    public LongProperty hostCountProperty() { return hostCount; }
    public IntegerProperty portCountProperty() { return portCount; }
    public BooleanProperty validProperty() { return valid; }
    public BooleanProperty validatingProperty() { return validating; }
}
