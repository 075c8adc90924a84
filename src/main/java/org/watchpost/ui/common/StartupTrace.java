package org.watchpost.ui.common;

import java.lang.management.ManagementFactory;

/**
 * Start-up marks for finding where the first second goes: with {@code -Dwatchpost.trace.startup=true}
 * each {@link #mark} prints the milliseconds since the JVM started, the thread and the mark's name to
 * stderr. Off (one boolean test) otherwise.
 */
public final class StartupTrace {
    private static final boolean ON = Boolean.getBoolean("watchpost.trace.startup");

    private StartupTrace() {
    }

    public static void mark(String what) {
        if (!ON) return;
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.println("startup " + ms + " ms [" + Thread.currentThread().getName() + "] " + what);
    }
}
