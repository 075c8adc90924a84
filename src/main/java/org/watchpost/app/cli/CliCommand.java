package org.watchpost.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.watchpost.app.AppContext;
import org.watchpost.store.ScanIds;

/**
 * One headless command: its name, description, options and positional parameters, and what it
 * does. Plain code, no annotations: {@code Main} builds only the command named on the command line.
 * A command with sub-commands ({@code investigations list}) lists them in {@link #subcommands()};
 * its own {@link #run} is what the bare command does.
 */
public abstract class CliCommand {
    /** Positional parameters: their label, how many at least and at most, and what they are. */
    public record Positionals(String label, int min, int max, String description) {
        public static final Positionals NONE = new Positionals("", 0, 0, "");

        public static Positionals one(String label, String description) {
            return new Positionals(label, 1, 1, description);
        }

        public static Positionals oneOrMore(String label, String description) {
            return new Positionals(label, 1, Integer.MAX_VALUE, description);
        }

        /** How the usage line shows them: {@code SCAN-ID}, {@code TARGET...}. */
        public String synopsis() {
            if (max == 0) return "";
            String s = max > 1 ? label + "..." : label;
            return min == 0 ? "[" + s + "]" : s;
        }
    }

    private Options options;

    /** The word that names the command. */
    public abstract String name();

    /** What the command does; the first line is its summary in command lists. */
    public abstract List<String> description();

    /** Adds the command's own options ({@code --help}, {@code --version} and {@code --data-dir} are added for it). */
    protected void addOptions(Options o) {
    }

    /** Long names of options that may be given more than once (their values add up). */
    protected Set<String> repeatable() {
        return Set.of();
    }

    public Positionals positionals() {
        return Positionals.NONE;
    }

    /** Sub-commands by name, in the order help lists them; empty for most commands. */
    public Map<String, Supplier<CliCommand>> subcommands() {
        return Map.of();
    }

    /** Runs the command; returns its exit code. A {@link UsageException} becomes exit code 2 with a usage hint. */
    public abstract int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws Exception;

    /** What a command with sub-commands does bare: prints its help; returns {@code exitCode}. */
    protected final int printHelp(PrintWriter out, int exitCode) {
        Help.print(out, "watchpost " + name(), this);
        return exitCode;
    }

    /** The command's options, built on first use, with the standard ones. */
    public final Options options() {
        if (options == null) {
            Options o = new Options();
            addOptions(o);
            o.addOption(Option.builder().longOpt("data-dir").hasArg().argName("DIR")
                    .desc("Folder holding the database (default: $WATCHPOST_HOME, else the per-user data folder).").get());
            o.addOption(Option.builder("h").longOpt("help").desc("Show this help message and exit.").get());
            o.addOption(Option.builder("V").longOpt("version").desc("Print version information and exit.").get());
            options = o;
        }
        return options;
    }

    final boolean isRepeatable(String longName) {
        return repeatable().contains(longName);
    }

    /** A helper for building a command's sub-command table in order. */
    protected static Map<String, Supplier<CliCommand>> ordered(List<Supplier<CliCommand>> commands) {
        Map<String, Supplier<CliCommand>> m = new LinkedHashMap<>();
        for (Supplier<CliCommand> s : commands) m.put(s.get().name(), s);
        return m;
    }

    /** An option with a value. */
    protected static Option valued(String shortName, String longName, String argName, String description) {
        return Option.builder(shortName).longOpt(longName).hasArg().argName(argName).desc(description).get();
    }

    /** An option without a value. */
    protected static Option flag(String shortName, String longName, String description) {
        return Option.builder(shortName).longOpt(longName).desc(description).get();
    }

    protected static AppContext open(ParsedArgs args) {
        return AppContext.open(args.dataDir());
    }

    /** Parses scan IDs; a bad one is a usage error naming it. */
    protected static List<Long> ids(List<String> texts) throws UsageException {
        List<Long> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(ScanIds.parse(t));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return out;
    }
}
