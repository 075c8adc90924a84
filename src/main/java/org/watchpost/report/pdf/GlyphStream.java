package org.watchpost.report.pdf;

import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Shows text as glyph IDs looked up in the bundled font's cmap. PDFBox's own {@code showText}
 * runs every string through its OpenType GSUB machinery (regex tokenising per call), which
 * dominated the time of a 3,000-page report; the reports only need plain left-to-right text,
 * so this writes the Identity-H codes directly (as a hex string and {@code Tj}) and registers
 * the code points for subsetting exactly as {@code showText} does.
 */
final class GlyphStream {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private GlyphStream() {
    }

    /**
     * Shows clean text in the current font, which must be {@code font} (loaded from {@code face});
     * {@code added} remembers which code points were already registered for the subset.
     * Uses {@code appendRawCommands}, deprecated only because it can write invalid operators; the
     * operator written here is a well-formed hex string and {@code Tj}.
     */
    @SuppressWarnings("deprecation")
    static void show(PDPageContentStream cs, String text, Fonts face, PDType0Font font, java.util.BitSet added) throws IOException {
        StringBuilder b = new StringBuilder(text.length() * 4 + 8).append('<');
        boolean subset = font.willBeSubset();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int gid = face.glyph(cp);
            if (gid == 0) {
                cp = '?';
                gid = face.glyph(cp);
            }
            if (subset && !added.get(cp)) {
                font.addToSubset(cp);
                added.set(cp);
            }
            b.append(HEX[gid >> 12 & 15]).append(HEX[gid >> 8 & 15]).append(HEX[gid >> 4 & 15]).append(HEX[gid & 15]);
        }
        b.append("> Tj\n");
        cs.appendRawCommands(b.toString());
    }
}
