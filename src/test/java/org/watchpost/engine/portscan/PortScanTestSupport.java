package org.watchpost.engine.portscan;

import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.PortState;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared helpers for the port-scan tests: loopback listeners and a recording listener. */
final class PortScanTestSupport {
    private PortScanTestSupport() {}

    static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A listener on {@code address} port 0 (ephemeral): never depends on a fixed port being free. */
    static ServerSocket listen(String address, int backlog) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.bind(new InetSocketAddress(addr(address), 0), backlog);
        return ss;
    }

    /** A port that was just free on {@code address}: bound, then released. Nothing listens there now. */
    static int closedPort(String address) throws IOException {
        try (ServerSocket ss = listen(address, 1)) {
            return ss.getLocalPort();
        }
    }

    /** Records everything the scanner reports. */
    static final class Recorder implements PortScanListener {
        final List<PortResult> results = new CopyOnWriteArrayList<>();
        final Map<String, int[]> hostsDone = new ConcurrentHashMap<>();
        final List<PortScanProgress> progress = new CopyOnWriteArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicInteger hostDoneCalls = new AtomicInteger();

        @Override
        public void onPort(PortResult r) {
            results.add(r);
        }

        @Override
        public void onProgress(PortScanProgress p) {
            progress.add(p);
        }

        @Override
        public void onHostDone(String address, int open, int closed, int filtered) {
            hostDoneCalls.incrementAndGet();
            hostsDone.put(address, new int[] {open, closed, filtered});
        }

        @Override
        public void onEvent(String level, String message) {
            events.add(level + ": " + message);
        }

        PortState state(String address, int port) {
            PortState found = null;
            for (PortResult r : results) {
                if (r.address().equals(address) && r.port() == port) {
                    if (found != null) throw new AssertionError("reported twice: " + address + ":" + port);
                    found = r.state();
                }
            }
            return found;
        }

        List<PortResult> withState(PortState s) {
            List<PortResult> out = new ArrayList<>();
            for (PortResult r : results) if (r.state() == s) out.add(r);
            return out;
        }
    }
}
