package org.watchpost.engine.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopPortsTest {

    @Test
    void exactlyOneThousandUniqueValidPorts() {
        int[] all = TopPorts.top(1000);
        assertThat(TopPorts.size()).isEqualTo(1000);
        assertThat(all).hasSize(1000).doesNotHaveDuplicates();
        assertThat(Arrays.stream(all).allMatch(p -> p >= 1 && p <= 65535)).isTrue();
    }

    @Test
    void resourceFileHoldsOnePortPerLineAfterAHeader() throws IOException {
        try (InputStream in = TopPorts.class.getResourceAsStream("top-ports.txt")) {
            assertThat(in).isNotNull();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines.get(0)).startsWith("#");
            List<String> ports = lines.stream().map(l -> l.replaceAll("#.*", "").strip()).filter(s -> !s.isEmpty()).toList();
            assertThat(ports).hasSize(1000).doesNotHaveDuplicates().allMatch(s -> s.matches("[1-9][0-9]{0,4}"));
        }
    }

    @Test
    void mostCommonServicesLeadTheRanking() {
        assertThat(TopPorts.top(10)).containsExactly(80, 443, 22, 21, 25, 3389, 110, 143, 53, 23);
        assertThat(TopPorts.rank(80)).isEqualTo(1);
        assertThat(TopPorts.rank(443)).isEqualTo(2);
        assertThat(TopPorts.top(100)).contains(22, 23, 25, 53, 80, 110, 135, 139, 143, 443, 445, 993, 995,
                1433, 1521, 3306, 3389, 5432, 5900, 5985, 6379, 8080, 8443, 9200, 11211, 27017);
        assertThat(TopPorts.top(1000)).contains(161, 502, 623, 2375, 6443, 10250, 50050);
    }

    @Test
    void topNIsAPrefixOfTheRanking() {
        int[] all = TopPorts.top(1000);
        assertThat(TopPorts.top(100)).isEqualTo(Arrays.copyOf(all, 100));
        assertThat(TopPorts.top(0)).isEmpty();
        assertThat(TopPorts.rank(all[999])).isEqualTo(1000);
        assertThat(TopPorts.rank(65_000 + 1)).isEqualTo(-1);
        assertThatThrownBy(() -> TopPorts.top(1001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topReturnsACopy() {
        TopPorts.top(5)[0] = 1;
        assertThat(TopPorts.top(1)).containsExactly(80);
    }
}
