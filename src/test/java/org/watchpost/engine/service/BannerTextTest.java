package org.watchpost.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BannerTextTest {

    @Test
    void printableKeptControlAndHighBytesEscaped() {
        byte[] b = {'S', 'S', 'H', '\r', '\n', 0, (byte) 0xff, '\\', '\t'};
        assertThat(BannerText.render(b, 100)).isEqualTo("SSH\\r\\n\\x00\\xff\\\\\\t");
    }

    @Test
    void boundedWithoutCuttingAnEscape() {
        byte[] b = {'a', 'b', 0x01, 'c'};
        assertThat(BannerText.render(b, 5)).isEqualTo("ab");
        assertThat(BannerText.render(b, 6)).isEqualTo("ab\\x01");
        byte[] big = new byte[100_000];
        assertThat(BannerText.render(big, 2048)).hasSize(2048);
    }

    @Test
    void emptyAndNull() {
        assertThat(BannerText.render(null, 10)).isEmpty();
        assertThat(BannerText.render(new byte[0], 10)).isEmpty();
    }
}
