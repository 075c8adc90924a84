package org.watchpost.engine.check;

import java.io.IOException;
import java.util.List;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;

/**
 * One family of vulnerability checks. Implementations are stateless and thread-safe: the
 * {@link CheckRunner} calls {@link #run} for many services at once.
 *
 * <p>A check that cannot decide (timeout, unexpected answer) returns no finding rather
 * than guessing. Network access goes through {@link CheckContext#connect} so that a stop
 * or a timeout closes the sockets.
 */
public interface Check {
    /** Short family name ("tls", "ssh", "http", "redis", …), used in events and as check-ID prefix. */
    String family();

    /** True if this check makes sense for the service (by name, port or TLS flag). Must not touch the network. */
    boolean appliesTo(ServiceInfo s);

    /** Runs the check against one service. */
    List<Finding> run(ServiceInfo s, CheckContext ctx) throws IOException;
}
