package probelab.storage.sandbox;

import probelab.storage.db.Database;
import probelab.storage.notebooks.Notebooks;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;
import probelab.storage.samples.SampleStoreTest;
import probelab.storage.shares.Shares;
import probelab.storage.snapshot.Snapshot;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.storage.sandbox.SqlRejectedException.Reason.BUSY;
import static probelab.storage.sandbox.SqlRejectedException.Reason.FAILED;
import static probelab.storage.sandbox.SqlRejectedException.Reason.TIMEOUT;

/**
 * What user SQL must not be able to do to the server: crash it, fill its heap, hold it past the time limit, or read
 * its secrets. Real DuckDB files, real worker processes.
 */
class SqlSandboxIsolationTest {
    /** Folding this constant while the query is planned takes a minute or more, and DuckDB does not check for cancel. */
    static final String PLANNING_RUNAWAY = "SELECT list_reduce(range(10000000), (a, b) -> a + b)";

    /**
     * Worker processes of the default size, started once for the class (a JVM and DuckDB's native library each) and
     * shared by the tests that are not about workers starting, dying or being counted: a worker keeps nothing
     * between queries. Tests about a killed, crashed or closed worker, or a pool of another size, start their own.
     */
    static WorkerPool workers;

    @TempDir
    Path dir;
    Database db;
    Snapshot snapshot;
    String token;
    String notebookSecret;
    final List<SqlSandbox> sandboxes = new ArrayList<>();

    @BeforeAll
    static void startWorkers() {
        workers = SqlSandbox.workersFor(SqlSandbox.Limits.DEFAULT);
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    @BeforeEach
    void seed() {
        db = Database.open(dir.resolve("probelab.duckdb"));
        SampleStore store = new SampleStore(db);
        SampleStoreTest.seedRun(store, "j1", "r1");
        store.addSample(SampleRow.ok("r1", "rtt_p50_us", "", 1, 42.5, "us", "closed loop"));
        Notebooks notebooks = new Notebooks(db);
        Notebooks.Notebook nb = notebooks.create("private");
        notebookSecret = "notebook-secret-" + java.util.UUID.randomUUID();
        notebooks.addCell(nb.id(), Notebooks.MARKDOWN, notebookSecret);
        token = new Shares(db).create(Shares.NOTEBOOK, nb.id(), "").token();
        snapshot = new Snapshot(db, Snapshot.besideLive(db.file()));
        snapshot.refresh();
    }

    @AfterEach
    void close() {
        sandboxes.forEach(SqlSandbox::close);
        db.close();
    }

    /** A sandbox on the class's workers; {@code limits} must keep the default pool size, queue and memory cap. */
    SqlSandbox sandbox(SqlSandbox.Limits limits) {
        return warmed(new SqlSandbox(snapshot, limits, workers));
    }

    /** A sandbox with worker processes of its own, which closing it stops. */
    SqlSandbox sandboxWithOwnWorkers(SqlSandbox.Limits limits) {
        return warmed(new SqlSandbox(snapshot, limits));
    }

    private SqlSandbox warmed(SqlSandbox s) {
        sandboxes.add(s);
        SqlSandboxTest.warm(s);
        return s;
    }

    /** Starts all of the sandbox's workers, as a server does, and waits until they can take a query. */
    static void allReady(SqlSandbox s) throws InterruptedException {
        s.warmUp();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (s.readyWorkers() < s.limits().maxConcurrent()) {
            assertTrue(System.nanoTime() < deadline, "workers did not start");
            Thread.sleep(50);
        }
    }

    /** Waits until {@code n} workers have been sent a query they have not answered: the query is in the worker. */
    static void awaitBusy(SqlSandbox s, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (s.busyWorkers() < n) {
            assertTrue(System.nanoTime() < deadline, "no query reached a worker in 30 s (" + s.busyWorkers() + " busy)");
            Thread.sleep(10);
        }
    }

    @Test
    void deep_plans_that_overflowed_a_1_MB_stack_answer_and_the_next_query_runs() {
        SqlSandbox s = sandbox(SqlSandbox.Limits.DEFAULT.withTimeout(Duration.ofSeconds(60)));
        String unions = String.join(" UNION ALL ", Collections.nCopies(600, "SELECT 1"));
        assertEquals(600, s.run(unions).rows().size());

        StringBuilder ctes = new StringBuilder("WITH c0 AS (SELECT 1 AS x)");
        for (int i = 1; i < 400; i++) {
            ctes.append(", c").append(i).append(" AS (SELECT x + 1 AS x FROM c").append(i - 1).append(")");
        }
        ctes.append(" SELECT x FROM c399");
        assertEquals(List.of(List.of(400)), s.run(ctes.toString()).rows());

        assertEquals(List.of(List.of(42)), s.run("SELECT 42").rows(), "this JVM is alive and the sandbox still answers");
    }

    @Test
    void a_query_that_ignores_cancel_while_planned_is_killed_soon_after_the_limit_and_holds_up_nothing()
            throws Exception {
        SqlSandbox s = sandboxWithOwnWorkers(SqlSandbox.Limits.DEFAULT.withTimeout(Duration.ofSeconds(1)));
        allReady(s);
        ExecutorService callers = Executors.newSingleThreadExecutor();
        try {
            long t0 = System.nanoTime();
            Future<SqlRejectedException> runaway = callers.submit(() -> assertThrows(SqlRejectedException.class,
                    () -> s.run(PLANNING_RUNAWAY)));
            awaitBusy(s, 1);
            assertEquals(List.of(List.of(1L)), s.run("SELECT count(*) FROM v_samples").rows());
            // the runaway answers no earlier than its kill at the limit plus the grace: the other query went past it
            assertFalse(runaway.isDone(), "the other query answered while the runaway still held its worker");
            SqlRejectedException e = runaway.get(30, TimeUnit.SECONDS);
            long elapsed = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(TIMEOUT, e.reason(), e.getMessage());
            long bound = 1000 + SqlSandbox.GRACE_MILLIS + SqlSandboxTest.LOADED_MACHINE_SLACK_MILLIS;
            assertTrue(elapsed < bound, "answered after " + elapsed + " ms");
        } finally {
            callers.shutdownNow();
        }
        assertEquals(List.of(List.of(7)), s.run("SELECT 7").rows(), "the killed worker's place is taken");
    }

    @Test
    void a_worker_that_crashes_mid_query_costs_that_query_only() throws Exception {
        SqlSandbox s = sandboxWithOwnWorkers(SqlSandbox.Limits.DEFAULT.withTimeout(Duration.ofSeconds(60)).withConcurrency(1, 4));
        long pid = s.workerPids().get(0);
        ExecutorService callers = Executors.newSingleThreadExecutor();
        try {
            Future<SqlRejectedException> crashed = callers.submit(() -> assertThrows(SqlRejectedException.class,
                    () -> s.run(SqlSandboxTest.FOREVER)));
            awaitBusy(s, 1);
            // what DuckDB overflowing its stack did to the server before: a SIGSEGV, now in the worker
            Process kill = new ProcessBuilder(List.of("kill", "-SEGV", Long.toString(pid))).start();
            assertTrue(kill.waitFor(30, TimeUnit.SECONDS), "kill ended");
            assertEquals(0, kill.exitValue());
            SqlRejectedException e = crashed.get(30, TimeUnit.SECONDS);
            assertEquals(FAILED, e.reason());
            assertTrue(e.getMessage().contains("crashed its worker process"), e.getMessage());
        } finally {
            callers.shutdownNow();
        }
        assertEquals(List.of(List.of(1L)), s.run("SELECT count(*) FROM v_samples").rows());
        assertFalse(s.workerPids().contains(pid), "a fresh worker took its place");
    }

    @Test
    void share_tokens_and_notebook_sources_are_invisible_to_user_sql_while_the_public_views_work() throws Exception {
        SqlSandbox s = sandbox(SqlSandbox.Limits.DEFAULT);
        for (String sql : List.of("SELECT token FROM shares", "FROM snapshot.shares", "FROM snapshot.main.share_runs",
                "FROM v_shares", "FROM notebook_cells", "FROM notebooks", "FROM jobs")) {
            SqlRejectedException e = assertThrows(SqlRejectedException.class, () -> s.run(sql), sql);
            assertEquals(FAILED, e.reason(), sql);
            assertFalse(e.getMessage().contains(token), sql);
        }
        for (String sql : List.of("FROM duckdb_tables()", "FROM duckdb_views()", "FROM duckdb_columns()",
                "FROM information_schema.tables", "FROM information_schema.columns", "FROM duckdb_databases()",
                "SHOW ALL TABLES", "SELECT * FROM snapshot_meta")) {
            String everything = s.run(sql).rows().toString();
            for (String secret : List.of(token, notebookSecret, "shares", "notebook_cells", "v_shares")) {
                assertFalse(everything.contains(secret), sql + " shows " + secret);
            }
        }
        assertEquals(1, s.run("FROM v_samples").rows().size());
        for (String view : List.of("v_runs", "v_failures", "v_metric_summary", "v_metrics", "v_published_claims")) {
            s.run("FROM " + view);
        }
        // the analysts' snapshot keeps everything, as documented
        try (Database copy = Database.openReadOnly(snapshot.file()); var conn = copy.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM shares")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
        assertFalse(new String(Files.readAllBytes(snapshot.publicFile()), StandardCharsets.ISO_8859_1)
                .contains(token), "not even in the public file's bytes");
    }

    @Test
    void when_every_worker_is_busy_and_the_queue_is_full_a_query_is_turned_away_as_busy() throws Exception {
        SqlSandbox s = sandboxWithOwnWorkers(SqlSandbox.Limits.DEFAULT.withTimeout(Duration.ofSeconds(3)).withConcurrency(1, 0));
        ExecutorService callers = Executors.newSingleThreadExecutor();
        try {
            Future<?> forever = callers.submit(() -> assertThrows(SqlRejectedException.class,
                    () -> s.run(SqlSandboxTest.FOREVER)));
            awaitBusy(s, 1);
            long t0 = System.nanoTime();
            SqlRejectedException busy = assertThrows(SqlRejectedException.class, () -> s.run("SELECT 1"));
            long waited = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(BUSY, busy.reason());
            // turned away at once, not after the 3 s a caller may wait for a worker (which is BUSY too)
            assertTrue(busy.getMessage().contains("0 waiting already"), busy.getMessage());
            assertTrue(waited < 3000, "turned away after " + waited + " ms");
            forever.get(30, TimeUnit.SECONDS);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void workers_end_when_the_sandbox_closes_and_when_their_stdin_closes() throws Exception {
        SqlSandbox s = sandboxWithOwnWorkers(SqlSandbox.Limits.DEFAULT);
        allReady(s);
        List<Long> pids = s.workerPids();
        assertEquals(s.limits().maxConcurrent(), pids.size(), "every worker started: " + pids);
        s.close();
        for (long pid : pids) assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid);

        // a server that dies without closing anything: the kernel closes the pipe, and the worker sees that
        Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SqlWorkerMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            worker.getOutputStream().close();
            assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "the worker exits when its stdin closes");
        } finally {
            worker.destroyForcibly();
        }
    }
}
