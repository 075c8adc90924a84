package org.watchpost.engine.vulndb;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the vulnerability database holds and how old it is.
 *
 * @param datasetDate   the oldest of the NVD and KEV data dates (feed timestamp, catalog
 *                      dateReleased): knowledge is complete up to this day; null when empty
 * @param schemaVersion schema version of the file
 * @param cves          CVE records
 * @param cpeMatches    CPE match criteria
 * @param kevEntries    CISA KEV entries
 * @param epssScores    EPSS scores
 * @param sources       one per imported source kind (nvd, kev, epss)
 */
public record DatasetInfo(LocalDate datasetDate, int schemaVersion, long cves, long cpeMatches, long kevEntries,
                          long epssScores, List<Source> sources) {

    /**
     * One imported source.
     *
     * @param name    "nvd", "kev" or "epss"
     * @param version feed format version, KEV catalogVersion, EPSS model_version (may be null)
     * @param date    date of the data as the file states it (feed timestamp, dateReleased, score_date), may be null
     * @param records rows of that source in the database
     * @param file    name of the last file imported
     */
    public record Source(String name, String version, String date, long records, String file) {
    }

    public DatasetInfo {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** The source of that name, if imported. */
    public Optional<Source> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
