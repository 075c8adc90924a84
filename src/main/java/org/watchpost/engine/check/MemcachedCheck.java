package org.watchpost.engine.check;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;

/** Memcached answering "stats" without SASL. */
public final class MemcachedCheck implements Check {
    @Override
    public String family() {
        return "memcached";
    }

    @Override
    public boolean appliesTo(ServiceInfo s) {
        return Svc.is(s, new String[] {"memcached", "memcache"}, 11211);
    }

    @Override
    public List<Finding> run(ServiceInfo s, CheckContext ctx) throws IOException {
        List<Finding> out = new ArrayList<>();
        try (Socket sock = ctx.connect(s.address(), s.port())) {
            InputStream in = sock.getInputStream();
            Io.writeAscii(sock.getOutputStream(), "stats\r\n");
            StringBuilder ev = new StringBuilder("stats →");
            boolean stat = false;
            for (int i = 0; i < 200; i++) {
                String l = Io.readLine(in, 1024);
                if (l == null || l.equals("END")) break;
                if (!l.startsWith("STAT ")) return out; // ERROR / SASL / something else
                stat = true;
                if (l.startsWith("STAT pid ") || l.startsWith("STAT version ") || l.startsWith("STAT curr_items ")
                        || l.startsWith("STAT curr_connections ") || l.startsWith("STAT uptime ")) ev.append('\n').append(l);
            }
            if (!stat) return out;
            out.add(FindingBuilder.of("memcached.noauth", s).cvss("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:L").cwe("CWE-306")
                    .title("Memcached accessible without authentication")
                    .description("The cache answers anyone: cached data (sessions, tokens, query results) can be read, altered or flushed; "
                            + "if UDP is enabled it is also a large DDoS amplifier.")
                    .remediation("Bind memcached to 127.0.0.1 or an internal interface (-l), disable UDP (-U 0), enable SASL if remote access is needed, "
                            + "and firewall port " + s.port() + ".")
                    .evidence(ev.toString()).build());
        }
        return out;
    }
}
