package org.watchpost.engine.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PortSpecTest {

    private static SpecException error(String spec) {
        try {
            PortSpec.parse(spec);
        } catch (SpecException e) {
            return e;
        }
        throw new AssertionError("expected a SpecException for '" + spec + "'");
    }

    @Test
    void listIsSortedAndUnique() throws Exception {
        PortSpec p = PortSpec.parse("443, 22 80\t22,443");
        assertThat(p.ports()).containsExactly(22, 80, 443);
        assertThat(p.count()).isEqualTo(3);
        assertThat(p.contains(80)).isTrue();
        assertThat(p.contains(81)).isFalse();
        assertThat(p.text()).isEqualTo("443, 22 80\t22,443");
    }

    @Test
    void ranges() throws Exception {
        PortSpec p = PortSpec.parse("1-1024");
        assertThat(p.count()).isEqualTo(1024);
        assertThat(p.ports()[0]).isEqualTo(1);
        assertThat(p.ports()[1023]).isEqualTo(1024);
        assertThat(PortSpec.parse("8080-8080").ports()).containsExactly(8080);
        assertThat(PortSpec.parse("10-12,11-13").ports()).containsExactly(10, 11, 12, 13);
    }

    @Test
    void allMeansEveryUsablePort() throws Exception {
        PortSpec p = PortSpec.parse("all");
        assertThat(p.count()).isEqualTo(65_535);
        assertThat(p.ports()[0]).isEqualTo(1);
        assertThat(p.ports()[65_534]).isEqualTo(65_535);
        assertThat(PortSpec.parse("ALL").count()).isEqualTo(65_535);
    }

    @Test
    void namedTopSets() throws Exception {
        PortSpec top100 = PortSpec.parse("top-100");
        assertThat(top100.count()).isEqualTo(100);
        int[] ranked = TopPorts.top(100);
        Arrays.sort(ranked);
        assertThat(top100.ports()).isEqualTo(ranked);
        assertThat(PortSpec.parse("top-1000").count()).isEqualTo(1000);
        assertThat(PortSpec.parse("TOP-10").ports()).contains(80, 443, 22).hasSize(10);
    }

    @Test
    void mixtures() throws Exception {
        PortSpec p = PortSpec.parse("top-100,8080-8090");
        long extra = java.util.stream.IntStream.rangeClosed(8080, 8090)
                .filter(port -> Arrays.stream(TopPorts.top(100)).noneMatch(t -> t == port)).count();
        assertThat(p.count()).isEqualTo(100 + (int) extra);
        assertThat(p.ports()).contains(80, 8085, 8090).isSorted();
        assertThat(PortSpec.parse("22, all").count()).isEqualTo(65_535);
    }

    @Test
    void returnedArrayIsACopy() throws Exception {
        PortSpec p = PortSpec.parse("22,80");
        p.ports()[0] = 9999;
        assertThat(p.ports()).containsExactly(22, 80);
    }

    @Test
    void portZeroAndTooLargeAreRefusedNamingTheToken() {
        SpecException zero = error("22,0");
        assertThat(zero.getMessage()).isEqualTo("bad port '0' at position 4: port 0 is not a usable port (ports are 1-65535)");
        assertThat(zero.token()).isEqualTo("0");
        assertThat(zero.kind()).isEqualTo("port");
        SpecException big = error("80, 70000");
        assertThat(big.getMessage()).isEqualTo("bad port '70000' at position 5: port 70000 is above 65535");
        assertThat(error("1-65536").reason()).isEqualTo("range end 65536 is above 65535");
        assertThat(error("0-10").reason()).startsWith("range start 0 is not a usable port");
        assertThat(error("99999999999").reason()).isEqualTo("port 99999999999 is above 65535");
    }

    @Test
    void otherBadInput() {
        assertThat(error("90-80").reason()).isEqualTo("range end 80 is before start 90");
        assertThat(error("1-").reason()).isEqualTo("range end is missing");
        assertThat(error("-5").reason()).isEqualTo("range start is missing");
        assertThat(error("22,http").getMessage())
                .isEqualTo("bad port 'http' at position 4: 'http' is not a port number, a range, 'all' or 'top-N'");
        assertThat(error("top-0").reason()).isEqualTo("the ranking has 1000 ports; use top-1 to top-1000");
        assertThat(error("top-1001").reason()).isEqualTo("the ranking has 1000 ports; use top-1 to top-1000");
        assertThat(error("top-").reason()).contains("must be followed by a number");
        assertThat(error("").getMessage()).isEqualTo("bad ports: no ports given");
        assertThat(error(" , ").getMessage()).isEqualTo("bad ports: no ports given");
        assertThat(error(null).getMessage()).isEqualTo("bad ports: no ports given");
    }
}
