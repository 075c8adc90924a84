package org.watchpost.engine.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchpost.engine.target.FakeResolver.ip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetSpecTest {

    private final FakeResolver resolver = new FakeResolver()
            .with("web.example", "2001:db8::1", "192.0.2.5", "192.0.2.99")
            .with("v6only.example", "2001:db8::2")
            .with("db.example", "192.0.2.200");

    private TargetSpec parse(String targets) throws SpecException {
        return TargetSpec.parse(targets, "", resolver);
    }

    private TargetSpec parse(String targets, String exclusions) throws SpecException {
        return TargetSpec.parse(targets, exclusions, resolver);
    }

    private static List<String> texts(TargetSpec spec) {
        List<String> out = new ArrayList<>();
        for (ScanTarget t : spec) out.add(t.addressText());
        return out;
    }

    private SpecException error(String targets, String exclusions) {
        try {
            TargetSpec.parse(targets, exclusions, resolver);
        } catch (SpecException e) {
            return e;
        }
        throw new AssertionError("expected a SpecException for '" + targets + "' / '" + exclusions + "'");
    }

    private SpecException error(String targets) {
        return error(targets, "");
    }

    // ---- syntax forms -------------------------------------------------------------------

    @Test
    void singleIpv4Address() throws Exception {
        TargetSpec spec = parse("192.0.2.7");
        assertThat(spec.count()).isEqualTo(1);
        ScanTarget t = spec.iterator().next();
        assertThat(t.address()).isEqualTo(ip("192.0.2.7"));
        assertThat(t.hostname()).isNull();
        assertThat(t.display()).isEqualTo("192.0.2.7");
        assertThat(t.isIpv6()).isFalse();
    }

    @Test
    void cidrIncludesNetworkAndBroadcastAddresses() throws Exception {
        assertThat(texts(parse("192.0.2.0/30"))).containsExactly("192.0.2.0", "192.0.2.1", "192.0.2.2", "192.0.2.3");
        assertThat(parse("192.0.2.0/24").count()).isEqualTo(256);
        assertThat(texts(parse("192.0.2.1/32"))).containsExactly("192.0.2.1");
        assertThat(texts(parse("192.0.2.4/31"))).containsExactly("192.0.2.4", "192.0.2.5");
    }

    @Test
    void cidrIgnoresHostBits() throws Exception {
        TargetSpec spec = parse("192.0.2.77/24");
        assertThat(spec.count()).isEqualTo(256);
        assertThat(spec.iterator().next().addressText()).isEqualTo("192.0.2.0");
    }

    @Test
    void lastOctetRangeAndFullRange() throws Exception {
        assertThat(parse("192.0.2.10-40").count()).isEqualTo(31);
        assertThat(texts(parse("192.0.2.10-12"))).containsExactly("192.0.2.10", "192.0.2.11", "192.0.2.12");
        TargetSpec wide = parse("192.0.2.250-192.0.3.5");
        assertThat(wide.count()).isEqualTo(12);
        assertThat(texts(wide)).startsWith("192.0.2.250").endsWith("192.0.3.5").contains("192.0.2.255", "192.0.3.0");
        assertThat(parse("192.0.2.7-7").count()).isEqualTo(1);
    }

    @Test
    void listSeparatorsAndComments() throws Exception {
        TargetSpec spec = parse("10.0.0.1,10.0.0.2 10.0.0.3\t10.0.0.4\n10.0.0.5\r\n10.0.0.6;10.0.0.7 # 10.0.0.8\n,,10.0.0.9");
        assertThat(texts(spec)).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5",
                "10.0.0.6", "10.0.0.7", "10.0.0.9");
    }

    @Test
    void iterationIsAscendingIpv4ThenIpv6RegardlessOfInputOrder() throws Exception {
        TargetSpec spec = parse("2001:db8::5, 192.0.2.9, ::1, 127.0.0.1, 192.0.2.1");
        assertThat(texts(spec)).containsExactly("127.0.0.1", "192.0.2.1", "192.0.2.9", "::1", "2001:db8::5");
        assertThat(spec.ipv4Count()).isEqualTo(3);
        assertThat(spec.ipv6Count()).isEqualTo(2);
    }

    // ---- IPv6 ---------------------------------------------------------------------------

    @Test
    void ipv6AddressesInAllSpellings() throws Exception {
        TargetSpec spec = parse("::1 [2001:db8::7] 2001:0DB8:0:0:0:0:0:8 ::ffff:192.0.2.1 2001:db8::a:0:0:9");
        assertThat(texts(spec)).containsExactly("::1", "::ffff:192.0.2.1", "2001:db8::7", "2001:db8::8",
                "2001:db8::a:0:0:9");
        assertThat(spec.iterator().next().isIpv6()).isTrue();
    }

    @Test
    void ipv6PrefixesAndRanges() throws Exception {
        assertThat(parse("2001:db8::/120").count()).isEqualTo(256);
        assertThat(parse("[2001:db8::]/120").count()).isEqualTo(256);
        assertThat(parse("2001:db8::/112").count()).isEqualTo(65_536);
        assertThat(texts(parse("2001:db8::fe/127"))).containsExactly("2001:db8::fe", "2001:db8::ff");
        assertThat(texts(parse("2001:db8::10-12"))).containsExactly("2001:db8::10", "2001:db8::11", "2001:db8::12");
        TargetSpec wide = parse("2001:db8::fffe-2001:db8::1:1");
        assertThat(texts(wide)).containsExactly("2001:db8::fffe", "2001:db8::ffff", "2001:db8::1:0", "2001:db8::1:1");
    }

    @Test
    void ipv6PrefixThatWouldExpandBeyond65536IsRefused() {
        SpecException e = error("::1, 2001:db8::/64");
        assertThat(e.token()).isEqualTo("2001:db8::/64");
        assertThat(e.position()).isEqualTo(6);
        assertThat(e.getMessage()).isEqualTo("bad target '2001:db8::/64' at position 6: expands to 2^64 addresses;"
                + " IPv6 networks are limited to 65,536 addresses (/112 or longer)");
        assertThat(error("2001:db8::/111").reason()).startsWith("expands to 131,072 addresses");
        assertThat(error("2001:db8::-2001:db8::1:0").reason()).startsWith("expands to 65,537 addresses");
    }

    @Test
    void badIpv6Literals() {
        assertThat(error("2001:db8::1::2").reason()).isEqualTo("'::' may appear only once");
        assertThat(error("2001:db8:1:2:3:4:5").reason()).contains("8 groups");
        assertThat(error("2001:db8::12345").reason()).contains("more than 4 hex digits");
        assertThat(error("2001:db8::g").reason()).contains("not a hex group");
        assertThat(error("fe80::1%eth0").reason()).contains("zone ids");
        assertThat(error("::/129").reason()).isEqualTo("prefix 129 is above 128");
        assertThat(error("[::1").reason()).contains("']'");
    }

    // ---- host names ---------------------------------------------------------------------

    @Test
    void hostNameTakesFirstIpv4AndKeepsTheName() throws Exception {
        TargetSpec spec = parse("web.example");
        assertThat(spec.count()).isEqualTo(1);
        ScanTarget t = spec.iterator().next();
        assertThat(t.address()).isEqualTo(ip("192.0.2.5"));
        assertThat(t.hostname()).isEqualTo("web.example");
        assertThat(t.display()).isEqualTo("web.example (192.0.2.5)");
    }

    @Test
    void hostNameWithOnlyIpv6TakesTheFirstAddress() throws Exception {
        ScanTarget t = parse("v6only.example").iterator().next();
        assertThat(t.addressText()).isEqualTo("2001:db8::2");
        assertThat(t.display()).isEqualTo("v6only.example (2001:db8::2)");
    }

    @Test
    void nameAndNumericAddressOfSameHostCountOnceAndKeepTheName() throws Exception {
        TargetSpec spec = parse("192.0.2.5, WEB.example, web.example, 192.0.2.0/29");
        assertThat(spec.count()).isEqualTo(8);
        List<ScanTarget> all = spec.stream().collect(Collectors.toList());
        assertThat(all).filteredOn(t -> t.hostname() != null).extracting(ScanTarget::display)
                .containsExactly("WEB.example (192.0.2.5)");
        assertThat(resolver.asked).containsExactly("WEB.example"); // cached per name, case-insensitively
    }

    @Test
    void hostNameWithPrefix() throws Exception {
        TargetSpec spec = parse("web.example/30");
        assertThat(texts(spec)).containsExactly("192.0.2.4", "192.0.2.5", "192.0.2.6", "192.0.2.7");
        assertThat(spec.stream().map(ScanTarget::display).toList()).contains("web.example (192.0.2.5)", "192.0.2.6");
    }

    @Test
    void unresolvableNameIsNamedInTheError() {
        SpecException e = error("192.0.2.1 nope.invalid");
        assertThat(e.getMessage()).isEqualTo("bad target 'nope.invalid' at position 11: host name 'nope.invalid' does not resolve");
        assertThat(e.kind()).isEqualTo("target");
    }

    @Test
    void resolverFailureOtherThanUnknownHostIsReported() {
        HostResolver broken = name -> {
            throw new IllegalStateException("resolver offline");
        };
        assertThatThrownBy(() -> TargetSpec.parse("a.example", "", broken))
                .isInstanceOf(SpecException.class)
                .hasMessage("bad target 'a.example' at position 1: could not resolve host name 'a.example': resolver offline");
        assertThatThrownBy(() -> TargetSpec.parse("a.example", "", name -> List.of()))
                .hasMessageContaining("does not resolve");
    }

    @Test
    void numericTargetsNeverCallTheResolver() throws Exception {
        HostResolver refuses = name -> {
            throw new AssertionError("resolver called for " + name);
        };
        TargetSpec spec = TargetSpec.parse("192.0.2.0/24, 192.0.2.1-9, ::1, [2001:db8::1]/126", "192.0.2.3", refuses);
        assertThat(spec.count()).isEqualTo(255 + 1 + 4);
    }

    @Test
    void localhostThroughTheSystemResolver() throws Exception {
        TargetSpec spec = TargetSpec.parse("localhost", "");
        ScanTarget t = spec.iterator().next();
        assertThat(spec.count()).isEqualTo(1);
        assertThat(t.address().isLoopbackAddress()).isTrue();
        assertThat(t.hostname()).isEqualTo("localhost");
    }

    // ---- exclusions and counts ----------------------------------------------------------

    @Test
    void exclusionsUseTheSameSyntax() throws Exception {
        TargetSpec spec = parse("192.0.2.0/24", "192.0.2.0, 192.0.2.255 192.0.2.10-19 192.0.2.128/26 db.example");
        assertThat(spec.count()).isEqualTo(256 - 2 - 10 - 64 - 1);
        assertThat(spec.contains(ip("192.0.2.9"))).isTrue();
        assertThat(spec.contains(ip("192.0.2.10"))).isFalse();
        assertThat(spec.contains(ip("192.0.2.130"))).isFalse();
        assertThat(spec.contains(ip("192.0.2.200"))).isFalse();
        assertThat(spec.contains(ip("192.0.2.255"))).isFalse();
        assertThat(texts(spec)).doesNotContain("192.0.2.0", "192.0.2.15", "192.0.2.191").contains("192.0.2.1", "192.0.2.192");
        assertThat(texts(spec)).hasSize((int) spec.count());
    }

    @Test
    void excludedNameExcludesEveryAddressItResolvesTo() throws Exception {
        TargetSpec spec = parse("192.0.2.5, 192.0.2.6, 192.0.2.99, 2001:db8::1, 2001:db8::3", "web.example");
        assertThat(texts(spec)).containsExactly("192.0.2.6", "2001:db8::3");
    }

    @Test
    void exclusionsMayBeLargerThanTheTargetLimit() throws Exception {
        TargetSpec spec = parse("192.0.2.1, 198.51.100.1, 2001:db8::1", "192.0.0.0/7, 2001:db8::/32");
        assertThat(texts(spec)).containsExactly("198.51.100.1");
    }

    @Test
    void slash8MinusSlash16IsCountedWithoutIteration() throws Exception {
        TargetSpec spec = parse("10.0.0.0/8", "10.1.0.0/16");
        assertThat(spec.count()).isEqualTo(16_777_216L - 65_536L);
        assertThat(spec.contains(ip("10.1.2.3"))).isFalse();
        assertThat(spec.contains(ip("10.2.0.0"))).isTrue();
        assertThat(spec.contains(ip("11.0.0.0"))).isFalse();
    }

    @Test
    void slash8IsIteratedLazily() throws Exception {
        TargetSpec spec = parse("10.0.0.0/8");
        Iterator<ScanTarget> it = spec.iterator();
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 5; i++) first.add(it.next().addressText());
        assertThat(first).containsExactly("10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4");
        assertThat(spec.stream().skip(0).limit(3).map(ScanTarget::addressText)).containsExactly("10.0.0.0", "10.0.0.1", "10.0.0.2");
        assertThat(spec.spliterator().estimateSize()).isEqualTo(16_777_216L);
    }

    @Test
    void iterationSkipsAnExcludedHoleAcrossOctets() throws Exception {
        TargetSpec spec = parse("10.0.255.254-10.2.0.1", "10.1.0.0/16");
        assertThat(texts(spec)).containsExactly("10.0.255.254", "10.0.255.255", "10.2.0.0", "10.2.0.1");
    }

    @Test
    void overlappingAndAdjacentEntriesAreCountedOnce() throws Exception {
        TargetSpec spec = parse("192.0.2.0/24, 192.0.2.10-20, 192.0.2.255 192.0.2.128/25 192.0.2.7 192.0.2.7");
        assertThat(spec.count()).isEqualTo(256);
        assertThat(texts(spec)).hasSize(256).doesNotHaveDuplicates();
        assertThat(parse("192.0.2.0/25, 192.0.2.128/25, 192.0.3.0").count()).isEqualTo(257);
        assertThat(parse("2001:db8::/120, 2001:db8::10-20, 2001:db8::ff").count()).isEqualTo(256);
    }

    @Test
    void wholeSlash16IteratesExactlyCountAddressesInOrder() throws Exception {
        TargetSpec spec = parse("10.20.0.0/16", "10.20.128.0/17, 10.20.0.0");
        long n = 0;
        long previous = -1;
        for (ScanTarget t : spec) {
            long v = Addresses.v4Value((java.net.Inet4Address) t.address());
            assertThat(v).isGreaterThan(previous);
            previous = v;
            n++;
        }
        assertThat(n).isEqualTo(spec.count()).isEqualTo(32_767);
    }

    @Test
    void matchesANaiveSetOnRandomSpecs() throws Exception {
        Random random = new Random(20240611L);
        for (int round = 0; round < 200; round++) {
            TreeSet<Long> want = new TreeSet<>();
            StringBuilder targets = new StringBuilder();
            StringBuilder exclusions = new StringBuilder();
            TreeSet<Long> excluded = new TreeSet<>();
            for (int i = 0; i < 1 + random.nextInt(6); i++) appendRandom(random, targets, want);
            for (int i = 0; i < random.nextInt(5); i++) appendRandom(random, exclusions, excluded);
            want.removeAll(excluded);
            if (want.isEmpty()) {
                assertThat(error(targets.toString(), exclusions.toString()).reason())
                        .isEqualTo("the exclusions remove every target");
                continue;
            }
            TargetSpec spec = parse(targets.toString(), exclusions.toString());
            List<String> expected = want.stream().map(Addresses::formatV4).toList();
            assertThat(spec.count()).as("count of %s minus %s", targets, exclusions).isEqualTo(want.size());
            assertThat(texts(spec)).as("%s minus %s", targets, exclusions).isEqualTo(expected);
        }
    }

    /** Random entry inside 10.0.0.0/22, written in one of the syntax forms. */
    private static void appendRandom(Random r, StringBuilder sb, TreeSet<Long> into) {
        long base = 10L << 24;
        int form = r.nextInt(3);
        long a = base + r.nextInt(1024);
        if (form == 0) {
            sb.append(Addresses.formatV4(a));
            into.add(a);
        } else if (form == 1) {
            int prefix = 22 + r.nextInt(11);
            long size = 1L << (32 - prefix);
            long start = a & ~(size - 1);
            sb.append(Addresses.formatV4(a)).append('/').append(prefix);
            for (long v = start; v < start + size; v++) into.add(v);
        } else {
            long b = Math.min(base + 1023, a + r.nextInt(300));
            sb.append(Addresses.formatV4(a)).append('-').append(Addresses.formatV4(b));
            for (long v = a; v <= b; v++) into.add(v);
        }
        sb.append(r.nextBoolean() ? ", " : "\n");
    }

    @Test
    void iteratorEndsCleanlyAndEachCallStartsAfresh() throws Exception {
        TargetSpec spec = parse("192.0.2.1, ::1");
        Iterator<ScanTarget> it = spec.iterator();
        it.next();
        it.next();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        assertThat(texts(spec)).containsExactly("192.0.2.1", "::1");
    }

    // ---- files --------------------------------------------------------------------------

    @Test
    void targetsFromAFileWithComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hosts.txt");
        Files.writeString(file, """
                # lab hosts
                192.0.2.1
                192.0.2.10-12   # a small range

                web.example, 2001:db8::1
                """);
        TargetSpec spec = parse("198.51.100.1 @" + file);
        assertThat(texts(spec)).containsExactly("192.0.2.1", "192.0.2.5", "192.0.2.10", "192.0.2.11", "192.0.2.12",
                "198.51.100.1", "2001:db8::1");
    }

    @Test
    void exclusionsFromAFileAndNestedFiles(@TempDir Path dir) throws Exception {
        Path inner = dir.resolve("inner.txt");
        Files.writeString(inner, "192.0.2.3\n");
        Path outer = dir.resolve("outer.txt");
        Files.writeString(outer, "# never scan these\n192.0.2.1 @" + inner + "\n");
        TargetSpec spec = parse("192.0.2.0/29", "@" + outer);
        assertThat(texts(spec)).containsExactly("192.0.2.0", "192.0.2.2", "192.0.2.4", "192.0.2.5", "192.0.2.6", "192.0.2.7");
    }

    @Test
    void badTokenInAFileReportsFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hosts.txt");
        Files.writeString(file, "# header\n192.0.2.1\n    10.0.0.300 # typo\n");
        SpecException e = error("192.0.2.9 @" + file);
        assertThat(e.token()).isEqualTo("10.0.0.300");
        assertThat(e.file()).isEqualTo(file.toString());
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.position()).isEqualTo(11);
        assertThat(e.location()).isEqualTo(file + ":3:5");
        assertThat(e.getMessage()).isEqualTo("bad target '10.0.0.300' at " + file + ":3:5: octet 300 is above 255");
    }

    @Test
    void missingOrUnreadableFilesAreNamed(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.txt");
        SpecException e = error("192.0.2.1, @" + missing);
        assertThat(e.getMessage()).isEqualTo("bad target '@" + missing + "' at position 12: cannot read file '"
                + missing + "': no such file");
        assertThat(error("@" + dir).reason()).contains("it is a directory");
        assertThat(error("@").reason()).isEqualTo("'@' must be followed by a file name");
        Path self = dir.resolve("self.txt");
        Files.writeString(self, "192.0.2.1\n@" + self + "\n");
        assertThat(error("@" + self).reason()).contains("includes itself");
        SpecException excl = error("192.0.2.1", "@" + missing);
        assertThat(excl.kind()).isEqualTo("exclusion");
        assertThat(excl.getMessage()).startsWith("bad exclusion '@" + missing + "' at position 1:");
    }

    @Test
    void fileWithOnlyCommentsMeansNoTargets(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.txt");
        Files.writeString(file, "# nothing yet\n\n   \n");
        assertThat(error("@" + file).getMessage()).isEqualTo("bad targets: no targets given");
    }

    // ---- refusals -----------------------------------------------------------------------

    @Test
    void octetAbove255IsRefusedWithPosition() {
        SpecException e = error("192.0.2.1, 10.0.0.300");
        assertThat(e.getMessage()).isEqualTo("bad target '10.0.0.300' at position 12: octet 300 is above 255");
        assertThat(e.token()).isEqualTo("10.0.0.300");
        assertThat(e.position()).isEqualTo(12);
        assertThat(e.reason()).isEqualTo("octet 300 is above 255");
        assertThat(e.file()).isNull();
        assertThat(e.location()).isEqualTo("position 12");
    }

    @Test
    void malformedIpv4IsRefused() {
        assertThat(error("10.0.0").reason()).isEqualTo("an IPv4 address has 4 octets, this has 3");
        assertThat(error("10.0.0.1.5").reason()).isEqualTo("an IPv4 address has 4 octets, this has 5");
        assertThat(error("10..0.1").reason()).isEqualTo("empty octet");
        assertThat(error("010.0.0.1").reason()).contains("leading zero");
        assertThat(error("10.0.0.1000").reason()).isEqualTo("octet 1000 is above 255");
        assertThat(error("192.0.2.1-300").reason()).isEqualTo("octet 300 is above 255");
        assertThat(error("192.0.2.1-").reason()).isEqualTo("missing range end after '-'");
        assertThat(error("192.0.2.1-x.y").reason()).contains("is not an IPv4 address");
    }

    @Test
    void rangeEndBeforeStartIsRefused() {
        assertThat(error("192.0.2.50-40").getMessage())
                .isEqualTo("bad target '192.0.2.50-40' at position 1: range end 192.0.2.40 is before start 192.0.2.50");
        assertThat(error("192.0.2.1-192.0.1.255").reason()).isEqualTo("range end 192.0.1.255 is before start 192.0.2.1");
        assertThat(error("2001:db8::20-10").reason()).isEqualTo("range end 2001:db8::10 is before start 2001:db8::20");
    }

    @Test
    void badPrefixesAreRefused() {
        assertThat(error("10.0.0.0/33").reason()).isEqualTo("prefix 33 is above 32");
        assertThat(error("10.0.0.0/").reason()).isEqualTo("missing prefix length after '/'");
        assertThat(error("10.0.0.0/x").reason()).isEqualTo("prefix 'x' is not a number");
        assertThat(error("/24").reason()).isEqualTo("missing address before '/'");
    }

    @Test
    void hugeExpansionsAreRefusedWithTheLimit() {
        assertThat(error("0.0.0.0/0").getMessage()).isEqualTo(
                "bad target '0.0.0.0/0' at position 1: expands to 4,294,967,296 addresses; the limit is 16,777,216 (a /8)");
        assertThat(error("10.0.0.0/7").reason()).startsWith("expands to 33,554,432 addresses");
        assertThat(error("10.0.0.0-11.0.0.0").reason()).startsWith("expands to 16,777,217 addresses");
    }

    @Test
    void totalAfterExclusionsIsLimitedToo() throws Exception {
        SpecException e = error("10.0.0.0/8, 11.0.0.0/8");
        assertThat(e.token()).isNull();
        assertThat(e.getMessage()).isEqualTo(
                "bad targets: the targets expand to 33,554,432 addresses after exclusions; the limit is 16,777,216");
        assertThat(parse("10.0.0.0/8, 11.0.0.0/8", "11.0.0.0/8").count()).isEqualTo(TargetSpec.MAX_ADDRESSES);
    }

    @Test
    void tooManySeparateEntriesAreRefusedBeforeMemoryRunsOut() throws Exception {
        // every other address of 10.0.0.0/11: no two entries merge
        int entries = TargetSpec.MAX_INTERVALS + 4096;
        StringBuilder sb = new StringBuilder(entries * 13);
        for (long i = 0; i < entries; i++) sb.append(Addresses.formatV4((10L << 24) + 2 * i)).append('\n');
        SpecException e = error(sb.toString());
        assertThat(e.reason()).startsWith("more than 1,048,576 separate addresses or ranges");
        // the same number of addresses as adjacent entries merge into one range and are fine
        StringBuilder adjacent = new StringBuilder(entries * 13);
        for (long i = 0; i < entries; i++) adjacent.append(Addresses.formatV4((10L << 24) + i)).append(',');
        assertThat(parse(adjacent.toString()).count()).isEqualTo(entries);
    }

    @Test
    void emptySpecsAreRefused() {
        assertThat(error("").getMessage()).isEqualTo("bad targets: no targets given");
        assertThat(error(" ,\n # only a comment").getMessage()).isEqualTo("bad targets: no targets given");
        assertThatThrownBy(() -> TargetSpec.parse(null, null, resolver)).hasMessage("bad targets: no targets given");
    }

    @Test
    void excludingEverythingIsRefused() {
        assertThat(error("192.0.2.1-5", "192.0.2.0/24").getMessage())
                .isEqualTo("bad targets: the exclusions remove every target");
    }

    @Test
    void garbageIsRefusedWithItsPosition() {
        SpecException e = error("192.0.2.1\n  foo!bar");
        assertThat(e.position()).isEqualTo(13);
        assertThat(e.reason()).isEqualTo("not an address, range, network or host name");
        assertThat(error("-5").reason()).isEqualTo("not an address, range, network or host name");
        assertThat(error("192.0.2.1", "192.0.2.999").getMessage())
                .isEqualTo("bad exclusion '192.0.2.999' at position 1: octet 999 is above 255");
    }

    @Test
    void hostNameSyntax() {
        assertThat(TargetSpec.isHostName("web.example")).isTrue();
        assertThat(TargetSpec.isHostName("web.example.")).isTrue();
        assertThat(TargetSpec.isHostName("my-host_1")).isTrue();
        assertThat(TargetSpec.isHostName("-bad.example")).isFalse();
        assertThat(TargetSpec.isHostName("a..b")).isFalse();
        assertThat(TargetSpec.isHostName("x".repeat(64) + ".example")).isFalse();
        assertThat(TargetSpec.isHostName("caf\u00e9.example")).isFalse();
    }
}
