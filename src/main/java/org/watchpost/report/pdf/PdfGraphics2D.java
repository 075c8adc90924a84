package org.watchpost.report.pdf;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.Image;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.PathIterator;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.BufferedImageOp;
import java.awt.image.ImageObserver;
import java.awt.image.RenderedImage;
import java.awt.image.renderable.RenderableImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.AttributedCharacterIterator;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

/**
 * A {@link Graphics2D} that writes vector PDF operators into a PDFBox content stream, so
 * JFreeChart can draw straight into a report page. It covers what charts use: filled and
 * stroked shapes (paths, rectangles, lines, arcs), solid colours with alpha, basic strokes,
 * transforms, clipping and text in the bundled DejaVu fonts (AWT metrics of the same font
 * files keep the layout exact). Images and non-solid paints are not drawn (a solid mid-tone
 * stands in for gradients).
 *
 * <p>AWT space (y down) of size {@code w × h} is mapped onto the page rectangle whose top-left
 * corner is {@code (x, top)} in PDF points.
 */
public final class PdfGraphics2D extends Graphics2D {
    private final PdfDoc doc;
    private final PDPageContentStream cs;
    private final AffineTransform base;
    private AffineTransform transform = new AffineTransform();
    private Shape clip; // in AWT device space (after transform, before base)
    private Paint paint = Color.BLACK;
    private Color background = Color.WHITE;
    private Stroke stroke = new BasicStroke(1f);
    private Font font;
    private Composite composite = AlphaComposite.SrcOver;
    private final RenderingHints hints = new RenderingHints(null);
    private static final Map<Font, FontMetrics> METRICS = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Float, PDExtendedGraphicsState> alphaStates;

    public PdfGraphics2D(PdfDoc doc, float x, float top) {
        this.doc = doc;
        this.cs = doc.stream();
        this.base = new AffineTransform(1, 0, 0, -1, x, top);
        this.font = Fonts.REGULAR.awt(10f);
        this.alphaStates = new HashMap<>();
        hints.put(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        hints.put(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }

    private PdfGraphics2D(PdfGraphics2D o) {
        this.doc = o.doc;
        this.cs = o.cs;
        this.base = o.base;
        this.transform = new AffineTransform(o.transform);
        this.clip = o.clip;
        this.paint = o.paint;
        this.background = o.background;
        this.stroke = o.stroke;
        this.font = o.font;
        this.composite = o.composite;
        this.hints.putAll(o.hints);
        this.alphaStates = o.alphaStates;
    }

    // ------------------------------------------------------------------ drawing core

    private Color solid() {
        if (paint instanceof Color c) return c;
        if (paint instanceof java.awt.GradientPaint gp) return mix(gp.getColor1(), gp.getColor2());
        return Color.GRAY;
    }

    private static Color mix(Color a, Color b) {
        return new Color((a.getRed() + b.getRed()) / 2, (a.getGreen() + b.getGreen()) / 2, (a.getBlue() + b.getBlue()) / 2,
                (a.getAlpha() + b.getAlpha()) / 2);
    }

    private float alpha(Color c) {
        float a = c.getAlpha() / 255f;
        if (composite instanceof AlphaComposite ac) a *= ac.getAlpha();
        return a;
    }

    private void begin(Color c, boolean stroking) throws IOException {
        cs.saveGraphicsState();
        if (clip != null) {
            path(clip, base);
            cs.clip();
        }
        float a = alpha(c);
        if (a < 0.999f) {
            float key = Math.round(a * 100) / 100f;
            PDExtendedGraphicsState gs = alphaStates.computeIfAbsent(key, k -> {
                PDExtendedGraphicsState s = new PDExtendedGraphicsState();
                s.setNonStrokingAlphaConstant(k);
                s.setStrokingAlphaConstant(k);
                return s;
            });
            cs.setGraphicsStateParameters(gs);
        }
        Color opaque = new Color(c.getRed(), c.getGreen(), c.getBlue());
        if (stroking) cs.setStrokingColor(opaque);
        else cs.setNonStrokingColor(opaque);
    }

    private void path(Shape s, AffineTransform at) throws IOException {
        PathIterator it = s.getPathIterator(at);
        float[] p = new float[6];
        float cx = 0;
        float cy = 0;
        while (!it.isDone()) {
            switch (it.currentSegment(p)) {
                case PathIterator.SEG_MOVETO -> {
                    cs.moveTo(p[0], p[1]);
                    cx = p[0];
                    cy = p[1];
                }
                case PathIterator.SEG_LINETO -> {
                    cs.lineTo(p[0], p[1]);
                    cx = p[0];
                    cy = p[1];
                }
                case PathIterator.SEG_QUADTO -> {
                    float c1x = cx + 2f / 3f * (p[0] - cx);
                    float c1y = cy + 2f / 3f * (p[1] - cy);
                    float c2x = p[2] + 2f / 3f * (p[0] - p[2]);
                    float c2y = p[3] + 2f / 3f * (p[1] - p[3]);
                    cs.curveTo(c1x, c1y, c2x, c2y, p[2], p[3]);
                    cx = p[2];
                    cy = p[3];
                }
                case PathIterator.SEG_CUBICTO -> {
                    cs.curveTo(p[0], p[1], p[2], p[3], p[4], p[5]);
                    cx = p[4];
                    cy = p[5];
                }
                case PathIterator.SEG_CLOSE -> cs.closePath();
                default -> { }
            }
            it.next();
        }
    }

    private AffineTransform full() {
        AffineTransform at = new AffineTransform(base);
        at.concatenate(transform);
        return at;
    }

    @Override
    public void fill(Shape s) {
        try {
            Color c = solid();
            if (c.getAlpha() == 0) return;
            begin(c, false);
            path(s, full());
            if (s.getPathIterator(null).getWindingRule() == PathIterator.WIND_EVEN_ODD) cs.fillEvenOdd();
            else cs.fill();
            cs.restoreGraphicsState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void draw(Shape s) {
        try {
            Color c = solid();
            if (c.getAlpha() == 0) return;
            begin(c, true);
            float scale = (float) Math.sqrt(Math.abs(transform.getDeterminant()));
            if (stroke instanceof BasicStroke bs) {
                cs.setLineWidth(Math.max(0.1f, bs.getLineWidth() * scale));
                cs.setLineCapStyle(bs.getEndCap() == BasicStroke.CAP_BUTT ? 0 : bs.getEndCap() == BasicStroke.CAP_ROUND ? 1 : 2);
                cs.setLineJoinStyle(bs.getLineJoin() == BasicStroke.JOIN_MITER ? 0 : bs.getLineJoin() == BasicStroke.JOIN_ROUND ? 1 : 2);
                float[] dash = bs.getDashArray();
                if (dash != null && dash.length > 0) {
                    float[] scaled = new float[dash.length];
                    for (int i = 0; i < dash.length; i++) scaled[i] = dash[i] * scale;
                    cs.setLineDashPattern(scaled, bs.getDashPhase() * scale);
                }
                path(s, full());
                cs.stroke();
            } else {
                path(stroke.createStrokedShape(s), full());
                cs.fill();
            }
            cs.restoreGraphicsState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void drawString(String str, float x, float y) {
        if (str == null || str.isEmpty()) return;
        Fonts face = face(font);
        String t = PdfDoc.clean(str, face, 500);
        try {
            Color c = solid();
            begin(c, false);
            AffineTransform at = full();
            at.translate(x, y);
            at.scale(1, -1);
            cs.beginText();
            cs.setFont(doc.font(face), font.getSize2D());
            cs.setTextMatrix(new Matrix(at));
            cs.showText(t);
            cs.endText();
            cs.restoreGraphicsState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Fonts face(Font f) {
        String n = f.getFontName().toLowerCase(java.util.Locale.ROOT);
        if (n.contains("mono")) return Fonts.MONO;
        return f.isBold() || n.contains("bold") ? Fonts.BOLD : Fonts.REGULAR;
    }

    // ------------------------------------------------------------------ shapes via the core

    @Override
    public void drawString(String str, int x, int y) {
        drawString(str, (float) x, (float) y);
    }

    @Override
    public void drawString(AttributedCharacterIterator it, int x, int y) {
        drawString(it, (float) x, (float) y);
    }

    @Override
    public void drawString(AttributedCharacterIterator it, float x, float y) {
        StringBuilder b = new StringBuilder();
        for (char c = it.first(); c != AttributedCharacterIterator.DONE; c = it.next()) b.append(c);
        drawString(b.toString(), x, y);
    }

    @Override
    public void drawGlyphVector(GlyphVector g, float x, float y) {
        fill(g.getOutline(x, y));
    }

    @Override
    public boolean hit(Rectangle rect, Shape s, boolean onStroke) {
        Shape t = transform.createTransformedShape(onStroke ? stroke.createStrokedShape(s) : s);
        return t.intersects(rect);
    }

    @Override
    public void drawLine(int x1, int y1, int x2, int y2) {
        draw(new Line2D.Float(x1, y1, x2, y2));
    }

    @Override
    public void fillRect(int x, int y, int width, int height) {
        fill(new Rectangle(x, y, width, height));
    }

    @Override
    public void clearRect(int x, int y, int width, int height) {
        Paint p = paint;
        paint = background;
        fillRect(x, y, width, height);
        paint = p;
    }

    @Override
    public void drawRoundRect(int x, int y, int width, int height, int arcWidth, int arcHeight) {
        draw(new RoundRectangle2D.Float(x, y, width, height, arcWidth, arcHeight));
    }

    @Override
    public void fillRoundRect(int x, int y, int width, int height, int arcWidth, int arcHeight) {
        fill(new RoundRectangle2D.Float(x, y, width, height, arcWidth, arcHeight));
    }

    @Override
    public void drawOval(int x, int y, int width, int height) {
        draw(new Ellipse2D.Float(x, y, width, height));
    }

    @Override
    public void fillOval(int x, int y, int width, int height) {
        fill(new Ellipse2D.Float(x, y, width, height));
    }

    @Override
    public void drawArc(int x, int y, int width, int height, int startAngle, int arcAngle) {
        draw(new Arc2D.Float(x, y, width, height, startAngle, arcAngle, Arc2D.OPEN));
    }

    @Override
    public void fillArc(int x, int y, int width, int height, int startAngle, int arcAngle) {
        fill(new Arc2D.Float(x, y, width, height, startAngle, arcAngle, Arc2D.PIE));
    }

    private static java.awt.geom.Path2D poly(int[] xs, int[] ys, int n, boolean close) {
        java.awt.geom.Path2D p = new java.awt.geom.Path2D.Float();
        if (n <= 0) return p;
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < n; i++) p.lineTo(xs[i], ys[i]);
        if (close) p.closePath();
        return p;
    }

    @Override
    public void drawPolyline(int[] xPoints, int[] yPoints, int nPoints) {
        draw(poly(xPoints, yPoints, nPoints, false));
    }

    @Override
    public void drawPolygon(int[] xPoints, int[] yPoints, int nPoints) {
        draw(poly(xPoints, yPoints, nPoints, true));
    }

    @Override
    public void fillPolygon(int[] xPoints, int[] yPoints, int nPoints) {
        fill(poly(xPoints, yPoints, nPoints, true));
    }

    // ------------------------------------------------------------------ images: not drawn in reports

    @Override
    public boolean drawImage(Image img, AffineTransform xform, ImageObserver obs) {
        return true;
    }

    @Override
    public void drawImage(BufferedImage img, BufferedImageOp op, int x, int y) {
    }

    @Override
    public void drawRenderedImage(RenderedImage img, AffineTransform xform) {
    }

    @Override
    public void drawRenderableImage(RenderableImage img, AffineTransform xform) {
    }

    @Override
    public boolean drawImage(Image img, int x, int y, ImageObserver observer) {
        return true;
    }

    @Override
    public boolean drawImage(Image img, int x, int y, int width, int height, ImageObserver observer) {
        return true;
    }

    @Override
    public boolean drawImage(Image img, int x, int y, Color bgcolor, ImageObserver observer) {
        return true;
    }

    @Override
    public boolean drawImage(Image img, int x, int y, int width, int height, Color bgcolor, ImageObserver observer) {
        return true;
    }

    @Override
    public boolean drawImage(Image img, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2,
                             ImageObserver observer) {
        return true;
    }

    @Override
    public boolean drawImage(Image img, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2,
                             Color bgcolor, ImageObserver observer) {
        return true;
    }

    @Override
    public void copyArea(int x, int y, int width, int height, int dx, int dy) {
    }

    // ------------------------------------------------------------------ state

    @Override
    public GraphicsConfiguration getDeviceConfiguration() {
        return null;
    }

    @Override
    public void setComposite(Composite comp) {
        composite = comp;
    }

    @Override
    public Composite getComposite() {
        return composite;
    }

    @Override
    public void setPaint(Paint p) {
        if (p != null) paint = p;
    }

    @Override
    public Paint getPaint() {
        return paint;
    }

    @Override
    public void setStroke(Stroke s) {
        if (s != null) stroke = s;
    }

    @Override
    public Stroke getStroke() {
        return stroke;
    }

    @Override
    public void setRenderingHint(RenderingHints.Key hintKey, Object hintValue) {
        if (hintKey != null && hintValue != null) hints.put(hintKey, hintValue);
    }

    @Override
    public Object getRenderingHint(RenderingHints.Key hintKey) {
        return hints.get(hintKey);
    }

    @Override
    public void setRenderingHints(Map<?, ?> h) {
        hints.clear();
        hints.putAll(h);
    }

    @Override
    public void addRenderingHints(Map<?, ?> h) {
        hints.putAll(h);
    }

    @Override
    public RenderingHints getRenderingHints() {
        return (RenderingHints) hints.clone();
    }

    @Override
    public void translate(int x, int y) {
        transform.translate(x, y);
    }

    @Override
    public void translate(double tx, double ty) {
        transform.translate(tx, ty);
    }

    @Override
    public void rotate(double theta) {
        transform.rotate(theta);
    }

    @Override
    public void rotate(double theta, double x, double y) {
        transform.rotate(theta, x, y);
    }

    @Override
    public void scale(double sx, double sy) {
        transform.scale(sx, sy);
    }

    @Override
    public void shear(double shx, double shy) {
        transform.shear(shx, shy);
    }

    @Override
    public void transform(AffineTransform tx) {
        transform.concatenate(tx);
    }

    @Override
    public void setTransform(AffineTransform tx) {
        transform = new AffineTransform(tx);
    }

    @Override
    public AffineTransform getTransform() {
        return new AffineTransform(transform);
    }

    @Override
    public void setBackground(Color color) {
        background = color;
    }

    @Override
    public Color getBackground() {
        return background;
    }

    @Override
    public void clip(Shape s) {
        if (s == null) {
            clip = null;
            return;
        }
        Shape dev = transform.createTransformedShape(s);
        if (clip == null) {
            clip = dev;
        } else {
            Area a = new Area(clip);
            a.intersect(new Area(dev));
            clip = a;
        }
    }

    @Override
    public FontRenderContext getFontRenderContext() {
        return new FontRenderContext(null, true, true);
    }

    @Override
    public Graphics create() {
        return new PdfGraphics2D(this);
    }

    @Override
    public Color getColor() {
        return paint instanceof Color c ? c : solid();
    }

    @Override
    public void setColor(Color c) {
        if (c != null) paint = c;
    }

    @Override
    public void setPaintMode() {
        composite = AlphaComposite.SrcOver;
    }

    @Override
    public void setXORMode(Color c1) {
    }

    @Override
    public Font getFont() {
        return font;
    }

    @Override
    public void setFont(Font f) {
        if (f != null) font = f;
    }

    @Override
    public FontMetrics getFontMetrics(Font f) {
        return METRICS.computeIfAbsent(f, k -> {
            BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            FontMetrics m = g.getFontMetrics(k);
            g.dispose();
            return m;
        });
    }

    @Override
    public Rectangle getClipBounds() {
        if (clip == null) return null;
        try {
            return transform.createInverse().createTransformedShape(clip).getBounds();
        } catch (java.awt.geom.NoninvertibleTransformException e) {
            return null;
        }
    }

    @Override
    public void clipRect(int x, int y, int width, int height) {
        clip(new Rectangle(x, y, width, height));
    }

    @Override
    public void setClip(int x, int y, int width, int height) {
        setClip(new Rectangle(x, y, width, height));
    }

    @Override
    public Shape getClip() {
        if (clip == null) return null;
        try {
            return transform.createInverse().createTransformedShape(clip);
        } catch (java.awt.geom.NoninvertibleTransformException e) {
            return null;
        }
    }

    @Override
    public void setClip(Shape s) {
        clip = s == null ? null : transform.createTransformedShape(s);
    }

    @Override
    public void dispose() {
    }
}
