package probelab.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeLibraryLeftoversTest {
    @TempDir
    Path dir;

    @Test
    void a_copy_no_process_maps_is_removed() throws Exception {
        Path leftover = Files.write(dir.resolve("libduckdb_java123456.so"), new byte[]{1, 2, 3});
        Path other = Files.write(dir.resolve("unrelated.so"), new byte[]{1});
        assertEquals(1, NativeLibraryLeftovers.clean(dir));
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(other), "only DuckDB's copies are touched");
    }

    @Test
    void the_copy_this_jvm_has_loaded_is_kept() throws Exception {
        DriverManager.getConnection("jdbc:duckdb:").close(); // loads the native library
        Path loaded;
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            loaded = Path.of(maps.filter(l -> l.contains("libduckdb_java")).findFirst().orElseThrow()
                    .replaceAll("^.*? (/.*)$", "$1"));
        }
        assertTrue(Files.exists(loaded), loaded.toString());
        NativeLibraryLeftovers.clean(loaded.getParent());
        assertTrue(Files.exists(loaded), "a library in use is never removed: " + loaded);
    }
}
