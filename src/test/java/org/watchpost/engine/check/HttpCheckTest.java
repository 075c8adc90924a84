package org.watchpost.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;

class HttpCheckTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    interface Site {
        void serve(HttpExchange ex) throws IOException;
    }

    int start(Site site) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                site.serve(ex);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    int startHttps(Site site) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(TestCerts.serverContext(TestCerts.valid())));
        s.createContext("/", ex -> {
            try (ex) {
                site.serve(ex);
            }
        });
        s.start();
        server = s;
        return s.getAddress().getPort();
    }

    static void send(HttpExchange ex, int status, String body, Consumer<com.sun.net.httpserver.Headers> headers) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        headers.accept(ex.getResponseHeaders());
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) ex.getResponseBody().write(b);
    }

    /** Echoes a TRACE request the way Apache does (message/http with the request head). */
    static String traceEcho(HttpExchange ex) {
        StringBuilder sb = new StringBuilder("TRACE " + ex.getRequestURI() + " HTTP/1.1\r\n");
        for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
            for (String v : h.getValue()) sb.append(h.getKey()).append(": ").append(v).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    static final Site WEAK = ex -> {
        String path = ex.getRequestURI().getPath();
        if (ex.getRequestMethod().equals("TRACE")) {
            send(ex, 200, traceEcho(ex), h -> h.set("Content-Type", "message/http"));
            return;
        }
        switch (path) {
            case "/" -> send(ex, 200, "<html><head><title>Index of /</title></head><body><h1>Index of /</h1><pre><a href=\"backup.tar.gz\">backup.tar.gz</a></pre></body></html>",
                    h -> {
                        h.set("Server", "Apache/2.4.41 (Ubuntu)");
                        h.set("X-Powered-By", "PHP/7.4.3");
                        h.add("Set-Cookie", "PHPSESSID=abc123secret; path=/");
                        h.set("Content-Type", "text/html");
                    });
            case "/.git/HEAD" -> send(ex, 200, "ref: refs/heads/main\n", h -> h.set("Content-Type", "text/plain"));
            case "/.env" -> send(ex, 200, "# app\nAPP_KEY=base64:abcdef\nDB_PASSWORD=hunter2\nexport MAIL_HOST=smtp.example.com\n", h -> { });
            case "/server-status" -> send(ex, 200, "<html><head><title>Apache Status</title></head><body><h1>Apache Server Status for localhost (via 127.0.0.1)</h1>", h -> { });
            case "/phpinfo.php" -> send(ex, 200, "<html><head><title>PHP 7.4.3 - phpinfo()</title></head><body><h1 class=\"p\">PHP Version 7.4.3</h1>", h -> { });
            default -> send(ex, 404, "not found", h -> { });
        }
    };

    /** Answers 200 with a friendly page for every path and method: status codes prove nothing here. */
    static final Site SOFT_404 = ex -> send(ex, 200,
            "<html><head><title>Oops</title></head><body><h1>Sorry, we could not find " + ex.getRequestURI().getPath().replace("<", "")
                    + "</h1><p>Try the home page.</p></body></html>", h -> h.set("Content-Type", "text/html"));

    static ServiceInfo http(int port) {
        return new ServiceInfo("127.0.0.1", port, "http", null, null, null, false, null, null);
    }

    static CheckContext ctx() {
        return CheckContext.builder().connectTimeoutMs(2000).readTimeoutMs(3000).build();
    }

    static List<String> ids(List<Finding> f) {
        return f.stream().map(Finding::checkId).toList();
    }

    @Test
    void weakPlainHttpSiteRaisesEveryContentConfirmedFinding() throws Exception {
        int port = start(WEAK);
        List<Finding> f = new HttpCheck().run(http(port), ctx());
        assertThat(ids(f)).containsExactlyInAnyOrder("http.no-https-redirect", "http.header.csp-missing", "http.header.xfo-missing",
                "http.header.xcto-missing", "http.cookie.no-httponly", "http.version-disclosure", "http.directory-listing",
                "http.exposed.git", "http.exposed.env", "http.exposed.server-status", "http.exposed.phpinfo", "http.trace-enabled");
        Finding env = f.stream().filter(x -> x.checkId().equals("http.exposed.env")).findFirst().orElseThrow();
        assertThat(env.evidence()).contains("DB_PASSWORD=<redacted 7 chars>").doesNotContain("hunter2");
        Finding ver = f.stream().filter(x -> x.checkId().equals("http.version-disclosure")).findFirst().orElseThrow();
        assertThat(ver.evidence()).contains("Apache/2.4.41", "PHP/7.4.3");
        Finding cookie = f.stream().filter(x -> x.checkId().equals("http.cookie.no-httponly")).findFirst().orElseThrow();
        assertThat(cookie.evidence()).doesNotContain("abc123secret");
        assertThat(f.stream().filter(x -> x.checkId().equals("http.exposed.git")).findFirst().orElseThrow().cvssScore()).isEqualTo(7.5);
    }

    @Test
    void softNotFoundSiteAnsweringOkEverywhereRaisesNoContentFinding() throws Exception {
        int port = start(SOFT_404);
        List<Finding> f = new HttpCheck().run(http(port), ctx());
        assertThat(ids(f)).contains("http.no-https-redirect").doesNotContain("http.exposed.git", "http.exposed.env", "http.exposed.server-status", "http.exposed.phpinfo",
                "http.trace-enabled", "http.directory-listing", "http.version-disclosure");
    }

    @Test
    void plainHttpRedirectingToHttpsHasNoFindings() throws Exception {
        int port = start(ex -> {
            if (ex.getRequestMethod().equals("TRACE")) {
                send(ex, 405, "", h -> h.set("Allow", "GET, HEAD"));
                return;
            }
            send(ex, 301, "", h -> {
                h.set("Location", "https://localhost" + ex.getRequestURI());
                h.set("Server", "nginx");
            });
        });
        assertThat(new HttpCheck().run(http(port), ctx())).isEmpty();
    }

    @Test
    void hardenedHttpsSiteHasNoFindings() throws Exception {
        int port = startHttps(ex -> {
            if (!ex.getRequestMethod().equals("GET") || !ex.getRequestURI().getPath().equals("/")) {
                send(ex, ex.getRequestMethod().equals("GET") ? 404 : 405, "", h -> { });
                return;
            }
            send(ex, 200, "<html><body>hello</body></html>", h -> {
                h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
                h.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
                h.set("X-Content-Type-Options", "nosniff");
                h.set("Server", "nginx");
                h.add("Set-Cookie", "sid=x; Path=/; Secure; HttpOnly; SameSite=Lax");
            });
        });
        ServiceInfo s = new ServiceInfo("127.0.0.1", port, "https", null, null, null, true, null, null);
        assertThat(new HttpCheck().run(s, ctx())).isEmpty();
    }

    @Test
    void httpsSiteWithoutHstsAndInsecureCookieIsFlagged() throws Exception {
        int port = startHttps(ex -> send(ex, ex.getRequestURI().getPath().equals("/") ? 200 : 404, "<html>hi</html>", h -> {
            h.set("X-Frame-Options", "DENY");
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Content-Security-Policy", "default-src 'self'");
            h.add("Set-Cookie", "session=s3cr3t; Path=/; HttpOnly");
        }));
        ServiceInfo s = new ServiceInfo("127.0.0.1", port, "https", null, null, null, true, null, null);
        List<Finding> f = new HttpCheck().run(s, ctx());
        assertThat(ids(f)).containsExactlyInAnyOrder("http.header.hsts-missing", "http.cookie.no-secure");
    }

    @Test
    void gitHeadAndEnvDetectionRejectsLookalikes() {
        assertThat(HttpCheck.envEvidence("<html><body>KEY=VALUE</body></html>")).isNull();
        assertThat(HttpCheck.envEvidence("Page not found\nPlease go back")).isNull();
        assertThat(HttpCheck.envEvidence("A=1\nB=2\n")).contains("2 KEY=VALUE lines");
        assertThat(HttpCheck.isListing("<h1>Welcome</h1>")).isFalse();
        assertThat(HttpCheck.isListing("<title>Directory listing for /</title>")).isTrue();
    }
}
