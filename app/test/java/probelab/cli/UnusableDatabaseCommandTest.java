package probelab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.storage.db.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database file probelab cannot use: one clear line naming the file and what to do, exit 1, the file untouched. */
class UnusableDatabaseCommandTest {
    @TempDir
    Path dir;

    @Test
    void a_truncated_a_foreign_and_a_newer_database_exit_1_with_one_line_that_names_the_file_and_leave_it_as_it_was() throws Exception {
        Path real = dir.resolve("real.duckdb");
        try (Database db = Database.open(real); var conn = db.connect(); var st = conn.createStatement()) {
            // enough rows that the file spans several of DuckDB's blocks, so a cut leaves a header that points past the end
            st.execute("CREATE TABLE filler AS SELECT range AS i, md5(range::VARCHAR) AS s FROM range(200000)");
        }
        byte[] whole = Files.readAllBytes(real);
        assertTrue(whole.length > 1_000_000, "a multi-block file: " + whole.length);

        Path truncated = dir.resolve("truncated.duckdb");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        Path foreign = dir.resolve("foreign.duckdb");
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Files.write(foreign, noise);
        Path newer = dir.resolve("newer.duckdb");
        Files.copy(real, newer);
        try (Database db = Database.open(newer); var conn = db.connect(); var st = conn.createStatement()) {
            st.execute("INSERT INTO schema_migrations VALUES (999, '999_from_the_future.sql', now()::TIMESTAMP)");
        }

        check(truncated, "If it is damaged or not a probelab database, move it aside");
        check(foreign, "If it is damaged or not a probelab database, move it aside");
        check(newer, "was written by a newer probelab (schema versions [999]; this one knows up to ");
    }

    private void check(Path file, String says) throws Exception {
        String before = sha256(file);
        var out = ChildCli.run(Duration.ofSeconds(120), "machine", "--db", file.toString());
        assertEquals(1, out.exit(), out.output());
        assertTrue(out.output().contains(file.toAbsolutePath().toString()) && out.output().contains(says), out.output());
        assertTrue(out.output().contains("it was left as it is"), out.output());
        assertFalse(out.output().contains("Exception") || out.output().contains("\tat "), "no stack trace: " + out.output());
        assertEquals(before, sha256(file), file + " is not modified");
        assertFalse(Files.exists(Path.of(file + ".wal")), "no write-ahead log was started beside " + file);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
