package probelab.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * DuckDB's JDBC driver unpacks its 57 MB native library into the temp directory as {@code libduckdb_java*.so} and
 * deletes it when the JVM exits normally; a JVM that is killed or crashes leaves it behind, one more per crash.
 * At start, before this JVM loads its own copy, the copies no running process has mapped are removed.
 */
public final class NativeLibraryLeftovers {
    private NativeLibraryLeftovers() {
    }

    /** Removes unmapped {@code libduckdb_java*.so} files from {@code tempDir}; returns how many. Never throws. */
    public static int clean(Path tempDir) {
        Set<String> mapped = mappedByAnyProcess();
        if (mapped == null) return 0; // /proc cannot be read: deleting a library in use would be worse than a leftover
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tempDir, "libduckdb_java*.so")) {
            for (Path lib : ds) {
                if (mapped.contains(lib.toAbsolutePath().toString())) continue;
                try {
                    if (Files.deleteIfExists(lib)) removed++;
                } catch (IOException e) {
                    // another user's file, or just removed by someone else: leave it
                }
            }
        } catch (IOException e) {
            return removed;
        }
        return removed;
    }

    /** Every libduckdb_java path mapped by a live process, or null when /proc is not readable. */
    private static Set<String> mappedByAnyProcess() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) return null;
        Set<String> out = new HashSet<>();
        try (Stream<Path> pids = Files.list(proc)) {
            for (Path p : (Iterable<Path>) pids.filter(x -> x.getFileName().toString().matches("\\d+"))::iterator) {
                try (Stream<String> lines = Files.lines(p.resolve("maps"))) {
                    lines.filter(l -> l.contains("libduckdb_java")).forEach(l -> out.add(l.substring(l.indexOf('/')).replace(" (deleted)", "")));
                } catch (IOException | java.io.UncheckedIOException | SecurityException e) {
                    // a process that ended meanwhile, or one we may not read (not root): it cannot be ours to judge
                    if (!(e instanceof java.nio.file.NoSuchFileException)) return null;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return out;
    }
}
