package org.watchpost.app;

import java.lang.management.ManagementFactory;

/**
 * {@code -Dwatchpost.trace=true}: prints, on standard error, how many milliseconds after the JVM
 * started a headless command reached each step ({@code trace: 212 ms  arguments parsed}). Used to
 * see where start-up time goes (docs/performance.md); silent otherwise.
 */
public final class StartupTrace {
    private static final boolean ON = Boolean.getBoolean("watchpost.trace");

    private StartupTrace() {
    }

    public static void mark(String step) {
        if (!ON) return;
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.printf("trace: %4d ms  %s%n", ms, step);
    }
}
