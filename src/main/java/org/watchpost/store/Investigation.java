package org.watchpost.store;

import java.time.Instant;

/**
 * A named group of scans (an engagement, a ticket, a site). Names need not be unique.
 *
 * @param id          database key (shown as {@code INV-<id>})
 * @param name        trimmed, 1..{@value InvestigationRepository#MAX_NAME} characters
 * @param description free text, may be empty, at most {@value InvestigationRepository#MAX_DESCRIPTION} characters
 */
public record Investigation(long id, String name, String description, Instant createdAt, Instant updatedAt) {
    /** Display ID, {@code INV-12}. */
    public String displayId() {
        return InvestigationRepository.format(id);
    }
}
