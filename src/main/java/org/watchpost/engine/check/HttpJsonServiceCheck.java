package org.watchpost.engine.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.watchpost.engine.model.Finding;
import org.watchpost.engine.model.ServiceInfo;

/**
 * Unauthenticated HTTP JSON APIs: Elasticsearch ({@code GET /} with cluster_name and the
 * "You Know, for Search" tagline, then {@code /_cat/indices} readable) and the Docker Engine
 * API ({@code GET /version} with ApiVersion). Each is confirmed by the JSON content.
 */
public final class HttpJsonServiceCheck implements Check {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String family() {
        return "http-api";
    }

    @Override
    public boolean appliesTo(ServiceInfo s) {
        String n = Svc.name(s);
        String p = s.product() == null ? "" : s.product().toLowerCase(java.util.Locale.ROOT);
        return n.equals("elasticsearch") || n.equals("docker") || p.contains("elasticsearch") || p.contains("docker")
                || s.port() == 9200 || s.port() == 2375 || s.port() == 2376;
    }

    @Override
    public List<Finding> run(ServiceInfo s, CheckContext ctx) throws IOException {
        List<Finding> out = new ArrayList<>();
        boolean tls = HttpCheck.isTls(s) || s.port() == 2376;
        String hostHeader = s.address().indexOf(':') >= 0 ? "[" + s.address() + "]:" + s.port() : s.address() + ":" + s.port();
        String host = ctx.hostNameFor(s.address());

        MiniHttp.Response root = get(ctx, s, tls, host, hostHeader, "/");
        JsonNode j = json(root);
        if (j != null && j.has("cluster_name") && (j.path("tagline").asText().contains("You Know, for Search") || j.path("version").has("number"))) {
            MiniHttp.Response idx = get(ctx, s, tls, host, hostHeader, "/_cat/indices?v");
            if (idx != null && idx.status() == 200) {
                String text = idx.text();
                String[] lines = text.split("\n");
                out.add(FindingBuilder.of("elasticsearch.noauth", s).cvss("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").cwe("CWE-306")
                        .title("Elasticsearch readable without authentication")
                        .description("The cluster answers unauthenticated requests and lists its indices: all stored documents can be read, changed or deleted.")
                        .remediation("Enable security (xpack.security.enabled: true, default since 8.0) with passwords/TLS, bind network.host to internal "
                                + "interfaces, and firewall port " + s.port() + ".")
                        .evidence("GET / → cluster_name=" + j.path("cluster_name").asText() + ", version=" + j.path("version").path("number").asText()
                                + "\nGET /_cat/indices?v → " + idx.statusLine() + " (" + Math.max(0, lines.length - 1) + " indices)\n"
                                + Io.printable(String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 6))), 600))
                        .build());
            }
        }
        ctx.ensureActive();
        MiniHttp.Response ver = get(ctx, s, tls, host, hostHeader, "/version");
        JsonNode v = json(ver);
        if (v != null && v.has("ApiVersion") && (v.has("Version") || v.has("Components"))) {
            out.add(FindingBuilder.of("docker.api-exposed", s).cvss("AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H").cwe("CWE-306")
                    .title("Docker Engine API reachable without authentication")
                    .description("The Docker daemon API answers unauthenticated requests: anyone can start a privileged container that mounts the host's "
                            + "root file system, which is full control of the host.")
                    .remediation("Do not expose dockerd on TCP (remove -H tcp://…); if remote access is required use the TLS port 2376 with "
                            + "--tlsverify and client certificates, or SSH (DOCKER_HOST=ssh://).")
                    .evidence("GET /version → " + ver.statusLine() + "\nVersion=" + v.path("Version").asText() + ", ApiVersion=" + v.path("ApiVersion").asText()
                            + ", Os=" + v.path("Os").asText() + ", KernelVersion=" + v.path("KernelVersion").asText())
                    .build());
        }
        return out;
    }

    private static MiniHttp.Response get(CheckContext ctx, ServiceInfo s, boolean tls, String host, String hostHeader, String path) throws IOException {
        try {
            return MiniHttp.request(ctx, s.address(), s.port(), tls, host, hostHeader, "GET", path, Map.of());
        } catch (IOException e) {
            ctx.ensureActive();
            return null;
        }
    }

    private static JsonNode json(MiniHttp.Response r) {
        if (r == null || r.status() != 200) return null;
        try {
            JsonNode n = JSON.readTree(r.body());
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
