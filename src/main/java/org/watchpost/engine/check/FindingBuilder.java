package org.watchpost.engine.check;

import java.util.ArrayList;
import java.util.List;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;

/**
 * Fluent builder for {@link Finding}. Setting a CVSS vector sets the score (computed by
 * {@link Cvss}) and the severity band, so the three always agree.
 */
public final class FindingBuilder {
    /** Confidence values used by checks. */
    public static final String CONFIRMED = "confirmed";
    public static final String FIRM = "firm";

    private final String checkId;
    private final String address;
    private final int port;
    private final String service;
    private Severity severity = Severity.INFO;
    private Double score;
    private String vector;
    private final List<String> cves = new ArrayList<>();
    private String cwe;
    private String title;
    private String description;
    private String remediation;
    private String evidence;
    private String confidence = CONFIRMED;

    private FindingBuilder(String checkId, String address, int port, String service) {
        this.checkId = checkId;
        this.address = address;
        this.port = port;
        this.service = service;
    }

    /** Starts a finding about a service. */
    public static FindingBuilder of(String checkId, ServiceInfo s) {
        return new FindingBuilder(checkId, s.address(), s.port(), s.service());
    }

    /** Sets the CVSS v3.1 vector (with or without the "CVSS:3.1/" prefix), score and severity. */
    public FindingBuilder cvss(String v) {
        this.vector = v.startsWith("CVSS:") ? v : "CVSS:3.1/" + v;
        this.score = Cvss.baseScore(vector);
        this.severity = Severity.fromCvss(score);
        return this;
    }

    /** Sets a severity without a CVSS score (posture findings such as exposure of a service). */
    public FindingBuilder severity(Severity s) {
        this.severity = s;
        return this;
    }

    public FindingBuilder cve(String... ids) {
        for (String id : ids) if (!cves.contains(id)) cves.add(id);
        return this;
    }

    public FindingBuilder cwe(String id) {
        this.cwe = id;
        return this;
    }

    public FindingBuilder title(String t) {
        this.title = t;
        return this;
    }

    public FindingBuilder description(String d) {
        this.description = d;
        return this;
    }

    public FindingBuilder remediation(String r) {
        this.remediation = r;
        return this;
    }

    public FindingBuilder evidence(String e) {
        this.evidence = e;
        return this;
    }

    public FindingBuilder confidence(String c) {
        this.confidence = c;
        return this;
    }

    public Finding build() {
        return new Finding(checkId, severity, score, vector, cves, cwe, title, description, remediation,
                evidence, address, port, service, confidence, false);
    }
}
