package org.watchpost.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchpost.ui.common.DirectTaskExecutor;

class SettingsViewModelTest {
    final List<SettingsViewModel.Values> saved = new ArrayList<>();
    SettingsViewModel.Values stored = new SettingsViewModel.Values("light", "top-1000", 1000, 0, 4000, 2, "", "", "");
    String refuse;

    final SettingsViewModel.Backend backend = new SettingsViewModel.Backend() {
        @Override public SettingsViewModel.Values load() { return stored; }
        @Override public void save(SettingsViewModel.Values v) {
            if (refuse != null) throw new IllegalArgumentException(refuse);
            stored = v;
            saved.add(v);
        }
        @Override public String datasetSummary() { return "data up to 2025-08-25"; }
        @Override public String importVulnData(Path file) { return "imported " + file.getFileName(); }
        @Override public void openFolder(Path folder) throws Exception {
            throw new java.io.IOException("No file manager could open the folder. Open it yourself: " + folder);
        }
    };

    SettingsViewModel vm() {
        SettingsViewModel vm = new SettingsViewModel(backend, new DirectTaskExecutor());
        vm.load();
        return vm;
    }

    @Test
    void loadsEditsAndSavesAllValuesAndTellsTheApp() {
        SettingsViewModel vm = vm();
        List<String> themes = new ArrayList<>();
        vm.setOnSaved(v -> themes.add(v.theme()));
        assertThat(vm.timeoutMsProperty().get()).isEqualTo("1000");
        vm.themeProperty().set("dark");
        vm.timeoutMsProperty().set(" 2,500 ");
        vm.portsProperty().set(" 22,443 ");
        vm.organisationProperty().set(" ACME ");
        vm.concurrentScansProperty().set(4);
        vm.save();
        assertThat(saved).containsExactly(new SettingsViewModel.Values("dark", "22,443", 2500, 0, 4000, 4, "ACME", "", ""));
        assertThat(themes).containsExactly("dark");
        assertThat(vm.messageProperty().get()).isEqualTo("Settings saved.");
        assertThat(vm.messageIsErrorProperty().get()).isFalse();
        assertThat(vm.savesProperty().get()).isEqualTo(1);
    }

    @Test
    void aNonNumberNeverReachesTheBackendAndTheMessageNamesTheField() {
        SettingsViewModel vm = vm();
        vm.rateLimitProperty().set("lots");
        vm.save();
        assertThat(saved).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo("Rate limit must be a whole number, was 'lots'");
        assertThat(vm.errorFieldProperty().get()).isEqualTo("rateLimit");
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
    }

    @Test
    void aBackendRefusalIsShownAsIsAndHighlightsItsField() {
        SettingsViewModel vm = vm();
        List<String> themes = new ArrayList<>();
        vm.setOnSaved(v -> themes.add(v.theme()));
        refuse = "Concurrency must be between 1 and 100000, was 0";
        vm.save();
        assertThat(vm.messageProperty().get()).isEqualTo(refuse);
        assertThat(vm.errorFieldProperty().get()).isEqualTo("concurrency");
        assertThat(themes).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void datasetImportAndFolderMessagesComeBack() {
        SettingsViewModel vm = vm();
        vm.refreshDataset();
        assertThat(vm.datasetProperty().get()).isEqualTo("data up to 2025-08-25");
        vm.importVulnData(Path.of("/x/kev.json"));
        assertThat(vm.importMessageProperty().get()).isEqualTo("imported kev.json");
        vm.openFolder(Path.of("/data/wp"));
        assertThat(vm.folderMessageProperty().get()).contains("No file manager").contains("/data/wp");
    }
}
