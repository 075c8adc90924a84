package org.watchpost.engine.check;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.watchpost.engine.Cancellation;

/**
 * What a check may use: timeouts, the stop signal, a clock (certificate validity is
 * judged against it) and the host names the user gave. Immutable; the runner derives a
 * per-check copy with its own cancellation so that a check over its time budget has its
 * sockets closed.
 */
public final class CheckContext {
    private final int connectTimeoutMs;
    private final int readTimeoutMs;
    private final long checkTimeoutMs;
    private final Cancellation cancellation;
    private final Clock clock;
    private final String defaultHostName;
    private final Map<String, String> hostNames;
    private final KeyStore extraTrust;

    private CheckContext(Builder b, Cancellation cancellation) {
        this.connectTimeoutMs = b.connectTimeoutMs;
        this.readTimeoutMs = b.readTimeoutMs;
        this.checkTimeoutMs = b.checkTimeoutMs;
        this.cancellation = cancellation;
        this.clock = b.clock;
        this.defaultHostName = b.defaultHostName;
        this.hostNames = Map.copyOf(b.hostNames);
        this.extraTrust = b.extraTrust;
    }

    private CheckContext(CheckContext o, Cancellation cancellation) {
        this.connectTimeoutMs = o.connectTimeoutMs;
        this.readTimeoutMs = o.readTimeoutMs;
        this.checkTimeoutMs = o.checkTimeoutMs;
        this.cancellation = cancellation;
        this.clock = o.clock;
        this.defaultHostName = o.defaultHostName;
        this.hostNames = o.hostNames;
        this.extraTrust = o.extraTrust;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: 3 s connect, 5 s read, 60 s per check, system clock, no host names. */
    public static CheckContext defaults() {
        return builder().build();
    }

    public int connectTimeoutMs() {
        return connectTimeoutMs;
    }

    public int readTimeoutMs() {
        return readTimeoutMs;
    }

    /** Time budget of one check on one service; the runner abandons and closes it after this. */
    public long checkTimeoutMs() {
        return checkTimeoutMs;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    public Clock clock() {
        return clock;
    }

    /** The host name the user gave for this address, or null. */
    public String hostNameFor(String address) {
        String n = hostNames.get(address);
        return n != null ? n : defaultHostName;
    }

    /** Extra trust anchors (e.g. a company CA) accepted besides the JDK default trust store, or null. */
    public KeyStore extraTrust() {
        return extraTrust;
    }

    /** A copy with another cancellation (used by the runner for per-check stops). */
    public CheckContext withCancellation(Cancellation c) {
        return new CheckContext(this, c);
    }

    /** @throws InterruptedIOException when the scan or this check was stopped */
    public void ensureActive() throws InterruptedIOException {
        if (cancellation.isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("check stopped");
        }
    }

    /**
     * Opens a TCP connection with the connect and read timeouts applied. The socket is closed
     * automatically when the context is cancelled.
     */
    public Socket connect(String address, int port) throws IOException {
        ensureActive();
        TrackedSocket s = new TrackedSocket(cancellation);
        try {
            s.setSoTimeout(readTimeoutMs);
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(address, port), connectTimeoutMs);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Socket that closes itself on cancel and forgets its hook when closed. */
    private static final class TrackedSocket extends Socket {
        private final Cancellation cancellation;
        private final Runnable hook;

        TrackedSocket(Cancellation cancellation) throws IOException {
            this.cancellation = cancellation;
            this.hook = () -> {
                try {
                    super.close();
                } catch (IOException ignored) {
                    // closing to unblock a read; nothing else to do
                }
            };
            cancellation.onCancel(hook);
        }

        @Override
        public synchronized void close() throws IOException {
            cancellation.removeHook(hook);
            super.close();
        }
    }

    /** Builder with validation; bad values are reported with the field name. */
    public static final class Builder {
        private int connectTimeoutMs = 3000;
        private int readTimeoutMs = 5000;
        private long checkTimeoutMs = 60_000;
        private Cancellation cancellation = new Cancellation();
        private Clock clock = Clock.systemUTC();
        private String defaultHostName;
        private final Map<String, String> hostNames = new HashMap<>();
        private KeyStore extraTrust;

        public Builder connectTimeoutMs(int ms) {
            if (ms <= 0) throw new IllegalArgumentException("connectTimeoutMs must be positive, was " + ms);
            this.connectTimeoutMs = ms;
            return this;
        }

        public Builder readTimeoutMs(int ms) {
            if (ms <= 0) throw new IllegalArgumentException("readTimeoutMs must be positive, was " + ms);
            this.readTimeoutMs = ms;
            return this;
        }

        public Builder checkTimeoutMs(long ms) {
            if (ms <= 0) throw new IllegalArgumentException("checkTimeoutMs must be positive, was " + ms);
            this.checkTimeoutMs = ms;
            return this;
        }

        public Builder cancellation(Cancellation c) {
            if (c == null) throw new IllegalArgumentException("cancellation is required");
            this.cancellation = c;
            return this;
        }

        public Builder clock(Clock c) {
            if (c == null) throw new IllegalArgumentException("clock is required");
            this.clock = c;
            return this;
        }

        /** Host name used for every address that has no specific one. */
        public Builder hostName(String name) {
            this.defaultHostName = name == null || name.isBlank() ? null : name.strip();
            return this;
        }

        /** Host name the user gave for one address. */
        public Builder hostName(String address, String name) {
            if (address == null || name == null || name.isBlank()) return this;
            hostNames.put(address, name.strip());
            return this;
        }

        public Builder extraTrust(KeyStore ks) {
            this.extraTrust = ks;
            return this;
        }

        public CheckContext build() {
            return new CheckContext(this, cancellation);
        }
    }
}
