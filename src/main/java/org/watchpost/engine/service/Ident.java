package org.watchpost.engine.service;

/** What one answer says about the service (package-internal; becomes a ServiceInfo). */
record Ident(String service, String product, String version, String extra) {
    static Ident of(String service) {
        return new Ident(service, null, null, null);
    }

    Ident withService(String s) {
        return new Ident(s, product, version, extra);
    }

    Ident withExtra(String e) {
        return new Ident(service, product, version, e);
    }

    Ident addExtra(String e) {
        if (e == null || e.isBlank()) return this;
        return withExtra(extra == null || extra.isBlank() ? e : extra + "; " + e);
    }
}
