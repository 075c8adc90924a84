package org.watchpost.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeTest {
    @TempDir
    Path tmp;

    @Test
    void theLibraryIsUnpackedOnceIntoAPrivateFolderAndReused() throws Exception {
        Path lib = SqliteNative.unpack(tmp);
        assertThat(lib).isNotNull().isRegularFile().startsWith(tmp.resolve("native"));
        long jarSize;
        try (var in = org.sqlite.JDBC.class.getResourceAsStream(
                org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath() + "/" + org.sqlite.util.LibraryLoaderUtil.getNativeLibName())) {
            jarSize = in.readAllBytes().length;
        }
        assertThat(Files.size(lib)).isEqualTo(jarSize);
        assertThat(Files.getPosixFilePermissions(lib.getParent())).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.list(lib.getParent())).as("no temporary file left")
                .containsExactlyInAnyOrder(lib, lib.resolveSibling(SqliteNative.NOTE));
        assertThat(Files.readString(lib.resolveSibling(SqliteNative.NOTE))).isEqualTo(lib.getFileName() + "\n" + jarSize + "\n");

        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(lib, old);
        assertThat(SqliteNative.unpack(tmp)).isEqualTo(lib);
        assertThat(Files.getLastModifiedTime(lib)).as("an intact copy is not rewritten").isEqualTo(old);
    }

    @Test
    void aDamagedCopyIsReplaced() throws Exception {
        Path lib = SqliteNative.unpack(tmp);
        long size = Files.size(lib);
        Files.write(lib, new byte[] {1, 2, 3});
        assertThat(SqliteNative.unpack(tmp)).isEqualTo(lib);
        assertThat(Files.size(lib)).isEqualTo(size);
    }

    @Test
    void copiesForOtherJarsUnusedForADayAreRemovedWhenANewOneIsUnpacked() throws Exception {
        Path stale = Files.createDirectories(tmp.resolve("native").resolve("sqlite-0123456789abcdef"));
        Files.writeString(stale.resolve("libsqlitejdbc.so"), "old");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 3L * 24 * 3600 * 1000));
        Path recent = Files.createDirectories(tmp.resolve("native").resolve("sqlite-fedcba9876543210"));
        Path lib = SqliteNative.unpack(tmp);
        assertThat(lib).isRegularFile();
        assertThat(stale).doesNotExist();
        assertThat(recent).as("another jar's copy in use lately is kept").exists();
    }

    @Test
    void theCacheFolderFollowsEachPlatformsConvention() {
        assertThat(SqliteNative.cacheRoot(Map.of(), "Linux", "/home/ana")).isEqualTo(Path.of("/home/ana/.cache/watchpost"));
        assertThat(SqliteNative.cacheRoot(Map.of("XDG_CACHE_HOME", "/c"), "Linux", "/home/ana")).isEqualTo(Path.of("/c/watchpost"));
        assertThat(SqliteNative.cacheRoot(Map.of("XDG_CACHE_HOME", "relative"), "Linux", "/home/ana"))
                .isEqualTo(Path.of("/home/ana/.cache/watchpost"));
        assertThat(SqliteNative.cacheRoot(Map.of(), "Mac OS X", "/Users/ana")).isEqualTo(Path.of("/Users/ana/Library/Caches/Watchpost"));
    }
}
