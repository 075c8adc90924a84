package org.watchpost.engine.target;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. {@link TargetSpec} calls it once per distinct name while
 * parsing, so parsing a spec that contains names blocks on DNS: call it off the UI thread.
 *
 * <p>Which address is scanned: for a target, {@link TargetSpec} takes the first IPv4 address of
 * the list if there is one, otherwise the first address. For an exclusion, every address of the
 * list is excluded (an exclusion errs on the side of not scanning).
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * @return the addresses of {@code name}, never empty
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String name) throws UnknownHostException;

    /** The operating system's resolver ({@link InetAddress#getAllByName}), in the order it answers. */
    static HostResolver system() {
        return name -> List.of(InetAddress.getAllByName(name));
    }
}
