package org.watchpost.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.watchpost.store.FindingRecord;
import org.watchpost.store.HostRecord;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ServiceRecord;

/** JSON shapes printed by the CLI (documented in docs/cli.md). */
final class JsonViews {
    private JsonViews() {
    }

    static ObjectNode scan(ObjectMapper m, ScanRecord s) {
        ObjectNode n = m.createObjectNode();
        n.put("id", s.scanId());
        n.put("name", s.name());
        n.put("status", s.status().name());
        ObjectNode cfg = n.putObject("config");
        cfg.put("targets", s.config().targets());
        cfg.put("exclusions", s.config().exclusions());
        cfg.put("ports", s.config().ports());
        cfg.put("discovery", s.config().discovery());
        cfg.put("timeoutMs", s.config().timeoutMs());
        cfg.put("rateLimit", s.config().rateLimit());
        cfg.put("concurrency", s.config().concurrency());
        cfg.put("serviceDetection", s.config().serviceDetection());
        cfg.put("checks", s.config().checks());
        n.put("origin", s.origin());
        time(n, "created", s.createdAt());
        time(n, "started", s.startedAt());
        time(n, "finished", s.finishedAt());
        n.put("hostCount", s.hostCount());
        n.put("hostsUp", s.hostsUp());
        n.put("openPorts", s.openPorts());
        ObjectNode sev = n.putObject("findings");
        sev.put("critical", s.severities().critical());
        sev.put("high", s.severities().high());
        sev.put("medium", s.severities().medium());
        sev.put("low", s.severities().low());
        sev.put("info", s.severities().info());
        if (s.error() != null) n.put("error", s.error());
        return n;
    }

    static ObjectNode details(ObjectMapper m, ScanRecord s, List<HostRecord> hosts, List<ServiceRecord> services,
                              List<FindingRecord> findings) {
        ObjectNode root = m.createObjectNode();
        root.put("schema", "watchpost-scan/1");
        root.set("scan", scan(m, s));
        Map<Long, ArrayNode> portsByHost = new HashMap<>();
        ArrayNode hostArr = root.putArray("hosts");
        for (HostRecord h : hosts) {
            ObjectNode hn = hostArr.addObject();
            hn.put("address", h.address());
            if (h.hostname() != null) hn.put("hostname", h.hostname());
            hn.put("up", h.up());
            if (h.reason() != null) hn.put("reason", h.reason());
            hn.put("closedPorts", h.closedPorts());
            hn.put("filteredPorts", h.filteredPorts());
            portsByHost.put(h.id(), hn.putArray("ports"));
        }
        for (ServiceRecord sv : services) {
            ArrayNode arr = portsByHost.get(sv.hostId());
            if (arr == null) continue;
            ObjectNode pn = arr.addObject();
            pn.put("port", sv.port());
            pn.put("protocol", sv.protocol());
            pn.put("state", sv.state().toLowerCase());
            if (sv.service() != null) pn.put("service", sv.service());
            if (sv.product() != null) pn.put("product", sv.product());
            if (sv.version() != null) pn.put("version", sv.version());
            if (sv.cpe() != null) pn.put("cpe", sv.cpe());
            pn.put("tls", sv.tls());
            if (sv.banner() != null) pn.put("banner", sv.banner());
            if (sv.extra() != null) pn.put("extra", sv.extra());
        }
        ArrayNode fa = root.putArray("findings");
        for (FindingRecord f : findings) {
            ObjectNode fn = fa.addObject();
            fn.put("check", f.checkId());
            fn.put("severity", f.severity().label());
            if (f.cvss() != null) fn.put("cvss", f.cvss());
            if (f.cvssVector() != null) fn.put("cvssVector", f.cvssVector());
            ArrayNode cves = fn.putArray("cves");
            f.cves().forEach(cves::add);
            if (f.cwe() != null) fn.put("cwe", f.cwe());
            fn.put("title", f.title());
            fn.put("address", f.address());
            fn.put("port", f.port());
            if (f.service() != null) fn.put("service", f.service());
            fn.put("confidence", f.confidence());
            fn.put("knownExploited", f.knownExploited());
            if (f.description() != null) fn.put("description", f.description());
            if (f.remediation() != null) fn.put("remediation", f.remediation());
            if (f.evidence() != null) fn.put("evidence", f.evidence());
        }
        return root;
    }

    private static void time(ObjectNode n, String field, Instant t) {
        if (t == null) n.putNull(field);
        else n.put(field, t.toString());
    }
}
