package org.watchpost.engine.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** One open TCP port to identify. */
public record HostPort(InetAddress address, int port) {
    public HostPort {
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range (1-65535): " + port);
    }

    /**
     * Parses {@code host:port}, {@code [v6]:port}. The host is resolved (a literal needs no lookup).
     *
     * @throws IllegalArgumentException naming the bad text and what is wrong with it
     */
    public static HostPort parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty target, expected host:port");
        String s = text.strip();
        String host;
        String portText;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':')
                throw new IllegalArgumentException("bad target '" + s + "': expected [address]:port");
            host = s.substring(1, close);
            portText = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1)
                throw new IllegalArgumentException("bad target '" + s + "': expected host:port");
            host = s.substring(0, colon);
            if (host.indexOf(':') >= 0)
                throw new IllegalArgumentException("bad target '" + s + "': write IPv6 addresses as [address]:port");
            portText = s.substring(colon + 1);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port '" + portText + "' in target '" + s + "'");
        }
        if (port < 1 || port > 65535)
            throw new IllegalArgumentException("port " + port + " out of range (1-65535) in target '" + s + "'");
        try {
            return new HostPort(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "' in target '" + s + "'");
        }
    }

    @Override
    public String toString() {
        String a = address.getHostAddress();
        return (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + port;
    }
}
