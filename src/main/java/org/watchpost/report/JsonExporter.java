package org.watchpost.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.watchpost.store.FindingRecord;
import org.watchpost.store.HostRecord;
import org.watchpost.store.ScanRecord;
import org.watchpost.store.ScanRepository;
import org.watchpost.store.ServiceRecord;

/**
 * The {@code watchpost-scan/1} JSON export (docs/export-format.md), written with Jackson's
 * streaming generator while the rows stream from the store: hosts are held (they are few),
 * services and findings are not.
 */
final class JsonExporter {
    static final String SCHEMA = "watchpost-scan/1";
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonExporter() {
    }

    static void write(ScanRepository repo, ScanRecord s, OutputStream out, ReportOptions opts, Job job) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(repo, s, g, opts, job);
        }
    }

    static void write(ScanRepository repo, ScanRecord s, java.io.Writer out, ReportOptions opts, Job job) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(repo, s, g, opts, job);
        }
    }

    private static void write(ScanRepository repo, ScanRecord s, JsonGenerator g, ReportOptions opts, Job job) throws IOException {
        List<HostRecord> hosts = new ArrayList<>();
        repo.forEachHost(s.id(), hosts::add);
        {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeObjectFieldStart("generator");
            g.writeStringField("name", "Watchpost");
            g.writeStringField("version", opts.watchpostVersion());
            g.writeStringField("exportedAt", opts.clock().instant().toString());
            g.writeStringField("datasetDate", opts.datasetDate());
            g.writeEndObject();
            scan(g, s);
            job.progress(0.01, "Hosts and services");
            g.writeArrayFieldStart("hosts");
            java.util.Set<Long> known = new java.util.HashSet<>();
            for (HostRecord h : hosts) known.add(h.id());
            int[] cur = {-1};
            long[] rows = {0};
            long svcTotal = Math.max(1, s.openPorts());
            try {
                repo.forEachService(s.id(), sv -> {
                    try {
                        if (++rows[0] % 1000 == 0) job.progress(0.5 * Math.min(1.0, (double) rows[0] / svcTotal), rows[0] + " services");
                        if (!known.contains(sv.hostId())) return;
                        // both streams are ordered by host id: advance to this service's host
                        while (cur[0] < 0 || hosts.get(cur[0]).id() != sv.hostId()) {
                            if (cur[0] >= 0) endHost(g);
                            startHost(g, hosts.get(++cur[0]));
                        }
                        service(g, sv);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                if (cur[0] >= 0) endHost(g);
                while (cur[0] + 1 < hosts.size()) {
                    startHost(g, hosts.get(++cur[0]));
                    endHost(g);
                }
                g.writeEndArray();
                job.progress(0.5, "Findings");
                g.writeArrayFieldStart("findings");
                long total = Math.max(1, s.severities().total());
                long[] fr = {0};
                repo.forEachFinding(s.id(), f -> {
                    try {
                        if (++fr[0] % 1000 == 0) job.progress(0.5 + 0.5 * Math.min(1.0, (double) fr[0] / total), fr[0] + " findings");
                        finding(g, f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                g.writeEndArray();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            g.writeEndObject();
        }
    }

    private static void scan(JsonGenerator g, ScanRecord s) throws IOException {
        g.writeObjectFieldStart("scan");
        g.writeStringField("id", s.scanId());
        g.writeStringField("name", s.name());
        g.writeStringField("status", s.status().name());
        g.writeObjectFieldStart("config");
        g.writeStringField("targets", s.config().targets());
        g.writeStringField("exclusions", s.config().exclusions());
        g.writeStringField("ports", s.config().ports());
        g.writeBooleanField("discovery", s.config().discovery());
        g.writeNumberField("timeoutMs", s.config().timeoutMs());
        g.writeNumberField("rateLimit", s.config().rateLimit());
        g.writeNumberField("concurrency", s.config().concurrency());
        g.writeBooleanField("serviceDetection", s.config().serviceDetection());
        g.writeBooleanField("checks", s.config().checks());
        g.writeStringField("profile", s.config().profile());
        g.writeEndObject();
        g.writeStringField("origin", s.origin());
        time(g, "created", s.createdAt());
        time(g, "started", s.startedAt());
        time(g, "finished", s.finishedAt());
        g.writeNumberField("hostCount", s.hostCount());
        g.writeNumberField("hostsUp", s.hostsUp());
        g.writeNumberField("openPorts", s.openPorts());
        g.writeObjectFieldStart("findings");
        g.writeNumberField("critical", s.severities().critical());
        g.writeNumberField("high", s.severities().high());
        g.writeNumberField("medium", s.severities().medium());
        g.writeNumberField("low", s.severities().low());
        g.writeNumberField("info", s.severities().info());
        g.writeEndObject();
        if (s.error() != null) g.writeStringField("error", s.error());
        g.writeEndObject();
    }

    private static void startHost(JsonGenerator g, HostRecord h) throws IOException {
        g.writeStartObject();
        g.writeStringField("address", h.address());
        if (h.hostname() != null) g.writeStringField("hostname", h.hostname());
        g.writeBooleanField("up", h.up());
        if (h.reason() != null) g.writeStringField("reason", h.reason());
        if (h.rttMicros() >= 0) g.writeNumberField("rttMicros", h.rttMicros());
        g.writeNumberField("closedPorts", h.closedPorts());
        g.writeNumberField("filteredPorts", h.filteredPorts());
        g.writeArrayFieldStart("ports");
    }

    private static void endHost(JsonGenerator g) throws IOException {
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void service(JsonGenerator g, ServiceRecord sv) throws IOException {
        g.writeStartObject();
        g.writeNumberField("port", sv.port());
        g.writeStringField("protocol", sv.protocol());
        g.writeStringField("state", sv.state().toLowerCase(java.util.Locale.ROOT));
        opt(g, "service", sv.service());
        opt(g, "product", sv.product());
        opt(g, "version", sv.version());
        opt(g, "cpe", sv.cpe());
        g.writeBooleanField("tls", sv.tls());
        opt(g, "banner", sv.banner());
        opt(g, "extra", sv.extra());
        g.writeEndObject();
    }

    private static void finding(JsonGenerator g, FindingRecord f) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", f.id());
        g.writeStringField("check", f.checkId());
        g.writeStringField("severity", f.severity().label());
        if (f.cvss() != null) g.writeNumberField("cvss", f.cvss());
        opt(g, "cvssVector", f.cvssVector());
        g.writeArrayFieldStart("cves");
        for (String c : f.cves()) g.writeString(c);
        g.writeEndArray();
        opt(g, "cwe", f.cwe());
        g.writeStringField("title", f.title());
        opt(g, "address", f.address());
        g.writeNumberField("port", f.port());
        opt(g, "service", f.service());
        opt(g, "confidence", f.confidence());
        g.writeBooleanField("knownExploited", f.knownExploited());
        opt(g, "status", f.status());
        opt(g, "description", f.description());
        opt(g, "remediation", f.remediation());
        opt(g, "evidence", f.evidence());
        time(g, "created", f.createdAt());
        g.writeEndObject();
    }

    private static void opt(JsonGenerator g, String field, String v) throws IOException {
        if (v != null) g.writeStringField(field, v);
    }

    private static void time(JsonGenerator g, String field, Instant t) throws IOException {
        if (t == null) g.writeNullField(field);
        else g.writeStringField(field, t.toString());
    }
}
