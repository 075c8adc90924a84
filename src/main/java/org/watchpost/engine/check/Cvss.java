package org.watchpost.engine.check;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * CVSS v3.1 base score calculator (FIRST specification, section 7.1), so every score
 * a check reports is derived from the vector it reports.
 */
public final class Cvss {
    private Cvss() {
    }

    /**
     * Base score of a CVSS v3.1 vector such as {@code CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N}.
     *
     * @throws IllegalArgumentException naming the missing or bad metric
     */
    public static double baseScore(String vector) {
        if (vector == null) throw new IllegalArgumentException("CVSS vector is missing");
        Map<String, String> m = new HashMap<>();
        for (String part : vector.split("/")) {
            int c = part.indexOf(':');
            if (c > 0) m.put(part.substring(0, c), part.substring(c + 1));
        }
        if (!"3.1".equals(m.get("CVSS")) && !"3.0".equals(m.get("CVSS"))) {
            throw new IllegalArgumentException("not a CVSS v3 vector: " + vector);
        }
        boolean changed = switch (need(m, "S", vector)) {
            case "U" -> false;
            case "C" -> true;
            default -> throw bad("S", vector);
        };
        double av = switch (need(m, "AV", vector)) {
            case "N" -> 0.85; case "A" -> 0.62; case "L" -> 0.55; case "P" -> 0.2; default -> throw bad("AV", vector);
        };
        double ac = switch (need(m, "AC", vector)) {
            case "L" -> 0.77; case "H" -> 0.44; default -> throw bad("AC", vector);
        };
        double pr = switch (need(m, "PR", vector)) {
            case "N" -> 0.85; case "L" -> changed ? 0.68 : 0.62; case "H" -> changed ? 0.5 : 0.27;
            default -> throw bad("PR", vector);
        };
        double ui = switch (need(m, "UI", vector)) {
            case "N" -> 0.85; case "R" -> 0.62; default -> throw bad("UI", vector);
        };
        double c = cia(need(m, "C", vector), "C", vector);
        double i = cia(need(m, "I", vector), "I", vector);
        double a = cia(need(m, "A", vector), "A", vector);
        double iss = 1 - (1 - c) * (1 - i) * (1 - a);
        double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
        double exploitability = 8.22 * av * ac * pr * ui;
        if (impact <= 0) return 0.0;
        double raw = changed ? Math.min(1.08 * (impact + exploitability), 10) : Math.min(impact + exploitability, 10);
        return roundUp(raw);
    }

    private static double cia(String v, String name, String vector) {
        return switch (v) {
            case "H" -> 0.56; case "L" -> 0.22; case "N" -> 0.0; default -> throw bad(name, vector);
        };
    }

    private static String need(Map<String, String> m, String key, String vector) {
        String v = m.get(key);
        if (v == null) throw new IllegalArgumentException("CVSS vector lacks metric " + key + ": " + vector);
        return v;
    }

    private static IllegalArgumentException bad(String metric, String vector) {
        return new IllegalArgumentException("bad value for CVSS metric " + metric + " in " + vector);
    }

    /** The specification's Roundup: smallest number with one decimal that is >= the input. */
    static double roundUp(double x) {
        long i = new BigDecimal(x).multiply(BigDecimal.valueOf(100000)).setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        if (i % 10000 == 0) return i / 100000.0;
        return (Math.floor(i / 10000.0) + 1) / 10.0;
    }
}
