package org.watchpost.engine.service;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.ServiceInfo;

/**
 * Identifies what listens on an open TCP port from what it says, not from its port number.
 *
 * <p>Strategy: connect and wait briefly for a spontaneous banner (SSH, SMTP, FTP, POP3, IMAP,
 * MySQL, VNC, Telnet greet first); if none comes, speak first: HTTP on the same connection, then
 * TLS (and HTTP inside it), Redis, Memcached, PostgreSQL, MongoDB, RDP and DNS probes on fresh
 * connections, ordered by the port hint and by how the peer reacted so far. Every wait is bounded
 * by {@link IdentifyOptions}; a cancel closes the sockets at once. Thread-safe.
 */
public final class ServiceIdentifier {
    private final IdentifyOptions options;

    public ServiceIdentifier() {
        this(IdentifyOptions.defaults());
    }

    /** @param options bounds used by {@link #identifyAll} and {@link #identify(InetAddress, int, Cancellation)} */
    public ServiceIdentifier(IdentifyOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public IdentifyOptions options() {
        return options;
    }

    /** {@link #identify(InetAddress, int, IdentifyOptions, Cancellation)} with this identifier's options. */
    public ServiceInfo identify(InetAddress address, int port, Cancellation cancel) {
        return identify(address, port, options, cancel);
    }

    /**
     * Identifies the service on one open port. Returns within {@code opts.deadlineMs()} (plus
     * scheduling slack), and promptly after {@code cancel} fires. Never returns null: a port
     * that says nothing recognisable is service "unknown" with whatever it said as banner, and a
     * port that cannot be reached is "unknown" with the reason in {@code extra}.
     */
    public ServiceInfo identify(InetAddress address, int port, IdentifyOptions opts, Cancellation cancel) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(opts, "opts");
        Objects.requireNonNull(cancel, "cancel");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range (1-65535): " + port);
        return new Identification(address, port, opts, cancel).run();
    }

    /**
     * Identifies many ports concurrently on at most {@code options().threads()} threads and hands
     * each result to {@code sink} as soon as it is known (on a worker thread; the sink must be
     * thread-safe). Blocks until all are done or {@code cancel} fires; after a cancel it returns
     * promptly and no further results are delivered. If the sink throws, the remaining ports are
     * still identified and the first such exception is rethrown at the end.
     */
    public void identifyAll(List<HostPort> targets, Consumer<ServiceInfo> sink, Cancellation cancel) {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(cancel, "cancel");
        if (targets.isEmpty() || cancel.isCancelled()) return;
        int threads = Math.min(options.threads(), targets.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        CountDownLatch done = new CountDownLatch(targets.size());
        AtomicReference<RuntimeException> sinkFailure = new AtomicReference<>();
        Runnable stop = pool::shutdownNow;
        cancel.onCancel(stop);
        try {
            for (HostPort t : targets) {
                Objects.requireNonNull(t, "target");
                pool.execute(() -> {
                    try {
                        if (cancel.isCancelled()) return;
                        ServiceInfo info = identify(t.address(), t.port(), options, cancel);
                        if (cancel.isCancelled()) return;
                        try {
                            sink.accept(info);
                        } catch (RuntimeException e) {
                            sinkFailure.compareAndSet(null, e);
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            pool.shutdown();
            while (!done.await(50, TimeUnit.MILLISECONDS)) {
                if (cancel.isCancelled()) break;
            }
            if (cancel.isCancelled()) {
                pool.shutdownNow();
                pool.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // cancelled while submitting: the pool was shut down under us
        } finally {
            cancel.removeHook(stop);
            pool.shutdownNow();
        }
        RuntimeException failure = sinkFailure.get();
        if (failure != null) throw failure;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "watchpost-service-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
