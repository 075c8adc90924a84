package org.watchpost.engine.portscan;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real FILTERED ports: a network namespace of the test's own with an nft DROP rule. Needs root,
 * {@code ip} and {@code nft}; skipped (with the reason) otherwise. The namespace is removed in
 * {@link #removeNamespace()}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PortScanNetnsTest {
    private static final String NS = "wp-test-" + ProcessHandle.current().pid();
    private static boolean created;
    private static String skipReason;

    @BeforeAll
    static void createNamespace() throws Exception {
        if (!isRoot()) {
            skipReason = "not running as root: cannot create a network namespace";
            return;
        }
        for (String tool : new String[] {"ip", "nft"}) {
            if (!onPath(tool)) {
                skipReason = "'" + tool + "' is not installed";
                return;
            }
        }
        Result r = run(10, "ip", "netns", "add", NS);
        if (r.code != 0) {
            skipReason = "ip netns add failed: " + r.out;
            return;
        }
        created = true;
        check(run(10, "ip", "-n", NS, "link", "set", "lo", "up"));
        Path rules = Files.createTempFile("wp-nft", ".rules");
        try {
            Files.writeString(rules, """
                    table inet wptest {
                      chain input {
                        type filter hook input priority 0; policy accept;
                        ip daddr 127.0.0.9 drop
                        ip daddr 127.0.0.8 tcp dport 4444 drop
                      }
                    }
                    """);
            Result nft = run(10, "ip", "netns", "exec", NS, "nft", "-f", rules.toString());
            if (nft.code != 0) skipReason = "nft rules could not be loaded: " + nft.out;
        } finally {
            Files.deleteIfExists(rules);
        }
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (created) run(10, "ip", "netns", "del", NS);
    }

    @Test
    void droppedPortIsFilteredRefusedIsClosedAndSilentHostIsDown() throws Exception {
        assumeTrue(skipReason == null, () -> "namespace test skipped: " + skipReason);
        String cp = codeSource(PortScanner.class) + File.pathSeparator + codeSource(NetnsLabProbe.class);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Result r = run(40, "ip", "netns", "exec", NS, java, "-cp", cp, NetnsLabProbe.class.getName());
        assertThat(r.code).as(r.out).isZero();
        String openPort = r.out.lines().filter(l -> l.startsWith("open-port ")).findFirst().orElseThrow().substring(10);
        assertThat(r.out).contains("port 127.0.0.8 " + openPort + " OPEN");
        assertThat(r.out).contains("port 127.0.0.8 4444 FILTERED");
        assertThat(r.out).contains("port 127.0.0.8 4445 CLOSED");
        assertThat(r.out).containsPattern("host 127.0.0.8 up (tcp \\d+ refused|icmp echo)");
        assertThat(r.out).contains("host 127.0.0.9 down no response");
    }

    /**
     * A descriptor limit far below the requested window: every probe to the silent host stays in
     * flight until its timeout, so without the budget the scan would hit "too many open files".
     */
    @Test
    void lowDescriptorLimitShrinksTheWindowInsteadOfFailing() throws Exception {
        assumeTrue(skipReason == null, () -> "namespace test skipped: " + skipReason);
        String cp = codeSource(PortScanner.class);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Result r = run(40, "ip", "netns", "exec", NS, "sh", "-c",
                "ulimit -n 256 && exec \"$0\" -cp \"$1\" " + PortScanMain.class.getName()
                        + " --targets 127.0.0.9 --ports 1-1000 --max-in-flight 100000 --timeout 100 --min-timeout 50"
                        + " --retries 0 --threads 2",
                java, cp);
        assertThat(r.code).as(r.out).isZero();
        assertThat(r.out).doesNotContainIgnoringCase("too many open files");
        assertThat(r.out).contains("filtered=1000").contains("open=0").contains("closed=0");
        String window = r.out.replaceAll("(?s).*window=(\\d+).*", "$1");
        assertThat(Integer.parseInt(window)).isBetween(1, 255);
    }

    private static String codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.substring(4).trim().split("\\s+")[1].equals("0"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin"));
        return dirs.stream().anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private record Result(int code, String out) {}

    private static void check(Result r) {
        if (r.code != 0) throw new IllegalStateException("command failed: " + r.out);
    }

    /** Runs a command with a hard time limit; kills it (by its own process handle) if it overruns. */
    private static Result run(int seconds, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            return new Result(-1, "timed out after " + seconds + " s: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
