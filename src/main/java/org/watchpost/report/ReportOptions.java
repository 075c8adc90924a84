package org.watchpost.report;

import java.time.Clock;
import java.time.ZoneId;

/**
 * What a report needs beyond the scan itself.
 *
 * @param classification  label on every page ("CONFIDENTIAL"), empty for none
 * @param datasetDate     date of the vulnerability dataset the checks used ("2025-06-01"), or "unknown"
 * @param watchpostVersion version that writes the report
 * @param clock           source of the generated-at time and the time zone dates are shown in
 * @param password        when non-empty, the PDF is encrypted (AES-256) and opens only with it
 * @param organisation    who prepared the report, shown on the cover; empty for none
 * @param logo            PNG or JPEG drawn on the cover, or null
 */
public record ReportOptions(String classification, String datasetDate, String watchpostVersion, Clock clock,
                            String password, String organisation, java.nio.file.Path logo) {
    public ReportOptions(String classification, String datasetDate, String watchpostVersion, Clock clock, String password) {
        this(classification, datasetDate, watchpostVersion, clock, password, "", null);
    }

    public ReportOptions {
        organisation = organisation == null ? "" : organisation.strip();
        classification = classification == null ? "" : classification.strip();
        datasetDate = datasetDate == null || datasetDate.isBlank() ? "unknown" : datasetDate.strip();
        watchpostVersion = watchpostVersion == null || watchpostVersion.isBlank() ? "dev" : watchpostVersion.strip();
        clock = clock == null ? Clock.systemDefaultZone() : clock;
    }

    /** CONFIDENTIAL, unknown dataset date, the system clock, no password. */
    public static ReportOptions defaults() {
        return new ReportOptions("CONFIDENTIAL", "unknown", "dev", Clock.systemDefaultZone(), null);
    }

    public ZoneId zone() {
        return clock.getZone();
    }

    public ReportOptions withClassification(String c) {
        return new ReportOptions(c, datasetDate, watchpostVersion, clock, password, organisation, logo);
    }

    public ReportOptions withDatasetDate(String d) {
        return new ReportOptions(classification, d, watchpostVersion, clock, password, organisation, logo);
    }

    public ReportOptions withVersion(String v) {
        return new ReportOptions(classification, datasetDate, v, clock, password, organisation, logo);
    }

    public ReportOptions withClock(Clock c) {
        return new ReportOptions(classification, datasetDate, watchpostVersion, c, password, organisation, logo);
    }

    public ReportOptions withPassword(String p) {
        return new ReportOptions(classification, datasetDate, watchpostVersion, clock, p, organisation, logo);
    }

    public ReportOptions withOrganisation(String org) {
        return new ReportOptions(classification, datasetDate, watchpostVersion, clock, password, org, logo);
    }

    public ReportOptions withLogo(java.nio.file.Path file) {
        return new ReportOptions(classification, datasetDate, watchpostVersion, clock, password, organisation, file);
    }

    @Override
    public String toString() {
        return "ReportOptions[classification=" + classification + ", datasetDate=" + datasetDate + ", version="
                + watchpostVersion + ", password=" + (password == null || password.isEmpty() ? "none" : "***") + "]";
    }
}
