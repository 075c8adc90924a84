package org.watchpost.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {
    @Test
    void flagBeatsEnvironmentBeatsPlatformDefault() {
        Map<String, String> env = Map.of("WATCHPOST_HOME", "/opt/wp", "XDG_DATA_HOME", "/xdg");
        assertThat(DataDirectory.resolve("/flag", env, "Linux", "/home/a")).isEqualTo(Path.of("/flag"));
        assertThat(DataDirectory.resolve(null, env, "Linux", "/home/a")).isEqualTo(Path.of("/opt/wp"));
        assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "/xdg"), "Linux", "/home/a")).isEqualTo(Path.of("/xdg/watchpost"));
        assertThat(DataDirectory.resolve(null, Map.of(), "Linux", "/home/a")).isEqualTo(Path.of("/home/a/.local/share/watchpost"));
        assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "relative"), "Linux", "/home/a"))
                .as("XDG says relative paths are ignored").isEqualTo(Path.of("/home/a/.local/share/watchpost"));
        assertThat(DataDirectory.resolve(null, Map.of(), "Mac OS X", "/Users/a"))
                .isEqualTo(Path.of("/Users/a/Library/Application Support/Watchpost"));
    }
}
