package probelab.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try {
            // root ignores directory permissions, so the failure can only be provoked as another user
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(locked), "running as root");
            assertThrows(IOException.class, () -> FileTrees.delete(root));
            assertDoesNotThrow(() -> FileTrees.deleteBestEffort(root));
            assertTrue(Files.exists(locked.resolve("f.go")), "what could not be deleted stays");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
