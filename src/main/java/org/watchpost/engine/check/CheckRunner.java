package org.watchpost.engine.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ScanListener;
import org.watchpost.engine.model.ServiceInfo;

/**
 * Runs every applicable check on every service with a bounded pool. Each check gets its
 * own time budget ({@link CheckContext#checkTimeoutMs()}); one over budget is stopped (its
 * sockets closed) and reported as an event. A check that throws becomes a "warn" event,
 * never a crash. Findings are de-duplicated by {@link Finding#dedupKey()} and streamed to
 * the listener as they are found.
 */
public final class CheckRunner {
    private final List<Check> checks;
    private final int threads;
    private final ScanListener listener;

    /**
     * @param checks   the checks to run (see {@link Checks#all()})
     * @param threads  pool size, at least 1
     * @param listener receives findings and events, may be {@link ScanListener#NONE}
     */
    public CheckRunner(List<Check> checks, int threads, ScanListener listener) {
        if (checks == null) throw new IllegalArgumentException("checks is required");
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        this.checks = List.copyOf(checks);
        this.threads = threads;
        this.listener = listener == null ? ScanListener.NONE : listener;
    }

    /**
     * Runs the checks and returns the de-duplicated findings, ordered by address, port,
     * severity (worst first) and check ID. Returns early (with what was found) when the
     * context's cancellation fires.
     */
    public List<Finding> run(List<ServiceInfo> services, CheckContext ctx) {
        Map<String, Finding> found = new LinkedHashMap<>();
        List<Job> jobs = new ArrayList<>();
        for (ServiceInfo s : services) {
            for (Check c : checks) {
                boolean applies;
                try {
                    applies = c.appliesTo(s);
                } catch (RuntimeException e) {
                    listener.onEvent("warn", "check " + c.family() + " could not judge " + where(s) + ": " + e);
                    applies = false;
                }
                if (applies) jobs.add(new Job(c, s));
            }
        }
        if (jobs.isEmpty()) return List.of();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, jobs.size()), tf);
        Cancellation parent = ctx.cancellation();
        try {
            // Wrap each job: it waits its turn in the pool, then runs under its own deadline.
            List<Future<List<Finding>>> futures = new ArrayList<>();
            for (Job j : jobs) {
                futures.add(pool.submit(() -> runOne(j, ctx, parent)));
            }
            long grace = 2000;
            for (int i = 0; i < jobs.size(); i++) {
                Job j = jobs.get(i);
                Future<List<Finding>> f = futures.get(i);
                List<Finding> result = null;
                while (result == null) {
                    try {
                        result = f.get(100, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        long started = j.started.get();
                        boolean stuck = started > 0 && System.nanoTime() - started
                                > TimeUnit.MILLISECONDS.toNanos(ctx.checkTimeoutMs() + grace);
                        if (stuck || (parent.isCancelled() && started == 0)) {
                            f.cancel(true);
                            if (stuck) listener.onEvent("warn", "check " + j.check.family() + " on "
                                    + where(j.service) + " did not stop at its deadline and was abandoned");
                            result = List.of();
                        } else if (parent.isCancelled() && System.nanoTime() - started
                                > TimeUnit.MILLISECONDS.toNanos(grace)) {
                            f.cancel(true);
                            result = List.of();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return sorted(found);
                    } catch (ExecutionException e) {
                        listener.onEvent("warn", "check " + j.check.family() + " failed on " + where(j.service) + ": " + e.getCause());
                        result = List.of();
                    } catch (java.util.concurrent.CancellationException e) {
                        result = List.of();
                    }
                }
                for (Finding fd : result) {
                    if (found.putIfAbsent(fd.dedupKey(), fd) == null) listener.onFinding(fd);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return sorted(found);
    }

    private static List<Finding> sorted(Map<String, Finding> found) {
        List<Finding> out = new ArrayList<>(found.values());
        out.sort(Comparator.comparing(Finding::address, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingInt(Finding::port)
                .thenComparing(f -> -f.severity().rank())
                .thenComparing(Finding::checkId));
        return out;
    }

    /** Runs one check on a helper thread bounded by the check timeout; never throws. */
    private List<Finding> runOne(Job j, CheckContext ctx, Cancellation parent) {
        j.started.set(System.nanoTime());
        if (parent.isCancelled()) return List.of();
        Cancellation mine = new Cancellation();
        Runnable link = mine::cancel;
        parent.onCancel(link);
        CheckContext own = ctx.withCancellation(mine);
        Thread worker = Thread.currentThread();
        // A watchdog ends the check at its deadline: cancel closes its sockets, interrupt wakes sleeps.
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(ctx.checkTimeoutMs());
                if (!mine.isCancelled()) {
                    mine.cancel();
                    worker.interrupt();
                }
            } catch (InterruptedException ignored) {
                // check finished in time
            }
        }, "check-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            List<Finding> r = j.check.run(j.service, own);
            return r == null ? List.of() : r;
        } catch (Exception | StackOverflowError e) {
            if (parent.isCancelled()) return List.of();
            if (mine.isCancelled()) {
                listener.onEvent("warn", "check " + j.check.family() + " on " + where(j.service)
                        + " stopped after its " + ctx.checkTimeoutMs() + " ms budget");
            } else {
                listener.onEvent("warn", "check " + j.check.family() + " failed on " + where(j.service) + ": " + describe(e));
            }
            return List.of();
        } finally {
            watchdog.interrupt();
            parent.removeHook(link);
            mine.cancel();
            Thread.interrupted(); // clear a late interrupt so the pool thread stays usable
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    static String where(ServiceInfo s) {
        return s.address() + ":" + s.port() + " (" + s.service() + ")";
    }

    private record Job(Check check, ServiceInfo service, java.util.concurrent.atomic.AtomicLong started) {
        Job(Check check, ServiceInfo service) {
            this(check, service, new java.util.concurrent.atomic.AtomicLong());
        }
    }

}
