package org.watchpost.engine.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;

/**
 * SMTP open relay: MAIL FROM and RCPT TO addresses in the reserved test domains
 * example.com / example.net (RFC 2606), then RSET and QUIT. DATA is never sent, so no mail
 * can leave the server.
 */
public final class SmtpRelayCheck implements Check {
    static final String FROM = "watchpost-relay-test@example.com";
    static final String TO = "watchpost-relay-test@example.net";

    @Override
    public String family() {
        return "smtp";
    }

    @Override
    public boolean appliesTo(ServiceInfo s) {
        return !s.tls() && Svc.is(s, new String[] {"smtp", "submission"}, 25, 587);
    }

    @Override
    public List<Finding> run(ServiceInfo s, CheckContext ctx) throws IOException {
        List<Finding> out = new ArrayList<>();
        try (Socket sock = ctx.connect(s.address(), s.port())) {
            InputStream in = sock.getInputStream();
            OutputStream o = sock.getOutputStream();
            String greet = StartTls.reply(in);
            if (!greet.startsWith("220")) return out;
            Io.writeAscii(o, "EHLO watchpost.invalid\r\n");
            String ehlo = StartTls.reply(in);
            if (!ehlo.startsWith("250")) {
                Io.writeAscii(o, "HELO watchpost.invalid\r\n");
                if (!StartTls.reply(in).startsWith("250")) return out;
            }
            Io.writeAscii(o, "MAIL FROM:<" + FROM + ">\r\n");
            String mail = StartTls.reply(in);
            String rcpt = null;
            if (mail.startsWith("250")) {
                Io.writeAscii(o, "RCPT TO:<" + TO + ">\r\n");
                rcpt = StartTls.reply(in);
            }
            try {
                Io.writeAscii(o, "RSET\r\n");
                StartTls.reply(in);
                Io.writeAscii(o, "QUIT\r\n");
            } catch (IOException ignored) {
                // the verdict is already in hand
            }
            if (rcpt == null || !(rcpt.startsWith("250") || rcpt.startsWith("251"))) return out;
            out.add(FindingBuilder.of("smtp.open-relay", s).cvss("AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:L")
                    .cve("CVE-1999-0512").cwe("CWE-284").confidence(FindingBuilder.FIRM)
                    .title("SMTP server accepts mail for foreign domains (open relay)")
                    .description("From the scanner's address, the server accepted a message from one outside domain to another without authentication. "
                            + "Spammers use such relays, which gets the organisation's mail blacklisted. (DATA was not sent: acceptance of the recipient is the proof.)")
                    .remediation("Relay only for authenticated users and your own networks/domains (Postfix: smtpd_relay_restrictions = permit_mynetworks, "
                            + "permit_sasl_authenticated, reject_unauth_destination; check mynetworks).")
                    .evidence(Io.printable(greet.strip(), 160) + "\nMAIL FROM:<" + FROM + "> → " + Io.printable(mail.strip(), 120)
                            + "\nRCPT TO:<" + TO + "> → " + Io.printable(rcpt.strip(), 120))
                    .build());
        }
        return out;
    }
}
