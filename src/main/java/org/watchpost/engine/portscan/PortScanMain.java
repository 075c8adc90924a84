package org.watchpost.engine.portscan;

import org.watchpost.engine.Cancellation;
import org.watchpost.engine.model.PortResult;
import org.watchpost.engine.model.PortState;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Minimal command-line entry to the port scanner, for benchmarks and lab checks (the product CLI
 * is {@code watchpost scan}). Prints {@code address port state} for open and filtered ports (and
 * closed ones with {@code --show-closed}), then a {@code #}-prefixed summary.
 *
 * <pre>
 * --targets 127.0.0.1,127.0.0.2,127.0.0.10-20   literal addresses; a-b range in the last IPv4 octet
 * --ports   1-1000 | 22,80,443 | all | @file      (file: ports separated by commas/whitespace)
 * --timeout MS  --min-timeout MS  --retries N  --rate N  --max-in-flight N  --per-host N  --threads N
 * --show-closed  --quiet (summary only)  --progress (progress lines on stderr)
 * </pre>
 */
public final class PortScanMain {
    private PortScanMain() {}

    public static void main(String[] args) {
        try {
            System.exit(run(args, System.out));
        } catch (IllegalArgumentException e) {
            System.err.println("portscan: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args, PrintStream out) {
        String targets = null;
        String ports = null;
        PortScanOptions o = PortScanOptions.defaults();
        boolean showClosed = false;
        boolean quiet = false;
        boolean progress = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--show-closed" -> showClosed = true;
                case "--quiet" -> quiet = true;
                case "--progress" -> progress = true;
                default -> {
                    if (i + 1 >= args.length) throw new IllegalArgumentException("missing value after " + a);
                    String v = args[++i];
                    switch (a) {
                        case "--targets" -> targets = v;
                        case "--ports" -> ports = v;
                        case "--timeout" -> o = o.withTimeouts(num(a, v), Math.min(o.minTimeoutMs(), num(a, v)));
                        case "--min-timeout" -> o = o.withTimeouts(o.initialTimeoutMs(), num(a, v));
                        case "--retries" -> o = o.withRetries(num(a, v));
                        case "--rate" -> o = o.withRateLimit(num(a, v));
                        case "--max-in-flight" -> o = o.withMaxInFlight(num(a, v));
                        case "--per-host" -> o = o.withPerHostInFlight(num(a, v));
                        case "--threads" -> o = o.withSelectorThreads(num(a, v));
                        case "--host-group" -> o = o.withHostGroupSize(num(a, v));
                        default -> throw new IllegalArgumentException("unknown option " + a);
                    }
                }
            }
        }
        if (targets == null) throw new IllegalArgumentException("--targets is required");
        if (ports == null) throw new IllegalArgumentException("--ports is required");
        List<InetAddress> hosts = parseTargets(targets);
        int[] portList = parsePorts(ports);

        StringBuilder buf = new StringBuilder(1 << 16);
        final boolean sc = showClosed;
        final boolean q = quiet;
        final boolean pr = progress;
        final long t0 = System.nanoTime();
        PortScanListener listener = new PortScanListener() {
            @Override
            public void onPort(PortResult r) {
                if (q || (r.state() == PortState.CLOSED && !sc)) return;
                synchronized (buf) {
                    buf.append(r.address()).append(' ').append(r.port()).append(' ')
                            .append(r.state().name().toLowerCase(Locale.ROOT)).append('\n');
                }
            }

            @Override
            public void onProgress(PortScanProgress p) {
                if (pr) {
                    System.err.printf(Locale.ROOT, "# %6d ms  done %d/%d  sent %d  retries %d  %.0f probes/s  in flight %d%n",
                            (System.nanoTime() - t0) / 1_000_000, p.portsDone(), p.portsTotal(), p.probesSent(), p.retries(),
                            p.probesPerSec(), p.inFlight());
                }
            }

            @Override
            public void onEvent(String level, String message) {
                System.err.println("# " + level + ": " + message);
            }
        };
        PortScanSummary s = new PortScanner(o).scan(hosts, portList, listener, new Cancellation());
        synchronized (buf) {
            out.print(buf);
        }
        out.printf(Locale.ROOT, "# hosts=%d ports=%d open=%d closed=%d filtered=%d probes=%d retries=%d elapsed_ms=%d "
                        + "rate=%.0f/s window=%d threads=%d%s%n",
                hosts.size(), portList.length, s.open(), s.closed(), s.filtered(), s.probesSent(), s.retries(), s.elapsedMs(),
                s.elapsedMs() > 0 ? s.probesSent() * 1000.0 / s.elapsedMs() : 0.0, s.window(), o.effectiveSelectorThreads(),
                s.aborted() == null ? "" : " aborted=" + s.aborted());
        out.flush();
        return s.aborted() == null ? 0 : 1;
    }

    private static int num(String opt, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " needs a whole number, got '" + v + "'");
        }
    }

    static List<InetAddress> parseTargets(String spec) {
        List<InetAddress> out = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String t = raw.trim();
            if (t.isEmpty()) continue;
            int dash = t.lastIndexOf('-');
            int dot = t.lastIndexOf('.');
            if (dash > dot && dot > 0 && !t.contains(":")) {
                String prefix = t.substring(0, dot + 1);
                int lo = num("--targets", t.substring(dot + 1, dash));
                int hi = num("--targets", t.substring(dash + 1));
                if (lo < 0 || hi > 255 || lo > hi) throw new IllegalArgumentException("bad range in --targets: " + t);
                for (int i = lo; i <= hi; i++) out.add(literal(prefix + i));
            } else {
                out.add(literal(t));
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("--targets names no host");
        return out;
    }

    private static InetAddress literal(String s) {
        if (!s.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("--targets takes numeric addresses only, got '" + s + "'");
        }
        try {
            return InetAddress.getByName(s);   // numeric: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address in --targets: '" + s + "'");
        }
    }

    static int[] parsePorts(String spec) {
        String s = spec.trim();
        if (s.equals("all")) s = "1-65535";
        if (s.startsWith("@")) {
            try {
                s = Files.readString(Path.of(s.substring(1)));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read port file " + s.substring(1) + ": " + e.getMessage());
            }
        }
        TreeSet<Integer> seen = new TreeSet<>();
        List<Integer> order = new ArrayList<>();
        for (String part : s.split("[,\\s]+")) {
            if (part.isEmpty()) continue;
            int dash = part.indexOf('-');
            int lo = num("--ports", dash < 0 ? part : part.substring(0, dash));
            int hi = dash < 0 ? lo : num("--ports", part.substring(dash + 1));
            if (lo < 1 || hi > 65535 || lo > hi) throw new IllegalArgumentException("bad port or range in --ports: " + part);
            for (int p = lo; p <= hi; p++) if (seen.add(p)) order.add(p);
        }
        if (order.isEmpty()) throw new IllegalArgumentException("--ports names no port");
        return order.stream().mapToInt(Integer::intValue).toArray();
    }
}
