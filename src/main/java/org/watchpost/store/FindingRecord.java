package org.watchpost.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.watchpost.engine.model.Severity;

/** A stored finding. */
public record FindingRecord(long id, long scanId, String checkId, Severity severity, Double cvss, String cvssVector,
                            List<String> cves, String cwe, String title, String description, String remediation,
                            String evidence, String address, int port, String service, String confidence,
                            boolean knownExploited, String status, Instant createdAt) {

    public String scanIdText() {
        return ScanIds.format(scanId);
    }

    public String location() {
        if (address == null) return "";
        String a = address.contains(":") ? "[" + address + "]" : address;
        return port > 0 ? a + ":" + port : a;
    }

    static List<String> splitCves(String joined) {
        if (joined == null || joined.isBlank()) return List.of();
        return Arrays.stream(joined.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
