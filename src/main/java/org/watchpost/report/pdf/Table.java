package org.watchpost.report.pdf;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.watchpost.report.pdf.PdfDoc.Style;

/**
 * A table drawn row by row at the document's cursor. Rows never split: a row that does not
 * fit goes to the next page, where the header is drawn again. Cells wrap; a cell is cut
 * after {@link #maxLines} lines with "…" so one row never outgrows a page.
 */
public final class Table {
    /** One cell: text, style, optional background chip colour. */
    public record Cell(String text, Style style, Color chip) {
        public static Cell of(String text) {
            return new Cell(text, PdfDoc.BODY.size(8.5f), null);
        }
    }

    private static final float PAD = 4;
    private final PdfDoc d;
    private final String[] headers;
    private final float[] widths;
    private final Style headerStyle = new Style(Fonts.BOLD, 8f, Palette.WHITE);
    private int rowIndex;
    private int maxLines = 10;
    private boolean grid;

    Table(PdfDoc d, String[] headers, float[] fractions) throws IOException {
        this.d = d;
        this.headers = headers;
        float sum = 0;
        for (float f : fractions) sum += f;
        widths = new float[fractions.length];
        for (int i = 0; i < fractions.length; i++) widths[i] = PdfDoc.WIDTH * fractions[i] / sum;
        d.ensure(40);
        header();
    }

    /** Draws cell borders (for forms to fill in by hand). */
    public Table grid(boolean on) {
        grid = on;
        return this;
    }

    public Table maxLines(int n) {
        maxLines = Math.max(1, n);
        return this;
    }

    private void header() throws IOException {
        List<List<String>> cells = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < headers.length; i++) {
            List<String> l = PdfDoc.wrap(PdfDoc.clean(headers[i], Fonts.BOLD, 80), headerStyle, widths[i] - 2 * PAD);
            cells.add(l);
            lines = Math.max(lines, l.size());
        }
        float h = lines * headerStyle.leading() + 2 * PAD;
        float top = d.y();
        d.fill(PdfDoc.LEFT, top - h, PdfDoc.WIDTH, h, Palette.DARK);
        float x = PdfDoc.LEFT;
        for (int i = 0; i < headers.length; i++) {
            float base = top - PAD - headerStyle.size();
            for (String line : cells.get(i)) {
                d.text(line, x + PAD, base, headerStyle);
                base -= headerStyle.leading();
            }
            x += widths[i];
        }
        d.y(top - h);
        rowIndex = 0;
    }

    /** Adds a row of plain cells. */
    public void row(String... texts) throws IOException {
        List<Cell> cells = new ArrayList<>();
        for (String t : texts) cells.add(Cell.of(t));
        row(cells);
    }

    /** Adds a row. */
    public void row(List<Cell> cells) throws IOException {
        List<List<String>> wrapped = new ArrayList<>(cells.size());
        int lines = 1;
        float leading = 0;
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            String t = PdfDoc.cleanLines(c.text(), c.style().face(), 1500);
            float inner = widths[i] - 2 * PAD - (c.chip() != null ? 4 : 0);
            List<String> l = PdfDoc.wrap(t, c.style(), inner);
            if (l.size() > maxLines) {
                l = new ArrayList<>(l.subList(0, maxLines));
                l.set(maxLines - 1, l.get(maxLines - 1) + " …");
            }
            wrapped.add(l);
            lines = Math.max(lines, l.size());
            leading = Math.max(leading, c.style().leading());
        }
        float h = lines * leading + 2 * PAD;
        if (d.y() - h < PdfDoc.BOTTOM) {
            d.newPage();
            header();
        }
        float top = d.y();
        if (rowIndex % 2 == 1 && !grid) d.fill(PdfDoc.LEFT, top - h, PdfDoc.WIDTH, h, Palette.ZEBRA);
        float x = PdfDoc.LEFT;
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            if (c.chip() != null && !wrapped.get(i).get(0).isEmpty()) {
                float w = 0;
                for (String s : wrapped.get(i)) w = Math.max(w, d.width(s, c.style()));
                float chipH = wrapped.get(i).size() * c.style().leading() + 2;
                d.fill(x + PAD - 2, top - PAD - chipH + 1.5f, w + 8, chipH, c.chip());
            }
            float base = top - PAD - c.style().size();
            float tx = x + PAD + (c.chip() != null ? 2 : 0);
            for (String line : wrapped.get(i)) {
                d.text(line, tx, base, c.style());
                base -= c.style().leading();
            }
            x += widths[i];
        }
        d.hline(PdfDoc.LEFT, PdfDoc.RIGHT, top - h, Palette.BORDER, 0.5f);
        if (grid) {
            float gx = PdfDoc.LEFT;
            for (int i = 0; i <= widths.length; i++) {
                d.vline(gx, top, top - h, Palette.BORDER, 0.5f);
                if (i < widths.length) gx += widths[i];
            }
        }
        d.y(top - h);
        rowIndex++;
    }

    /** Leaves a little space after the table. */
    public void end() {
        d.space(10);
    }
}
