package org.watchpost.ui.common;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.SeverityCounts;

/** A bar chart of findings per severity (JFreeChart), in the application's severity palette. */
public final class SeverityChart {
    /** The palette shared with the stylesheet and the reports. */
    public static final Color[] COLORS = {
            new Color(0x9f1239), new Color(0xdc2626), new Color(0xf59e0b), new Color(0x3b82f6), new Color(0x94a3b8)};

    private final DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    private final JFreeChart chart;

    public SeverityChart() {
        for (Severity s : Severity.values()) dataset.addValue(0, "Findings", s.label());
        CategoryPlot plot = new CategoryPlot();
        plot.setDataset(dataset);
        plot.setDomainAxis(new org.jfree.chart.axis.CategoryAxis());
        NumberAxis range = new NumberAxis("Findings");
        range.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.setRangeAxis(range);
        plot.setOrientation(PlotOrientation.VERTICAL);
        BarRenderer renderer = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return COLORS[column];
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.12);
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xd9dee7));
        plot.setOutlineVisible(false);
        chart = new JFreeChart("Findings by severity", new Font("SansSerif", Font.BOLD, 14), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
    }

    public void update(SeverityCounts counts) {
        for (Severity s : Severity.values()) dataset.setValue(counts.get(s), "Findings", s.label());
    }

    public JFreeChart chart() {
        return chart;
    }

    public Number value(Severity s) {
        return dataset.getValue("Findings", s.label());
    }
}
