package org.watchpost.app.cli;

import java.util.ArrayList;
import java.util.List;
import org.watchpost.app.AppContext;
import org.watchpost.app.Main;
import org.watchpost.store.ScanIds;
import picocli.CommandLine;
import picocli.CommandLine.Spec;

/** Shared plumbing of the headless commands: the data folder and scan-ID parsing. */
abstract class CliSupport {

    @Spec
    CommandLine.Model.CommandSpec spec;

    AppContext open() {
        Object root = spec.root().userObject();
        return AppContext.open(root instanceof Main m ? m.dataDir() : null);
    }

    java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Parses scan IDs; throws a usage error naming the bad one. */
    List<Long> ids(List<String> texts) {
        List<Long> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(ScanIds.parse(t));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return out;
    }
}
