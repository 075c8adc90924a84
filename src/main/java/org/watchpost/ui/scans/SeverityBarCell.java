package org.watchpost.ui.scans;

import javafx.scene.control.TableCell;
import org.watchpost.store.SeverityCounts;

/** A table cell that draws findings per severity as a {@link SeverityBar}, or "none". */
public final class SeverityBarCell<S> extends TableCell<S, SeverityCounts> {
    private final SeverityBar bar = new SeverityBar();

    @Override
    protected void updateItem(SeverityCounts s, boolean empty) {
        super.updateItem(s, empty);
        if (empty || s == null || s.total() == 0) {
            setGraphic(null);
            setText(empty || s == null ? null : "none");
        } else {
            bar.setCounts(s);
            setText(null);
            setGraphic(bar);
        }
    }
}
