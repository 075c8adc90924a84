package org.watchpost.engine.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ScanListener;
import org.watchpost.engine.model.ServiceInfo;

/**
 * Command-line runner for the checks, for lab comparisons:
 * {@code CheckMain [--name host | --name address=host]… host:port:service[:tls] …}. A target
 * given by name (or named with --name) has that name used for TLS name matching, SNI and
 * AXFR; prints one line per finding.
 */
public final class CheckMain {
    private CheckMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: CheckMain [--name hostname | --name address=hostname]... [--verbose] host:port:service[:tls] ...");
            System.exit(2);
        }
        List<ServiceInfo> services = new ArrayList<>();
        CheckContext.Builder b = CheckContext.builder().connectTimeoutMs(3000).readTimeoutMs(5000).checkTimeoutMs(120_000);
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--name") && i + 1 < args.length) {
                String n = args[++i];
                int eq = n.indexOf('=');
                if (eq > 0) b.hostName(n.substring(0, eq), n.substring(eq + 1));
                else b.hostName(n);
                continue;
            }
            if (a.equals("--verbose")) {
                verbose = true;
                continue;
            }
            String[] p = a.split(":");
            if (p.length < 3 || p.length > 4 || (p.length == 4 && !p[3].equalsIgnoreCase("tls"))) {
                System.err.println("bad target '" + a + "' (argument " + (i + 1) + "): expected host:port:service[:tls]");
                System.exit(2);
            }
            int port;
            try {
                port = Integer.parseInt(p[1]);
                if (port < 1 || port > 65535) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                System.err.println("bad port '" + p[1] + "' in target '" + a + "': expected 1-65535");
                System.exit(2);
                return;
            }
            String address;
            try {
                address = InetAddress.getByName(p[0]).getHostAddress();
            } catch (UnknownHostException e) {
                System.err.println("cannot resolve host '" + p[0] + "' in target '" + a + "'");
                System.exit(2);
                return;
            }
            if (!address.equals(p[0])) b.hostName(address, p[0]);
            services.add(new ServiceInfo(address, port, p[2].toLowerCase(Locale.ROOT), null, null, null, p.length == 4, null, null));
        }
        ScanListener l = new ScanListener() {
            @Override
            public void onEvent(String level, String message) {
                System.err.println("[" + level + "] " + message);
            }
        };
        long t0 = System.nanoTime();
        List<Finding> found = new CheckRunner(Checks.all(), 4, l).run(services, b.build());
        for (Finding f : found) {
            System.out.printf("%-8s %-28s %s:%d %s%s%n", f.severity().label(), f.checkId(), f.address(), f.port(), f.title(),
                    f.cvssScore() == null ? "" : " [CVSS " + f.cvssScore() + "]" + (f.cves().isEmpty() ? "" : " " + String.join(",", f.cves())));
            if (verbose && f.evidence() != null) {
                for (String line : f.evidence().split("\n")) System.out.println("           | " + line);
            }
        }
        System.out.printf("%d findings on %d services in %.1f s%n", found.size(), services.size(), (System.nanoTime() - t0) / 1e9);
    }
}
