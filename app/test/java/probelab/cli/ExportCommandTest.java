package probelab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.storage.db.Database;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;
import probelab.storage.snapshot.Snapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportCommandTest {
    @TempDir
    Path dir;

    /** Runs probelab.cli.Main in a child JVM, as ./probelab does: another process than the one holding the database. */
    private ChildCli.Outcome run(String... args) throws Exception {
        return ChildCli.run(Duration.ofSeconds(120), args);
    }

    private static void seed(SampleStore store) {
        store.createJob("j1", "{}", Instant.now());
        store.createRun(new RunRow("j1-0", "j1", "native", "1.23.5", "tiny", Instant.now(),
                new probelab.storage.samples.Environment("Debian", "6.1", "cpu", 2, 1L << 34, "go1.23.5", "", "", "0.1.0", ""),
                RunRow.WorkloadCounts.NONE));
        for (int i = 1; i <= 4; i++) {
            store.addSample(SampleRow.ok("j1-0", "rtt_p50_us", "", i, 50 + i, "us", null));
            store.addSample(SampleRow.ok("j1-0", "build_ms", "cold", i, 1000 + i, "ms", null));
        }
    }

    private static long count(Path file, String reader) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + reader + "('" + file + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void while_another_process_holds_the_database_export_says_to_use_the_snapshot_and_from_snapshot_works() throws Exception {
        Path live = dir.resolve("probelab.duckdb");
        try (Database db = Database.open(live)) { // this process plays the running server
            seed(new SampleStore(db));
            new Snapshot(db, Snapshot.besideLive(live)).refresh();

            var locked = run("export", "--db", live.toString(), "--format", "csv", "--out", dir.resolve("a").toString());
            assertEquals(1, locked.exit(), locked.output());
            assertTrue(locked.output().contains("--from-snapshot"), locked.output());
            assertFalse(Files.exists(dir.resolve("a").resolve("samples.csv")));

            var out = run("export", "--db", live.toString(), "--from-snapshot", "--format", "parquet",
                    "--out", dir.resolve("b").toString(), "--runtime", "native", "--go", "1.23", "--size", "tiny", "--metric", "rtt");
            assertEquals(0, out.exit(), out.output());
            assertTrue(out.output().contains("wrote 4 samples"), out.output());
            assertEquals(4, count(dir.resolve("b").resolve("samples.parquet"), "read_parquet"));
        }
    }

    @Test
    void with_no_server_running_export_reads_the_live_file() throws Exception {
        Path live = dir.resolve("probelab.duckdb");
        try (Database db = Database.open(live)) {
            seed(new SampleStore(db));
        }
        var out = run("export", "--db", live.toString(), "--format", "csv", "--out", dir.resolve("c").toString(), "--job", "j1");
        assertEquals(0, out.exit(), out.output());
        assertEquals(8, count(dir.resolve("c").resolve("samples.csv"), "read_csv"));
    }

    @Test
    void unknown_format_size_or_metric_exit_2_with_the_valid_values() throws Exception {
        Path live = dir.resolve("probelab.duckdb");
        try (Database db = Database.open(live)) {
            seed(new SampleStore(db));
        }
        String out = dir.resolve("d").toString();
        var format = run("export", "--db", live.toString(), "--format", "xlsx", "--out", out);
        assertEquals(2, format.exit(), format.output());
        assertTrue(format.output().contains("valid: parquet, csv"), format.output());
        var size = run("export", "--db", live.toString(), "--format", "csv", "--out", out, "--size", "gigantic");
        assertEquals(2, size.exit(), size.output());
        assertTrue(size.output().contains("valid: tiny, small, medium, large, monorepo"), size.output());
        var metric = run("export", "--db", live.toString(), "--format", "csv", "--out", out, "--metric", "latency");
        assertEquals(2, metric.exit(), metric.output());
        assertTrue(metric.output().contains("valid: rtt, cold_start, memory, limits, build, image_build"), metric.output());
        assertFalse(Files.exists(dir.resolve("d")), "nothing written");
    }

    @Test
    void the_snapshot_command_refreshes_the_snapshot_on_demand() throws Exception {
        Path live = dir.resolve("probelab.duckdb");
        try (Database db = Database.open(live)) {
            seed(new SampleStore(db));
        }
        var out = run("snapshot", "--db", live.toString());
        assertEquals(0, out.exit(), out.output());
        assertTrue(out.output().contains("8 samples") && out.output().contains("duckdb -readonly"), out.output());
        assertTrue(Files.isRegularFile(dir.resolve("probelab.snapshot.duckdb")));
    }
}
