package org.watchpost.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless CLI end to end on a temp database and a loopback listener. */
class CliScanTest {
    @TempDir
    Path dir;
    ServerSocket listener;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    s.getOutputStream().write("220 test.example ESMTP Postfix\r\n".getBytes());
                    Thread.sleep(30);
                } catch (IOException | InterruptedException e) {
                    if (listener.isClosed()) return; // a probe that hung up first is not the end
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    MainCliTest.Result run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return MainCliTest.run(all);
    }

    @Test
    void scanPrintsTheIdFirstAndShowGivesJson() throws Exception {
        MainCliTest.Result scan = run("scan", "127.0.0.1", "--ports", listener.getLocalPort() + ",1", "--name", "cli test");
        assertThat(scan.code()).as(scan.err()).isZero();
        String[] lines = scan.out().strip().split("\n");
        assertThat(lines[0]).isEqualTo("SCAN-1");
        assertThat(lines[lines.length - 1]).contains("SCAN-1 COMPLETED").contains("1 open port(s)");
        assertThat(scan.err()).contains("scanning 1 host(s) × 2 port(s)");

        MainCliTest.Result show = run("show", "SCAN-1", "--json");
        assertThat(show.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(show.out());
        assertThat(json.at("/schema").asText()).isEqualTo("watchpost-scan/1");
        assertThat(json.at("/scan/id").asText()).isEqualTo("SCAN-1");
        assertThat(json.at("/scan/status").asText()).isEqualTo("COMPLETED");
        JsonNode port = json.at("/hosts/0/ports/0");
        assertThat(port.at("/port").asInt()).isEqualTo(listener.getLocalPort());
        assertThat(port.at("/service").asText()).isEqualTo("smtp");
        assertThat(port.at("/product").asText()).isEqualTo("Postfix smtpd");

        MainCliTest.Result list = run("scans");
        assertThat(list.out()).contains("SCAN-1").contains("COMPLETED").contains("cli test");
        // --data-dir also works after the command name
        MainCliTest.Result after = MainCliTest.run("scans", "--data-dir", dir.toString());
        assertThat(after.out()).contains("cli test");
    }

    @Test
    void exitCodesAScriptCanRelyOn() {
        MainCliTest.Result bad = run("scan", "127.0.0.300");
        assertThat(bad.code()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("'127.0.0.300'").contains("octet 300");
        assertThat(run("scan", "127.0.0.1", "--ports", "0").code()).isEqualTo(Main.USAGE);
        assertThat(run("scan", "127.0.0.1", "--timeout", "0").err()).contains("--timeout");

        MainCliTest.Result missing = run("show", "SCAN-41");
        assertThat(missing.code()).isEqualTo(Main.NOT_FOUND);
        assertThat(missing.err()).contains("no scan SCAN-41");
        assertThat(run("show", "SCAN-x").code()).isEqualTo(Main.USAGE);
        assertThat(run("stop", "SCAN-7").code()).isEqualTo(Main.NOT_FOUND);
    }

    @Test
    void deleteNeedsConfirmationThenRemovesAndIdsAreNotReused() {
        assertThat(run("scan", "127.0.0.1", "-q", "--ports", String.valueOf(listener.getLocalPort())).code()).isZero();
        MainCliTest.Result refused = run("delete", "SCAN-1");
        assertThat(refused.code()).isEqualTo(Main.FAILED);
        assertThat(refused.err()).contains("--yes");
        assertThat(run("show", "SCAN-1").code()).isZero();
        MainCliTest.Result deleted = run("delete", "SCAN-1", "--yes");
        assertThat(deleted.code()).isZero();
        assertThat(deleted.out()).contains("deleted 1 scan(s): SCAN-1");
        assertThat(run("show", "SCAN-1").code()).isEqualTo(Main.NOT_FOUND);
        MainCliTest.Result again = run("scan", "127.0.0.1", "-q", "--ports", String.valueOf(listener.getLocalPort()));
        assertThat(again.out()).startsWith("SCAN-2");
    }

    @Test
    void stopReachesAScanRunningInAnotherProcessThroughTheDatabase() throws Exception {
        try (AppContext other = AppContext.open(dir.toString())) {
            var rec = other.scanManager().start("long", new org.watchpost.engine.model.ScanConfig("127.0.0.1", "", "1-65535",
                    false, 1000, 300, 100, false, false, "t"), "ui", null, null);
            long deadline = System.currentTimeMillis() + 5000;
            while (other.scans().require(rec.id()).status() != org.watchpost.engine.model.ScanStatus.RUNNING
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            long t0 = System.nanoTime();
            MainCliTest.Result stop = run("stop", rec.scanId());
            assertThat(stop.code()).as(stop.err()).isZero();
            assertThat(stop.out()).contains(rec.scanId() + " STOPPED");
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(3.0);
            assertThat(other.scans().require(rec.id()).error()).contains("stopped");
        }
    }

    @Test
    void stopOfAnEndedScanSaysSo() {
        run("scan", "127.0.0.1", "-q", "--ports", String.valueOf(listener.getLocalPort()));
        MainCliTest.Result stop = run("stop", "SCAN-1");
        assertThat(stop.code()).isZero();
        assertThat(stop.out()).contains("SCAN-1 already COMPLETED");
    }

    @Test
    void aTargetFileIsRecordedAsTheAddressesItHolds() throws Exception {
        java.nio.file.Path file = dir.resolve("targets.txt");
        java.nio.file.Files.writeString(file, "127.0.0.1   # the lab\n# nothing here\n127.0.0.2\n");
        MainCliTest.Result scan = run("scan", "@" + file, "-q", "--no-discovery", "--no-checks", "--no-services", "--ports",
                String.valueOf(listener.getLocalPort()));
        assertThat(scan.code()).as(scan.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run("show", "SCAN-1", "--json").out());
        assertThat(json.at("/scan/config/targets").asText()).isEqualTo("127.0.0.1 127.0.0.2");
        MainCliTest.Result missing = run("scan", "@" + dir.resolve("nope.txt"), "-q");
        assertThat(missing.code()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).contains("nope.txt").contains("no such file");
    }

    @Test
    void anExclusionFileIsRecordedAsItsAddressesAndItsHostsAreNotScanned() throws Exception {
        java.nio.file.Path targets = dir.resolve("targets.txt");
        java.nio.file.Files.writeString(targets, "127.0.0.1\n127.0.0.2\n127.0.0.3\n");
        java.nio.file.Path excluded = dir.resolve("excluded.txt");
        java.nio.file.Files.writeString(excluded, "127.0.0.2   # not ours\n127.0.0.3\n");
        MainCliTest.Result scan = run("scan", "@" + targets, "--exclude", "@" + excluded, "-q", "--no-discovery", "--no-checks",
                "--no-services", "--ports", String.valueOf(listener.getLocalPort()));
        assertThat(scan.code()).as(scan.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run("show", "SCAN-1", "--json").out());
        assertThat(json.at("/scan/config/exclusions").asText()).isEqualTo("127.0.0.2 127.0.0.3");
        java.util.List<String> scanned = new java.util.ArrayList<>();
        json.at("/hosts").forEach(h -> scanned.add(h.get("address").asText()));
        assertThat(scanned).containsExactly("127.0.0.1");
    }
}
