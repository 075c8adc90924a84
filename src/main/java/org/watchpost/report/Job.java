package org.watchpost.report;

import org.watchpost.engine.Cancellation;

/** Progress and cancellation of one generation, checked at row batches and host boundaries. */
final class Job {
    private final ReportProgress progress;
    private final Cancellation cancellation;
    private double last = -1;

    Job(ReportProgress progress, Cancellation cancellation) {
        this.progress = progress == null ? ReportProgress.NONE : progress;
        this.cancellation = cancellation;
    }

    /** Throws {@link ReportCancelledException} when cancelled. */
    void check() {
        if (cancellation != null && cancellation.isCancelled()) throw new ReportCancelledException("report generation was cancelled");
    }

    void progress(double fraction, String message) {
        check();
        double f = Math.max(0, Math.min(1, fraction));
        if (f >= 1 || f - last >= 0.01 || last < 0) {
            last = f;
            progress.update(f, message);
        }
    }
}
