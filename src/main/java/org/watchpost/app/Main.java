package org.watchpost.app;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.application.Application;
import org.watchpost.app.cli.CliCommand;
import org.watchpost.app.cli.CommandParser;
import org.watchpost.app.cli.DeleteCommand;
import org.watchpost.app.cli.ExportCommand;
import org.watchpost.app.cli.Help;
import org.watchpost.app.cli.InvestigationsCommand;
import org.watchpost.app.cli.MonitorsCommand;
import org.watchpost.app.cli.ParsedArgs;
import org.watchpost.app.cli.ReportCommand;
import org.watchpost.app.cli.ScanCommand;
import org.watchpost.app.cli.ScansCommand;
import org.watchpost.app.cli.ShowCommand;
import org.watchpost.app.cli.StopCommand;
import org.watchpost.app.cli.UsageException;
import org.watchpost.app.cli.VulnDbCommand;
import org.watchpost.store.StoreException;
import org.watchpost.ui.common.StartupTrace;

/**
 * Entry point. With no command it opens the desktop application; commands run headless on the
 * same database. Not an {@link Application} subclass, so a plain fat jar starts it.
 *
 * <p>Dispatch: {@code --data-dir} is taken out wherever it stands, the first word that is not an
 * option names the command (then, for {@code investigations}, {@code monitors} and {@code vulndb},
 * the next one its sub-command), and only that command's options are built and parsed.
 */
public final class Main {
    /** Exit codes a script can rely on. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    public static final int STORE_ERROR = 4;

    private static final String NAME = "watchpost";

    /** Commands by name, in the order {@code --help} lists them. */
    private static final Map<String, Supplier<CliCommand>> COMMANDS = new LinkedHashMap<>();
    static {
        COMMANDS.put("scan", ScanCommand::new);
        COMMANDS.put("scans", ScansCommand::new);
        COMMANDS.put("show", ShowCommand::new);
        COMMANDS.put("stop", StopCommand::new);
        COMMANDS.put("delete", DeleteCommand::new);
        COMMANDS.put("report", ReportCommand::new);
        COMMANDS.put("export", ExportCommand::new);
        COMMANDS.put("investigations", InvestigationsCommand::new);
        COMMANDS.put("monitors", MonitorsCommand::new);
        COMMANDS.put("vulndb", VulnDbCommand::new);
        COMMANDS.put("help", HelpCommand::new);
    }

    private Main() {
    }

    public static void main(String[] args) {
        StartupTrace.mark("main");
        if (DesktopMain.windowOnly(args)) {
            // the window alone (java -jar, the packaged launcher): no command line to parse, and the
            // database opens while the toolkit starts
            DesktopMain.main(args);
            return;
        }
        LogSetup.configure(args); // before the first logger exists
        LogSetup.initInBackground();
        if (usesDatabase(args)) AppContext.preopen(LogSetup.dataDirFlag(args));
        int code = run(args);
        StartupTrace.mark("command done");
        AppContext.discardPreopened();
        System.exit(code);
    }

    /** Runs a command line on standard output and error. */
    public static int run(String... args) {
        Charset cs = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, cs), true);
        try {
            return run(out, err, args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Whether these arguments run a command that opens the database (not help, version or the window). */
    static boolean usesDatabase(String[] args) {
        boolean command = false;
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V") || a.equals("help")) return false;
            if (COMMANDS.containsKey(a)) command = true;
        }
        return command;
    }

    /** What a command line resolves to: the command (path and object), its own arguments and the data folder. */
    record Invocation(String path, CliCommand command, List<String> tokens, String dataDir) {
    }

    /**
     * Runs a command line, printing to {@code out} and {@code err}; returns the exit code.
     * Usage errors print the message and a short usage hint to {@code err} and return {@link #USAGE}.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Invocation inv;
        try {
            inv = resolve(args);
        } catch (Unresolved u) {
            return usageError(err, u.path, u.command, u.getMessage());
        }
        StartupTrace.mark("command line built");
        CliCommand cmd = inv.command();
        if (CommandParser.asks(inv.tokens(), "-h", "--help")) {
            Help.print(out, inv.path(), cmd);
            return OK;
        }
        if (CommandParser.asks(inv.tokens(), "-V", "--version")) {
            out.println("Watchpost " + Version.get());
            out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
            out.flush();
            return OK;
        }
        try {
            ParsedArgs parsed = CommandParser.parse(cmd, inv.tokens(), inv.dataDir());
            int code = cmd.run(parsed, out, err);
            out.flush();
            return code;
        } catch (UsageException e) {
            out.flush();
            return usageError(err, inv.path(), cmd, e.getMessage());
        } catch (StoreException e) {
            out.flush();
            err.println(NAME + ": " + e.getMessage());
            return STORE_ERROR;
        } catch (Exception e) {
            out.flush();
            err.println(NAME + ": " + e.getMessage());
            return FAILED;
        } finally {
            err.flush();
        }
    }

    private static int usageError(PrintWriter err, String path, CliCommand cmd, String message) {
        err.println(path + ": " + message);
        err.println(Help.hint(path, cmd));
        err.flush();
        return USAGE;
    }

    /** A command line that names no command we know, or an option before the command that no command takes. */
    static final class Unresolved extends Exception {
        private static final long serialVersionUID = 1L;
        final transient String path;
        final transient CliCommand command;

        Unresolved(String path, CliCommand command, String message) {
            super(message);
            this.path = path;
            this.command = command;
        }
    }

    /** Finds the command a command line names, building only it (and its parent, for a sub-command). */
    static Invocation resolve(String... args) throws Unresolved {
        String dataDir = null;
        List<String> rest = new ArrayList<>();
        boolean literal = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!literal && a.equals("--")) literal = true;
            boolean spaced = a.equals("--data-dir");
            if (!literal && (spaced || a.startsWith("--data-dir="))) {
                if (dataDir != null) throw new Unresolved(NAME, new Root(), "option '--data-dir' should be specified only once");
                if (spaced && i + 1 >= args.length) {
                    throw new Unresolved(NAME, new Root(), "Missing required parameter for option '--data-dir' (DIR)");
                }
                dataDir = spaced ? args[++i] : a.substring("--data-dir=".length());
            } else {
                rest.add(a);
            }
        }
        CliCommand cmd = new Root();
        String path = NAME;
        int at = 0;
        while (!cmd.subcommands().isEmpty()) {
            int word = -1;
            for (int i = at; i < rest.size(); i++) {
                String t = rest.get(i);
                if (t.equals("--")) break;
                if (t.equals("-h") || t.equals("--help") || t.equals("-V") || t.equals("--version")) continue;
                if (t.startsWith("-")) throw new Unresolved(path, cmd, "Unknown option: '" + t + "'");
                word = i;
                break;
            }
            if (word < 0) break;                                           // the bare command (or its help)
            if (CommandParser.asks(rest.subList(at, word), "-h", "--help")
                    || CommandParser.asks(rest.subList(at, word), "-V", "--version")) {
                break;                                                     // watchpost --help scan: the top help
            }
            Supplier<CliCommand> sub = cmd.subcommands().get(rest.get(word));
            if (sub == null) {
                throw new Unresolved(path, cmd, "Unknown command: '" + rest.get(word) + "' (commands: "
                        + String.join(", ", cmd.subcommands().keySet()) + ")");
            }
            cmd = sub.get();
            path = path + " " + rest.get(word);
            at = word + 1;
        }
        return new Invocation(path, cmd, rest.subList(at, rest.size()), dataDir);
    }

    /** {@code watchpost} itself: the window without a command, the command list with {@code --help}. */
    static final class Root extends CliCommand {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<String> description() {
            return List.of("Network perimeter risk scanner. Without a command, opens the desktop application.",
                    "Scan only hosts you are authorised to assess.");
        }

        @Override
        public Map<String, Supplier<CliCommand>> subcommands() {
            return COMMANDS;
        }

        @Override
        public int run(ParsedArgs args, PrintWriter out, PrintWriter err) {
            return WatchpostApp.run(args.dataDir(), true);
        }
    }

    /** {@code watchpost help [COMMAND...]}: the help of the top level or of the named command. */
    static final class HelpCommand extends CliCommand {
        @Override
        public String name() {
            return "help";
        }

        @Override
        public List<String> description() {
            return List.of("Display help information about the specified command.");
        }

        @Override
        public Positionals positionals() {
            return new Positionals("COMMAND", 0, Integer.MAX_VALUE, "The command to show the help of, e.g. scan or monitors run-due.");
        }

        @Override
        public int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws UsageException {
            CliCommand cmd = new Root();
            String path = NAME;
            for (String word : args.positionals()) {
                Supplier<CliCommand> sub = cmd.subcommands().get(word);
                if (sub == null) throw new UsageException("Unknown subcommand '" + word + "'.");
                cmd = sub.get();
                path = path + " " + word;
            }
            Help.print(out, path, cmd);
            return OK;
        }
    }
}
