package org.watchpost.store;

/** An open port of a host with what was identified on it. */
public record ServiceRecord(long id, long scanId, long hostId, String address, int port, String protocol, String state,
                            long rttMicros, String service, String product, String version, String cpe, boolean tls,
                            String banner, String extra) {
    public String productVersion() {
        if (product == null) return "";
        return version == null ? product : product + " " + version;
    }
}
