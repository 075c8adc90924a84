package org.watchpost.app;

/**
 * The desktop window's own entry point, used by {@code ./watchpost} without arguments: it starts
 * opening the database on a background thread first, then the FX toolkit, so the two overlap
 * (see docs/performance.md, "Dashboard"). Takes only {@code --data-dir DIR}; anything else is
 * handed to {@link Main}, which also opens the window when given no command (without the overlap).
 */
public final class DesktopMain {
    private DesktopMain() {
    }

    /** Whether a command line only opens the window: nothing, or just {@code --data-dir DIR}. */
    static boolean windowOnly(String[] args) {
        return args.length == 0 || (args.length == 2 && "--data-dir".equals(args[0]));
    }

    public static void main(String[] args) {
        if (!windowOnly(args)) {
            Main.main(args);
            return;
        }
        LogSetup.configure(args); // before the first logger exists
        LogSetup.initInBackground();
        System.exit(WatchpostApp.run(args.length == 2 ? args[1] : null, true));
    }
}
