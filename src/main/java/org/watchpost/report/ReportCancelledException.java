package org.watchpost.report;

import java.util.concurrent.CancellationException;

/** Thrown when a report or export was cancelled; its partial output has been deleted. */
public final class ReportCancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    public ReportCancelledException(String message) {
        super(message);
    }
}
