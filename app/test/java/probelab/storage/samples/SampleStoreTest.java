package probelab.storage.samples;

import probelab.storage.db.Database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Also the seed other storage tests start from ({@link #seedRun}, {@link #ENV}): public for their packages. */
public class SampleStoreTest {
    @TempDir
    Path dir;

    public static final Environment ENV = new Environment("Debian", "6.1", "cpu", 2, 1L << 34, "go version go1.23.5",
            "20.10", "host process", "0.1.0", "abc");

    public static void seedRun(SampleStore store, String jobId, String runId) {
        store.createJob(jobId, "{}", Instant.now());
        store.markJobStarted(jobId);
        store.createRun(new RunRow(runId, jobId, "native", "1.23.5", "tiny", Instant.now(), ENV,
                new RunRow.WorkloadCounts(1, 1, 2, 210, "1")));
    }

    @Test
    void schema_can_be_applied_again_to_an_existing_database_without_losing_samples() {
        Path file = dir.resolve("p.duckdb");
        try (Database db = Database.open(file)) {
            var store = new SampleStore(db);
            seedRun(store, "j1", "r1");
            store.addSample(SampleRow.ok("r1", "rtt_p50_us", "", 1, 42.5, "us", null));
        }
        try (Database db = Database.open(file)) {
            assertEquals(1, new SampleStore(db).summarize("j1").get(0).okCount());
        }
    }

    @Test
    void v_samples_joins_every_dimension_a_report_filters_on() throws Exception {
        try (Database db = Database.open(dir.resolve("p.duckdb"))) {
            var store = new SampleStore(db);
            seedRun(store, "j1", "r1");
            store.addSample(SampleRow.ok("r1", "build_ms", "cold", 1, 1234.0, "ms", "go build ./..."));
            store.addSample(SampleRow.failed("r1", "build_ms", "warm", 1, "ms", "go build failed: exit 1"));
            try (var conn = db.connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT job_id, runtime, go_version, project_size, metric, variant, value, status, error "
                         + "FROM v_samples ORDER BY variant")) {
                assertTrue(rs.next());
                assertEquals("j1", rs.getString("job_id"));
                assertEquals("native", rs.getString("runtime"));
                assertEquals("1.23.5", rs.getString("go_version"));
                assertEquals("tiny", rs.getString("project_size"));
                assertEquals("cold", rs.getString("variant"));
                assertEquals(1234.0, rs.getDouble("value"));
                assertTrue(rs.next());
                assertEquals("failed", rs.getString("status"));
                rs.getDouble("value");
                assertTrue(rs.wasNull(), "a failed sample has no value");
                assertEquals("go build failed: exit 1", rs.getString("error"));
            }
        }
    }

    @Test
    void appended_batches_are_visible_with_nulls_kept() {
        try (Database db = Database.open(dir.resolve("p.duckdb"))) {
            var store = new SampleStore(db);
            seedRun(store, "j1", "r1");
            List<SampleRow> rows = new ArrayList<>();
            for (int i = 1; i <= 1000; i++) rows.add(SampleRow.ok("r1", "rtt_p99_us", "", i, i, "us", null));
            rows.add(SampleRow.failed("r1", "rtt_p99_us", "", 1001, "us", "server vanished"));
            store.addSamples(rows);
            var summary = store.summarize("j1").get(0);
            assertEquals(1000, summary.okCount());
            assertEquals(1, summary.failedCount());
            assertEquals(500.5, summary.median());
            assertEquals("server vanished", summary.firstError());
        }
    }

    @Test
    void jobs_left_running_by_a_dead_process_are_marked_aborted_and_keep_their_samples() {
        try (Database db = Database.open(dir.resolve("p.duckdb"))) {
            var store = new SampleStore(db);
            seedRun(store, "dead", "dead-0");
            store.addSample(SampleRow.ok("dead-0", "cold_start_ms", "", 1, 12.0, "ms", null));
            seedRun(store, "done", "done-0");
            store.markJobFinished("done", SampleStore.JOB_COMPLETED, null);

            assertEquals(List.of("dead"), store.abortUnfinished());

            var dead = store.job("dead").orElseThrow();
            assertEquals(SampleStore.JOB_ABORTED, dead.status());
            assertEquals(1, dead.okSamples());
            assertEquals(SampleStore.JOB_COMPLETED, store.job("done").orElseThrow().status());
            assertTrue(store.abortUnfinished().isEmpty(), "a second start finds nothing left to abort");
        }
    }

    @Test
    void histograms_round_trip_as_blobs() {
        try (Database db = Database.open(dir.resolve("p.duckdb"))) {
            var store = new SampleStore(db);
            seedRun(store, "j1", "r1");
            store.addHistogram("r1", 1, new byte[]{1, 2, 3}, 10, 1000);
            store.addHistogram("r1", 2, new byte[]{4, 5}, 10, 1000);
            var blobs = store.histograms(List.of("r1"));
            assertEquals(2, blobs.size());
            assertEquals(3, blobs.get(0).length);
            assertNull(store.job("nope").orElse(null));
        }
    }
}
