package org.watchpost.app;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javafx.application.Application;
import org.watchpost.app.cli.DeleteCommand;
import org.watchpost.app.cli.ExportCommand;
import org.watchpost.app.cli.InvestigationsCommand;
import org.watchpost.app.cli.MonitorsCommand;
import org.watchpost.app.cli.ReportCommand;
import org.watchpost.app.cli.ScanCommand;
import org.watchpost.app.cli.ScansCommand;
import org.watchpost.app.cli.ShowCommand;
import org.watchpost.app.cli.StopCommand;
import org.watchpost.app.cli.VulnDbCommand;
import org.watchpost.ui.common.StartupTrace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point. With no sub-command it opens the desktop application; sub-commands run
 * headless on the same database. Not an {@link Application} subclass, so a plain fat jar
 * starts it.
 */
@Command(name = "watchpost", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Network perimeter risk scanner. Without a command, opens the desktop application.%n"
                + "Scan only hosts you are authorised to assess.")
public final class Main implements Callable<Integer> {
    /** Exit codes a script can rely on. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    public static final int STORE_ERROR = 4;

    @Option(names = "--data-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Folder holding the database (default: $WATCHPOST_HOME, else the per-user data folder).")
    String dataDir;

    public String dataDir() {
        return dataDir;
    }

    public static void main(String[] args) {
        StartupTrace.mark("main");
        if (args.length == 0 || (args.length == 2 && "--data-dir".equals(args[0]))) {
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

    public static int run(String... args) {
        CommandLine cl = commandLine(args);
        StartupTrace.mark("command line built");
        return cl.execute(args);
    }

    /** Sub-commands by name, in the order {@code --help} lists them. */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();
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
        COMMANDS.put("help", CommandLine.HelpCommand::new);
    }

    /** Whether these arguments run a sub-command that opens the database (not help, version or the window). */
    static boolean usesDatabase(String[] args) {
        boolean command = false;
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V") || a.equals("help")) return false;
            if (COMMANDS.containsKey(a)) command = true;
        }
        return command;
    }

    /** The whole command tree (help, tests). */
    public static CommandLine commandLine() {
        return build(COMMANDS.keySet());
    }

    /**
     * The command tree for one invocation. Picocli builds a sub-command's model by reflection when it
     * is registered, about 10 ms each at start-up, so only the sub-commands named in the arguments
     * are registered; with none named (bare {@code --help}, a typo) all of them are, so help and
     * "did you mean" see the whole tree. Parsing is picocli's either way.
     */
    public static CommandLine commandLine(String... args) {
        Set<String> named = new LinkedHashSet<>();
        for (String a : args) {
            if (COMMANDS.containsKey(a)) named.add(a);
        }
        if (named.isEmpty() || named.contains("help")) return commandLine();
        return build(named);
    }

    private static CommandLine build(Set<String> names) {
        CommandLine cl = new CommandLine(new Main());
        for (String name : names) cl.addSubcommand(name, COMMANDS.get(name).get());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof org.watchpost.store.StoreException) {
                cmd.getErr().println("watchpost: " + ex.getMessage());
                return STORE_ERROR;
            }
            cmd.getErr().println("watchpost: " + ex.getMessage());
            return FAILED;
        });
        return cl;
    }

    @Override
    public Integer call() {
        return WatchpostApp.run(dataDir, true);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Watchpost " + Version.get(), "Java " + System.getProperty("java.version")
                    + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
