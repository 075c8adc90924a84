package org.watchpost.app.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.MissingOptionException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.OptionGroup;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/** Parses one command's arguments with Commons CLI and checks what it cannot: repeats and positional counts. */
public final class CommandParser {
    private CommandParser() {
    }

    /** Whether {@code -h}/{@code --help} (or the given pair) stands among the options, before any {@code --}. */
    public static boolean asks(List<String> tokens, String shortForm, String longForm) {
        for (String t : tokens) {
            if (t.equals("--")) return false;
            if (t.equals(shortForm) || t.equals(longForm)) return true;
        }
        return false;
    }

    /**
     * @param tokens the arguments after the command's name, {@code --data-dir} already taken out
     * @param dataDir the {@code --data-dir} value, or null
     */
    public static ParsedArgs parse(CliCommand cmd, List<String> tokens, String dataDir) throws UsageException {
        CommandLine line;
        try {
            line = DefaultParser.builder()
                    .setAllowPartialMatching(false)             // --port is not --ports
                    .setStripLeadingAndTrailingQuotes(false)    // values exactly as the shell passed them
                    .get()
                    .parse(cmd.options(), tokens.toArray(new String[0]), false);
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("Unknown option: '" + e.getOption() + "'");
        } catch (MissingArgumentException e) {
            throw new UsageException("Missing required parameter for option '" + display(e.getOption()) + "' ("
                    + e.getOption().getArgName() + ")");
        } catch (MissingOptionException e) {
            StringBuilder b = new StringBuilder();
            for (Object o : e.getMissingOptions()) {
                Option opt = o instanceof OptionGroup g ? g.getOptions().iterator().next() : cmd.options().getOption(o.toString());
                if (b.length() > 0) b.append(", ");
                b.append('\'').append(display(opt)).append(' ').append(opt.getArgName()).append('\'');
            }
            throw new UsageException("Missing required option: " + b);
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Option o : line.getOptions()) {
            String key = o.getKey();
            if (seen.merge(key, 1, Integer::sum) == 2 && (o.getLongOpt() == null || !cmd.isRepeatable(o.getLongOpt()))) {
                throw new UsageException("option '" + display(o) + "' should be specified only once");
            }
        }
        List<String> rest = line.getArgList();
        CliCommand.Positionals p = cmd.positionals();
        if (rest.size() < p.min()) {
            throw new UsageException("Missing required parameter" + (p.max() > 1 ? "s" : "") + ": '" + p.label() + "'");
        }
        if (rest.size() > p.max()) {
            throw new UsageException("Unmatched argument: '" + rest.get(p.max()) + "'");
        }
        return new ParsedArgs(line, rest, dataDir);
    }

    static String display(Option o) {
        return o.getLongOpt() != null ? "--" + o.getLongOpt() : "-" + o.getOpt();
    }
}
