package org.watchpost.engine.service;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.ServiceInfo;

/**
 * Command-line front for manual runs and the comparison bench:
 * {@code IdentifyMain [--deadline-ms=N] [--no-hints] host:port…}. Prints one tab-separated line
 * per port (address:port, service, product, version, tls, cpe, extra) as results arrive, and the
 * wall time on standard error.
 */
public final class IdentifyMain {
    private IdentifyMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        IdentifyOptions opts = IdentifyOptions.defaults();
        List<HostPort> targets = new ArrayList<>();
        try {
            for (String a : args) {
                if (a.startsWith("--deadline-ms=")) {
                    opts = opts.withDeadlineMs(Integer.parseInt(a.substring(14)));
                } else if (a.equals("--no-hints")) {
                    opts = opts.withPortHints(false);
                } else if (a.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + a);
                } else {
                    targets.add(HostPort.parse(a));
                }
            }
        } catch (NumberFormatException e) {
            err.println("error: bad number in --deadline-ms");
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (targets.isEmpty()) {
            err.println("usage: IdentifyMain [--deadline-ms=N] [--no-hints] host:port...");
            return 2;
        }
        long t0 = System.nanoTime();
        new ServiceIdentifier(opts).identifyAll(targets, info -> print(out, info), new Cancellation());
        err.printf("identified %d port(s) in %d ms%n", targets.size(), (System.nanoTime() - t0) / 1_000_000L);
        return 0;
    }

    private static synchronized void print(PrintStream out, ServiceInfo s) {
        String addr = s.address().indexOf(':') >= 0 ? "[" + s.address() + "]" : s.address();
        out.println(addr + ":" + s.port() + "\t" + s.service() + "\t" + dash(s.product()) + "\t" + dash(s.version())
                + "\t" + (s.tls() ? "tls" : "-") + "\t" + dash(s.cpe()) + "\t" + dash(s.extra()));
        out.flush();
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s.replace('\t', ' ');
    }
}
