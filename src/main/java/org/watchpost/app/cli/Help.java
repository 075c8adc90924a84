package org.watchpost.app.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.cli.HelpFormatter;

/** Help text of a command: usage line, description, parameters, options (Commons CLI's table) and sub-commands. */
public final class Help {
    static final int WIDTH = 100;

    private Help() {
    }

    /** {@code Usage: watchpost scan [OPTIONS] TARGET...}. */
    public static String usageLine(String path, CliCommand cmd) {
        StringBuilder b = new StringBuilder("Usage: ").append(path).append(" [OPTIONS]");
        String p = cmd.positionals().synopsis();
        if (!p.isEmpty()) b.append(' ').append(p);
        if (!cmd.subcommands().isEmpty()) b.append(" [COMMAND]");
        return b.toString();
    }

    /** The one-line hint printed after a usage error. */
    public static String hint(String path, CliCommand cmd) {
        return usageLine(path, cmd) + System.lineSeparator() + "Try '" + path + " --help' for more information.";
    }

    public static void print(PrintWriter w, String path, CliCommand cmd) {
        HelpFormatter f = HelpFormatter.builder().setPrintWriter(w).get();
        f.setOptionComparator(null); // declaration order, not alphabetical
        w.println(usageLine(path, cmd));
        for (String line : cmd.description()) f.printWrapped(w, WIDTH, line);
        CliCommand.Positionals p = cmd.positionals();
        if (p.max() > 0) {
            w.println();
            w.println("Parameters:");
            f.printWrapped(w, WIDTH, 4 + p.synopsis().length() + 3, "  " + p.synopsis() + "   " + p.description());
        }
        w.println();
        w.println("Options:");
        f.printOptions(w, WIDTH, cmd.options(), 2, 3);
        Map<String, Supplier<CliCommand>> subs = cmd.subcommands();
        if (!subs.isEmpty()) {
            w.println();
            w.println("Commands:");
            int width = subs.keySet().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, Supplier<CliCommand>> e : subs.entrySet()) {
                String name = String.format("  %-" + width + "s   ", e.getKey());
                f.printWrapped(w, WIDTH, name.length(), name + e.getValue().get().description().get(0));
            }
        }
        w.flush();
    }
}
