package org.watchpost.engine.target;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;

/**
 * A set of TCP ports to probe.
 *
 * <p>Syntax: entries separated by commas or white space, each one of
 * <ul>
 *   <li>a port {@code 443};</li>
 *   <li>a range {@code 1-1024} (inclusive);</li>
 *   <li>{@code all}: 1-65535;</li>
 *   <li>{@code top-100}, {@code top-1000}, or any {@code top-N} with N from 1 to 1000: the first N
 *       ports of Watchpost's own ranking of commonly open ports (see {@link TopPorts}).</li>
 * </ul>
 * Mixtures such as {@code top-100,8080-8090} are fine; duplicates count once. Port 0 is refused.
 * Immutable.
 */
public final class PortSpec {

    private final String text;
    private final int[] ports;

    private PortSpec(String text, int[] ports) {
        this.text = text;
        this.ports = ports;
    }

    /**
     * @throws SpecException naming the offending token and its 1-based position, or when empty
     */
    public static PortSpec parse(String spec) throws SpecException {
        String text = spec == null ? "" : spec;
        BitSet set = new BitSet(65536);
        int i = 0;
        int n = text.length();
        boolean any = false;
        while (i < n) {
            if (Tokenizer.isSeparator(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && !Tokenizer.isSeparator(text.charAt(i))) i++;
            String token = text.substring(start, i);
            try {
                add(set, token);
            } catch (Addresses.Bad e) {
                throw new SpecException("port", token, start + 1, null, 0, 0, e.getMessage());
            }
            any = true;
        }
        if (!any) throw new SpecException("port", "no ports given");
        return new PortSpec(text.strip(), set.stream().toArray());
    }

    private static void add(BitSet set, String token) throws Addresses.Bad {
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.equals("all")) {
            set.set(1, 65536);
            return;
        }
        if (lower.startsWith("top-")) {
            String nText = lower.substring(4);
            if (nText.isEmpty() || nText.length() > 7 || !nText.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new Addresses.Bad("'top-' must be followed by a number, as in top-100 or top-1000");
            }
            int count = Integer.parseInt(nText);
            if (count < 1 || count > TopPorts.size()) {
                throw new Addresses.Bad("the ranking has " + TopPorts.size() + " ports; use top-1 to top-"
                        + TopPorts.size());
            }
            for (int p : TopPorts.top(count)) set.set(p);
            return;
        }
        int dash = token.indexOf('-');
        if (dash >= 0) {
            int from = port(token.substring(0, dash), "range start");
            int to = port(token.substring(dash + 1), "range end");
            if (to < from) throw new Addresses.Bad("range end " + to + " is before start " + from);
            set.set(from, to + 1);
            return;
        }
        set.set(port(token, "port"));
    }

    private static int port(String s, String what) throws Addresses.Bad {
        if (s.isEmpty()) throw new Addresses.Bad(what + " is missing");
        if (!s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Addresses.Bad("'" + s + "' is not a port number, a range, 'all' or 'top-N'");
        }
        if (s.length() > 6) throw new Addresses.Bad(what + " " + s + " is above 65535");
        int p = Integer.parseInt(s);
        if (p == 0) throw new Addresses.Bad(what + " 0 is not a usable port (ports are 1-65535)");
        if (p > 65535) throw new Addresses.Bad(what + " " + p + " is above 65535");
        return p;
    }

    /** The ports, sorted ascending, without duplicates (a copy). */
    public int[] ports() {
        return ports.clone();
    }

    /** Number of distinct ports. */
    public int count() {
        return ports.length;
    }

    /** Whether {@code port} is in the set. */
    public boolean contains(int port) {
        return Arrays.binarySearch(ports, port) >= 0;
    }

    /** The specification as given (stripped). */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "PortSpec[" + ports.length + " ports: " + text + "]";
    }
}
