/**
 * Target and port specifications for the scanner: {@link org.watchpost.engine.target.TargetSpec}
 * (addresses, networks, ranges, host names and {@code @files}, minus exclusions, held as merged
 * numeric intervals and iterated lazily), {@link org.watchpost.engine.target.PortSpec}
 * ({@code 22,80}, {@code 1-1024}, {@code all}, {@code top-N}) and
 * {@link org.watchpost.engine.target.TopPorts}, Watchpost's own port ranking. Bad input raises
 * {@link org.watchpost.engine.target.SpecException} naming the token and where it is.
 * Nothing here touches the network except a {@link org.watchpost.engine.target.HostResolver}.
 */
package org.watchpost.engine.target;
