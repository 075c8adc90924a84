package org.watchpost.engine.check;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;
import org.watchpost.engine.model.Severity;

/**
 * HTTP/HTTPS family: security headers, version disclosure, directory listing, sensitive
 * files confirmed by their content (never by status code alone, so soft-404 sites raise
 * nothing), TRACE echo, missing redirect to HTTPS, cookie flags.
 */
public final class HttpCheck implements Check {
    static final Set<Integer> HTTP_PORTS = Set.of(80, 81, 443, 591, 8000, 8008, 8080, 8081, 8088, 8443, 8888, 9443);
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");
    private static final Pattern GIT_HEAD = Pattern.compile("\\A(ref: refs/\\S+|[0-9a-f]{40}|[0-9a-f]{64})\\s*\\z");
    private static final Pattern ENV_LINE = Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=(.*)$");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String family() {
        return "http";
    }

    @Override
    public boolean appliesTo(ServiceInfo s) {
        String n = s.service() == null ? "" : s.service().toLowerCase(Locale.ROOT);
        if (n.equals("http") || n.equals("https") || n.equals("http-alt") || n.equals("http-proxy") || n.equals("ssl/http")) return true;
        if (s.banner() != null && s.banner().startsWith("HTTP/")) return true;
        return (n.isEmpty() || n.equals("unknown")) && HTTP_PORTS.contains(s.port());
    }

    static boolean isTls(ServiceInfo s) {
        String n = s.service() == null ? "" : s.service().toLowerCase(Locale.ROOT);
        return s.tls() || n.equals("https") || n.equals("ssl/http");
    }

    @Override
    public List<Finding> run(ServiceInfo s, CheckContext ctx) throws IOException {
        boolean tls = isTls(s);
        String host = ctx.hostNameFor(s.address());
        String hostHeader = (host != null ? host : (s.address().indexOf(':') >= 0 ? "[" + s.address() + "]" : s.address()))
                + (s.port() == (tls ? 443 : 80) ? "" : ":" + s.port());
        Client strict = (method, path, extra) -> MiniHttp.request(ctx, s.address(), s.port(), tls, host, hostHeader, method, path, extra);
        // after the first request, one failed request must not lose the findings already made
        Client c = (method, path, extra) -> {
            try {
                return strict.send(method, path, extra);
            } catch (IOException e) {
                ctx.ensureActive();
                return new MiniHttp.Response(0, "(request failed: " + e.getMessage() + ")", List.of(), new byte[0], false);
            }
        };
        List<Finding> out = new ArrayList<>();

        MiniHttp.Response root = strict.send("GET", "/", Map.of());
        MiniHttp.Response page = root;
        String location = root.header("Location");
        boolean toHttps = root.status() / 100 == 3 && location != null && location.toLowerCase(Locale.ROOT).startsWith("https://");
        if (!tls && root.status() / 100 == 2) {
            out.add(FindingBuilder.of("http.no-https-redirect", s).cvss("AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N").cwe("CWE-319")
                    .title("Plain HTTP served without redirect to HTTPS")
                    .description("The site answers over unencrypted HTTP instead of redirecting to HTTPS: content and any credentials or cookies can be read and altered in transit.")
                    .remediation("Redirect every plain-HTTP request with 301 to the https:// URL (and send HSTS there); if the service must stay plain, restrict it to trusted networks.")
                    .evidence("GET / → " + root.head()).build());
        }
        if (root.status() / 100 == 3 && !toHttps && location != null && location.startsWith("/") && !location.startsWith("//")) {
            MiniHttp.Response next = c.send("GET", location, Map.of());
            if (next.status() / 100 == 2) page = next; // same-site redirect: judge the page it leads to
        }
        ctx.ensureActive();
        if (!toHttps && page.status() < 400) headerFindings(s, tls, page, out);
        versionDisclosure(s, root, out);

        String body = root.status() == 200 ? root.text() : "";
        if (isListing(body)) {
            out.add(FindingBuilder.of("http.directory-listing", s).cvss("AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N").cwe("CWE-548")
                    .title("Directory listing enabled")
                    .description("The server generates an index of files for the web root, revealing files that were never meant to be linked (backups, configuration, source).")
                    .remediation("Disable automatic indexes (nginx: autoindex off; Apache: Options -Indexes) and add an index page.")
                    .evidence("GET / → " + root.statusLine() + "\n" + Io.printable(snippet(body, "Index of", "Directory listing"), 600)).build());
        }

        sensitive(c, s, ctx, out);

        String token = HexFormat.of().formatHex(randomBytes());
        Map<String, String> th = new LinkedHashMap<>();
        th.put("X-Watchpost-Trace", token);
        MiniHttp.Response tr = c.send("TRACE", "/", th);
        String tb = tr.text();
        if (tr.status() == 200 && tb.contains("TRACE /") && tb.contains(token)) {
            out.add(FindingBuilder.of("http.trace-enabled", s).cvss("AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N").cwe("CWE-693")
                    .title("HTTP TRACE method enabled")
                    .description("The server echoes TRACE requests, including headers: combined with a client-side flaw this exposes cookies and authorization headers (cross-site tracing) and reveals headers added by proxies.")
                    .remediation("Disable TRACE (Apache: TraceEnable off; nginx rejects it by default; other servers: deny the method).")
                    .evidence("TRACE / with X-Watchpost-Trace: " + token + " → " + tr.statusLine() + "\n" + Io.printable(tb, 400)).build());
        }
        return out;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    @FunctionalInterface
    private interface Client {
        MiniHttp.Response send(String method, String path, Map<String, String> extra) throws IOException;
    }

    private static void headerFindings(ServiceInfo s, boolean tls, MiniHttp.Response r, List<Finding> out) {
        String ev = "GET → " + r.head();
        if (tls) {
            String hsts = r.header("Strict-Transport-Security");
            Matcher m = hsts == null ? null : Pattern.compile("max-age\\s*=\\s*\"?(\\d+)").matcher(hsts);
            boolean ok = m != null && m.find() && Long.parseLong(m.group(1)) > 0;
            if (!ok) {
                out.add(FindingBuilder.of("http.header.hsts-missing", s).cvss("AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N").cwe("CWE-319")
                        .title("HSTS header missing")
                        .description("The HTTPS site sends no Strict-Transport-Security header with a positive max-age, so browsers may still be lured onto plain HTTP (SSL stripping).")
                        .remediation("Send Strict-Transport-Security: max-age=31536000; includeSubDomains on every HTTPS response.")
                        .evidence(ev).build());
            }
        }
        String csp = r.header("Content-Security-Policy");
        if (csp == null) {
            out.add(FindingBuilder.of("http.header.csp-missing", s).severity(Severity.INFO).cwe("CWE-693")
                    .title("Content-Security-Policy header missing")
                    .description("Without a Content-Security-Policy, any script injection flaw runs with the page's full privileges.")
                    .remediation("Define a Content-Security-Policy (start with default-src 'self'; object-src 'none'; frame-ancestors 'self').")
                    .evidence(ev).build());
        }
        boolean frameAncestors = csp != null && csp.toLowerCase(Locale.ROOT).contains("frame-ancestors");
        if (r.header("X-Frame-Options") == null && !frameAncestors) {
            out.add(FindingBuilder.of("http.header.xfo-missing", s).cvss("AV:N/AC:H/PR:N/UI:R/S:U/C:N/I:L/A:N").cwe("CWE-1021")
                    .title("Clickjacking protection missing")
                    .description("Neither X-Frame-Options nor a CSP frame-ancestors directive is sent: other sites can frame these pages and trick users into clicks.")
                    .remediation("Send X-Frame-Options: DENY (or SAMEORIGIN) or Content-Security-Policy: frame-ancestors 'self'.")
                    .evidence(ev).build());
        }
        String xcto = r.header("X-Content-Type-Options");
        if (xcto == null || !xcto.toLowerCase(Locale.ROOT).contains("nosniff")) {
            out.add(FindingBuilder.of("http.header.xcto-missing", s).severity(Severity.INFO).cwe("CWE-693")
                    .title("X-Content-Type-Options: nosniff missing")
                    .description("Browsers may MIME-sniff responses and run uploaded content as script or style.")
                    .remediation("Send X-Content-Type-Options: nosniff on every response.")
                    .evidence(ev).build());
        }
        List<String> noSecure = new ArrayList<>();
        List<String> noHttpOnly = new ArrayList<>();
        for (String cookie : r.headers("Set-Cookie")) {
            String name = cookie.contains("=") ? cookie.substring(0, cookie.indexOf('=')).trim() : cookie.trim();
            String attrs = cookie.toLowerCase(Locale.ROOT);
            if (tls && !Pattern.compile(";\\s*secure\\s*(;|$)").matcher(attrs).find()) noSecure.add(name);
            if (!Pattern.compile(";\\s*httponly\\s*(;|$)").matcher(attrs).find()) noHttpOnly.add(name);
        }
        if (!noSecure.isEmpty()) {
            out.add(FindingBuilder.of("http.cookie.no-secure", s).cvss("AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N").cwe("CWE-614")
                    .title("Cookies without Secure flag: " + String.join(", ", noSecure))
                    .description("Cookies set over HTTPS without the Secure attribute are also sent over plain HTTP, where they can be captured.")
                    .remediation("Add the Secure attribute to every cookie set by the HTTPS site.")
                    .evidence(String.join("\n", r.headers("Set-Cookie").stream().map(v -> "Set-Cookie: " + redactCookie(v)).toList())).build());
        }
        if (!noHttpOnly.isEmpty()) {
            out.add(FindingBuilder.of("http.cookie.no-httponly", s).severity(Severity.LOW).cwe("CWE-1004")
                    .title("Cookies without HttpOnly flag: " + String.join(", ", noHttpOnly))
                    .description("Scripts can read cookies without HttpOnly, so a script injection can steal session cookies.")
                    .remediation("Add the HttpOnly attribute to session and authentication cookies.")
                    .evidence(String.join("\n", r.headers("Set-Cookie").stream().map(v -> "Set-Cookie: " + redactCookie(v)).toList())).build());
        }
    }

    static String redactCookie(String v) {
        int eq = v.indexOf('=');
        int semi = v.indexOf(';');
        if (eq < 0) return v;
        int end = semi > eq ? semi : v.length();
        return v.substring(0, eq + 1) + "<redacted " + (end - eq - 1) + " chars>" + v.substring(end);
    }

    private static void versionDisclosure(ServiceInfo s, MiniHttp.Response r, List<Finding> out) {
        List<String> leaks = new ArrayList<>();
        String server = r.header("Server");
        if (server != null && VERSION.matcher(server).find()) leaks.add("Server: " + server);
        for (String h : new String[] {"X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version"}) {
            String v = r.header(h);
            if (v != null) leaks.add(h + ": " + v);
        }
        if (leaks.isEmpty()) return;
        out.add(FindingBuilder.of("http.version-disclosure", s).severity(Severity.INFO).cwe("CWE-200")
                .title("Software version disclosed in HTTP headers")
                .description("Response headers name the server software and version, which lets attackers pick matching exploits without probing.")
                .remediation("Hide versions (nginx: server_tokens off; Apache: ServerTokens Prod, ServerSignature Off; PHP: expose_php = Off) and remove X-Powered-By.")
                .evidence(String.join("\n", leaks)).build());
    }

    static boolean isListing(String body) {
        return body.contains("<title>Index of /") || body.contains("<h1>Index of /") || body.contains("<TITLE>Index of /")
                || body.contains("Directory listing for /") || body.contains("<title>Directory listing for");
    }

    private void sensitive(Client c, ServiceInfo s, CheckContext ctx, List<Finding> out) throws IOException {
        ctx.ensureActive();
        MiniHttp.Response git = c.send("GET", "/.git/HEAD", Map.of());
        if (git.status() == 200 && GIT_HEAD.matcher(git.text()).matches()) {
            out.add(FindingBuilder.of("http.exposed.git", s).cvss("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N").cwe("CWE-538")
                    .title("Git repository exposed (/.git/)")
                    .description("The web root contains a readable .git directory: the full source history, and often credentials in it, can be downloaded.")
                    .remediation("Remove .git from the web root (deploy build artefacts, not checkouts) and deny /.git in the server (nginx: location ~ /\\.git { deny all; }). Rotate any secret ever committed.")
                    .evidence("GET /.git/HEAD → " + git.statusLine() + "\n" + Io.printable(git.text(), 120)).build());
        }
        ctx.ensureActive();
        MiniHttp.Response env = c.send("GET", "/.env", Map.of());
        if (env.status() == 200) {
            String redacted = envEvidence(env.text());
            if (redacted != null) {
                out.add(FindingBuilder.of("http.exposed.env", s).cvss("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N").cwe("CWE-538")
                        .title("Environment file exposed (/.env)")
                        .description("A dotenv file with KEY=VALUE settings is downloadable; such files usually hold database passwords, API keys and application secrets.")
                        .remediation("Move .env outside the web root or deny dot-files (nginx: location ~ /\\. { deny all; }), then rotate every secret it contained.")
                        .evidence("GET /.env → " + env.statusLine() + "\n" + redacted).build());
            }
        }
        ctx.ensureActive();
        MiniHttp.Response st = c.send("GET", "/server-status", Map.of());
        if (st.status() == 200 && st.text().contains("Apache Server Status")) {
            out.add(FindingBuilder.of("http.exposed.server-status", s).cvss("AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N").cwe("CWE-200")
                    .title("Apache server-status page exposed")
                    .description("mod_status is reachable: it shows current requests (URLs, client addresses, virtual hosts) and server internals.")
                    .remediation("Restrict /server-status to administrators (Require ip 127.0.0.1 or Require local) or disable mod_status.")
                    .evidence("GET /server-status → " + st.statusLine() + "\n" + Io.printable(snippet(st.text(), "Apache Server Status"), 300)).build());
        }
        ctx.ensureActive();
        MiniHttp.Response php = c.send("GET", "/phpinfo.php", Map.of());
        String pt = php.text();
        if (php.status() == 200 && (pt.contains("phpinfo()") || (pt.contains("PHP Version") && pt.contains("php.ini")))) {
            out.add(FindingBuilder.of("http.exposed.phpinfo", s).cvss("AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N").cwe("CWE-200")
                    .title("phpinfo() page exposed")
                    .description("/phpinfo.php prints the PHP configuration, paths, loaded modules, environment variables and sometimes secrets.")
                    .remediation("Delete phpinfo.php from the server.")
                    .evidence("GET /phpinfo.php → " + php.statusLine() + "\n" + Io.printable(snippet(pt, "PHP Version"), 300)).build());
        }
    }

    /** Evidence of a dotenv file with values redacted, or null if the body is not one. */
    static String envEvidence(String body) {
        if (body.isBlank() || body.stripLeading().startsWith("<")) return null;
        int kv = 0;
        int other = 0;
        StringBuilder ev = new StringBuilder();
        for (String line : body.split("\r?\n", 500)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            Matcher m = ENV_LINE.matcher(l);
            if (m.matches()) {
                kv++;
                if (kv <= 10) ev.append(m.group(1)).append("=<redacted ").append(m.group(2).length()).append(" chars>\n");
            } else {
                other++;
            }
        }
        if (kv == 0 || other > kv / 4) return null;
        return ev.append(kv).append(" KEY=VALUE lines").toString();
    }

    private static String snippet(String body, String... marks) {
        for (String m : marks) {
            int i = body.indexOf(m);
            if (i >= 0) return body.substring(Math.max(0, i - 40), Math.min(body.length(), i + 200));
        }
        return body.substring(0, Math.min(body.length(), 240));
    }
}
