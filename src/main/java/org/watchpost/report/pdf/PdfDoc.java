package org.watchpost.report.pdf;

import java.awt.Color;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.EnumMap;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PageMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.watchpost.report.SafeText;

/**
 * A small flow-layout engine over PDFBox: A4 pages with margins, a cursor that moves down,
 * wrapped paragraphs, tables that break across pages with repeated headers, an outline, and a
 * final pass that stamps every page with a header and "Page i of n" footer.
 * All text goes through {@link SafeText} and the font's own coverage, so untrusted strings
 * cannot break the encoder or the layout.
 */
public final class PdfDoc implements Closeable {
    public static final float PAGE_W = PDRectangle.A4.getWidth();
    public static final float PAGE_H = PDRectangle.A4.getHeight();
    public static final float LEFT = 50;
    public static final float RIGHT = PAGE_W - 50;
    public static final float TOP = PAGE_H - 62;
    public static final float BOTTOM = 58;
    public static final float WIDTH = RIGHT - LEFT;

    /** A run of text's look. */
    public record Style(Fonts face, float size, Color color, float leading) {
        public Style(Fonts face, float size, Color color) {
            this(face, size, color, size * 1.35f);
        }

        public Style color(Color c) {
            return new Style(face, size, c, leading);
        }

        public Style size(float s) {
            return new Style(face, s, color, s * 1.35f);
        }

        public Style face(Fonts f) {
            return new Style(f, size, color, leading);
        }
    }

    public static final Style BODY = new Style(Fonts.REGULAR, 9.5f, Palette.TEXT);
    public static final Style SMALL = new Style(Fonts.REGULAR, 8f, Palette.MUTED);
    public static final Style MONO = new Style(Fonts.MONO, 7.5f, Palette.TEXT, 10f);
    public static final Style LABEL = new Style(Fonts.BOLD, 8.5f, Palette.MUTED);
    public static final Style H1 = new Style(Fonts.BOLD, 16f, Palette.TEXT);
    public static final Style H2 = new Style(Fonts.BOLD, 12.5f, Palette.TEXT);
    public static final Style H3 = new Style(Fonts.BOLD, 10.5f, Palette.TEXT);

    private final PDDocument doc;
    private final Map<Fonts, PDType0Font> fonts = new EnumMap<>(Fonts.class);
    private final Map<Fonts, java.util.BitSet> subsetted = new EnumMap<>(Fonts.class);
    private PDPage page;
    private PDPageContentStream cs;
    private float y;
    private final PDDocumentOutline outline = new PDDocumentOutline();
    private PDOutlineItem section;

    public PdfDoc() throws IOException {
        doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        try {
            for (Fonts f : Fonts.values()) {
                fonts.put(f, f.load(doc));
                subsetted.put(f, new java.util.BitSet());
            }
        } catch (IOException | RuntimeException e) {
            doc.close();
            throw e;
        }
    }

    public PDDocument document() {
        return doc;
    }

    public PDType0Font font(Fonts f) {
        return fonts.get(f);
    }

    public PDPageContentStream stream() {
        return cs;
    }

    public PDPage page() {
        return page;
    }

    public int pageCount() {
        return doc.getNumberOfPages();
    }

    /** Cursor: the top of the next block, in PDF points from the bottom. */
    public float y() {
        return y;
    }

    public void y(float newY) {
        y = newY;
    }

    // ---------------------------------------------------------------- text primitives

    /** Cleans untrusted text for a face: one line, capped at {@code max} characters. */
    public static String clean(String s, Fonts face, int max) {
        return SafeText.clean(s, max, false, face::canDraw);
    }

    /** As {@link #clean(String, Fonts, int)} but keeps line breaks. */
    public static String cleanLines(String s, Fonts face, int max) {
        return SafeText.clean(s, max, true, face::canDraw);
    }

    public float width(String s, Style st) {
        return st.face().width(s, st.size());
    }

    /** Draws one line at a baseline; the text must already be clean for the face. */
    public void text(String s, float x, float baseline, Style st) throws IOException {
        if (s.isEmpty()) return;
        cs.beginText();
        cs.setFont(fonts.get(st.face()), st.size());
        cs.setNonStrokingColor(st.color());
        cs.newLineAtOffset(x, baseline);
        GlyphStream.show(cs, s, st.face(), fonts.get(st.face()), subsetted.get(st.face()));
        cs.endText();
    }

    public void textRight(String s, float xRight, float baseline, Style st) throws IOException {
        text(s, xRight - width(s, st), baseline, st);
    }

    /**
     * Draws a PNG or JPEG file scaled to fit {@code maxW} × {@code maxH} with its right edge at
     * {@code right} and its bottom at {@code yBottom}. An unreadable image is skipped.
     *
     * @return whether the image was drawn
     */
    public boolean imageRight(java.nio.file.Path file, float right, float yBottom, float maxW, float maxH) {
        try {
            if (file == null || !java.nio.file.Files.isRegularFile(file) || java.nio.file.Files.size(file) > 8L * 1024 * 1024) {
                return false;
            }
            org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject img =
                    org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject.createFromFile(file.toString(), doc);
            float scale = Math.min(maxW / img.getWidth(), maxH / img.getHeight());
            float w = img.getWidth() * scale;
            float h = img.getHeight() * scale;
            cs.drawImage(img, right - w, yBottom, w, h);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public void fill(float x, float yBottom, float w, float h, Color c) throws IOException {
        cs.setNonStrokingColor(c);
        cs.addRect(x, yBottom, w, h);
        cs.fill();
    }

    public void hline(float x1, float x2, float atY, Color c, float width) throws IOException {
        cs.setStrokingColor(c);
        cs.setLineWidth(width);
        cs.moveTo(x1, atY);
        cs.lineTo(x2, atY);
        cs.stroke();
    }

    public void vline(float x, float y1, float y2, Color c, float width) throws IOException {
        cs.setStrokingColor(c);
        cs.setLineWidth(width);
        cs.moveTo(x, y1);
        cs.lineTo(x, y2);
        cs.stroke();
    }

    /**
     * Splits clean text into lines no wider than {@code maxWidth}: at spaces where possible,
     * inside a word when one word is wider than a line. '\n' starts a new line.
     */
    public static List<String> wrap(String text, Style st, float maxWidth) {
        List<String> lines = new ArrayList<>();
        float scale = st.size() / 1000f;
        for (String para : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            float lineW = 0;
            int i = 0;
            int n = para.length();
            while (i < n) {
                int j = i;
                while (j < n && para.charAt(j) != ' ') j++;
                String word = para.substring(i, j);
                float wordW = st.face().width(word, st.size());
                float spaceW = line.length() > 0 ? st.face().advance(' ') * scale : 0;
                if (lineW + spaceW + wordW <= maxWidth) {
                    if (line.length() > 0) line.append(' ');
                    line.append(word);
                    lineW += spaceW + wordW;
                } else if (wordW <= maxWidth) {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                    lineW = wordW;
                } else {
                    // a word longer than a line: fill the current line, then break by characters
                    if (line.length() > 0) {
                        line.append(' ');
                        lineW += spaceW;
                    }
                    for (int k = 0; k < word.length(); ) {
                        int cp = word.codePointAt(k);
                        float cw = st.face().advance(cp) * scale;
                        if (lineW + cw > maxWidth && line.length() > 0) {
                            lines.add(line.toString());
                            line.setLength(0);
                            lineW = 0;
                        }
                        line.appendCodePoint(cp);
                        lineW += cw;
                        k += Character.charCount(cp);
                    }
                }
                i = j + 1;
            }
            lines.add(line.toString());
        }
        return lines;
    }

    // ---------------------------------------------------------------- flow

    /** Starts a new page and puts the cursor at its top. */
    public void newPage() throws IOException {
        closeStream();
        page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true);
        y = TOP;
    }

    /** Moves to a new page unless {@code h} points still fit above the bottom margin. */
    public void ensure(float h) throws IOException {
        if (cs == null || y - h < BOTTOM) newPage();
    }

    public void space(float h) {
        y -= h;
    }

    /** A top-level section heading with an outline entry; starts a new page if asked. */
    public void section(String title, boolean newPage) throws IOException {
        if (newPage || cs == null) newPage();
        else ensure(60);
        String t = clean(title, Fonts.BOLD, 200);
        section = bookmark(outline, t);
        text(t, LEFT, y - H1.size(), H1);
        y -= H1.size() + 6;
        hline(LEFT, RIGHT, y, Palette.ACCENT, 1.2f);
        y -= 12;
    }

    /** A second-level heading under the current section, with an outline entry. */
    public void subsection(String title, Color bar) throws IOException {
        ensure(70);
        y -= 4;
        String t = clean(title, Fonts.BOLD, 300);
        List<String> lines = wrap(t, H2, WIDTH - 10);
        float h = lines.size() * H2.leading() + 8;
        bookmark(section != null ? section : outline, t);
        fill(LEFT, y - h, WIDTH, h, Palette.PANEL);
        fill(LEFT, y - h, 3.5f, h, bar == null ? Palette.ACCENT : bar);
        float base = y - 4 - H2.size();
        for (String l : lines) {
            text(l, LEFT + 10, base, H2);
            base -= H2.leading();
        }
        y -= h + 8;
    }

    /** A small bold heading (no outline entry). */
    public void heading(String title) throws IOException {
        ensure(40);
        y -= 3;
        paragraph(title, H3, 0);
        y -= 1;
    }

    private PDOutlineItem bookmark(Object parent, String title) {
        PDOutlineItem item = new PDOutlineItem();
        item.setTitle(title.length() > 120 ? title.substring(0, 119) + "…" : title);
        PDPageXYZDestination dest = new PDPageXYZDestination();
        dest.setPage(page);
        dest.setTop((int) Math.min(PAGE_H, y + 20));
        dest.setLeft(0);
        item.setDestination(dest);
        if (parent instanceof PDDocumentOutline o) o.addLast(item);
        else ((PDOutlineItem) parent).addLast(item);
        return item;
    }

    /** Wrapped text; breaks across pages line by line. Untrusted text is cleaned here (capped at {@code max}). */
    public void paragraph(String raw, Style st, float indent, int max) throws IOException {
        String t = cleanLines(raw, st.face(), max);
        for (String line : wrap(t, st, WIDTH - indent)) {
            ensure(st.leading());
            text(line, LEFT + indent, y - st.size(), st);
            y -= st.leading();
        }
    }

    public void paragraph(String raw, Style st, float indent) throws IOException {
        paragraph(raw, st, indent, SafeText.DEFAULT_MAX);
    }

    /** "Label  value" lines with a fixed label column. */
    public void keyValues(List<String[]> rows, float labelWidth) throws IOException {
        for (String[] kv : rows) {
            String v = cleanLines(kv[1], BODY.face(), SafeText.DEFAULT_MAX);
            List<String> lines = wrap(v, BODY, WIDTH - labelWidth);
            ensure(Math.min(lines.size(), 3) * BODY.leading());
            text(clean(kv[0], LABEL.face(), 80), LEFT, y - BODY.size(), LABEL);
            for (String line : lines) {
                ensure(BODY.leading());
                text(line, LEFT + labelWidth, y - BODY.size(), BODY);
                y -= BODY.leading();
            }
        }
    }

    /** A block of monospaced text on a tinted background (evidence), line by line across pages. */
    public void codeBlock(String raw, int max) throws IOException {
        String t = cleanLines(raw, Fonts.MONO, max);
        List<String> lines = wrap(t, MONO, WIDTH - 16);
        if (lines.size() > 60) {
            int more = lines.size() - 60;
            lines = new ArrayList<>(lines.subList(0, 60));
            lines.add("… (" + more + " more lines)");
        }
        int i = 0;
        while (i < lines.size()) {
            ensure(MONO.leading() + 6);
            int fit = Math.max(1, (int) ((y - BOTTOM - 6) / MONO.leading()));
            int end = Math.min(lines.size(), i + fit);
            float h = (end - i) * MONO.leading() + 6;
            fill(LEFT + 4, y - h, WIDTH - 4, h, Palette.CODE_BG);
            float base = y - 3 - MONO.size();
            for (int k = i; k < end; k++) {
                text(lines.get(k), LEFT + 10, base, MONO);
                base -= MONO.leading();
            }
            y -= h;
            i = end;
        }
        y -= 4;
    }

    /** Starts a table at the cursor. */
    public Table table(String[] headers, float[] fractions) throws IOException {
        return new Table(this, headers, fractions);
    }

    // ---------------------------------------------------------------- finish

    /** Document metadata and page furniture written by {@link #finish}. */
    public record Meta(String title, String subject, String keywords, String creator, Calendar created,
                       String headerLeft, String classification, String footerLeft) {}

    /**
     * Stamps headers and "Page i of n" footers on every page, sets metadata and the outline,
     * encrypts with AES-256 when a password is given, and writes the document.
     */
    public void finish(Meta meta, String password, OutputStream out) throws IOException {
        closeStream();
        if (doc.getNumberOfPages() == 0) newPage();
        closeStream();
        int n = doc.getNumberOfPages();
        String cls = meta.classification() == null ? "" : clean(meta.classification(), Fonts.BOLD, 60);
        String left = clean(meta.headerLeft(), Fonts.REGULAR, 120);
        String footLeft = clean(meta.footerLeft(), Fonts.REGULAR, 120);
        int i = 0;
        for (PDPage p : doc.getPages()) { // the iterator walks the page tree once; getPage(i) would rescan it per page
            page = p;
            cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true);
            Style head = SMALL;
            float hy = PAGE_H - 34;
            text(left, LEFT, hy, head);
            if (!cls.isEmpty()) textRight(cls, RIGHT, hy, new Style(Fonts.BOLD, 8f, Palette.CLASSIFICATION));
            hline(LEFT, RIGHT, hy - 6, Palette.BORDER, 0.6f);
            hline(LEFT, RIGHT, 42, Palette.BORDER, 0.6f);
            text(footLeft, LEFT, 30, head);
            if (!cls.isEmpty()) {
                float w = width(cls, new Style(Fonts.BOLD, 8f, Palette.CLASSIFICATION));
                text(cls, (PAGE_W - w) / 2, 30, new Style(Fonts.BOLD, 8f, Palette.CLASSIFICATION));
            }
            textRight("Page " + (++i) + " of " + n, RIGHT, 30, head);
            closeStream();
        }
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(clean(meta.title(), Fonts.REGULAR, 300));
        info.setAuthor("Watchpost");
        info.setSubject(clean(meta.subject(), Fonts.REGULAR, 300));
        if (meta.keywords() != null) info.setKeywords(clean(meta.keywords(), Fonts.REGULAR, 300));
        info.setCreator(meta.creator());
        info.setProducer("Watchpost (Apache PDFBox)");
        Calendar created = meta.created() != null ? meta.created() : new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        info.setCreationDate(created);
        info.setModificationDate(created);
        doc.getDocumentCatalog().setDocumentOutline(outline);
        doc.getDocumentCatalog().setPageMode(PageMode.USE_OUTLINES);
        if (password != null && !password.isEmpty()) {
            AccessPermission ap = new AccessPermission();
            StandardProtectionPolicy policy = new StandardProtectionPolicy(UUID.randomUUID().toString(), password, ap);
            policy.setEncryptionKeyLength(256);
            doc.protect(policy);
        }
        doc.save(out);
    }

    private void closeStream() throws IOException {
        if (cs != null) {
            cs.close();
            cs = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            closeStream();
        } finally {
            doc.close();
        }
    }
}
