package org.watchpost.engine.check;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;

/** Redis answering commands without AUTH: PING → +PONG (RESP), then INFO server for evidence. */
public final class RedisCheck implements Check {
    @Override
    public String family() {
        return "redis";
    }

    @Override
    public boolean appliesTo(ServiceInfo s) {
        return Svc.is(s, new String[] {"redis"}, 6379);
    }

    @Override
    public List<Finding> run(ServiceInfo s, CheckContext ctx) throws IOException {
        List<Finding> out = new ArrayList<>();
        try (Socket sock = ctx.connect(s.address(), s.port())) {
            InputStream in = sock.getInputStream();
            Io.writeAscii(sock.getOutputStream(), "*1\r\n$4\r\nPING\r\n");
            String pong = Io.readLine(in, 512);
            if (pong == null || !pong.equals("+PONG")) return out; // -NOAUTH, -DENIED (protected mode), or not Redis
            Io.writeAscii(sock.getOutputStream(), "*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n");
            String info = "";
            String len = Io.readLine(in, 32);
            if (len != null && len.startsWith("$")) {
                int n = Integer.parseInt(len.substring(1).trim());
                if (n > 0) info = new String(Io.readExactly(in, Math.min(n, 16384)), StandardCharsets.UTF_8);
            }
            StringBuilder ev = new StringBuilder("PING → +PONG without AUTH");
            for (String l : info.split("\r?\n")) {
                if (l.startsWith("redis_version:") || l.startsWith("redis_mode:") || l.startsWith("os:")
                        || l.startsWith("tcp_port:") || l.startsWith("executable:")) ev.append('\n').append(l);
            }
            out.add(FindingBuilder.of("redis.noauth", s).cvss("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").cwe("CWE-306")
                    .title("Redis accepts commands without authentication")
                    .description("Anyone who can reach this port can read and change all data, and can usually run code on the host "
                            + "(CONFIG SET dir/dbfilename to write files, MODULE LOAD, replication tricks).")
                    .remediation("Set requirepass (or ACL users with passwords, Redis 6+), bind to internal addresses only, keep protected-mode yes, "
                            + "and firewall port " + s.port() + ".")
                    .evidence(ev.toString()).build());
        } catch (NumberFormatException e) {
            // INFO answer malformed: PONG alone already proves it, but keep silent rather than half-parse
        }
        return out;
    }
}
