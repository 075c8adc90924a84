package org.watchpost.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.text.DecimalFormat;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.watchpost.engine.model.Severity;
import org.watchpost.report.pdf.Fonts;
import org.watchpost.report.pdf.Palette;
import org.watchpost.report.pdf.PdfDoc;
import org.watchpost.report.pdf.PdfGraphics2D;
import org.watchpost.store.SeverityCounts;

/** The severity distribution as a JFreeChart bar chart, drawn as vector graphics into the page. */
final class SeverityChart {
    private SeverityChart() {
    }

    static JFreeChart chart(SeverityCounts c) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (Severity s : Severity.values()) ds.addValue(c.get(s), "Findings", s.label());
        JFreeChart chart = ChartFactory.createBarChart(null, null, null, ds, PlotOrientation.HORIZONTAL, false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setPadding(new RectangleInsets(0, 0, 0, 0));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(Palette.BORDER);
        plot.setRangeGridlineStroke(new BasicStroke(0.6f));
        plot.setInsets(new RectangleInsets(2, 2, 2, 12));
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
        Font regular = Fonts.REGULAR.awt(9f);
        Font bold = Fonts.BOLD.awt(9f);
        CategoryAxis cat = plot.getDomainAxis();
        cat.setTickLabelFont(bold);
        cat.setTickLabelPaint(Palette.TEXT);
        cat.setAxisLineVisible(false);
        cat.setTickMarksVisible(false);
        cat.setCategoryMargin(0.25);
        cat.setLowerMargin(0.03);
        cat.setUpperMargin(0.03);
        NumberAxis num = (NumberAxis) plot.getRangeAxis();
        num.setTickLabelFont(regular.deriveFont(8f));
        num.setTickLabelPaint(Palette.MUTED);
        num.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        num.setAxisLineVisible(false);
        num.setTickMarksVisible(false);
        num.setUpperMargin(0.15);
        num.setLowerBound(0);
        if (c.total() == 0) num.setUpperBound(1);
        BarRenderer r = new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return Palette.of(Severity.values()[column]);
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setMaximumBarWidth(0.2);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0")));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(bold);
        r.setDefaultItemLabelPaint(Palette.TEXT);
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        r.setItemLabelInsets(new RectangleInsets(2, 4, 2, 4));
        plot.setRenderer(r);
        return chart;
    }

    /** Draws the chart at the cursor, {@code w × h} points, and moves the cursor below it. */
    static void draw(PdfDoc d, SeverityCounts c, float x, float w, float h) throws IOException {
        d.ensure(h + 4);
        float top = d.y();
        PdfGraphics2D g = new PdfGraphics2D(d, x, top);
        chart(c).draw(g, new Rectangle2D.Double(0, 0, w, h));
        g.dispose();
        d.y(top - h);
    }
}
