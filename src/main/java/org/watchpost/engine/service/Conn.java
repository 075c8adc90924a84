package org.watchpost.engine.service;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** One TCP (optionally TLS) connection whose every read is bounded in time and bytes. */
final class Conn implements Closeable {

    /** Predicate over the bytes received so far: has a whole answer arrived? */
    interface Completion {
        boolean test(byte[] data, int len);
    }

    /** What one read gave: the bytes, and whether the peer closed or fell silent. */
    record Reply(byte[] data, int len, boolean closed) {
        boolean isEmpty() {
            return len == 0;
        }

        String text() {
            return Bytes.ascii(data, 0, len);
        }
    }

    private final Identification owner;
    private final Socket plain;
    private Socket active;
    private InputStream in;
    private OutputStream out;

    Conn(Identification owner, Socket plain) throws IOException {
        this.owner = owner;
        this.plain = plain;
        this.active = plain;
        this.in = plain.getInputStream();
        this.out = plain.getOutputStream();
    }

    void send(byte[] data) throws IOException {
        out.write(data);
        out.flush();
    }

    /**
     * Reads until {@code complete} says the answer is whole, the peer closes, {@code maxBytes}
     * arrive, nothing arrives for {@code firstWaitMs}, the answer pauses for the idle gap, or
     * the per-port deadline passes. Never throws for a timeout or a close.
     */
    Reply read(long firstWaitMs, Completion complete) {
        int max = owner.options().maxBytes();
        byte[] buf = new byte[Math.min(max, 4096)];
        int n = 0;
        long now = System.nanoTime();
        long firstLimit = Math.min(now + firstWaitMs * 1_000_000L, owner.deadlineNanos());
        long limit = firstLimit;
        long idleNanos = owner.options().idleGapMs() * 1_000_000L;
        boolean closed = false;
        try {
            while (n < max) {
                long remaining = (limit - System.nanoTime()) / 1_000_000L;
                if (remaining <= 0) break;
                active.setSoTimeout((int) Math.max(1, Math.min(remaining, Integer.MAX_VALUE)));
                if (n == buf.length) buf = Arrays.copyOf(buf, Math.min(max, buf.length * 2));
                int r;
                try {
                    r = in.read(buf, n, buf.length - n);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (r < 0) {
                    closed = true;
                    break;
                }
                n += r;
                if (complete != null && complete.test(buf, n)) break;
                limit = Math.min(System.nanoTime() + idleNanos, owner.deadlineNanos());
            }
        } catch (IOException e) {
            closed = true; // reset, or closed by the deadline watchdog or a cancel
        }
        return new Reply(buf, n, closed);
    }

    /** Upgrades to TLS (trusting any certificate: this identifies, it does not authenticate). */
    SSLSocket startTls(SSLSocketFactory factory, String sniHost, int port, int handshakeTimeoutMs) throws IOException {
        SSLSocket ssl = (SSLSocket) factory.createSocket(plain, sniHost, port, true);
        ssl.setUseClientMode(true);
        ssl.setSoTimeout(Math.max(1, handshakeTimeoutMs));
        ssl.startHandshake();
        active = ssl;
        in = ssl.getInputStream();
        out = ssl.getOutputStream();
        return ssl;
    }

    @Override
    public void close() {
        owner.release(plain);
    }
}
