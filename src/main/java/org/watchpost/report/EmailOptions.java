package org.watchpost.report;

import java.time.Clock;
import java.util.List;

/**
 * Addressing of a report e-mail written as a draft (.eml).
 *
 * @param from  sender address ("Watchpost <watchpost@localhost>" when null)
 * @param to    recipients, may be empty (the draft is then addressed in the mail client)
 * @param cc    copy recipients, may be empty
 * @param note  optional text put above the generated summary
 * @param clock source of the Date header
 */
public record EmailOptions(String from, List<String> to, List<String> cc, String note, Clock clock) {
    public EmailOptions {
        from = from == null || from.isBlank() ? "Watchpost <watchpost@localhost>" : from.strip();
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        clock = clock == null ? Clock.systemDefaultZone() : clock;
    }

    public static EmailOptions addressedTo(String... recipients) {
        return new EmailOptions(null, List.of(recipients), List.of(), null, null);
    }
}
