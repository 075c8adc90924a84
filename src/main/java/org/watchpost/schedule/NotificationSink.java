package org.watchpost.schedule;

import java.util.List;
import org.watchpost.store.ScanIds;

/**
 * Told when a monitor scan found new High or Critical findings (not on its first, baseline
 * run). Called on a worker thread; the app turns it into a desktop notification.
 */
@FunctionalInterface
public interface NotificationSink {
    /** A sink that drops everything. */
    NotificationSink NONE = n -> {
    };

    void notify(Notification notification);

    /** New severe findings of one monitor scan. */
    record Notification(long monitorId, String monitorName, long scanId, List<ChangeDigest.DigestFinding> findings) {
        public Notification {
            findings = List.copyOf(findings);
        }

        /** "Monitor 'DMZ': 2 new high/critical findings". */
        public String title() {
            return "Monitor '" + monitorName + "': " + findings.size() + " new high/critical finding" + (findings.size() == 1 ? "" : "s");
        }

        /** Up to five lines "Critical 127.0.0.1:6379 Redis without authentication", then "… and n more (SCAN-12)". */
        public String body() {
            StringBuilder b = new StringBuilder();
            int shown = 0;
            for (ChangeDigest.DigestFinding f : findings) {
                if (shown == 5) break;
                if (b.length() > 0) b.append('\n');
                b.append(f.severity().label()).append(' ').append(f.location()).append(' ').append(f.title());
                shown++;
            }
            if (findings.size() > shown) b.append("\n… and ").append(findings.size() - shown).append(" more");
            b.append(" (").append(ScanIds.format(scanId)).append(')');
            return b.toString();
        }
    }
}
