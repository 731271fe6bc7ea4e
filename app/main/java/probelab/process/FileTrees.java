package probelab.process;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;

/**
 * Directory trees: deleted strictly where a leftover would be wrong, best effort where it only costs disk; opened to
 * other users where a rootless engine's CLI, running as another user, must read (or write) them.
 */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Gives other users read access to every file under {@code root} and entry to every directory, and with
     * {@code writableDirs} write access to the directories too (a build that writes next to its sources).
     */
    public static void openToOthers(Path root, boolean writableDirs) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                var perms = Files.getPosixFilePermissions(p);
                boolean changed = perms.add(PosixFilePermission.OTHERS_READ);
                if (Files.isDirectory(p)) {
                    changed |= perms.add(PosixFilePermission.OTHERS_EXECUTE);
                    if (writableDirs) changed |= perms.add(PosixFilePermission.OTHERS_WRITE);
                }
                if (changed) Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    /**
     * Deletes {@code root} and everything under it, or throws at the first entry that cannot be deleted. For callers
     * whose correctness depends on the tree being gone, e.g. a generator that renames a fresh tree into its place.
     * Symbolic links are deleted, never followed. A missing {@code root} is already deleted.
     */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                // Go makes module cache files read-only; deleting them needs only the parent to be writable
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes as much of {@code root} as it can and never throws: for caches, scratch copies and temporary
     * directories under var/ or /tmp, where a leftover costs disk, not correctness.
     */
    public static void deleteBestEffort(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    quietly(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    quietly(file); // unreadable (or vanished): deleting it may still work
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    quietly(dir); // fails if a child stayed behind, which is all best effort can do
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // the visitor never throws; this is the walk itself failing at the root, which leaves it as it is
        }
    }

    private static void quietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort by contract: see deleteBestEffort
        }
    }
}
