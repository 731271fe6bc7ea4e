package probelab.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTreesTest {
    @TempDir
    Path tmp;

    private Path tree() throws IOException {
        Path root = tmp.resolve("tree");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/f.go"), "package b\n");
        // like Go's module cache: read-only files, which deletion must not mind
        Files.setPosixFilePermissions(root.resolve("a/b/f.go"), PosixFilePermissions.fromString("r--r--r--"));
        Files.writeString(tmp.resolve("outside"), "x");
        Files.createSymbolicLink(root.resolve("link"), tmp.resolve("outside"));
        return root;
    }

    @Test
    void both_variants_delete_the_whole_tree_but_not_what_a_link_points_at() throws IOException {
        Path strict = tree();
        FileTrees.delete(strict);
        assertFalse(Files.exists(strict));
        assertTrue(Files.exists(tmp.resolve("outside")));

        Path lenient = tree();
        FileTrees.deleteBestEffort(lenient);
        assertFalse(Files.exists(lenient));
        assertTrue(Files.exists(tmp.resolve("outside")));
    }

    @Test
    void a_missing_tree_is_already_deleted() {
        assertDoesNotThrow(() -> FileTrees.delete(tmp.resolve("missing")));
        assertDoesNotThrow(() -> FileTrees.deleteBestEffort(tmp.resolve("missing")));
    }

    @Test
    void the_strict_variant_throws_where_an_entry_cannot_go_and_the_best_effort_one_does_not() throws IOException {
        Path root = tree();
        Path locked = root.resolve("a/b");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        // root ignores directory permissions: there, a read-only bind mount of the directory over itself refuses the
        // deletions instead (EROFS), which no user can override
        boolean mounted = false;
        try {
            if (Files.isWritable(locked)) {
                Exec.Result bind = Exec.run(List.of("mount", "--bind", locked.toString(), locked.toString()), 10_000);
                probelab.TestEnv.require(bind.ok(), "mount --bind as root: " + bind.reason());
                mounted = true;
                Exec.Result ro = Exec.run(List.of("mount", "-o", "remount,bind,ro", locked.toString()), 10_000);
                probelab.TestEnv.require(ro.ok(), "a read-only remount as root: " + ro.reason());
            }
            assertThrows(IOException.class, () -> FileTrees.delete(root));
            assertDoesNotThrow(() -> FileTrees.deleteBestEffort(root));
            assertTrue(Files.exists(locked.resolve("f.go")), "what could not be deleted stays");
        } finally {
            if (mounted) Exec.run(List.of("umount", locked.toString()), 10_000);
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
