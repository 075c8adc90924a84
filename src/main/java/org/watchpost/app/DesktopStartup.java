package org.watchpost.app;

import java.util.concurrent.CompletableFuture;
import org.watchpost.store.Migrator;
import org.watchpost.store.StoreException;
import org.watchpost.ui.common.StartupTrace;
import org.watchpost.ui.scans.ScansViewModel;

/**
 * The desktop start's data half, on a thread of its own so it runs while the FX toolkit starts:
 * opens (and migrates) the database, marks scans left RUNNING as INTERRUPTED, reads the schema
 * version and the newest scans for the window's first screen. A migration that fails completes
 * the future with its {@link StoreException}; the window then shows it in a dialog.
 */
final class DesktopStartup {
    /** What the window needs before it is shown. */
    record Opened(AppContext context, boolean newInstall, int interrupted, int schemaVersion,
                  ScansViewModel.FirstScreen firstScreen) {}

    private DesktopStartup() {
    }

    /** Starts opening the data folder ({@code --data-dir} value or null) on a daemon thread. */
    static CompletableFuture<Opened> begin(String dataDirFlag) {
        CompletableFuture<Opened> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(open(dataDirFlag));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, "watchpost-open");
        t.setDaemon(true);
        t.start();
        return result;
    }

    static Opened open(String dataDirFlag) {
        StartupTrace.mark("open database");
        boolean newInstall = DesktopSupport.isNewInstall(dataDirFlag);
        AppContext context = AppContext.open(dataDirFlag).interactive();
        try {
            int interrupted = context.scans().markInterrupted();
            int schemaVersion = context.database().read(Migrator::currentVersion);
            StartupTrace.mark("database open");
            var first = ScansViewModel.readFirstScreen(context.scans(), context.clock(), ScansViewModel.FIRST_SCREEN);
            context.scanManager();
            StartupTrace.mark("first scans read");
            return new Opened(context, newInstall, interrupted, schemaVersion, first);
        } catch (RuntimeException | Error e) {
            context.close();
            throw e;
        }
    }
}
