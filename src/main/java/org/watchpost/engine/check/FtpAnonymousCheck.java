package org.watchpost.engine.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;

/** FTP anonymous login: USER anonymous / PASS → 230. Logs out immediately; lists nothing. */
public final class FtpAnonymousCheck implements Check {
    @Override
    public String family() {
        return "ftp";
    }

    @Override
    public boolean appliesTo(ServiceInfo s) {
        return !s.tls() && Svc.is(s, new String[] {"ftp"}, 21);
    }

    @Override
    public List<Finding> run(ServiceInfo s, CheckContext ctx) throws IOException {
        List<Finding> out = new ArrayList<>();
        try (Socket sock = ctx.connect(s.address(), s.port())) {
            InputStream in = sock.getInputStream();
            OutputStream o = sock.getOutputStream();
            String greet = StartTls.reply(in);
            if (!greet.startsWith("220")) return out;
            Io.writeAscii(o, "USER anonymous\r\n");
            String user = StartTls.reply(in);
            String pass = null;
            if (user.startsWith("331")) {
                Io.writeAscii(o, "PASS watchpost@example.com\r\n");
                pass = StartTls.reply(in);
            }
            boolean in230 = user.startsWith("230") || (pass != null && pass.startsWith("230"));
            try {
                Io.writeAscii(o, "QUIT\r\n");
            } catch (IOException ignored) {
                // already logged what we need
            }
            if (!in230) return out;
            out.add(FindingBuilder.of("ftp.anonymous", s).cvss("AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N")
                    .cve("CVE-1999-0497").cwe("CWE-284")
                    .title("Anonymous FTP login allowed")
                    .description("The FTP server lets anyone log in as 'anonymous'. Unless this is a deliberate public download area, files become readable by "
                            + "anyone and, if writable, the server can be used to host malware.")
                    .remediation("Disable anonymous access (vsftpd: anonymous_enable=NO; proftpd: remove the <Anonymous> block) or confine it to a read-only, "
                            + "non-sensitive directory.")
                    .evidence(Io.printable(greet.strip(), 200) + "\nUSER anonymous → " + Io.printable(user.strip(), 120)
                            + (pass != null ? "\nPASS watchpost@example.com → " + Io.printable(pass.strip(), 120) : ""))
                    .build());
        }
        return out;
    }
}
