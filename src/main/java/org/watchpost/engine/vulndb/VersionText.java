package org.watchpost.engine.vulndb;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the upstream version and any distribution package marker out of what a service
 * announced: {@code "SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5"} → version {@code 8.2p1},
 * distribution {@code Ubuntu-4ubuntu0.5}; {@code "Apache/2.4.49 (Unix)"} → {@code 2.4.49};
 * {@code "nginx/1.18.0"} → {@code 1.18.0}.
 */
public final class VersionText {
    private VersionText() {
    }

    /** SSH identification prefix, whose protocol version must not be taken for the product's. */
    private static final Pattern SSH_PREFIX = Pattern.compile("^SSH-\\d+\\.\\d+-");

    /**
     * A version token, not glued to a preceding letter, digit or dot: dotted numbers with an
     * optional letter suffix (1.0.1f, 8.2p1, 7.0-rc1) or a number with a patch suffix (9p1).
     */
    private static final Pattern VERSION = Pattern.compile(
            "(?<![A-Za-z0-9.])v?(\\d+(?:\\.\\d+)+[a-z]*\\d*(?:[.-](?:rc|beta|alpha)\\d*)?|\\d+p\\d+)",
            Pattern.CASE_INSENSITIVE);

    /** Distribution package markers, most specific first. */
    private static final Pattern[] DISTRIBUTION = {
            Pattern.compile("\\bUbuntu-[\\w.+~:-]+"),
            Pattern.compile("\\bDebian-[\\w.+~:-]+"),
            Pattern.compile("\\b[\\w.~]*\\+?deb\\d+u\\d+[\\w.~]*"),
            Pattern.compile("\\b\\d[\\w.~-]*ubuntu\\d[\\w.~]*"),
            Pattern.compile("\\bFreeBSD-\\d+"),
            Pattern.compile("(?<=[.\\-_])el\\d+(?:_\\d+)*\\b"),
            Pattern.compile("(?<=[.\\-_])fc\\d+\\b"),
            Pattern.compile("(?<=[.\\-_])amzn\\d+\\b"),
            Pattern.compile("\\((?:Ubuntu|Debian|CentOS|Red Hat(?: Enterprise Linux)?|Fedora|SUSE|openSUSE|Raspbian|Rocky Linux|AlmaLinux|Amazon Linux)\\)"),
            Pattern.compile("\\b(?:Ubuntu|Debian|Raspbian)\\b"),
    };

    /**
     * The first upstream version number in the text, or empty when none is found.
     * A leading SSH identification ({@code SSH-2.0-}) is skipped.
     */
    public static Optional<String> extractVersion(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        String t = SSH_PREFIX.matcher(text.trim()).replaceFirst("");
        Matcher m = VERSION.matcher(t);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The distribution package marker found in any of the texts ({@code Ubuntu-4ubuntu0.5},
     * {@code Debian-5+deb11u1}, {@code deb12u3}, {@code el8}, {@code (Ubuntu)}), or empty.
     * Such a build may carry a backported fix while still announcing the old upstream version.
     */
    public static Optional<String> distributionHint(String... texts) {
        for (Pattern p : DISTRIBUTION) {
            for (String text : texts) {
                if (text == null) continue;
                Matcher m = p.matcher(text);
                if (m.find()) return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }
}
