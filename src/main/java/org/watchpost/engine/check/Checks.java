package org.watchpost.engine.check;

import java.util.List;

/** The standard set of checks, in the order they are listed to users. */
public final class Checks {
    private Checks() {
    }

    /** Every check family, ready for a {@link CheckRunner}. */
    public static List<Check> all() {
        return List.of(new TlsCheck(), new SshCheck(), new HttpCheck(), new RedisCheck(), new MongoCheck(),
                new HttpJsonServiceCheck(), new MemcachedCheck(), new FtpAnonymousCheck(), new SmtpRelayCheck(),
                new DnsCheck(), new SnmpCheck(), new ExposureCheck());
    }
}
