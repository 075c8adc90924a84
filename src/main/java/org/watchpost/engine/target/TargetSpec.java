package org.watchpost.engine.target;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The set of hosts a scan covers: parsed targets minus parsed exclusions.
 *
 * <h2>Syntax</h2>
 * Entries are separated by commas, white space (spaces, tabs, new lines) or semicolons;
 * {@code #} starts a comment running to the end of the line. Each entry is one of:
 * <ul>
 *   <li>an IPv4 address {@code 192.0.2.7} (four decimal octets, no leading zeros);</li>
 *   <li>an IPv6 address {@code 2001:db8::7}, optionally in brackets {@code [2001:db8::7]};</li>
 *   <li>a network {@code 192.0.2.0/24} or {@code 2001:db8::/120}; host bits are ignored
 *       ({@code 192.0.2.9/24} means {@code 192.0.2.0/24}). For IPv4 the network and broadcast
 *       addresses are included, as other scanners do (on today's networks they may be hosts,
 *       and a /31 or /32 has no such addresses anyway). IPv6 networks larger than
 *       {@value #MAX_IPV6_BLOCK} addresses (shorter than /112) are refused;</li>
 *   <li>a range {@code 192.0.2.10-40} (last octet), {@code 192.0.2.10-192.0.2.40},
 *       {@code 2001:db8::10-ff} (last group, hex) or {@code 2001:db8::10-2001:db8::1:ff};</li>
 *   <li>a host name {@code scanme.example}, or a host name with a prefix
 *       {@code scanme.example/28} (the name is then kept for its own address only); it is resolved while parsing with the given
 *       {@link HostResolver}, the first IPv4 address is taken (else the first address), and the
 *       name is kept beside the address in {@link ScanTarget#hostname()};</li>
 *   <li>{@code @path/to/file}: the entries in that file (same syntax, {@code #} comments),
 *       a relative path is taken from the working directory.</li>
 * </ul>
 * Exclusions use the same syntax. An excluded host name excludes every address it resolves to.
 *
 * <h2>Size and order</h2>
 * Addresses are held as merged numeric intervals, never as a list, so a /8 costs a few bytes;
 * overlapping and repeated entries count once. {@link #count()} is known right after parsing.
 * Iteration is lazy, IPv4 addresses first then IPv6, each in ascending numeric order (not in
 * the order typed). One entry, and the whole set after exclusions, may hold at most
 * {@value #MAX_ADDRESSES} addresses (a /8).
 *
 * <p>Instances are immutable and safe to share between threads. Parsing never contacts the
 * network except through the {@link HostResolver} (only for host names).
 */
public final class TargetSpec implements Iterable<ScanTarget> {

    /** Most addresses one entry, or the whole spec after exclusions, may expand to: 2^24, a /8. */
    public static final long MAX_ADDRESSES = 1L << 24;

    /** Most addresses one IPv6 network or range may expand to: 2^16, a /112. */
    public static final long MAX_IPV6_BLOCK = 1L << 16;

    /**
     * Most separate (non-adjacent) addresses or ranges on one side; keeps parsing memory within
     * tens of megabytes whatever a file holds. 2^20 = 1,048,576.
     */
    static final int MAX_INTERVALS = 1 << 20;

    private final String targetsText;
    private final String exclusionsText;
    private final V4Ranges v4;
    private final V6Ranges v6;
    private final Map<Long, String> v4Names;
    private final Map<BigInteger, String> v6Names;
    private final long count;

    private TargetSpec(String targetsText, String exclusionsText, V4Ranges v4, V6Ranges v6,
                       Map<Long, String> v4Names, Map<BigInteger, String> v6Names) {
        this.targetsText = targetsText;
        this.exclusionsText = exclusionsText;
        this.v4 = v4;
        this.v6 = v6;
        this.v4Names = v4Names;
        this.v6Names = v6Names;
        this.count = v4.size + v6.size.longValueExact();
    }

    /** Parses with the operating system's resolver; see {@link #parse(String, String, HostResolver)}. */
    public static TargetSpec parse(String targets, String exclusions) throws SpecException {
        return parse(targets, exclusions, HostResolver.system());
    }

    /**
     * Parses targets and exclusions (see the class comment for the syntax).
     *
     * @param targets    the targets, required
     * @param exclusions addresses never to scan, in the same syntax; null or blank for none
     * @param resolver   resolves host names; called once per distinct name, may block on DNS
     * @throws SpecException naming the offending token and where it is, or when nothing is
     *                       left to scan, or when the spec expands beyond {@link #MAX_ADDRESSES}
     */
    public static TargetSpec parse(String targets, String exclusions, HostResolver resolver) throws SpecException {
        if (resolver == null) resolver = HostResolver.system();
        Map<String, List<InetAddress>> cache = new HashMap<>();
        Collector in = new Collector("target", true, resolver, cache);
        Tokenizer.tokenize(targets, "target", in::accept);
        if (in.entries == 0) throw new SpecException("target", "no targets given");
        Collector out = new Collector("exclusion", false, resolver, cache);
        Tokenizer.tokenize(exclusions, "exclusion", out::accept);

        V4Ranges v4 = in.v4Ranges().minus(out.v4Ranges());
        V6Ranges v6 = in.v6Ranges().minus(out.v6Ranges());
        BigInteger total = v6.size.add(BigInteger.valueOf(v4.size));
        if (total.signum() == 0) {
            throw new SpecException("target", "the exclusions remove every target");
        }
        if (total.compareTo(BigInteger.valueOf(MAX_ADDRESSES)) > 0) {
            throw new SpecException("target", "the targets expand to " + number(total)
                    + " addresses after exclusions; the limit is " + number(MAX_ADDRESSES));
        }
        Map<Long, String> n4 = new HashMap<>();
        in.v4Names.forEach((k, v) -> {
            if (v4.contains(k)) n4.put(k, v);
        });
        Map<BigInteger, String> n6 = new HashMap<>();
        in.v6Names.forEach((k, v) -> {
            if (v6.contains(k)) n6.put(k, v);
        });
        return new TargetSpec(targets == null ? "" : targets, exclusions == null ? "" : exclusions,
                v4, v6, n4, n6);
    }

    /** Number of distinct addresses to scan, after exclusions. At least 1. */
    public long count() {
        return count;
    }

    /** Number of IPv4 addresses to scan. */
    public long ipv4Count() {
        return v4.size;
    }

    /** Number of IPv6 addresses to scan. */
    public long ipv6Count() {
        return v6.size.longValueExact();
    }

    /** Whether {@code address} is one of the targets (after exclusions). */
    public boolean contains(InetAddress address) {
        if (address instanceof Inet4Address a) return v4.contains(Addresses.v4Value(a));
        if (address instanceof Inet6Address a) return v6.contains(Addresses.v6Value(a));
        return false;
    }

    /** The targets text as given. */
    public String targetsText() {
        return targetsText;
    }

    /** The exclusions text as given ("" when none). */
    public String exclusionsText() {
        return exclusionsText;
    }

    /** A fresh lazy iterator: IPv4 ascending, then IPv6 ascending. */
    @Override
    public Iterator<ScanTarget> iterator() {
        return new It();
    }

    /** The targets as a lazy, sized, ordered stream. */
    public Stream<ScanTarget> stream() {
        return StreamSupport.stream(spliterator(), false);
    }

    @Override
    public Spliterator<ScanTarget> spliterator() {
        return Spliterators.spliterator(iterator(), count, Spliterator.ORDERED | Spliterator.DISTINCT
                | Spliterator.NONNULL | Spliterator.IMMUTABLE);
    }

    @Override
    public String toString() {
        return "TargetSpec[" + count + " addresses: " + targetsText
                + (exclusionsText.isBlank() ? "" : " excluding " + exclusionsText) + "]";
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String number(BigInteger n) {
        if (n.bitLength() < 63) return number(n.longValue());
        if (n.bitCount() == 1) return "2^" + (n.bitLength() - 1);
        return String.format(Locale.ROOT, "%,d", n);
    }

    private final class It implements Iterator<ScanTarget> {
        private int i4;
        private long next4 = v4.starts.length > 0 ? v4.starts[0] : 0;
        private int i6;
        private BigInteger next6 = v6.intervals.isEmpty() ? null : v6.intervals.get(0).start();

        @Override
        public boolean hasNext() {
            return i4 < v4.starts.length || i6 < v6.intervals.size();
        }

        @Override
        public ScanTarget next() {
            if (i4 < v4.starts.length) {
                long v = next4;
                if (v == v4.ends[i4]) {
                    i4++;
                    if (i4 < v4.starts.length) next4 = v4.starts[i4];
                } else {
                    next4 = v + 1;
                }
                return new ScanTarget(Addresses.v4(v), v4Names.isEmpty() ? null : v4Names.get(v));
            }
            if (i6 < v6.intervals.size()) {
                BigInteger v = next6;
                if (v.equals(v6.intervals.get(i6).end())) {
                    i6++;
                    if (i6 < v6.intervals.size()) next6 = v6.intervals.get(i6).start();
                } else {
                    next6 = v.add(BigInteger.ONE);
                }
                return new ScanTarget(Addresses.v6(v), v6Names.isEmpty() ? null : v6Names.get(v));
            }
            throw new NoSuchElementException();
        }
    }

    /** Turns tokens into intervals for one side (targets or exclusions). */
    private static final class Collector {
        final String kind;
        final boolean targets;
        final HostResolver resolver;
        final Map<String, List<InetAddress>> cache;
        final V4Ranges.Builder v4 = new V4Ranges.Builder();
        final V6Ranges.Builder v6 = new V6Ranges.Builder();
        final Map<Long, String> v4Names = new HashMap<>();
        final Map<BigInteger, String> v6Names = new HashMap<>();
        long entries;

        Collector(String kind, boolean targets, HostResolver resolver, Map<String, List<InetAddress>> cache) {
            this.kind = kind;
            this.targets = targets;
            this.resolver = resolver;
            this.cache = cache;
        }

        V4Ranges v4Ranges() throws SpecException {
            V4Ranges r = v4.build();
            if (r.intervals() > MAX_INTERVALS) throw new SpecException(kind, tooMany());
            return r;
        }

        V6Ranges v6Ranges() throws SpecException {
            V6Ranges r = v6.build();
            if (r.intervals.size() > MAX_INTERVALS) throw new SpecException(kind, tooMany());
            return r;
        }

        static String tooMany() {
            return "more than " + number(MAX_INTERVALS)
                    + " separate addresses or ranges; merge them into networks or ranges";
        }

        void accept(Tokenizer.Token t) throws SpecException {
            try {
                entry(t);
            } catch (Addresses.Bad e) {
                throw t.error(kind, e.getMessage());
            }
            entries++;
            if (v4.overflowed(MAX_INTERVALS) || v6.overflowed(MAX_INTERVALS)) {
                throw t.error(kind, tooMany());
            }
        }

        private void entry(Tokenizer.Token t) throws SpecException, Addresses.Bad {
            String body = t.text();
            if (body.startsWith("[")) {
                int close = body.indexOf(']');
                if (close < 0) throw new Addresses.Bad("'[' without a closing ']'");
                String inner = body.substring(1, close);
                String rest = body.substring(close + 1);
                if (!rest.isEmpty() && !rest.startsWith("/")) {
                    throw new Addresses.Bad("only a /prefix may follow ']'");
                }
                if (!Addresses.looksLikeV6(inner)) throw new Addresses.Bad("brackets are for IPv6 addresses");
                body = inner + rest;
            }
            int slash = body.indexOf('/');
            if (slash >= 0) {
                network(t, body.substring(0, slash), body.substring(slash + 1));
                return;
            }
            int dash = body.indexOf('-');
            if (dash >= 0) {
                String left = body.substring(0, dash);
                if (Addresses.looksLikeV4(left) || Addresses.looksLikeV6(left)) {
                    range(t, left, body.substring(dash + 1));
                    return;
                }
            }
            if (Addresses.looksLikeV4(body)) {
                long a = Addresses.parseV4(body);
                v4.add(a, a);
            } else if (Addresses.looksLikeV6(body)) {
                BigInteger a = Addresses.parseV6(body);
                v6.add(a, a);
            } else if (isHostName(body)) {
                hostName(t, body);
            } else {
                throw new Addresses.Bad("not an address, range, network or host name");
            }
        }

        private void network(Tokenizer.Token t, String addr, String prefixText) throws SpecException, Addresses.Bad {
            if (prefixText.isEmpty()) throw new Addresses.Bad("missing prefix length after '/'");
            if (prefixText.length() > 3 || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new Addresses.Bad("prefix '" + prefixText + "' is not a number");
            }
            int prefix = Integer.parseInt(prefixText);
            if (addr.isEmpty()) throw new Addresses.Bad("missing address before '/'");
            if (Addresses.looksLikeV4(addr)) {
                network4(Addresses.parseV4(addr), prefix);
            } else if (Addresses.looksLikeV6(addr)) {
                network6(Addresses.parseV6(addr), prefix);
            } else if (isHostName(addr)) {
                InetAddress a = resolveOne(t, addr);
                if (a instanceof Inet4Address a4) {
                    network4(Addresses.v4Value(a4), prefix);
                    if (targets) v4Names.putIfAbsent(Addresses.v4Value(a4), addr);
                } else {
                    network6(Addresses.v6Value((Inet6Address) a), prefix);
                    if (targets) v6Names.putIfAbsent(Addresses.v6Value((Inet6Address) a), addr);
                }
            } else {
                throw new Addresses.Bad("'" + addr + "' is not an address or host name");
            }
        }

        private void network4(long a, int prefix) throws Addresses.Bad {
            if (prefix > 32) throw new Addresses.Bad("prefix " + prefix + " is above 32");
            long size = 1L << (32 - prefix);
            if (targets && size > MAX_ADDRESSES) {
                throw new Addresses.Bad("expands to " + number(size) + " addresses; the limit is "
                        + number(MAX_ADDRESSES) + " (a /8)");
            }
            long start = a & ~(size - 1) & 0xffffffffL;
            v4.add(start, start + size - 1);
        }

        private void network6(BigInteger a, int prefix) throws Addresses.Bad {
            if (prefix > 128) throw new Addresses.Bad("prefix " + prefix + " is above 128");
            int hostBits = 128 - prefix;
            if (targets && hostBits > 16) {
                throw new Addresses.Bad("expands to " + number(BigInteger.ONE.shiftLeft(hostBits))
                        + " addresses; IPv6 networks are limited to " + number(MAX_IPV6_BLOCK)
                        + " addresses (/112 or longer)");
            }
            BigInteger hostMask = BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE);
            BigInteger start = a.andNot(hostMask);
            v6.add(start, start.or(hostMask));
        }

        private void range(Tokenizer.Token t, String left, String right) throws Addresses.Bad {
            if (right.isEmpty()) throw new Addresses.Bad("missing range end after '-'");
            if (Addresses.looksLikeV4(left)) {
                long start = Addresses.parseV4(left);
                long end;
                if (right.indexOf('.') >= 0) {
                    if (!Addresses.looksLikeV4(right)) throw new Addresses.Bad("range end '" + right + "' is not an IPv4 address");
                    end = Addresses.parseV4(right);
                } else {
                    end = (start & ~0xffL) | Addresses.parseOctet(right);
                }
                if (end < start) {
                    throw new Addresses.Bad("range end " + Addresses.formatV4(end) + " is before start "
                            + Addresses.formatV4(start));
                }
                long size = end - start + 1;
                if (targets && size > MAX_ADDRESSES) {
                    throw new Addresses.Bad("expands to " + number(size) + " addresses; the limit is "
                            + number(MAX_ADDRESSES) + " (a /8)");
                }
                v4.add(start, end);
            } else {
                BigInteger start = Addresses.parseV6(left);
                BigInteger end;
                if (Addresses.looksLikeV6(right)) {
                    end = Addresses.parseV6(right);
                } else {
                    end = start.andNot(BigInteger.valueOf(0xffff)).or(BigInteger.valueOf(Addresses.parseHextet(right)));
                }
                if (end.compareTo(start) < 0) {
                    throw new Addresses.Bad("range end " + Addresses.format(Addresses.v6(end)) + " is before start "
                            + Addresses.format(Addresses.v6(start)));
                }
                BigInteger size = end.subtract(start).add(BigInteger.ONE);
                if (targets && size.compareTo(BigInteger.valueOf(MAX_IPV6_BLOCK)) > 0) {
                    throw new Addresses.Bad("expands to " + number(size) + " addresses; IPv6 ranges are limited to "
                            + number(MAX_IPV6_BLOCK) + " addresses");
                }
                v6.add(start, end);
            }
        }

        private void hostName(Tokenizer.Token t, String name) throws SpecException {
            if (targets) {
                InetAddress a = resolveOne(t, name);
                if (a instanceof Inet4Address a4) {
                    long v = Addresses.v4Value(a4);
                    v4.add(v, v);
                    v4Names.putIfAbsent(v, name);
                } else {
                    BigInteger v = Addresses.v6Value((Inet6Address) a);
                    v6.add(v, v);
                    v6Names.putIfAbsent(v, name);
                }
            } else {
                for (InetAddress a : resolveAll(t, name)) {
                    if (a instanceof Inet4Address a4) {
                        long v = Addresses.v4Value(a4);
                        v4.add(v, v);
                    } else if (a instanceof Inet6Address a6) {
                        BigInteger v = Addresses.v6Value(a6);
                        v6.add(v, v);
                    }
                }
            }
        }

        /** First IPv4 address of the answer, else its first address. */
        private InetAddress resolveOne(Tokenizer.Token t, String name) throws SpecException {
            List<InetAddress> all = resolveAll(t, name);
            for (InetAddress a : all) {
                if (a instanceof Inet4Address) return a;
            }
            return all.get(0);
        }

        private List<InetAddress> resolveAll(Tokenizer.Token t, String name) throws SpecException {
            String key = name.toLowerCase(Locale.ROOT);
            List<InetAddress> cached = cache.get(key);
            if (cached != null) return cached;
            List<InetAddress> answer;
            try {
                answer = resolver.resolve(name);
            } catch (UnknownHostException e) {
                throw t.error(kind, "host name '" + name + "' does not resolve");
            } catch (RuntimeException e) {
                throw t.error(kind, "could not resolve host name '" + name + "': " + e.getMessage());
            }
            List<InetAddress> usable = answer == null ? List.of() : answer.stream()
                    .filter(a -> a instanceof Inet4Address || a instanceof Inet6Address).toList();
            if (usable.isEmpty()) throw t.error(kind, "host name '" + name + "' does not resolve");
            cache.put(key, usable);
            return usable;
        }
    }

    /** Letters, digits, '-' and '_' in dot-separated labels of at most 63, 253 in all, optional final dot. */
    static boolean isHostName(String s) {
        String name = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        if (name.isEmpty() || name.length() > 253) return false;
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) return false;
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '_';
                if (!ok) return false;
            }
        }
        return true;
    }
}
