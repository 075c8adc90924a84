package org.watchpost.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.watchpost.report.pdf.Fonts;

class SafeTextTest {
    @Test
    void dropsBidiControlsAndTurnsControlCharactersIntoSpaces() {
        assertThat(SafeText.clean("a\u202Eb\u2066c\u2069d\u200Ee\u200Ff", 100, false, null)).isEqualTo("abcdef");
        assertThat(SafeText.clean("a\u0000b\u001bc\td", 100, false, null)).isEqualTo("a b c d");
        assertThat(SafeText.clean("l1\r\nl2\rl3\nl4", 100, true, null)).isEqualTo("l1\nl2\nl3\nl4");
        assertThat(SafeText.clean("l1\r\nl2", 100, false, null)).isEqualTo("l1 l2");
    }

    @Test
    void cutsLongTextWithAVisibleMarker() {
        String s = SafeText.clean("x".repeat(2_000_000), 100, false, null);
        assertThat(s).startsWith("x".repeat(100)).endsWith("… (1,999,900 more characters)");
        assertThat(s.length()).isLessThan(140);
    }

    @Test
    void replacesWhatTheFontCannotDrawAndNeverSplitsASurrogatePair() {
        assertThat(SafeText.clean("ok \uD83E\uDDA0 é Ж", 100, false, Fonts.REGULAR::canDraw)).isEqualTo("ok ? é Ж");
        assertThat(SafeText.clean("lone \uD800 surrogate", 100, false, null)).isEqualTo("lone ? surrogate");
        String cut = SafeText.clean("ab\uD83D\uDE00cd", 3, false, null);
        assertThat(cut).startsWith("ab ").contains("(4 more characters)");
    }

    @Test
    void fontMetricsComeFromTheBundledFont() {
        assertThat(Fonts.REGULAR.width("W", 10)).isGreaterThan(Fonts.REGULAR.width("i", 10));
        assertThat(Fonts.BOLD.canDraw('A')).isTrue();
        assertThat(Fonts.MONO.width("iiii", 10)).isEqualTo(Fonts.MONO.width("WWWW", 10));
    }
}
