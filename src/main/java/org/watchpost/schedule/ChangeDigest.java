package org.watchpost.schedule;

import java.time.Instant;
import java.util.List;
import org.watchpost.engine.model.Severity;

/**
 * What a monitor scan changed against the monitor's previous completed scan.
 *
 * <p>"Closed" ports, "gone" hosts and "resolved" findings are only claimed when this scan
 * COMPLETED and the host answered in both scans (a failed, stopped or partial scan proves no
 * absence). New items are reported whatever this scan's status.
 *
 * @param previousScanId the scan compared with, or null for the monitor's first (baseline) scan,
 *                       where every open port and finding is listed as new
 */
public record ChangeDigest(long scanId, Long previousScanId, Long monitorId, String monitorName, Instant computedAt,
                           List<PortChange> newOpenPorts, List<PortChange> closedPorts, List<String> newHosts,
                           List<String> goneHosts, List<DigestFinding> newFindings, List<DigestFinding> resolvedFindings) {

    /** An open port that appeared or went away. */
    public record PortChange(String address, int port, String service) {
        /** "127.0.0.1:22", "[::1]:443". */
        public String text() {
            return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        }
    }

    /** A finding that appeared or was resolved, identified by its de-duplication key. */
    public record DigestFinding(String key, String checkId, Severity severity, String title, String address, int port) {
        public String location() {
            if (address == null) return "";
            String a = address.contains(":") ? "[" + address + "]" : address;
            return port > 0 ? a + ":" + port : a;
        }
    }

    public ChangeDigest {
        newOpenPorts = List.copyOf(newOpenPorts);
        closedPorts = List.copyOf(closedPorts);
        newHosts = List.copyOf(newHosts);
        goneHosts = List.copyOf(goneHosts);
        newFindings = List.copyOf(newFindings);
        resolvedFindings = List.copyOf(resolvedFindings);
    }

    /** True for the monitor's first scan: nothing to compare with. */
    public boolean baseline() {
        return previousScanId == null;
    }

    /** New findings of High or Critical severity. */
    public List<DigestFinding> newSevere() {
        return newFindings.stream().filter(f -> f.severity() == Severity.CRITICAL || f.severity() == Severity.HIGH).toList();
    }

    /** True when nothing changed. */
    public boolean isEmpty() {
        return newOpenPorts.isEmpty() && closedPorts.isEmpty() && newHosts.isEmpty() && goneHosts.isEmpty()
                && newFindings.isEmpty() && resolvedFindings.isEmpty();
    }

    /** One line: "2 new open ports, 1 closed; 3 new findings (1 high), 1 resolved" or "No changes". */
    public String summary() {
        if (baseline()) {
            return "First run: " + newOpenPorts.size() + " open port" + (newOpenPorts.size() == 1 ? "" : "s") + ", "
                    + newFindings.size() + " finding" + (newFindings.size() == 1 ? "" : "s");
        }
        if (isEmpty()) return "No changes";
        List<String> parts = new java.util.ArrayList<>();
        if (!newHosts.isEmpty()) parts.add(newHosts.size() + " new host" + (newHosts.size() == 1 ? "" : "s"));
        if (!goneHosts.isEmpty()) parts.add(goneHosts.size() + " host" + (goneHosts.size() == 1 ? "" : "s") + " gone");
        if (!newOpenPorts.isEmpty()) parts.add(newOpenPorts.size() + " new open port" + (newOpenPorts.size() == 1 ? "" : "s"));
        if (!closedPorts.isEmpty()) parts.add(closedPorts.size() + " port" + (closedPorts.size() == 1 ? "" : "s") + " closed");
        if (!newFindings.isEmpty()) {
            int severe = newSevere().size();
            parts.add(newFindings.size() + " new finding" + (newFindings.size() == 1 ? "" : "s")
                    + (severe > 0 ? " (" + severe + " high or critical)" : ""));
        }
        if (!resolvedFindings.isEmpty()) parts.add(resolvedFindings.size() + " resolved");
        return String.join(", ", parts);
    }
}
