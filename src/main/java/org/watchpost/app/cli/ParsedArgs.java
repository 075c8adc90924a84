package org.watchpost.app.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** What one command was given: its options' values, its positional parameters and the data folder. */
public final class ParsedArgs {
    private final CommandLine line;
    private final List<String> positionals;
    private final String dataDir;

    ParsedArgs(CommandLine line, List<String> positionals, String dataDir) {
        this.line = line;
        this.positionals = List.copyOf(positionals);
        this.dataDir = dataDir;
    }

    /** {@code --data-dir}, wherever it stood; null if not given. */
    public String dataDir() {
        return dataDir;
    }

    public List<String> positionals() {
        return positionals;
    }

    /** The first positional parameter (commands that take exactly one). */
    public String positional() {
        return positionals.get(0);
    }

    public boolean has(String longName) {
        return line.hasOption(longName);
    }

    /** The option's value, or {@code fallback} if it was not given. */
    public String value(String longName, String fallback) {
        String v = line.getOptionValue(longName);
        return v != null ? v : fallback;
    }

    /** Every value of a repeatable option, in order; empty if it was not given. */
    public List<String> values(String longName) {
        String[] v = line.getOptionValues(longName);
        return v == null ? List.of() : Arrays.asList(v);
    }

    public int intValue(String longName, int fallback) throws UsageException {
        String v = line.getOptionValue(longName);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("Invalid value for option '--" + longName + "': '" + v + "' is not an int");
        }
    }

    public long longValue(String longName, long fallback) throws UsageException {
        String v = line.getOptionValue(longName);
        if (v == null) return fallback;
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("Invalid value for option '--" + longName + "': '" + v + "' is not a long");
        }
    }

    /** An enum constant by its exact name; null if the option was not given. */
    public <E extends Enum<E>> E enumValue(String longName, Class<E> type) throws UsageException {
        String v = line.getOptionValue(longName);
        if (v == null) return null;
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) return e;
        }
        throw new UsageException("Invalid value for option '--" + longName + "': expected one of "
                + Arrays.toString(type.getEnumConstants()) + " (case-sensitive) but was '" + v + "'");
    }

    /** A file name; null if the option was not given. */
    public Path path(String longName) throws UsageException {
        String v = line.getOptionValue(longName);
        if (v == null) return null;
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new UsageException("Invalid value for option '--" + longName + "': " + e.getMessage());
        }
    }
}
