package org.watchpost.ui.reports;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.HostServices;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.watchpost.engine.Cancellation;
import org.watchpost.report.CsvKind;
import org.watchpost.report.EmailOptions;
import org.watchpost.report.ReportOptions;
import org.watchpost.report.ReportService;
import org.watchpost.report.ReportType;
import org.watchpost.store.ScanIds;

/**
 * Report, export and e-mail actions for a scan: asks what and where, then generates in the
 * background with a progress dialog that can cancel (a cancelled file is removed).
 */
public final class ReportActions {
    private final ReportService service;
    private final Supplier<Window> owner;
    private final Supplier<ReportOptions> defaults;
    private final HostServices host;

    /**
     * @param defaults report options from the settings (classification, dataset date, version)
     * @param host     opens a saved .eml in the default mail client; may be null
     */
    public ReportActions(ReportService service, Supplier<Window> owner, Supplier<ReportOptions> defaults, HostServices host) {
        this.service = service;
        this.owner = owner;
        this.defaults = defaults;
        this.host = host;
    }

    private record PdfChoice(ReportType type, String classification, String password, boolean email, String to) {}

    /** "Report…": type, classification, optional password, optional e-mail draft. */
    public void report(long scanId) {
        Dialog<ButtonType> d = new Dialog<>();
        style(d);
        d.setTitle("Report for " + ScanIds.format(scanId));
        d.setHeaderText("A PDF for your audience. Password protection uses AES-256.");
        ChoiceBox<ReportType> type = new ChoiceBox<>();
        type.getItems().setAll(ReportType.values());
        type.setValue(ReportType.EXECUTIVE);
        type.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ReportType t) {
                return t == null ? "" : t.title();
            }

            @Override
            public ReportType fromString(String s) {
                return null;
            }
        });
        TextField classification = new TextField(defaults.get().classification());
        classification.setPromptText("e.g. CONFIDENTIAL (empty for none)");
        PasswordField password = new PasswordField();
        password.setPromptText("optional");
        CheckBox email = new CheckBox("Also write an e-mail draft (.eml) with the PDF attached");
        TextField to = new TextField();
        to.setPromptText("recipient@example.org (optional)");
        to.disableProperty().bind(email.selectedProperty().not());
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.setPadding(new Insets(6));
        g.addRow(0, new Label("Audience"), type);
        g.addRow(1, new Label("Classification"), classification);
        g.addRow(2, new Label("Password"), password);
        g.add(email, 1, 3);
        g.addRow(4, new Label("To"), to);
        d.getDialogPane().setContent(g);
        ButtonType save = new ButtonType("Save PDF…", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, save);
        d.getDialogPane().lookupButton(save).getStyleClass().add("accent");
        Optional<PdfChoice> choice = d.showAndWait().filter(b -> b == save).map(b -> new PdfChoice(type.getValue(),
                classification.getText().strip(), password.getText(), email.isSelected(), to.getText().strip()));
        choice.ifPresent(c -> {
            File file = chooseFile(ScanIds.format(scanId) + "-" + c.type().name().toLowerCase() + ".pdf", "PDF", "*.pdf");
            if (file == null) return;
            Path pdf = file.toPath();
            ReportOptions opts = defaults.get().withClassification(c.classification()).withPassword(c.password());
            run("Writing the " + c.type().title().toLowerCase(), (progress, cancel) -> {
                service.writePdf(scanId, c.type(), pdf, opts, progress, cancel);
                if (!c.email()) return pdf;
                Path eml = pdf.resolveSibling(pdf.getFileName().toString().replaceFirst("\\.pdf$", "") + ".eml");
                EmailOptions mail = c.to().isEmpty() ? EmailOptions.addressedTo() : EmailOptions.addressedTo(c.to().split("[,;\\s]+"));
                return service.writeEml(scanId, pdf, eml, mail, opts);
            }, out -> {
                String name = out.getFileName().toString();
                if (name.endsWith(".eml") && host != null) {
                    host.showDocument(out.toUri().toString());
                    info("E-mail draft written", "Saved " + out + " and handed it to the default mail client."
                            + " If none opens, attach it or open it from that folder.");
                } else {
                    info("Report written", "Saved " + out);
                }
            });
        });
    }

    /** "Report…" for an investigation: the lifecycle of every finding across its scans, as a PDF. */
    public void investigationReport(org.watchpost.store.InvestigationRepository investigations, long id) {
        File file = chooseFile(org.watchpost.store.InvestigationRepository.format(id) + "-report.pdf", "PDF", "*.pdf");
        if (file == null) return;
        Path pdf = file.toPath();
        run("Writing the investigation report", (progress, cancel) ->
                service.writeInvestigationPdf(investigations, id, pdf, defaults.get(), progress, cancel), p -> info("Report written", "Saved " + p));
    }

    /** "Export…": findings or services as CSV, or everything as JSON. */
    public void export(long scanId, String format, CsvKind kind) {
        String ext = format.equals("json") ? "json" : "csv";
        String base = ScanIds.format(scanId) + (format.equals("json") ? "" : "-" + kind.name().toLowerCase());
        File file = chooseFile(base + "." + ext, ext.toUpperCase(), "*." + ext);
        if (file == null) return;
        Path out = file.toPath();
        run("Exporting " + ScanIds.format(scanId), (progress, cancel) -> format.equals("json")
                ? service.exportJson(scanId, out, defaults.get(), progress, cancel)
                : exportCsv(scanId, kind, out, progress, cancel), p -> info("Export written", "Saved " + p));
    }

    private Path exportCsv(long scanId, CsvKind kind, Path out, org.watchpost.report.ReportProgress p, Cancellation c) throws Exception {
        service.exportCsv(scanId, kind, out, p, c);
        return out;
    }

    private File chooseFile(String name, String description, String pattern) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        Path home = Path.of(System.getProperty("user.home"));
        if (Files.isDirectory(home)) fc.setInitialDirectory(home.toFile());
        return fc.showSaveDialog(owner.get());
    }

    @FunctionalInterface
    interface Work {
        Path run(org.watchpost.report.ReportProgress progress, Cancellation cancel) throws Exception;
    }

    private void run(String title, Work work, java.util.function.Consumer<Path> done) {
        Cancellation cancel = new Cancellation();
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                return work.run((f, m) -> {
                    updateProgress(f, 1.0);
                    updateMessage(m);
                }, cancel);
            }
        };
        Dialog<ButtonType> progress = new Dialog<>();
        style(progress);
        progress.setTitle("Watchpost");
        progress.setHeaderText(title + "…");
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(360);
        bar.progressProperty().bind(task.progressProperty());
        Label message = new Label();
        message.textProperty().bind(task.messageProperty());
        progress.getDialogPane().setContent(new VBox(8, bar, message));
        progress.getDialogPane().getButtonTypes().add(ButtonType.CANCEL);
        progress.setOnCloseRequest(e -> {
            if (task.isRunning()) cancel.cancel();
        });
        task.setOnSucceeded(e -> {
            progress.close();
            done.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            progress.close();
            Throwable t = task.getException();
            if (cancel.isCancelled()) return;
            Alert a = new Alert(Alert.AlertType.ERROR);
            if (owner.get() != null) a.initOwner(owner.get());
            a.setHeaderText(title + " failed");
            a.setContentText(t.getMessage() == null ? t.toString() : t.getMessage());
            a.show();
        });
        Thread t = new Thread(task, "watchpost-report");
        t.setDaemon(true);
        t.start();
        progress.show();
    }

    private void info(String header, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        if (owner.get() != null) a.initOwner(owner.get());
        a.setTitle("Watchpost");
        a.setHeaderText(header);
        a.setContentText(text);
        a.show();
    }

    private void style(Dialog<?> d) {
        Window w = owner.get();
        if (w != null) {
            d.initOwner(w);
            if (w.getScene() != null) d.getDialogPane().getStylesheets().addAll(w.getScene().getStylesheets());
        }
    }

    /** Menu entries (label → action) for a scan, used by the dashboard's context menu and the details page. */
    public List<javafx.scene.control.MenuItem> menuItems(Supplier<Long> scanId) {
        javafx.scene.control.MenuItem report = new javafx.scene.control.MenuItem("Report (PDF, e-mail)…");
        report.setOnAction(e -> report(scanId.get()));
        javafx.scene.control.MenuItem csvF = new javafx.scene.control.MenuItem("Export findings (CSV)…");
        csvF.setOnAction(e -> export(scanId.get(), "csv", CsvKind.FINDINGS));
        javafx.scene.control.MenuItem csvS = new javafx.scene.control.MenuItem("Export hosts and services (CSV)…");
        csvS.setOnAction(e -> export(scanId.get(), "csv", CsvKind.SERVICES));
        javafx.scene.control.MenuItem json = new javafx.scene.control.MenuItem("Export everything (JSON)…");
        json.setOnAction(e -> export(scanId.get(), "json", null));
        return List.of(report, csvF, csvS, json);
    }
}
