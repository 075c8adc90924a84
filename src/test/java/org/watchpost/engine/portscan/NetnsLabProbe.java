package org.watchpost.engine.portscan;

import org.watchpost.engine.Cancellation;
import org.watchpost.engine.discovery.DiscoveryOptions;
import org.watchpost.engine.discovery.HostDiscovery;
import org.watchpost.engine.model.HostResult;
import org.watchpost.engine.model.PortResult;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Runs INSIDE the test's own network namespace (started by {@link PortScanNetnsTest} through
 * {@code ip netns exec}). There, nft drops 127.0.0.8:4444 and everything to 127.0.0.9. Prints
 * {@code port ADDRESS PORT STATE} and {@code host ADDRESS up|down REASON} lines, and {@code open-port N}.
 */
public final class NetnsLabProbe {
    public static void main(String[] args) throws Exception {
        try (ServerSocket open = new ServerSocket()) {
            open.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.8"), 0), 50);
            System.out.println("open-port " + open.getLocalPort());
            int[] ports = {open.getLocalPort(), 4444, 4445};
            PortScanListener l = new PortScanListener() {
                @Override
                public synchronized void onPort(PortResult r) {
                    System.out.println("port " + r.address() + " " + r.port() + " " + r.state());
                }
            };
            new PortScanner(PortScanOptions.defaults().withTimeouts(400, 100))
                    .scan(List.of(InetAddress.getByName("127.0.0.8")), ports, l, new Cancellation());
            HostDiscovery d = new HostDiscovery(DiscoveryOptions.defaults().withTimeoutMs(500));
            for (String h : new String[] {"127.0.0.8", "127.0.0.9"}) {
                HostResult r = d.discover(InetAddress.getByName(h), new Cancellation());
                System.out.println("host " + r.address() + " " + (r.up() ? "up" : "down") + " " + r.reason());
            }
        }
        System.out.flush();
    }
}
