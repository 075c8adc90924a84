package org.watchpost.engine.check;

import java.util.Locale;
import org.watchpost.engine.model.ServiceInfo;

/** Service-name and port matching shared by the checks' {@code appliesTo}. */
final class Svc {
    private Svc() {
    }

    static String name(ServiceInfo s) {
        return s.service() == null ? "" : s.service().toLowerCase(Locale.ROOT);
    }

    static boolean unknown(ServiceInfo s) {
        String n = name(s);
        return n.isEmpty() || n.equals("unknown");
    }

    /** True if the service has one of the names, or is unidentified and on one of the ports. */
    static boolean is(ServiceInfo s, String[] names, int... ports) {
        String n = name(s);
        for (String x : names) if (n.equals(x)) return true;
        if (unknown(s)) for (int p : ports) if (s.port() == p) return true;
        return false;
    }
}
