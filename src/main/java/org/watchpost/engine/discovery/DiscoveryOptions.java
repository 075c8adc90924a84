package org.watchpost.engine.discovery;

import java.util.Arrays;

/**
 * Tuning for {@link HostDiscovery}.
 *
 * @param tcpPorts         ports to connect to; an accepted or a refused connection proves the host is up
 * @param icmp             also send an ICMP echo ({@code InetAddress.isReachable}: real ICMP when running as
 *                         root, otherwise the JDK's TCP-echo fallback)
 * @param assumeUp         skip probing and report every host up ("assumed up")
 * @param timeoutMs        how long one host may take before it is reported down (&gt; 0)
 * @param maxParallelHosts hosts probed at once (further limited by the file-descriptor budget)
 */
public record DiscoveryOptions(int[] tcpPorts, boolean icmp, boolean assumeUp, int timeoutMs, int maxParallelHosts) {

    /** 80, 443, 22, 3389, 445, 8080: web, remote admin and file sharing cover most live hosts. */
    public static final int[] DEFAULT_PORTS = {80, 443, 22, 3389, 445, 8080};

    public DiscoveryOptions {
        tcpPorts = tcpPorts == null ? new int[0] : tcpPorts.clone();
        for (int p : tcpPorts) {
            if (p < 1 || p > 65535) throw new IllegalArgumentException("discovery port out of range 1-65535: " + p);
        }
        if (timeoutMs <= 0) throw new IllegalArgumentException("discovery timeout must be > 0 ms, was " + timeoutMs);
        if (maxParallelHosts <= 0) throw new IllegalArgumentException("parallel hosts must be > 0, was " + maxParallelHosts);
    }

    /** Default ports, ICMP on, 1 s per host, 256 hosts at once. */
    public static DiscoveryOptions defaults() {
        return new DiscoveryOptions(DEFAULT_PORTS, true, false, 1000, 256);
    }

    /** Every host reported up without a packet sent. */
    public static DiscoveryOptions assumeAllUp() {
        return new DiscoveryOptions(new int[0], false, true, 1000, 1);
    }

    public DiscoveryOptions withPorts(int... ports) {
        return new DiscoveryOptions(ports, icmp, assumeUp, timeoutMs, maxParallelHosts);
    }

    public DiscoveryOptions withIcmp(boolean on) {
        return new DiscoveryOptions(tcpPorts, on, assumeUp, timeoutMs, maxParallelHosts);
    }

    public DiscoveryOptions withTimeoutMs(int ms) {
        return new DiscoveryOptions(tcpPorts, icmp, assumeUp, ms, maxParallelHosts);
    }

    public DiscoveryOptions withMaxParallelHosts(int n) {
        return new DiscoveryOptions(tcpPorts, icmp, assumeUp, timeoutMs, n);
    }

    @Override
    public int[] tcpPorts() {
        return tcpPorts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiscoveryOptions d && Arrays.equals(tcpPorts, d.tcpPorts) && icmp == d.icmp
                && assumeUp == d.assumeUp && timeoutMs == d.timeoutMs && maxParallelHosts == d.maxParallelHosts;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tcpPorts) * 31 + Boolean.hashCode(icmp) + 7 * timeoutMs + 13 * maxParallelHosts
                + (assumeUp ? 1 : 0);
    }

    @Override
    public String toString() {
        return "DiscoveryOptions[tcpPorts=" + Arrays.toString(tcpPorts) + ", icmp=" + icmp + ", assumeUp=" + assumeUp
                + ", timeoutMs=" + timeoutMs + ", maxParallelHosts=" + maxParallelHosts + "]";
    }
}
