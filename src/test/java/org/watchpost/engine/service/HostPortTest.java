package org.watchpost.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void parsesIpv4AndBracketedIpv6() {
        HostPort a = HostPort.parse("127.0.0.1:22");
        assertThat(a.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(a.port()).isEqualTo(22);
        HostPort b = HostPort.parse("[::1]:8080");
        assertThat(b.port()).isEqualTo(8080);
        assertThat(b.toString()).isEqualTo("[0:0:0:0:0:0:0:1]:8080");
    }

    @Test
    void badInputNamesWhatIsWrong() {
        assertThatThrownBy(() -> HostPort.parse("127.0.0.1")).hasMessageContaining("expected host:port");
        assertThatThrownBy(() -> HostPort.parse("127.0.0.1:http")).hasMessageContaining("bad port 'http'");
        assertThatThrownBy(() -> HostPort.parse("127.0.0.1:70000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> HostPort.parse("::1:22")).hasMessageContaining("[address]:port");
        assertThatThrownBy(() -> HostPort.parse(" ")).hasMessageContaining("empty target");
    }
}
