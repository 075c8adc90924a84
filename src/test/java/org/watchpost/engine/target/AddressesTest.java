package org.watchpost.engine.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchpost.engine.target.FakeResolver.ip;

import java.math.BigInteger;
import java.net.Inet6Address;
import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void ipv6IsFormattedPerRfc5952() {
        assertThat(Addresses.format(ip("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
        assertThat(Addresses.format(ip("0:0:0:0:0:0:0:0"))).isEqualTo("::");
        assertThat(Addresses.format(ip("2001:DB8:0:0:0:0:0:1"))).isEqualTo("2001:db8::1");
        assertThat(Addresses.format(ip("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1"); // one zero group stays
        assertThat(Addresses.format(ip("2001:0:0:1:0:0:0:1"))).isEqualTo("2001:0:0:1::1"); // longest run wins
        assertThat(Addresses.format(ip("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1"); // first of equal runs
        assertThat(Addresses.format(ip("1:0:0:0:0:0:0:0"))).isEqualTo("1::");
        assertThat(Addresses.format(ip("::ffff:198.51.100.7"))).isEqualTo("::ffff:198.51.100.7");
    }

    @Test
    void ipv4MappedAddressStaysIpv6() {
        assertThat(ip("::ffff:192.0.2.1")).isInstanceOf(Inet6Address.class);
    }

    @Test
    void parsesEmbeddedIpv4TailAndFullForm() throws Exception {
        assertThat(Addresses.parseV6("::192.0.2.1")).isEqualTo(BigInteger.valueOf(0xc0000201L));
        assertThat(Addresses.parseV6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isEqualTo(Addresses.V6_MAX);
        assertThatThrownBy(() -> Addresses.parseV6("1:2:3:4:5:6:7:8:9")).hasMessageContaining("this has 9");
        assertThatThrownBy(() -> Addresses.parseV6("1:2:3:4:5:6:7::8")).hasMessageContaining("too many groups");
        assertThatThrownBy(() -> Addresses.parseV6("1:2:3:4:5:6:7:")).hasMessageContaining("empty group");
    }

    @Test
    void ipv4EdgeValues() throws Exception {
        assertThat(Addresses.parseV4("0.0.0.0")).isZero();
        assertThat(Addresses.parseV4("255.255.255.255")).isEqualTo(0xffffffffL);
        assertThat(Addresses.formatV4(0xffffffffL)).isEqualTo("255.255.255.255");
        assertThat(Addresses.format(ip("255.255.255.255"))).isEqualTo("255.255.255.255");
    }
}
