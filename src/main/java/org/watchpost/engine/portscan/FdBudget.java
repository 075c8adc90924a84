package org.watchpost.engine.portscan;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sizes the in-flight window from the process's file-descriptor limit so that a scan never meets
 * "too many open files": every probe holds one descriptor, and a channel closed while registered
 * with a selector keeps its descriptor until that selector's next select.
 */
public final class FdBudget {
    /** Used when the platform does not tell us its limits. */
    static final long UNKNOWN_LIMIT_FALLBACK = 1024;
    /** Smallest window we ever use, even when the budget is exhausted (then errors are retried, not lost). */
    static final int MIN_WINDOW = 8;

    private FdBudget() {}

    /**
     * The in-flight window: {@code requested}, lowered to what the descriptor limit leaves after the
     * descriptors already open, a reserve for the rest of the application (1/8 of the limit, at least
     * 64, at most 2048), and one selector's worth of overhead per selector thread.
     *
     * @param maxFds    the process's descriptor limit (soft), &lt;= 0 when unknown
     * @param openFds   descriptors open now, &lt; 0 when unknown
     * @param selectors selector threads that will run (each holds an epoll fd and a wake-up pipe/eventfd)
     * @param requested the user's cap
     */
    public static int window(long maxFds, long openFds, int selectors, int requested) {
        long max = maxFds > 0 ? maxFds : UNKNOWN_LIMIT_FALLBACK;
        long open = openFds >= 0 ? openFds : Math.min(max / 4, 256);
        long reserve = Math.min(2048, Math.max(64, max / 8));
        long available = max - open - reserve - 3L * selectors;
        long w = Math.min(requested, available);
        // the floor applies to an exhausted budget, never to a user's smaller cap
        return (int) Math.max(Math.min(requested, MIN_WINDOW), w);
    }

    /** The window for this process now. */
    public static int windowForThisProcess(int selectors, int requested) {
        long[] limits = currentLimits();
        return window(limits[0], limits[1], selectors, requested);
    }

    /** {max, open} descriptor counts of this process, -1 where unknown. */
    public static long[] currentLimits() {
        long max = -1;
        long open = -1;
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            max = unix.getMaxFileDescriptorCount();
            open = unix.getOpenFileDescriptorCount();
        }
        if (max <= 0) max = readProcLimit();
        return new long[] {max, open};
    }

    private static long readProcLimit() {
        Path p = Path.of("/proc/self/limits");
        if (!Files.isReadable(p)) return -1;
        try {
            for (String line : Files.readAllLines(p)) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f.length > 0 && f[0].matches("\\d+") ? Long.parseLong(f[0]) : -1;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
