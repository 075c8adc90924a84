package org.watchpost.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.engine.vulndb.VulnDb;
import org.watchpost.ui.SettingsViewModel;
import org.watchpost.ui.common.DirectTaskExecutor;

class SettingsBackendTest {
    @TempDir
    Path dir;

    static final String KEV = """
            {"title":"CISA Catalog of Known Exploited Vulnerabilities","catalogVersion":"2099.01.01",
             "dateReleased":"2099-01-01T00:00:00.000Z","count":1,
             "vulnerabilities":[{"cveID":"CVE-2099-12345","vendorProject":"Example","product":"Widget",
               "vulnerabilityName":"Example Widget test vulnerability","dateAdded":"2099-01-01",
               "shortDescription":"A test entry.","requiredAction":"Apply updates per vendor instructions.",
               "dueDate":"2099-01-22","knownRansomwareCampaignUse":"Unknown","notes":""}]}
            """;

    @Test
    void importAddsToTheDatasetAndTheReopenedDatabaseSeesIt() throws Exception {
        try (AppContext ctx = AppContext.open(dir.toString())) {
            VulnDb before = ctx.vulnDb();
            long kevBefore = before.info().kevEntries();
            Path file = dir.resolve("kev.json");
            Files.writeString(file, KEV);
            SettingsViewModel vm = new SettingsViewModel(new SettingsBackend(ctx), new DirectTaskExecutor());
            vm.importVulnData(file);
            assertThat(vm.importIsErrorProperty().get()).isFalse();
            assertThat(vm.importMessageProperty().get()).isEqualTo("Imported kev.json (KEV): 1 added, 0 updated, 0 skipped.");
            assertThat(ctx.vulnDb()).isNotSameAs(before);
            assertThat(ctx.vulnDb().info().kevEntries()).isEqualTo(kevBefore + 1);
            assertThat(ctx.vulnDb().isKnownExploited("CVE-2099-12345")).isTrue();
            assertThat(vm.datasetProperty().get()).contains(String.format("%,d known exploited", kevBefore + 1));
        }
    }

    @Test
    void aBrokenFileIsRefusedWithAClearMessageAndTheDatasetStaysUsable() throws Exception {
        try (AppContext ctx = AppContext.open(dir.toString())) {
            long kev = ctx.vulnDb().info().kevEntries();
            Path file = dir.resolve("broken.json");
            Files.writeString(file, "{\"catalogVersion\":\"x\", \"vulnerabilities\": [ {\"cveID\": 12");
            SettingsViewModel vm = new SettingsViewModel(new SettingsBackend(ctx), new DirectTaskExecutor());
            vm.importVulnData(file);
            assertThat(vm.importIsErrorProperty().get()).isTrue();
            assertThat(vm.importMessageProperty().get()).startsWith("Import failed: ").contains("broken.json");
            assertThat(vm.importingProperty().get()).isFalse();
            assertThat(ctx.vulnDb().info().kevEntries()).isEqualTo(kev);
        }
    }

    @Test
    void saveIsAllOrNothing() throws Exception {
        try (AppContext ctx = AppContext.open(dir.toString())) {
            SettingsBackend backend = new SettingsBackend(ctx);
            SettingsViewModel.Values good = backend.load();
            SettingsViewModel.Values bad = new SettingsViewModel.Values("dark", "top-100", 500, 0, 100, 3, "Org",
                    dir.resolve("no-logo.png").toString(), "");
            assertThatThrownBy(() -> backend.save(bad)).hasMessageStartingWith("Logo file not found");
            // the theme and scan defaults before the bad logo were not taken either
            assertThat(ctx.settings().theme()).isEqualTo(Settings.Theme.LIGHT);
            assertThat(ctx.settings().scanPorts()).isEqualTo("top-1000");
            assertThat(backend.load()).isEqualTo(good);
            assertThat(Files.exists(dir.resolve(Settings.FILE_NAME))).isFalse();
        }
    }
}
