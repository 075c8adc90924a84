package org.watchpost.ui.scans;

import javafx.css.PseudoClass;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.SeverityCounts;

/**
 * A small stacked bar of findings per severity. Segment colours come from the stylesheet
 * through the pseudo-classes {@code :critical :high :medium :low :info}.
 */
public final class SeverityBar extends HBox {
    private static final PseudoClass[] PSEUDO = new PseudoClass[Severity.values().length];

    static {
        for (Severity s : Severity.values()) PSEUDO[s.ordinal()] = PseudoClass.getPseudoClass(s.name().toLowerCase());
    }

    private final Region[] segments = new Region[Severity.values().length];
    /** Made when the pointer first rests on a bar with findings: a tooltip per row is costly to build. */
    private Tooltip tooltip;
    private SeverityCounts counts = SeverityCounts.ZERO;

    public SeverityBar() {
        getStyleClass().add("severity-bar");
        setMinHeight(10);
        setPrefHeight(10);
        setMaxHeight(10);
        for (Severity s : Severity.values()) {
            Region r = new Region();
            r.getStyleClass().add("severity-segment");
            r.pseudoClassStateChanged(PSEUDO[s.ordinal()], true);
            r.setMinWidth(0);
            segments[s.ordinal()] = r;
            getChildren().add(r);
        }
        widthProperty().addListener((o, a, b) -> layoutSegments());
        addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> updateTooltip(true));
    }

    public void setCounts(SeverityCounts c) {
        counts = c == null ? SeverityCounts.ZERO : c;
        updateTooltip(false);
        layoutSegments();
    }

    /** The counts per severity as a tooltip, on bars with findings (made on the first hover). */
    private void updateTooltip(boolean hovered) {
        if (tooltip == null && !hovered) return;
        if (counts.total() == 0) {
            if (tooltip != null) Tooltip.uninstall(this, tooltip);
            return;
        }
        StringBuilder tip = new StringBuilder();
        for (Severity s : Severity.values()) tip.append(s.label()).append(": ").append(counts.get(s)).append('\n');
        if (tooltip == null) tooltip = new Tooltip();
        tooltip.setText(tip.toString().strip());
        Tooltip.install(this, tooltip);
    }

    /** The tooltip, null until the pointer first entered a bar with findings. */
    Tooltip tooltip() {
        return tooltip;
    }

    private void layoutSegments() {
        double total = counts.total();
        double w = Math.max(0, getWidth() - getInsets().getLeft() - getInsets().getRight());
        for (Severity s : Severity.values()) {
            Region r = segments[s.ordinal()];
            double share = total == 0 ? 0 : counts.get(s) / total;
            double px = share == 0 ? 0 : Math.max(2, share * w);
            r.setPrefWidth(px);
            r.setMaxWidth(px);
            r.setVisible(px > 0);
            r.setManaged(px > 0);
        }
    }
}
