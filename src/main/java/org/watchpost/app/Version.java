package org.watchpost.app;

/** The running Watchpost version (from the jar manifest, or the build's default). */
public final class Version {
    private Version() {
    }

    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }
}
