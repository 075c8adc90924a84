package org.watchpost.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VulnDbCliTest {
    @TempDir
    Path dir;

    MainCliTest.Result run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return MainCliTest.run(all);
    }

    @Test
    void infoShowsTheBundledDatasetAndAMalformedImportChangesNothing() throws Exception {
        MainCliTest.Result info = run("vulndb", "info");
        assertThat(info.code()).isZero();
        assertThat(info.out()).contains("dataset date: 2025-08-25").contains("CVEs: 119").contains("known exploited (KEV): 1,404");

        Path bad = dir.resolve("feed.json");
        Files.writeString(bad, "{\"vulnerabilities\": [ {\"cve\": {\"id\": \"CVE-2099-0001\"");
        byte[] before = Files.readAllBytes(dir.resolve("vulndb.sqlite"));
        MainCliTest.Result refused = run("vulndb", "import", bad.toString());
        assertThat(refused.code()).isEqualTo(Main.USAGE);
        assertThat(refused.err()).contains("feed.json").contains("nothing from this file was imported");
        assertThat(Files.readAllBytes(dir.resolve("vulndb.sqlite"))).isEqualTo(before);

        Path epss = dir.resolve("epss.csv");
        Files.writeString(epss, "#model_version:v2025.03.14,score_date:2026-11-01T00:00:00+0000\ncve,epss,percentile\n"
                + "CVE-2024-6387,0.91234,0.99876\n");
        MainCliTest.Result ok = run("vulndb", "import", epss.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("epss").contains("1 added").contains("EPSS scores: 1");
    }
}
