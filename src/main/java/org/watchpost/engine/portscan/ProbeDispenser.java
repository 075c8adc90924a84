package org.watchpost.engine.portscan;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands out (host, port) probes to the selector threads, interleaving the hosts: it keeps a group
 * of active hosts and takes one port from each in turn, so no host gets a burst of the whole
 * window. A host leaves the group once all its ports are handed out and the next host of the
 * (possibly lazy) source takes its place. Thread-safe; callers take batches.
 */
final class ProbeDispenser {
    /** Result of {@link #take}: nothing now, but more may come (per-host caps) — distinct from drained. */
    static final int BLOCKED = -1;

    private final Iterator<InetAddress> hosts;
    private final int[] ports;
    private final int groupSize;
    private final int perHostCap;
    private final long floorNs;
    private final long initialNs;
    private final Consumer<HostState> onNewHost;
    private final List<HostState> active = new ArrayList<>();
    private int cursor;
    private boolean sourceDone;
    private long hostsSeen;

    ProbeDispenser(Iterator<InetAddress> hosts, int[] ports, int groupSize, int perHostCap, long floorNs, long initialNs,
                   Consumer<HostState> onNewHost) {
        this.hosts = hosts;
        this.ports = ports;
        this.groupSize = groupSize;
        this.perHostCap = perHostCap <= 0 ? Integer.MAX_VALUE : perHostCap;
        this.floorNs = floorNs;
        this.initialNs = initialNs;
        this.onNewHost = onNewHost;
    }

    /**
     * Fills {@code out} with up to {@code max} new probes (host in {@code out[i].host}, port index in
     * {@code portIdx[i]}). Returns the count, 0 only when drained for good, or {@link #BLOCKED}
     * when every active host is at its in-flight cap.
     */
    synchronized int take(HostState[] outHosts, int[] outPorts, int max) {
        fill();
        if (active.isEmpty()) return 0;
        int n = 0;
        int skippedInARow = 0;
        while (n < max && !active.isEmpty()) {
            if (cursor >= active.size()) cursor = 0;
            HostState h = active.get(cursor);
            if (h.inFlight.get() >= perHostCap) {
                cursor++;
                if (++skippedInARow >= active.size()) break;
                continue;
            }
            skippedInARow = 0;
            if (perHostCap != Integer.MAX_VALUE) h.inFlight.incrementAndGet();   // only kept when capped
            outHosts[n] = h;
            outPorts[n] = ports[h.nextPort++];
            n++;
            if (h.nextPort >= ports.length) {
                active.remove(cursor);  // cursor now points at the next host
                fill();
            } else {
                cursor++;
            }
        }
        return n > 0 ? n : (active.isEmpty() ? 0 : BLOCKED);
    }

    synchronized boolean drained() {
        fill();
        return active.isEmpty();
    }

    synchronized long hostsSeen() {
        return hostsSeen;
    }

    private void fill() {
        while (!sourceDone && active.size() < groupSize) {
            InetAddress a;
            if (!hosts.hasNext()) {
                sourceDone = true;
                break;
            }
            a = hosts.next();
            if (a == null) continue;
            HostState h = new HostState(a, ports.length, floorNs, initialNs);
            hostsSeen++;
            onNewHost.accept(h);
            if (ports.length == 0) continue;
            active.add(h);
        }
    }
}
