package org.watchpost.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.watchpost.app.cli.CommandParser;
import org.watchpost.app.cli.ParsedArgs;

class MainCliTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void versionAndHelpAnswerWithoutAWindow() {
        Result v = run("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("Watchpost ").contains("Java ");
        Result h = run("--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("Usage: watchpost").contains("--data-dir").contains("authorised");
        // every command with its one-line description
        assertThat(h.out()).contains("scan ", "scans ", "show ", "stop ", "delete ", "report ", "export ", "investigations ",
                "monitors ", "vulndb ", "help ");
        assertThat(h.out()).containsPattern("(?m)^  scan +Scan targets and store the result\\.");
        assertThat(run("-h").out()).isEqualTo(h.out());
        assertThat(run("help").out()).isEqualTo(h.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Result r = run("--frobnicate");
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("Unknown option: '--frobnicate'").contains("watchpost --help");
        Result inScan = run("scan", "127.0.0.1", "--frobnicate");
        assertThat(inScan.code()).isEqualTo(Main.USAGE);
        assertThat(inScan.err()).startsWith("watchpost scan: Unknown option: '--frobnicate'")
                .contains("Usage: watchpost scan [OPTIONS] TARGET...");
        assertThat(inScan.out()).isEmpty();
        // no abbreviations: --port is not --ports
        assertThat(run("scan", "127.0.0.1", "--port", "22").err()).contains("Unknown option: '--port'");
    }

    @Test
    void unknownCommandIsAUsageErrorNamingIt() {
        Result r = run("sacn", "127.0.0.1");
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("Unknown command: 'sacn'").contains("scan, scans");
        Result sub = run("monitors", "frob");
        assertThat(sub.code()).isEqualTo(Main.USAGE);
        assertThat(sub.err()).contains("watchpost monitors: Unknown command: 'frob'").contains("list, run-due");
        assertThat(run("help", "sacn").err()).contains("Unknown subcommand 'sacn'");
    }

    @Test
    void missingValuesAndParametersAreUsageErrors() {
        Result noValue = run("scan", "127.0.0.1", "--ports");
        assertThat(noValue.code()).isEqualTo(Main.USAGE);
        assertThat(noValue.err()).contains("Missing required parameter for option '--ports' (PORTS)");
        Result noTarget = run("scan", "-q");
        assertThat(noTarget.code()).isEqualTo(Main.USAGE);
        assertThat(noTarget.err()).contains("Missing required parameters: 'TARGET'");
        Result noOut = run("report", "SCAN-1");
        assertThat(noOut.code()).isEqualTo(Main.USAGE);
        assertThat(noOut.err()).contains("Missing required option: '--out FILE'");
        Result noDir = run("scans", "--data-dir");
        assertThat(noDir.code()).isEqualTo(Main.USAGE);
        assertThat(noDir.err()).contains("'--data-dir'");
        Result twoDirs = run("--data-dir", "/tmp/a", "scans", "--data-dir=/tmp/b");
        assertThat(twoDirs.code()).isEqualTo(Main.USAGE);
        assertThat(twoDirs.err()).contains("option '--data-dir' should be specified only once");
        Result extra = run("show", "SCAN-1", "SCAN-2");
        assertThat(extra.code()).isEqualTo(Main.USAGE);
        assertThat(extra.err()).contains("Unmatched argument: 'SCAN-2'");
        Result twice = run("scan", "127.0.0.1", "--name", "a", "--name", "b");
        assertThat(twice.code()).isEqualTo(Main.USAGE);
        assertThat(twice.err()).contains("option '--name' should be specified only once");
    }

    @Test
    void aBadNumberOrEnumIsAUsageErrorNamingTheOption() {
        Result r = run("scan", "127.0.0.1", "--timeout", "fast");
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("Invalid value for option '--timeout': 'fast' is not an int");
        assertThat(run("scan", "127.0.0.1", "--concurrency=1e3").err()).contains("'--concurrency'").contains("'1e3'");
        Result wait = run("monitors", "run-due", "--wait-minutes", "soon");
        assertThat(wait.code()).isEqualTo(Main.USAGE);
        assertThat(wait.err()).contains("'--wait-minutes'").contains("'soon'");
        Result status = run("scans", "--status", "running");
        assertThat(status.code()).isEqualTo(Main.USAGE);
        assertThat(status.err()).contains("'--status'").contains("RUNNING").contains("'running'");
    }

    @Test
    void perCommandHelpListsTheCommandsOptions() {
        Result scan = run("scan", "--help");
        assertThat(scan.code()).isZero();
        assertThat(scan.err()).isEmpty();
        assertThat(scan.out()).startsWith("Usage: watchpost scan [OPTIONS] TARGET...")
                .contains("-p,--ports <PORTS>", "-x,--exclude <TARGETS>", "-n,--name <NAME>", "--no-discovery", "--no-services",
                        "--no-checks", "--timeout <MS>", "--rate <N>", "--concurrency <N>", "-q,--quiet", "--data-dir <DIR>",
                        "-h,--help", "-V,--version")
                .contains("default: top-1000", "default: 1000 ms", "default: 4000")
                .contains("TARGET...");
        Result sub = run("--data-dir", "/nonexistent/x", "monitors", "run-due", "-h");
        assertThat(sub.code()).isZero();
        assertThat(sub.out()).startsWith("Usage: watchpost monitors run-due [OPTIONS]").contains("--wait-minutes <MINUTES>", "default: 360");
        Result parent = run("investigations", "--help");
        assertThat(parent.out()).contains("Commands:").containsPattern("(?m)^  list +List investigations");
        assertThat(run("help", "report").out()).startsWith("Usage: watchpost report [OPTIONS] SCAN-ID").contains("--out <FILE>");
        assertThat(run("help", "vulndb", "import").out()).startsWith("Usage: watchpost vulndb import [OPTIONS] FILE...");
        // help does not need the required option or parameter
        assertThat(run("report", "--help").code()).isZero();
        assertThat(run("scan", "-V").out()).startsWith("Watchpost ");
    }

    @Test
    void dataDirIsTakenInEitherFormBeforeOrAfterTheCommand() throws Exception {
        for (String[] args : new String[][] {
                {"--data-dir", "/tmp/x", "scan", "127.0.0.1", "--ports", "22,80", "-q"},
                {"--data-dir=/tmp/x", "scan", "127.0.0.1", "--ports", "22,80", "-q"},
                {"scan", "127.0.0.1", "--data-dir=/tmp/x", "--ports=22,80", "-q"},
                {"scan", "-q", "--data-dir", "/tmp/x", "-p", "22,80", "127.0.0.1"}}) {
            Main.Invocation inv = Main.resolve(args);
            assertThat(inv.path()).isEqualTo("watchpost scan");
            assertThat(inv.dataDir()).isEqualTo("/tmp/x");
            ParsedArgs p = CommandParser.parse(inv.command(), inv.tokens(), inv.dataDir());
            assertThat(p.value("ports", "")).isEqualTo("22,80");
            assertThat(p.has("quiet")).isTrue();
            assertThat(p.positionals()).containsExactly("127.0.0.1");
            assertThat(p.dataDir()).isEqualTo("/tmp/x");
            assertThat(LogSetup.dataDirFlag(args)).isEqualTo("/tmp/x");   // what the database is pre-opened with
        }
    }

    @Test
    void oneInvocationBuildsOnlyTheCommandItNames() throws Exception {
        Main.Invocation scan = Main.resolve("--data-dir", "/tmp/x", "scan", "127.0.0.1");
        assertThat(scan.command()).isInstanceOf(org.watchpost.app.cli.ScanCommand.class);
        assertThat(scan.tokens()).containsExactly("127.0.0.1");
        Main.Invocation show = Main.resolve("show", "SCAN-1", "--json");
        assertThat(show.path()).isEqualTo("watchpost show");
        assertThat(show.tokens()).containsExactly("SCAN-1", "--json");
        Main.Invocation nested = Main.resolve("investigations", "show", "--json", "INV-1");
        assertThat(nested.path()).isEqualTo("watchpost investigations show");
        assertThat(nested.tokens()).containsExactly("--json", "INV-1");
        // a help option before the command asks for the top-level help
        assertThat(Main.resolve("--help", "scan").path()).isEqualTo("watchpost");
        // after "--" a word is a parameter, not a command
        assertThat(Main.resolve("scan", "--", "-1").tokens()).containsExactly("--", "-1");
    }

    @Test
    void onlyDatabaseCommandsOpenTheDatabaseAhead() {
        assertThat(Main.usesDatabase(new String[] {"scan", "127.0.0.1"})).isTrue();
        assertThat(Main.usesDatabase(new String[] {"--data-dir", "d", "scans"})).isTrue();
        assertThat(Main.usesDatabase(new String[] {"scan", "--help"})).isFalse();
        assertThat(Main.usesDatabase(new String[] {"--version"})).isFalse();
        assertThat(Main.usesDatabase(new String[] {"help", "scan"})).isFalse();
        assertThat(Main.usesDatabase(new String[] {})).isFalse();   // the window opens its database itself
    }
}
