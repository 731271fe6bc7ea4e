package probelab.storage.snapshot;

import probelab.storage.db.Database;
import probelab.storage.samples.RunTask;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;
import probelab.storage.samples.SampleStoreTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.ProcessLines;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class SnapshotTest {
    /** How long the reader process may take to answer one command: a JVM that loads DuckDB first, on a busy machine. */
    static final Duration ANSWER = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    static void addOkSamples(SampleStore store, String runId, int n) {
        List<SampleRow> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) rows.add(SampleRow.ok(runId, "rtt_p50_us", "", i, 40 + i % 7, "us", null));
        store.addSamples(rows);
    }

    @Test
    void a_second_process_reads_the_snapshot_while_this_process_holds_the_live_file_and_writes() throws Exception {
        Path live = dir.resolve("probelab.duckdb");
        try (Database db = Database.open(live)) {
            SampleStore store = new SampleStore(db);
            SampleStoreTest.seedRun(store, "j1", "r1");
            addOkSamples(store, "r1", 1000);
            Snapshot snapshot = new Snapshot(db, Snapshot.besideLive(live));
            assertEquals(1000, snapshot.refresh().sampleCount());

            // the server keeps measuring: one committed insert after another, as a job writes
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong written = new AtomicLong();
            AtomicReference<Throwable> writerFailed = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        store.addSample(SampleRow.ok("r1", "rtt_p99_us", "", (int) written.get() + 1, 99, "us", null));
                        written.incrementAndGet();
                    }
                } catch (Throwable t) {
                    writerFailed.set(t);
                }
            });
            writer.start();

            Process reader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SnapshotReaderMain.class.getName(),
                    snapshot.file().toString()).redirectErrorStream(true).start();
            try (var out = new PrintWriter(reader.getOutputStream(), true, StandardCharsets.UTF_8)) {
                ProcessLines in = ProcessLines.of(reader);
                out.println("live " + live);
                String refused = in.next(ANSWER, "the answer to live");
                assertTrue(refused.startsWith("live-refused") && refused.contains("lock"),
                        "DuckDB keeps a second process out of the live file, which is why the snapshot exists: " + refused);

                out.println("count");
                assertEquals("count 1000", in.next(ANSWER, "the first count"),
                        "the reader sees the snapshot, not the live file");

                awaitWrites(200, written, writer, writerFailed);
                Snapshot.Info second = snapshot.refresh(); // the reader holds the old snapshot open meanwhile
                assertTrue(second.sampleCount() > 1000, "the new snapshot holds what was written since");

                out.println("count");
                assertEquals("count 1000", in.next(ANSWER, "the count on the old snapshot"),
                        "a reader that had the old snapshot open keeps reading it (Linux keeps the old inode)");
                out.println("reopen");
                assertEquals("count " + second.sampleCount(), in.next(ANSWER, "the count after reopen"),
                        "reopening the path gives exactly the new snapshot: one consistent transaction");
                out.println("quit");
                assertTrue(reader.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, reader.exitValue());
            } finally {
                reader.destroyForcibly();
                stop.set(true);
                writer.join(TimeUnit.SECONDS.toMillis(60));
            }
            assertFalse(writer.isAlive(), "the writer stopped when asked");
            assertNull(writerFailed.get(), "the live database took every write while the reader read");
            try (var conn = db.connect(); Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM samples")) {
                rs.next();
                assertEquals(1000 + written.get(), rs.getLong(1));
            }
        }
    }

    /** Waits until the writer has committed {@code n} rows; fails at once when it died, and after a minute. */
    static void awaitWrites(long n, AtomicLong written, Thread writer, AtomicReference<Throwable> failed)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (written.get() < n) {
            if (failed.get() != null) fail("the writer failed after " + written.get() + " rows", failed.get());
            assertTrue(writer.isAlive(), "the writer ended after " + written.get() + " rows");
            assertTrue(System.nanoTime() < deadline, "the writer committed only " + written.get() + " rows in a minute");
            Thread.sleep(10);
        }
    }

    @Test
    void a_refresh_leaves_the_snapshot_and_nothing_else_and_clears_what_a_killed_refresh_left() throws Exception {
        Path live = dir.resolve("probelab.duckdb");
        Path stale = dir.resolve("probelab.snapshot.duckdb.tmp-dead");
        Files.writeString(stale, "half a copy from a killed process");
        Path stalePublic = dir.resolve("probelab.snapshot.public.duckdb.tmp-dead");
        Files.writeString(stalePublic, "half a public copy from a killed process");
        try (Database db = Database.open(live)) {
            SampleStore store = new SampleStore(db);
            SampleStoreTest.seedRun(store, "j1", "r1");
            addOkSamples(store, "r1", 10);
            Snapshot snapshot = new Snapshot(db, Snapshot.besideLive(live));
            assertFalse(Files.exists(stale), "a temporary file from a killed refresh is removed at start");
            assertFalse(Files.exists(stalePublic), "so is one of the public part");
            snapshot.refresh();
            snapshot.refresh();
            try (Stream<Path> files = Files.list(dir)) {
                Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
                names.remove("probelab.duckdb.wal");
                // the snapshot and its public part, which the SQL sandbox reads
                assertEquals(Set.of("probelab.duckdb", "probelab.snapshot.duckdb", "probelab.snapshot.public.duckdb"), names);
            }
        }
    }

    @Test
    void the_snapshot_has_the_analyst_views_and_says_when_it_was_taken() throws Exception {
        Path live = dir.resolve("probelab.duckdb");
        try (Database db = Database.open(live)) {
            SampleStore store = new SampleStore(db);
            SampleStoreTest.seedRun(store, "j1", "r1");
            addOkSamples(store, "r1", 7);
            Instant before = Instant.now().minusSeconds(1);
            Snapshot.Info info = new Snapshot(db, Snapshot.besideLive(live)).refresh();
            assertEquals(dir.resolve("probelab.snapshot.duckdb"), info.file());
            assertTrue(info.sizeBytes() > 0);

            try (Database copy = Database.openReadOnly(info.file()); var conn = copy.connect(); Statement st = conn.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT n, median_value FROM v_metric_summary WHERE metric = 'rtt_p50_us'")) {
                    assertTrue(rs.next());
                    assertEquals(7, rs.getLong(1));
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM v_published_claims")) {
                    assertTrue(rs.next(), "the claims view is in the snapshot too");
                }
                try (ResultSet rs = st.executeQuery("SELECT taken_at, sample_count, source_file FROM snapshot_meta")) {
                    assertTrue(rs.next());
                    Instant takenAt = rs.getTimestamp(1).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
                    assertTrue(takenAt.isAfter(before) && !takenAt.isAfter(Instant.now()), "taken_at is the refresh time: " + takenAt);
                    assertEquals(7, rs.getLong(2));
                    assertEquals(live.toString(), rs.getString(3));
                }
            }
        }
    }

    @Test
    void how_far_each_task_got_is_in_v_sampling_live_and_in_the_public_snapshot() throws Exception {
        Path live = dir.resolve("probelab.duckdb");
        try (Database db = Database.open(live)) {
            SampleStore store = new SampleStore(db);
            SampleStoreTest.seedRun(store, "j1", "r1");
            store.recordTask(new RunTask("r1", "server", "rtt,cold_start,memory", 9, 1, 20_000, "precision", 4.2,
                    "rtt_p50_us", 5.0));
            store.recordTask(new RunTask("r1", "build", "build", 2, 0, 30_000, "budget", null, "build_ms[cold]", 5.0));
            // recorded again (a job records a task once; the key makes a second write replace, not duplicate)
            store.recordTask(new RunTask("r1", "build", "build", 3, 0, 45_000, "budget", null, "build_ms[cold]", 5.0));
            var tasks = store.sampling("j1");
            assertEquals(List.of("server", "build"), tasks.stream().map(t -> t.task().task()).toList());
            assertEquals(3, tasks.get(1).task().iterations());
            assertNull(tasks.get(1).task().halfWidthPct());
            assertEquals(4.2, tasks.get(0).task().halfWidthPct());

            var snapshot = new Snapshot(db, Snapshot.besideLive(live));
            snapshot.refresh();
            try (Database copy = Database.openReadOnly(snapshot.publicFile()); var conn = copy.connect(); Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT task, stop_reason, runtime FROM v_sampling ORDER BY task DESC")) {
                assertTrue(rs.next());
                assertEquals("server", rs.getString(1));
                assertEquals("precision", rs.getString(2));
                assertTrue(rs.next());
                assertEquals("budget", rs.getString(2));
            }
        }
    }

    @Test
    void the_snapshot_is_named_after_the_live_file() {
        assertEquals(Path.of("/x/var/probelab.snapshot.duckdb"), Snapshot.besideLive(Path.of("/x/var/probelab.duckdb")));
        assertEquals(Path.of("/x/my.db.snapshot.duckdb"), Snapshot.besideLive(Path.of("/x/my.db")));
    }
}
