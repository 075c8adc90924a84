package org.watchpost.engine;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.watchpost.engine.discovery.DiscoveryOptions;
import org.watchpost.engine.discovery.HostDiscovery;
import org.watchpost.engine.model.HostResult;
import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.PortState;
import org.watchpost.engine.model.ScanConfig;
import org.watchpost.engine.model.ScanListener;
import org.watchpost.engine.model.ScanProgress;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.portscan.PortScanListener;
import org.watchpost.engine.portscan.PortScanOptions;
import org.watchpost.engine.portscan.PortScanProgress;
import org.watchpost.engine.portscan.PortScanner;
import org.watchpost.engine.service.HostPort;
import org.watchpost.engine.service.IdentifyOptions;
import org.watchpost.engine.service.ServiceIdentifier;
import org.watchpost.engine.target.HostResolver;
import org.watchpost.engine.target.PortSpec;
import org.watchpost.engine.target.ScanTarget;
import org.watchpost.engine.target.SpecException;
import org.watchpost.engine.target.TargetSpec;

/**
 * The scan pipeline: targets → port scan (hosts interleaved) → service identification on
 * open ports → checks. Results stream to the listener as they are found.
 */
public final class DefaultScanner implements Scanner {
    private static final double DISCOVERY_SHARE = 0.10;
    private static final double PORTSCAN_SHARE = 0.75;
    private static final double SERVICE_SHARE = 0.15;

    private final HostResolver resolver;
    private final PostScanStage checks;

    /** A stage that runs after identification (vulnerability checks), or {@link PostScanStage#NONE}. */
    public interface PostScanStage {
        void run(ScanConfig config, List<ServiceInfo> services, Map<String, String> hostnames, ScanListener listener,
                 Cancellation cancel);

        PostScanStage NONE = (c, s, h, l, x) -> { };
    }

    private volatile int selectorThreads;

    public DefaultScanner(HostResolver resolver, PostScanStage checks) {
        this.resolver = resolver;
        this.checks = checks;
    }

    /**
     * Leaves a core for the user interface: the port scan uses one selector thread fewer than
     * there are processors (at least one). The desktop app sets this; headless runs use every core.
     */
    public DefaultScanner sharingCoresWithUi() {
        this.selectorThreads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        return this;
    }

    public DefaultScanner() {
        this(HostResolver.system(), PostScanStage.NONE);
    }

    private record Parsed(TargetSpec targets, PortSpec ports) {}

    private Parsed parse(ScanConfig config) throws InvalidScanConfigException {
        if (config.targets().isBlank()) throw new InvalidScanConfigException("targets", "no targets given", null);
        TargetSpec t;
        try {
            t = TargetSpec.parse(config.targets(), config.exclusions(), resolver);
        } catch (SpecException e) {
            throw new InvalidScanConfigException(e.kind() == null ? "targets" : e.kind(), e.getMessage(), e);
        }
        PortSpec p;
        try {
            p = PortSpec.parse(config.ports());
        } catch (SpecException e) {
            throw new InvalidScanConfigException("ports", e.getMessage(), e);
        }
        if (t.count() == 0) {
            throw new InvalidScanConfigException("exclusions", "the exclusions remove every target: nothing left to scan", null);
        }
        return new Parsed(t, p);
    }

    @Override
    public ScanPlan plan(ScanConfig config) throws InvalidScanConfigException {
        Parsed p = parse(config);
        return new ScanPlan(p.targets().count(), p.ports().count());
    }

    @Override
    public void run(ScanConfig config, ScanListener listener, Cancellation cancel)
            throws InvalidScanConfigException, ScanFailedException {
        Parsed parsed = parse(config);
        long hostCount = parsed.targets().count();
        int[] ports = parsed.ports().ports();
        listener.onEvent("info", "scanning " + hostCount + " host(s) × " + ports.length + " port(s)"
                + (config.discovery() ? "" : ", every host treated as up"));

        // host names given by the user are kept beside their addresses (bounded: only named targets)
        Map<String, String> hostnames = new ConcurrentHashMap<>();
        Iterator<ScanTarget> targets = parsed.targets().iterator();
        Iterator<InetAddress> allAddresses = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return targets.hasNext();
            }

            @Override
            public InetAddress next() {
                ScanTarget t = targets.next();
                if (t.hostname() != null) hostnames.put(t.addressText(), t.hostname());
                return t.address();
            }
        };
        Iterator<InetAddress> addresses = allAddresses;
        long scanHosts = hostCount;
        if (config.discovery()) {
            // discovery first: only hosts that answer get the full port scan
            List<InetAddress> up = Collections.synchronizedList(new ArrayList<>());
            AtomicLong decided = new AtomicLong();
            long d0 = System.nanoTime();
            DiscoveryOptions dOpts = DiscoveryOptions.defaults()
                    .withTimeoutMs(Math.max(300, Math.min(3000, config.timeoutMs())));
            new HostDiscovery(dOpts).discoverAll(allAddresses, h -> {
                long n = decided.incrementAndGet();
                if (h.up()) {
                    HostResult named = new HostResult(h.address(), hostnames.get(h.address()), true, h.reason(), h.rttMicros());
                    listener.onHost(named);
                    try {
                        up.add(InetAddress.getByName(h.address()));
                    } catch (java.net.UnknownHostException impossible) {
                        // numeric
                    }
                }
                if ((n & 63) == 0 || n == hostCount) {
                    listener.onProgress(new ScanProgress(DISCOVERY_SHARE * n / hostCount, n, hostCount, 0, -1, "discovery"));
                }
            }, cancel);
            listener.onEvent("info", String.format("discovery done in %.2f s: %d of %d host(s) up", (System.nanoTime() - d0) / 1e9,
                    up.size(), hostCount));
            if (cancel.isCancelled()) return;
            if (up.isEmpty()) {
                listener.onEvent("warn", "no host answered discovery; turn discovery off to scan hosts that drop probes");
                listener.onProgress(new ScanProgress(1.0, 0, 0, 0, 0, "done"));
                return;
            }
            synchronized (up) {
                addresses = new ArrayList<>(up).iterator();
                scanHosts = up.size();
            }
        }
        final double base = config.discovery() ? DISCOVERY_SHARE : 0.0;

        List<HostPort> open = Collections.synchronizedList(new ArrayList<>());
        Map<String, long[]> firstRtt = new ConcurrentHashMap<>();
        AtomicLong lastProgress = new AtomicLong();
        long t0 = System.nanoTime();
        PortScanOptions opts = PortScanOptions.from(config);
        if (selectorThreads > 0) opts = opts.withSelectorThreads(selectorThreads);
        PortScanner scanner = new PortScanner(opts);
        try {
            scanner.scan(addresses, scanHosts, ports, new PortScanListener() {
                @Override
                public void onPort(PortResult r) {
                    listener.onPort(r);
                    if (r.state() == PortState.OPEN) {
                        try {
                            open.add(new HostPort(InetAddress.getByName(r.address()), r.port()));
                        } catch (java.net.UnknownHostException impossible) {
                            // numeric address text always parses
                        }
                    }
                    if (r.state() != PortState.FILTERED && !firstRtt.containsKey(r.address())) {
                        firstRtt.putIfAbsent(r.address(), new long[] {r.rttMicros(), r.port()});
                    }
                }

                @Override
                public void onHostDone(String address, int nOpen, int nClosed, int nFiltered) {
                    boolean answered = nOpen + nClosed > 0;
                    long[] rtt = firstRtt.get(address);
                    String reason = answered ? (nOpen > 0 ? "open port" : "port refused") + (rtt != null ? " " + rtt[1] : "")
                            : config.discovery() ? "no answer" : "assumed up";
                    listener.onHost(new HostResult(address, hostnames.get(address), answered || !config.discovery(), reason,
                            rtt != null ? rtt[0] : -1));
                }

                @Override
                public void onProgress(PortScanProgress p) {
                    long now = System.nanoTime();
                    if (now - lastProgress.get() < 140_000_000L && p.fraction() < 1.0) return;
                    lastProgress.set(now);
                    double eta = p.probesPerSec() > 0 ? (p.portsTotal() - p.portsDone()) / p.probesPerSec() : -1;
                    listener.onProgress(new ScanProgress(base + p.fraction() * (PORTSCAN_SHARE - base), p.portsDone(), p.portsTotal(),
                            p.probesPerSec(), eta < 0 ? -1 : Math.round(eta), "port scan"));
                }

                @Override
                public void onEvent(String level, String message) {
                    listener.onEvent(level, message);
                }
            }, cancel);
        } catch (RuntimeException e) {
            throw new ScanFailedException("port scan failed: " + e.getMessage(), e);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        listener.onEvent("info", String.format("port scan done in %.2f s: %d open port(s)", secs, open.size()));
        if (cancel.isCancelled()) return;

        List<ServiceInfo> services = Collections.synchronizedList(new ArrayList<>());
        if (config.serviceDetection() && !open.isEmpty()) {
            listener.onProgress(new ScanProgress(PORTSCAN_SHARE, 0, open.size(), 0, -1, "service identification"));
            AtomicLong done = new AtomicLong();
            ServiceIdentifier identifier = new ServiceIdentifier(IdentifyOptions.defaults());
            List<HostPort> work;
            synchronized (open) {
                work = new ArrayList<>(open);
            }
            identifier.identifyAll(work, s -> {
                services.add(s);
                listener.onService(s);
                long n = done.incrementAndGet();
                listener.onProgress(new ScanProgress(PORTSCAN_SHARE + SERVICE_SHARE * n / work.size(), n, work.size(), 0, -1,
                        "service identification"));
            }, cancel);
            listener.onEvent("info", "identified " + services.size() + " service(s)");
        }
        if (cancel.isCancelled()) return;
        if (config.checks()) {
            listener.onProgress(new ScanProgress(PORTSCAN_SHARE + SERVICE_SHARE, 0, services.size(), 0, -1, "checks"));
            List<ServiceInfo> snapshot;
            synchronized (services) {
                snapshot = new ArrayList<>(services);
            }
            checks.run(config, snapshot, new HashMap<>(hostnames), listener, cancel);
        }
        if (!cancel.isCancelled()) listener.onProgress(new ScanProgress(1.0, 0, 0, 0, 0, "done"));
    }
}
