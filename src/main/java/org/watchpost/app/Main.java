package org.watchpost.app;

import java.util.concurrent.Callable;
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
                + "Scan only hosts you are authorised to assess.",
        subcommands = {ScanCommand.class, ScansCommand.class, ShowCommand.class, StopCommand.class, DeleteCommand.class,
                ReportCommand.class, ExportCommand.class, InvestigationsCommand.class, MonitorsCommand.class, VulnDbCommand.class,
                CommandLine.HelpCommand.class})
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
        LogSetup.configure(args); // before the first logger exists
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
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
        WatchpostApp.dataDirFlag = dataDir;
        try {
            Application.launch(WatchpostApp.class);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            System.err.println("watchpost: cannot open a window (" + e.getMessage() + "). "
                    + "Run it in a desktop session, under xvfb-run, or use a command: watchpost --help");
            return FAILED;
        }
        return OK;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Watchpost " + Version.get(), "Java " + System.getProperty("java.version")
                    + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
