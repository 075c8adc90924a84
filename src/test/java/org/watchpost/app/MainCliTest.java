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
}
