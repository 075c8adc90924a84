package org.watchpost.engine.target;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One host to scan.
 *
 * @param address  the numeric address to contact (never carries a host name, so nothing here
 *                 triggers a DNS look-up)
 * @param hostname the name the user typed for it, or null when it was given numerically
 */
public record ScanTarget(InetAddress address, String hostname) {

    public ScanTarget {
        Objects.requireNonNull(address, "address");
    }

    /** The address as text: dotted quad for IPv4, RFC 5952 compressed form for IPv6 ("::1"). */
    public String addressText() {
        return Addresses.format(address);
    }

    /** {@code "name (address)"} when a name was given, otherwise just the address text. */
    public String display() {
        return hostname == null ? addressText() : hostname + " (" + addressText() + ")";
    }

    /** True for an IPv6 target. */
    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    @Override
    public String toString() {
        return display();
    }
}
