package org.watchpost.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;

/**
 * Watchpost's logging, set up in code (found by Logback through the service loader) instead
 * of an XML file: parsing XML cost every start, the headless commands included, about 0.1 s.
 * The file {@code <log folder>/watchpost.log} rolls daily and at 5 MB, keeping 14 days and at
 * most 50 MB; the console shows warnings and errors only, so the CLI's output stays clean. The
 * log folder is the {@value LogSetup#PROPERTY} system property, which {@link LogSetup} sets to
 * {@code <data folder>/logs} before the first logger exists. Tests keep their
 * {@code logback-test.xml}.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    static final String FILE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
    static final String CONSOLE_PATTERN = "%d{HH:mm:ss} %-5level %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        if (LogConfigurator.class.getResource("/logback-test.xml") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        String dir = System.getProperty(LogSetup.PROPERTY);
        if (dir == null || dir.isBlank()) dir = System.getProperty("java.io.tmpdir") + "/watchpost-logs";
        apply(ctx, dir);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Configures {@code ctx} to log to {@code dir}/watchpost.log and warnings to standard error. Both
     * appenders are built on their first event: a headless command that logs nothing (the usual
     * case) never loads Logback's pattern and rolling machinery, about 0.1 s of CPU at every start.
     */
    public static void apply(LoggerContext ctx, String dir) {
        Deferred file = new Deferred(ctx, "FILE", () -> fileAppender(ctx, dir));
        Deferred console = new Deferred(ctx, "CONSOLE", () -> consoleAppender(ctx));
        ThresholdFilter warnings = new ThresholdFilter();   // here, so INFO events do not build the console appender
        warnings.setLevel("WARN");
        warnings.start();
        console.addFilter(warnings);
        file.start();
        console.start();

        ctx.getLogger("com.j256.ormlite").setLevel(Level.WARN);
        ctx.getLogger("org.apache.pdfbox").setLevel(Level.WARN);
        ctx.getLogger("org.apache.fontbox").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        root.addAppender(console);
    }

    static RollingFileAppender<ILoggingEvent> fileAppender(LoggerContext ctx, String dir) {
        PatternLayoutEncoder fileEncoder = new PatternLayoutEncoder();
        fileEncoder.setContext(ctx);
        fileEncoder.setPattern(FILE_PATTERN);
        fileEncoder.start();
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(ctx);
        file.setName("FILE");
        file.setFile(dir + "/" + LogSetup.LOG_FILE);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(file);
        policy.setFileNamePattern(dir + "/watchpost.%d{yyyy-MM-dd}.%i.log");
        policy.setMaxFileSize(FileSize.valueOf("5MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("50MB"));
        policy.start();
        file.setRollingPolicy(policy);
        file.setEncoder(fileEncoder);
        file.start();
        return file;
    }

    static ConsoleAppender<ILoggingEvent> consoleAppender(LoggerContext ctx) {
        PatternLayoutEncoder consoleEncoder = new PatternLayoutEncoder();
        consoleEncoder.setContext(ctx);
        consoleEncoder.setPattern(CONSOLE_PATTERN);
        consoleEncoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(ctx);
        console.setName("CONSOLE");
        console.setTarget("System.err");
        console.setEncoder(consoleEncoder);
        console.start();
        return console;
    }

    /** An appender that builds the real one when the first event arrives, then hands every event to it. */
    static final class Deferred extends ch.qos.logback.core.AppenderBase<ILoggingEvent> {
        private final java.util.function.Supplier<ch.qos.logback.core.Appender<ILoggingEvent>> factory;
        private ch.qos.logback.core.Appender<ILoggingEvent> delegate;   // guarded by AppenderBase's doAppend lock

        Deferred(LoggerContext ctx, String name, java.util.function.Supplier<ch.qos.logback.core.Appender<ILoggingEvent>> factory) {
            this.factory = factory;
            setContext(ctx);
            setName(name);
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (delegate == null) delegate = factory.get();
            delegate.doAppend(event);
        }

        /** The real appender, or null while nothing has been logged. */
        synchronized ch.qos.logback.core.Appender<ILoggingEvent> delegate() {
            return delegate;
        }

        @Override
        public synchronized void stop() {
            if (delegate != null) delegate.stop();
            super.stop();
        }
    }
}
