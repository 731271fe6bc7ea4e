package probelab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.seed.SyntheticJobs;
import probelab.storage.db.Database;
import probelab.storage.samples.SampleStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** machine, export --bundle and import as a user runs them: a child JVM, its exit status and what it prints. */
class BundleCommandsTest {
    @TempDir
    Path dir;

    private ChildCli.Outcome run(String... args) throws Exception {
        return ChildCli.run(Duration.ofSeconds(120), args);
    }

    private static void assertRefused(ChildCli.Outcome o, String words) {
        assertEquals(2, o.exit(), o.output());
        assertTrue(o.output().contains(words), o.output());
        assertFalse(o.output().contains("\tat probelab."), "no stack trace: " + o.output());
    }

    @Test
    void bad_input_to_machine_export_bundle_and_import_is_exit_status_2_with_one_clear_line() throws Exception {
        String db = dir.resolve("p.duckdb").toString();
        assertRefused(run("machine", "--db", db, "--name", "two words"), "probelab: invalid machine name 'two words'");
        assertFalse(Files.exists(dir.resolve("p.duckdb")), "refused before the database opened");
        assertRefused(run("export", "--db", db, "--bundle", dir.resolve("b.zip").toString(), "--format", "csv"),
                "give one output");
        assertRefused(run("export", "--db", db, "--bundle", dir.resolve("b.zip").toString(), "--size", "huge"), "huge");
        assertRefused(run("import", "--db", db, dir.resolve("missing.zip").toString()), "no bundle at");
        Path text = Files.writeString(dir.resolve("notes.zip"), "hello");
        assertRefused(run("import", "--db", db, text.toString()), "not a probelab bundle");
    }

    @Test
    void a_machine_is_named_its_runs_exported_as_a_bundle_and_imported_once() throws Exception {
        Path source = dir.resolve("source.duckdb");
        ChildCli.Outcome named = run("machine", "--db", source.toString(), "--name", "lab-1");
        assertEquals(0, named.exit(), named.output());
        assertTrue(named.output().matches("(?s)[0-9a-f]{12}  lab-1\\R.*"), named.output());
        // runs written afterwards belong to the machine the database now knows as its own
        try (Database db = Database.open(source)) {
            new SyntheticJobs(new SampleStore(db), 5).writeJob(new SyntheticJobs.Shape(List.of("native"), List.of("1.22.12"),
                    List.of("tiny"), 3), Instant.parse("2025-03-01T10:00:00Z"));
        }

        Path zip = dir.resolve("results").resolve("lab-1.zip");
        ChildCli.Outcome exported = run("export", "--db", source.toString(), "--bundle", zip.toString());
        assertEquals(0, exported.exit(), exported.output());
        assertTrue(Files.isRegularFile(zip));
        assertTrue(exported.output().contains("(lab-1)"), exported.output());

        String target = dir.resolve("team.duckdb").toString();
        ChildCli.Outcome first = run("import", "--db", target, zip.toString());
        assertEquals(0, first.exit(), first.output());
        assertTrue(first.output().contains("imported") && first.output().contains("from lab-1"), first.output());
        ChildCli.Outcome second = run("import", "--db", target, zip.toString());
        assertEquals(0, second.exit(), second.output());
        assertTrue(second.output().contains("already imported"), second.output());
    }
}
