package org.watchpost.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LogSetupTest {
    @Test
    void findsTheDataDirFlagInEitherFormAnywhereBeforeDoubleDash() {
        assertThat(LogSetup.dataDirFlag(new String[] {"scan", "--data-dir", "/d1", "127.0.0.1"})).isEqualTo("/d1");
        assertThat(LogSetup.dataDirFlag(new String[] {"--data-dir=/d2", "scans"})).isEqualTo("/d2");
        assertThat(LogSetup.dataDirFlag(new String[] {"scan", "--", "--data-dir", "/no"})).isNull();
        assertThat(LogSetup.dataDirFlag(new String[] {"--data-dir"})).isNull();
        assertThat(LogSetup.dataDirFlag(new String[0])).isNull();
        assertThat(LogSetup.dataDirFlag(null)).isNull();
    }

    @Test
    void logsLiveInTheDataFolder() {
        assertThat(LogSetup.logDir(Path.of("/data/wp"))).isEqualTo(Path.of("/data/wp/logs"));
    }

    @Test
    void theLogbackConfigurationWritesInfoToAFileInTheConfiguredFolderAndOnlyWarningsToTheConsole(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ch.qos.logback.classic.LoggerContext ctx = new ch.qos.logback.classic.LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        LogConfigurator.apply(ctx, dir.toString());
        // nothing logged yet: no file, no appender built (a command that logs nothing pays nothing)
        assertThat(dir.resolve(LogSetup.LOG_FILE)).doesNotExist();
        var fileAppender = (LogConfigurator.Deferred) ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("FILE");
        var consoleAppender = (LogConfigurator.Deferred) ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        assertThat(fileAppender.delegate()).isNull();
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
            ctx.getLogger("org.watchpost.Test").info("an info line");
            assertThat(fileAppender.delegate()).isNotNull();
            assertThat(consoleAppender.delegate()).as("an INFO event does not build the console appender").isNull();
            ctx.getLogger("org.watchpost.Test").warn("a warning line");
        } finally {
            ctx.stop();
            System.setErr(err);
        }
        String file = java.nio.file.Files.readString(dir.resolve(LogSetup.LOG_FILE));
        assertThat(file).contains("INFO").contains("an info line").contains("a warning line");
        assertThat(console.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("a warning line").doesNotContain("an info line");
        assertThat(LogSetup.class.getResource("/simplelogger.properties")).isNull();
        // Logback finds the code configuration through the service loader
        assertThat(java.util.ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .map(p -> p.type().getName())).contains(LogConfigurator.class.getName());
    }
}
