package org.watchpost.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainCliTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
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
    }

    @Test
    void unknownOptionIsAUsageError() {
        Result r = run("--frobnicate");
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void oneInvocationBuildsOnlyTheCommandsItNames() {
        assertThat(Main.commandLine("--data-dir", "/tmp/x", "scan", "127.0.0.1").getSubcommands().keySet())
                .containsExactly("scan");
        assertThat(Main.commandLine("show", "SCAN-1", "--json").getSubcommands().keySet()).containsExactly("show");
        // nothing named (or help asked for): the whole tree, so help and suggestions see every command
        assertThat(Main.commandLine("--help").getSubcommands().keySet())
                .contains("scan", "scans", "show", "stop", "delete", "report", "export", "investigations", "monitors", "vulndb", "help");
        assertThat(Main.commandLine("help", "scan").getSubcommands()).hasSize(11);
        assertThat(Main.commandLine("sacn").getSubcommands()).hasSize(11);
    }

    @Test
    void aScanCommandBuiltAloneParsesLikeTheWholeTree() {
        String[] args = {"--data-dir", "/tmp/x", "scan", "127.0.0.1", "--ports", "22,80", "-q"};
        var alone = Main.commandLine(args).parseArgs(args);
        var whole = Main.commandLine().parseArgs(args);
        assertThat(alone.subcommand().commandSpec().name()).isEqualTo("scan");
        assertThat(alone.subcommand().matchedOptionValue("--ports", "")).isEqualTo(whole.subcommand().matchedOptionValue("--ports", ""));
        assertThat(alone.matchedOptionValue("--data-dir", "")).isEqualTo("/tmp/x");
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
