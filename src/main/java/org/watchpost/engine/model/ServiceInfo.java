package org.watchpost.engine.model;

/**
 * What listens on an open port, as identified from what it said.
 *
 * @param service  protocol name ("ssh", "http", "https", "smtp", "redis", …), "unknown" if unidentified
 * @param product  product name ("OpenSSH", "nginx"), null if unknown
 * @param version  version string as announced ("8.2p1", "1.18.0"), null if unknown
 * @param cpe      CPE 2.3 name where known ("cpe:2.3:a:openbsd:openssh:8.2:p1:*:*:*:*:*:*"), else null
 * @param tls      the service spoke TLS (directly, not via STARTTLS)
 * @param banner   printable rendering of the raw bytes received, bounded (see {@link #MAX_BANNER})
 * @param extra    free-form detail (OS hint, distribution, "Ubuntu-4ubuntu0.5"), may be null
 */
public record ServiceInfo(String address, int port, String service, String product, String version,
                          String cpe, boolean tls, String banner, String extra) {
    /** Largest banner kept as evidence, in characters. */
    public static final int MAX_BANNER = 2048;

    public ServiceInfo {
        if (banner != null && banner.length() > MAX_BANNER) banner = banner.substring(0, MAX_BANNER);
    }
}
