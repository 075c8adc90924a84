package org.watchpost.report.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The bundled DejaVu fonts (see fonts/LICENSE-DejaVu.txt). The files are read once; each
 * document embeds its own subset. Glyph coverage comes from the font's Unicode cmap, so text is
 * checked before it reaches the PDF encoder.
 */
public enum Fonts {
    REGULAR("DejaVuSans.ttf"), BOLD("DejaVuSans-Bold.ttf"), MONO("DejaVuSansMono.ttf");

    private final String file;
    private volatile byte[] bytes;
    private volatile CmapLookup cmap;
    private TrueTypeFont ttf;
    private float unitsPerEm = 2048;
    private final float[] bmpWidths = new float[0x10000];
    private final int[] bmpGlyphs = new int[0x10000];
    private final ConcurrentHashMap<Integer, Boolean> covered = new ConcurrentHashMap<>();

    Fonts(String file) {
        this.file = file;
    }

    /** The raw TrueType file. */
    public byte[] bytes() {
        byte[] b = bytes;
        if (b == null) {
            synchronized (this) {
                if (bytes == null) {
                    try (InputStream in = Fonts.class.getResourceAsStream("/org/watchpost/report/fonts/" + file)) {
                        if (in == null) throw new IllegalStateException("bundled font " + file + " is missing from the application");
                        bytes = in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the bundled font " + file, e);
                    }
                }
                b = bytes;
            }
        }
        return b;
    }

    private CmapLookup cmap() {
        CmapLookup c = cmap;
        if (c == null) {
            synchronized (this) {
                if (cmap == null) {
                    try {
                        ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes()));
                        unitsPerEm = ttf.getUnitsPerEm();
                        java.util.Arrays.fill(bmpWidths, Float.NaN);
                        java.util.Arrays.fill(bmpGlyphs, -1);
                        cmap = ttf.getUnicodeCmapLookup();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot parse the bundled font " + file, e);
                    }
                }
                c = cmap;
            }
        }
        return c;
    }

    /** True if this font has a glyph for the code point. */
    public boolean canDraw(int codePoint) {
        if (codePoint < 0x80) return codePoint >= 0x20 && codePoint != 0x7F;
        if (codePoint < 0x10000) return glyph(codePoint) != 0;
        return covered.computeIfAbsent(codePoint, cp -> {
            synchronized (this) {
                return cmap().getGlyphId(cp) != 0;
            }
        });
    }

    /** Advance width of a code point in 1/1000 em (what PDF font widths use); 0 for none. */
    public float advance(int codePoint) {
        if (codePoint < 0x10000) {
            cmap();
            float w = bmpWidths[codePoint];
            if (!Float.isNaN(w)) return w;
        }
        float w;
        synchronized (this) {
            try {
                int gid = cmap().getGlyphId(codePoint);
                w = ttf.getAdvanceWidth(gid) * 1000f / unitsPerEm;
            } catch (IOException e) {
                w = 500;
            }
        }
        if (codePoint < 0x10000) bmpWidths[codePoint] = w;
        return w;
    }

    /** Glyph ID of a code point in this font, 0 when it has none. */
    public int glyph(int codePoint) {
        if (codePoint < 0x10000) {
            cmap();
            int g = bmpGlyphs[codePoint];
            if (g >= 0) return g;
        }
        int g;
        synchronized (this) {
            g = cmap().getGlyphId(codePoint);
        }
        if (codePoint < 0x10000) bmpGlyphs[codePoint] = g;
        return g;
    }

    /** Width of {@code s} at {@code size} points. */
    public float width(CharSequence s, float size) {
        float total = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = Character.codePointAt(s, i);
            total += advance(cp);
            i += Character.charCount(cp);
        }
        return total * size / 1000f;
    }

    /** Loads the font into {@code doc}, embedded as a subset. */
    public PDType0Font load(PDDocument doc) throws IOException {
        return PDType0Font.load(doc, new ByteArrayInputStream(bytes()), true);
    }

    private volatile java.awt.Font awtBase;

    /** An AWT font with the same outlines and metrics (for JFreeChart layout); created once (AWT copies it to a temp file). */
    public java.awt.Font awt(float size) {
        java.awt.Font base = awtBase;
        if (base == null) {
            synchronized (this) {
                if (awtBase == null) {
                    try {
                        awtBase = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes()));
                    } catch (java.awt.FontFormatException | IOException e) {
                        throw new IllegalStateException("cannot load the bundled font " + file + " for charts: " + e.getMessage(), e);
                    }
                }
                base = awtBase;
            }
        }
        return base.deriveFont(size);
    }
}
