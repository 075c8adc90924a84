import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Writes a large synthetic NVD 2.0 feed: the sample's records repeated with fresh CVE ids. */
public class GenerateFeed {
    public static void main(String[] args) throws Exception {
        Path sample = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long targetBytes = Long.parseLong(args[2]) * 1_000_000L;
        ObjectMapper m = new ObjectMapper();
        JsonNode feed;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(sample))) {
            feed = m.readTree(in);
        }
        long written = 0;
        int n = 0;
        try (OutputStream raw = out.toString().endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(out)) : Files.newOutputStream(out);
             JsonGenerator g = m.getFactory().createGenerator(raw)) {
            g.writeStartObject();
            g.writeStringField("format", "NVD_CVE");
            g.writeStringField("version", "2.0");
            g.writeStringField("timestamp", "2026-10-08T18:17:10.857");
            g.writeArrayFieldStart("vulnerabilities");
            outer:
            for (int round = 0; round < 100_000; round++) {
                for (JsonNode v : feed.get("vulnerabilities")) {
                    ObjectNode copy = v.deepCopy();
                    ((ObjectNode) copy.get("cve")).put("id", String.format("CVE-9%03d-%06d", round % 1000, n));
                    String s = m.writeValueAsString(copy);
                    g.writeRawValue(s);
                    written += s.length();
                    n++;
                    if (written >= targetBytes) break outer;
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        System.out.printf("wrote %s: %d records, %.1f MB of JSON%n", out, n, written / 1e6);
    }
}
