package org.watchpost.engine.target;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A resolver that answers from a table and never touches DNS; records every question. */
final class FakeResolver implements HostResolver {

    private final Map<String, List<InetAddress>> table = new HashMap<>();
    final List<String> asked = new ArrayList<>();

    FakeResolver with(String name, String... literals) {
        List<InetAddress> list = new ArrayList<>();
        for (String l : literals) list.add(ip(l));
        table.put(name.toLowerCase(Locale.ROOT), list);
        return this;
    }

    @Override
    public List<InetAddress> resolve(String name) throws UnknownHostException {
        asked.add(name);
        List<InetAddress> answer = table.get(name.toLowerCase(Locale.ROOT));
        if (answer == null) throw new UnknownHostException(name);
        return answer;
    }

    /** A numeric literal as an InetAddress, parsed by our own code (no resolver involved). */
    static InetAddress ip(String literal) {
        try {
            return literal.indexOf(':') >= 0 ? Addresses.v6(Addresses.parseV6(literal))
                    : Addresses.v4(Addresses.parseV4(literal));
        } catch (Addresses.Bad e) {
            throw new IllegalArgumentException(literal + ": " + e.getMessage());
        }
    }
}
