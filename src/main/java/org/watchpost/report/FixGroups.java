package org.watchpost.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.watchpost.engine.model.Severity;
import org.watchpost.store.FindingRecord;

/**
 * Findings grouped by the fix that removes them. The key is the first line of the remediation
 * text (normalised), else the check ID, so "Upgrade OpenSSH to 9.8p1 or later" gathers every CVE
 * of that product on every host. Memory stays bounded: per group at most {@link #MAX_ASSETS}
 * affected locations and {@link #MAX_CVES} CVE IDs are kept, the rest only counted.
 */
final class FixGroups {
    static final int MAX_ASSETS = 200;
    static final int MAX_CVES = 300;
    private static final int MAX_GROUPS = 5000;

    /** One affected location of a group. */
    static final class Asset {
        final String location;
        final String service;
        int findings;
        Severity worst = Severity.INFO;
        final Set<String> cves = new TreeSet<>();

        Asset(String location, String service) {
            this.location = location;
            this.service = service;
        }
    }

    static final class Group {
        final String key;
        String action;
        /** For "upgrade the product" groups: the product and the lowest version that fixes every finding in it. */
        String product;
        String targetVersion;
        boolean targetInclusive;
        String steps;
        String checkId;
        String title;
        String service;
        Severity worst = Severity.INFO;
        double maxCvss = -1;
        boolean kev;
        long findings;
        long cveCount;
        final Set<String> cves = new TreeSet<>();
        final Set<String> hosts = new LinkedHashSet<>();
        final Map<String, Asset> assets = new LinkedHashMap<>();
        long assetCount;

        Group(String key, String action) {
            this.key = key;
            this.action = action;
        }

        /** Several upgrade advices for one product become one: upgrade to the highest version any of them needs. */
        void merge(Upgrade u) {
            product = u.product();
            if (u.version() != null) {
                int c = targetVersion == null ? 1 : compareVersions(u.version(), targetVersion);
                if (c > 0 || c == 0 && !u.inclusive()) {
                    targetVersion = u.version();
                    targetInclusive = u.inclusive();
                }
            }
            action = targetVersion == null ? "Upgrade " + product + " to a release that fixes the listed CVEs (see the vendor advisories)"
                    : targetInclusive ? "Upgrade " + product + " to " + targetVersion + " or later"
                    : "Upgrade " + product + " to a version later than " + targetVersion;
        }

        /** "Upgrade OpenSSH to 9.8p1 or later: 3 CVEs on 4 hosts". */
        String label() {
            String what = cveCount > 0 ? Risk.plural(cveCount, "CVE") : Risk.plural(findings, "finding");
            return action + ": " + what + " on " + Risk.plural(hosts.size(), "host");
        }
    }

    private final Map<String, Group> groups = new HashMap<>();
    long total;
    long kevFindings;
    long kevHighOrWorse;
    final Set<String> hostsWithSerious = new LinkedHashSet<>();

    void add(FindingRecord f) {
        total++;
        if (f.knownExploited()) {
            kevFindings++;
            if (f.severity().compareTo(Severity.HIGH) <= 0) kevHighOrWorse++;
        }
        if (f.severity().compareTo(Severity.HIGH) <= 0 && f.address() != null) hostsWithSerious.add(f.address());
        String rem = f.remediation() == null ? "" : f.remediation().strip();
        String first = firstLine(rem);
        Upgrade up = Upgrade.parse(first);
        String key = up != null ? "upgrade:" + up.product().toLowerCase(Locale.ROOT)
                : first.isEmpty() ? "check:" + f.checkId() : "fix:" + first.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Group g = groups.get(key);
        if (g == null) {
            if (groups.size() >= MAX_GROUPS) key = "other";
            g = groups.computeIfAbsent(key, k -> new Group(k, first.isEmpty()
                    ? "Resolve: " + SafeText.clean(f.title(), 160, false, null) : first));
        }
        if (up != null) g.merge(up);
        g.findings++;
        if (g.steps == null || f.severity().compareTo(g.worst) < 0) {
            g.steps = rem.isEmpty() ? null : rem;
            g.checkId = f.checkId();
            g.title = f.title();
            g.service = f.service();
        }
        if (f.severity().compareTo(g.worst) < 0) g.worst = f.severity();
        if (f.cvss() != null) g.maxCvss = Math.max(g.maxCvss, f.cvss());
        g.kev |= f.knownExploited();
        for (String c : f.cves()) {
            if (g.cves.contains(c)) continue;
            g.cveCount++;
            if (g.cves.size() < MAX_CVES) g.cves.add(c);
        }
        if (f.address() != null && g.hosts.size() < 100_000) g.hosts.add(f.address());
        String loc = f.location();
        Asset a = g.assets.get(loc);
        if (a == null) {
            g.assetCount++;
            if (g.assets.size() < MAX_ASSETS) {
                a = new Asset(loc, f.service());
                g.assets.put(loc, a);
            }
        }
        if (a != null) {
            a.findings++;
            if (f.severity().compareTo(a.worst) < 0) a.worst = f.severity();
            for (String c : f.cves()) if (a.cves.size() < 50) a.cves.add(c);
        }
    }

    /** Priority order: known-exploited first, then severity, then exposure (hosts), then CVSS. */
    List<Group> ordered() {
        List<Group> out = new ArrayList<>(groups.values());
        out.sort(Comparator.comparing((Group g) -> !g.kev)
                .thenComparing(g -> g.worst)
                .thenComparing(g -> -g.hosts.size())
                .thenComparing(g -> -g.maxCvss)
                .thenComparing(g -> -g.findings)
                .thenComparing(g -> g.action));
        return out;
    }

    int size() {
        return groups.size();
    }

    /** An "upgrade product to version" advice, as the vulnerability checks write them. */
    record Upgrade(String product, String version, boolean inclusive) {
        private static final java.util.regex.Pattern OR_LATER =
                java.util.regex.Pattern.compile("^Upgrade (.{1,80}?) to (?:version )?([0-9][\\w.\\-]*) or later\\.?$");
        private static final java.util.regex.Pattern LATER_THAN =
                java.util.regex.Pattern.compile("^Upgrade (.{1,80}?) to a version later than ([0-9][\\w.\\-]*?)\\.?$");
        private static final java.util.regex.Pattern ADVISORY =
                java.util.regex.Pattern.compile("^Upgrade (.{1,80}?) to a release not affected by .*$");

        static Upgrade parse(String firstLine) {
            if (firstLine == null) return null;
            var m = OR_LATER.matcher(firstLine);
            if (m.matches()) return new Upgrade(m.group(1), m.group(2), true);
            m = LATER_THAN.matcher(firstLine);
            if (m.matches()) return new Upgrade(m.group(1), m.group(2), false);
            m = ADVISORY.matcher(firstLine);
            if (m.matches()) return new Upgrade(m.group(1), null, true);
            return null;
        }
    }

    /** Compares dotted versions part by part, numbers numerically ("9.10" > "9.8p1" > "9.8"). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)|[.\\-_]");
        String[] y = b.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)|[.\\-_]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "";
            String q = i < y.length ? y[i] : "";
            if (p.equals(q)) continue;
            if (p.isEmpty()) return -1;
            if (q.isEmpty()) return 1;
            boolean pn = p.chars().allMatch(Character::isDigit);
            boolean qn = q.chars().allMatch(Character::isDigit);
            if (pn && qn) {
                int c = new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
                if (c != 0) return c;
            } else if (pn != qn) {
                return pn ? 1 : -1;
            } else {
                int c = p.compareTo(q);
                if (c != 0) return c;
            }
        }
        return 0;
    }

    static String firstLine(String text) {
        if (text == null) return "";
        String t = text.strip();
        int nl = t.indexOf('\n');
        if (nl >= 0) t = t.substring(0, nl).strip();
        int dot = sentenceEnd(t);
        if (dot > 0) t = t.substring(0, dot);
        t = SafeText.clean(t, 400, false, null);
        if (t.length() > 160) t = t.substring(0, 159) + "…";
        return t;
    }

    private static int sentenceEnd(String t) {
        for (int i = 0; i < t.length() - 1; i++) {
            if (t.charAt(i) == '.' && t.charAt(i + 1) == ' ' && i > 0 && !Character.isDigit(t.charAt(i - 1))) return i;
        }
        return t.endsWith(".") ? t.length() - 1 : -1;
    }
}
