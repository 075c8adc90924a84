package org.watchpost.engine.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Scan lifecycle: QUEUED → RUNNING → COMPLETED | STOPPED | FAILED, and INTERRUPTED for a
 * scan found RUNNING when the application starts (it died mid-scan). A queued scan may be
 * stopped or fail before it runs. Terminal states never change.
 */
public enum ScanStatus {
    QUEUED, RUNNING, COMPLETED, STOPPED, FAILED, INTERRUPTED;

    public boolean isTerminal() {
        return this == COMPLETED || this == STOPPED || this == FAILED || this == INTERRUPTED;
    }

    public boolean isActive() {
        return this == QUEUED || this == RUNNING;
    }

    public Set<ScanStatus> successors() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, STOPPED, FAILED, INTERRUPTED);
            case RUNNING -> EnumSet.of(COMPLETED, STOPPED, FAILED, INTERRUPTED);
            default -> EnumSet.noneOf(ScanStatus.class);
        };
    }

    public boolean canMoveTo(ScanStatus next) {
        return successors().contains(next);
    }

    /**
     * Returns {@code next} if the move is allowed.
     *
     * @throws IllegalStateException naming both states when the move makes no sense
     */
    public ScanStatus moveTo(ScanStatus next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("a " + name() + " scan cannot become " + next.name());
        }
        return next;
    }
}
