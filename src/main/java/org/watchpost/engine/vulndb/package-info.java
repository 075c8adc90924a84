/**
 * Offline vulnerability knowledge: product and version to CVE, with CVSS, CWE, CISA KEV and
 * EPSS, from NVD CPE match criteria. Nothing is fetched from the network.
 *
 * <ul>
 *   <li>{@link org.watchpost.engine.vulndb.VulnDb} — read side: {@code match(vendor, product, version)},
 *       {@code match(ServiceInfo)}, {@code info()}, {@code isStale(Clock)}.</li>
 *   <li>{@link org.watchpost.engine.vulndb.VulnDbCheck} — matches as {@code vulndb.cve} findings.</li>
 *   <li>{@link org.watchpost.engine.vulndb.VulnDbImporter} — transactional, validating, streaming
 *       import of NVD JSON 2.0, KEV JSON and EPSS CSV files (air-gapped updates).</li>
 *   <li>{@link org.watchpost.engine.vulndb.VulnDbInstaller} — expands the bundled dataset into the
 *       data folder; {@link org.watchpost.engine.vulndb.BuildVulnDb} rebuilds that dataset.</li>
 * </ul>
 *
 * The database is its own SQLite file ({@code vulndb.sqlite}), separate from the scan store.
 */
package org.watchpost.engine.vulndb;
