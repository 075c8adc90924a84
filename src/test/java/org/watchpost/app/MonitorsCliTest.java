package org.watchpost.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.app.cli.InvestigationsCommand;
import org.watchpost.app.cli.MonitorsCommand;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.schedule.Frequency;
import org.watchpost.schedule.MonitorRepository;
import org.watchpost.store.Database;
import org.watchpost.store.DataDirectory;
import org.watchpost.store.InvestigationRepository;
import org.watchpost.testing.MutableClock;

/** The monitors and investigations commands against a real database and a loopback "host". */
class MonitorsCliTest {
    @TempDir
    Path dir;
    ServerSocket server;
    Thread acceptor;

    record Result(int code, String out, String err) {}

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    return;
                }
            }
        }, "test-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(2000);
    }

    @Test
    void runDueCatchesUpOnceWaitsAndPrintsWhatRanThenNothingIsDue() {
        ScanConfig cfg = new ScanConfig("127.0.0.1", "", Integer.toString(server.getLocalPort()), false, 500, 0, 100,
                false, false, "custom");
        long monitorId;
        // created "three hours ago" with an hourly schedule: about three runs were missed
        try (Database db = Database.open(dir.resolve(DataDirectory.DB_FILE))) {
            MutableClock past = new MutableClock(Instant.now().minus(Duration.ofHours(3)), ZoneId.systemDefault());
            monitorId = new MonitorRepository(db, past).create("lab", cfg, Frequency.hourly(0)).id();
        }

        Result r = run("monitors", "run-due", "--wait-minutes", "2");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("MON-" + monitorId + " lab: Catch-up for ").contains("SCAN-1 started")
                .contains("SCAN-1 COMPLETED: 1 host(s) up, 1 open port(s), 0 finding(s)")
                .contains("changes: First run: 1 open port, 0 findings");

        Result again = run("monitors", "run-due");
        assertThat(again.code()).isZero();
        assertThat(again.out()).startsWith("nothing due; next run ");

        Result list = run("monitors", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("MON-" + monitorId).contains("lab").contains("Hourly at :00").contains("SCAN-1 completed")
                .contains("last run: Catch-up for");
        Result json = run("monitors", "list", "--json");
        assertThat(json.out()).contains("\"kind\" : \"hourly\"").contains("\"lastScanStatus\" : \"COMPLETED\"");

        // the monitor scan in an investigation
        try (Database db = Database.open(dir.resolve(DataDirectory.DB_FILE))) {
            InvestigationRepository invs = new InvestigationRepository(db, java.time.Clock.systemDefaultZone());
            long inv = invs.create("lab checks", "loopback").id();
            invs.addScans(inv, List.of(1L));
        }
        Result invList = run("investigations", "list");
        assertThat(invList.code()).isZero();
        assertThat(invList.out()).contains("INV-1").contains("lab checks").contains("0/0/0/0/0");
        Result show = run("investigations", "show", "INV-1");
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("INV-1  lab checks").contains("SCAN-1").contains("COMPLETED");
        assertThat(run("investigations", "show", "--json", "1").out()).contains("\"scans\" : [");
        Result missing = run("investigations", "show", "INV-99");
        assertThat(missing.code()).isEqualTo(Main.NOT_FOUND);
        assertThat(missing.err()).contains("no investigation INV-99");
        assertThat(run("investigations", "show", "SCAN-1").code()).isEqualTo(Main.USAGE);
    }

    @Test
    void emptyDatabaseSaysSo() {
        assertThat(run("monitors", "list").out()).contains("no monitors yet");
        assertThat(run("monitors", "run-due").out()).isEqualTo("nothing due" + System.lineSeparator());
        assertThat(run("investigations", "list").out()).contains("no investigations yet");
    }
}
