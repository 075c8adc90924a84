package org.watchpost.engine.target;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Strict numeric address parsing and formatting; never touches the network. */
final class Addresses {

    /** A literal that is not a valid address; the message is the reason, in plain words. */
    static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String reason) {
            super(reason, null, false, false);
        }
    }

    static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private Addresses() {
    }

    /** True when {@code s} consists only of digits and dots, i.e. the user meant an IPv4 address. */
    static boolean looksLikeV4(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) return false;
        }
        return true;
    }

    /** True when {@code s} can only have been meant as an IPv6 address. */
    static boolean looksLikeV6(String s) {
        return s.indexOf(':') >= 0;
    }

    /** Parses a dotted quad strictly (four decimal octets, no leading zeros). */
    static long parseV4(String s) throws Bad {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new Bad("an IPv4 address has 4 octets, this has " + parts.length);
        }
        long value = 0;
        for (String p : parts) {
            value = (value << 8) | parseOctet(p);
        }
        return value;
    }

    static int parseOctet(String p) throws Bad {
        if (p.isEmpty()) throw new Bad("empty octet");
        if (p.length() > 1 && p.charAt(0) == '0') {
            throw new Bad("octet '" + p + "' has a leading zero (octal or decimal? write it without the zero)");
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') throw new Bad("octet '" + p + "' is not a number");
        }
        if (p.length() > 3) throw new Bad("octet " + p + " is above 255");
        int v = Integer.parseInt(p);
        if (v > 255) throw new Bad("octet " + v + " is above 255");
        return v;
    }

    /** Parses an IPv6 literal (with optional "::" and optional trailing dotted quad). */
    static BigInteger parseV6(String s) throws Bad {
        if (s.indexOf('%') >= 0) throw new Bad("IPv6 zone ids ('%...') are not supported");
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) throw new Bad("'::' may appear only once");
        List<Integer> head = new ArrayList<>();
        List<Integer> tail = new ArrayList<>();
        if (dbl >= 0) {
            parseGroups(s.substring(0, dbl), head, false);
            parseGroups(s.substring(dbl + 2), tail, true);
        } else {
            parseGroups(s, head, true);
        }
        int total = head.size() + tail.size();
        if (dbl >= 0 ? total > 7 : total != 8) {
            throw new Bad(dbl >= 0 ? "too many groups for an IPv6 address"
                    : "an IPv6 address has 8 groups (or '::'), this has " + total);
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.size(); i++) groups[i] = head.get(i);
        for (int i = 0; i < tail.size(); i++) groups[8 - tail.size() + i] = tail.get(i);
        BigInteger v = BigInteger.ZERO;
        for (int g : groups) v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        return v;
    }

    private static void parseGroups(String part, List<Integer> out, boolean allowV4Tail) throws Bad {
        if (part.isEmpty()) return;
        String[] gs = part.split(":", -1);
        for (int i = 0; i < gs.length; i++) {
            String g = gs[i];
            if (allowV4Tail && i == gs.length - 1 && g.indexOf('.') >= 0) {
                long v4 = parseV4(g);
                out.add((int) (v4 >>> 16));
                out.add((int) (v4 & 0xffff));
                continue;
            }
            out.add(parseHextet(g));
        }
    }

    static int parseHextet(String g) throws Bad {
        if (g.isEmpty()) throw new Bad("empty group (a single ':' where '::' was meant?)");
        if (g.length() > 4) throw new Bad("group '" + g + "' has more than 4 hex digits");
        for (int i = 0; i < g.length(); i++) {
            if (Character.digit(g.charAt(i), 16) < 0) throw new Bad("'" + g + "' is not a hex group");
        }
        return Integer.parseInt(g, 16);
    }

    static InetAddress v4(long value) {
        byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // only thrown for a wrong array length
        }
    }

    static InetAddress v6(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] b = new byte[16];
        int n = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - n, b, 16 - n, n);
        try {
            // getByAddress turns an IPv4-mapped ::ffff:a.b.c.d into an Inet4Address; keep it IPv6.
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static long v4Value(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }

    static BigInteger v6Value(Inet6Address a) {
        return new BigInteger(1, a.getAddress());
    }

    static String formatV4(long v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    /** Dotted quad for IPv4; RFC 5952 text (lower case, longest zero run as "::") for IPv6. */
    static String format(InetAddress a) {
        if (a instanceof Inet4Address v4) return formatV4(v4Value(v4));
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            // IPv4-mapped: RFC 5952 section 5 recommends the dotted tail
            return "::ffff:" + (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        if (bestLen < 2) bestStart = -1;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
