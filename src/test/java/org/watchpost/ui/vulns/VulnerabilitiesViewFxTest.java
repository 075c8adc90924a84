package org.watchpost.ui.vulns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.api.FxAssert.verifyThat;
import static org.testfx.matcher.base.NodeMatchers.isVisible;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.Database;
import org.watchpost.store.FindingRepository;
import org.watchpost.store.ScanRecorder;
import org.watchpost.store.ScanRepository;
import org.watchpost.ui.common.DirectTaskExecutor;

@ExtendWith(ApplicationExtension.class)
class VulnerabilitiesViewFxTest {
    Database db;
    VulnerabilitiesViewModel vm;
    VulnerabilitiesView view;
    final List<Long> opened = new ArrayList<>();
    long webScan;
    long mailScan;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("wp-vulns-fx");
        db = Database.open(dir.resolve("w.db"));
        ScanRepository scans = new ScanRepository(db, Clock.systemUTC());
        webScan = record(scans,
                new Finding("tls.protocol.tls10", Severity.MEDIUM, 5.9, null, List.of(), "CWE-327", "TLS 1.0 is accepted",
                        "TLS 1.0 is deprecated.", "Disable TLS 1.0.", "TLSv1.0 handshake accepted", "127.0.0.1", 443, "https",
                        "confirmed", false),
                new Finding("vulndb.cve", Severity.CRITICAL, 9.8, "CVSS:3.1/AV:N/AC:L", List.of("CVE-2021-41773"), "CWE-22",
                        "Apache httpd path traversal", "Files outside the document root can be read.", "Upgrade to 2.4.51.",
                        "Server: Apache/2.4.49 (Unix)", "127.0.0.1", 80, "http", "version-match", true),
                new Finding("http.title", Severity.INFO, null, null, List.of(), null, "Web page title", "The page title.",
                        "None required.", "<title>Login</title>", "127.0.0.1", 80, "http", "confirmed", false));
        mailScan = record(scans,
                new Finding("smtp.starttls.missing", Severity.HIGH, 7.4, null, List.of(), "CWE-319", "SMTP without STARTTLS",
                        "Mail travels in clear text.", "Enable STARTTLS.", "250-PIPELINING", "127.0.0.2", 25, "smtp", "confirmed", false),
                new Finding("ssh.auth.password", Severity.LOW, 2.6, null, List.of(), null, "SSH accepts passwords",
                        "Passwords can be guessed.", "Use keys.", "publickey,password", "127.0.0.2", 22, "ssh", "firm", false));

        vm = new VulnerabilitiesViewModel(new FindingRepository(db), new DirectTaskExecutor(), 100, ZoneOffset.UTC);
        view = new VulnerabilitiesView(vm, opened::add);
        view.refresh();
        Scene scene = new Scene(view.root(), 1100, 700);
        scene.getStylesheets().add(getClass().getResource("/org/watchpost/ui/watchpost.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private long record(ScanRepository scans, Finding... fs) {
        long id = scans.create("s", ScanConfig.defaults("127.0.0.1"), "ui", null, null, 1).id();
        try (ScanRecorder r = new ScanRecorder(db, id, Clock.systemUTC())) {
            for (Finding f : fs) r.onFinding(f);
        }
        return id;
    }

    @AfterEach
    void close() {
        db.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<FindingRowViewModel> table(FxRobot robot) {
        return robot.lookup(".findings-table").queryAs(TableView.class);
    }

    @Test
    void listsFindingsWorstFirstWithColouredSeverityChips(FxRobot robot) {
        TableView<FindingRowViewModel> table = table(robot);
        assertThat(table.getItems()).extracting(FindingRowViewModel::title).containsExactly(
                "Apache httpd path traversal", "SMTP without STARTTLS", "TLS 1.0 is accepted", "SSH accepts passwords", "Web page title");
        verifyThat("1–5 of 5 findings", isVisible());
        // the first row's chip is a critical one
        Node chip = robot.lookup(".findings-table .table-row-cell .severity-chip").nth(0).query();
        assertThat(((Label) chip).getText()).isEqualTo("Critical");
        assertThat(chip.getPseudoClassStates()).extracting(Object::toString).contains("critical");
        verifyThat("CVE-2021-41773", isVisible());
        verifyThat("SCAN-" + webScan, isVisible());
    }

    @Test
    void selectingAFindingShowsItsDetails(FxRobot robot) {
        String hint = "Select a finding to see its details. Double-click opens its scan.";
        verifyThat(hint, isVisible());
        assertThat(robot.lookup(".text-area").tryQuery()).as("the detail pane is built on first selection").isEmpty();
        robot.clickOn("Apache httpd path traversal");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.selectedProperty().get().title()).isEqualTo("Apache httpd path traversal");
        verifyThat("Files outside the document root can be read.", isVisible());
        verifyThat("Upgrade to 2.4.51.", isVisible());
        verifyThat("CVE-2021-41773, CWE-22", isVisible());
        verifyThat("version-match", isVisible());
        verifyThat("Yes — listed in CISA's Known Exploited Vulnerabilities catalog", isVisible());
        TextArea evidence = robot.lookup(".text-area").queryAs(TextArea.class);
        assertThat(evidence.getText()).isEqualTo("Server: Apache/2.4.49 (Unix)");
        assertThat(evidence.getStyle()).contains("Monospaced");

        assertThat(robot.lookup(hint).queryLabeled().isVisible()).isFalse();

        robot.clickOn("SSH accepts passwords");
        WaitForAsyncUtils.waitForFxEvents();
        verifyThat("Passwords can be guessed.", isVisible());
        assertThat(evidence.getText()).isEqualTo("publickey,password");
    }

    @Test
    void doubleClickOrEnterOpensTheFindingsScan(FxRobot robot) {
        // a synthetic double click: the robot's two clicks can drift past the double-click
        // interval on a loaded machine, and what is tested here is the view's handling of it
        robot.interact(() -> doubleClick(robot, "SMTP without STARTTLS"));
        assertThat(opened).containsExactly(mailScan);
        robot.interact(() -> doubleClick(robot, "TLS 1.0 is accepted"));
        assertThat(opened).containsExactly(mailScan, webScan);

        robot.clickOn("SSH accepts passwords").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened).containsExactly(mailScan, webScan, mailScan);
    }

    private static void doubleClick(FxRobot robot, String title) {
        TableRow<?> row = robot.lookup(".findings-table .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() instanceof FindingRowViewModel f && f.title().equals(title))
                .findFirst().orElseThrow();
        Event.fireEvent(row, new MouseEvent(MouseEvent.MOUSE_CLICKED, 5, 5, 5, 5, MouseButton.PRIMARY, 2,
                false, false, false, false, true, false, false, true, false, false, null));
    }

    @Test
    void severityAndTextFiltersApplyFromTheFilterBar(FxRobot robot) {
        robot.clickOn((CheckBox) robot.lookup("#severity-info").query());
        robot.clickOn((CheckBox) robot.lookup("#severity-low").query());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getItems()).extracting(FindingRowViewModel::title).containsExactly(
                "Apache httpd path traversal", "SMTP without STARTTLS", "TLS 1.0 is accepted");

        robot.clickOn("Title, check or CVE").write("tls").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getItems()).extracting(FindingRowViewModel::title).containsExactly(
                "SMTP without STARTTLS", "TLS 1.0 is accepted");

        robot.clickOn("Scan (SCAN-12)").write("nope").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        verifyThat("'nope' is not a scan ID (expected SCAN-<number>, e.g. SCAN-12)", isVisible());

        robot.clickOn("Clear filters");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getItems()).hasSize(5);
    }
}
