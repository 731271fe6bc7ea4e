package probelab.storage.sandbox;

import probelab.storage.db.Database;
import probelab.storage.export.Exporter;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;
import probelab.storage.samples.SampleStoreTest;
import probelab.storage.snapshot.Snapshot;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import probelab.storage.sandbox.WorkerPool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.storage.sandbox.SqlRejectedException.Reason.EMPTY;
import static probelab.storage.sandbox.SqlRejectedException.Reason.FAILED;
import static probelab.storage.sandbox.SqlRejectedException.Reason.MULTIPLE_STATEMENTS;
import static probelab.storage.sandbox.SqlRejectedException.Reason.NOT_A_QUERY;
import static probelab.storage.sandbox.SqlRejectedException.Reason.SYNTAX;
import static probelab.storage.sandbox.SqlRejectedException.Reason.TIMEOUT;
import static probelab.storage.sandbox.SqlRejectedException.Reason.TOO_LONG;

class SqlSandboxTest {
    /** Stands for the temp dir in the fuzz list, which is built before JUnit makes the dir. */
    static final String DIR = "@DIR@";
    /** A path outside the temp dir that nothing may create. */
    static final Path OUTSIDE = Path.of(System.getProperty("java.io.tmpdir"), "probelab-fuzz-" + UUID.randomUUID() + ".csv");
    /** Runs for hours: 10^13 rows from a cross join that needs almost no memory. */
    static final String FOREVER = "SELECT count(*) FROM range(10000000) a, range(1000000) b";
    /**
     * How late past the server's kill (the limit plus {@link SqlSandbox#GRACE_MILLIS}) an answer may come on a loaded
     * 2-core machine, where the caller's thread waits its turn: a bound that still tells seconds from hours.
     */
    static final long LOADED_MACHINE_SLACK_MILLIS = 3000;

    /**
     * The worker processes of every sandbox here with the default pool size, started once for the class: a worker is
     * a JVM and DuckDB's native library (seconds each on a busy machine, for ~50 tests) and keeps nothing between
     * queries, so the tests stay independent. Tests about a pool of another size make their own.
     */
    static WorkerPool workers;

    @TempDir
    Path dir;
    Database db;
    Snapshot snapshot;
    Snapshot.Info info;
    SqlSandbox sandbox;

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
        store.addSample(SampleRow.ok("r1", "rtt_p50_us", "", 2, 43.5, "us", "closed loop"));
        // a real Parquet file on disk that user SQL must not be able to read
        new Exporter(db::connect).export(Exporter.Format.PARQUET, dir.resolve("exports"), Exporter.Filter.ALL);
        snapshot = new Snapshot(db, Snapshot.besideLive(db.file()));
        info = snapshot.refresh();
        sandbox = new SqlSandbox(snapshot, SqlSandbox.Limits.DEFAULT, workers);
        warm(sandbox);
    }

    /**
     * Waits until a worker process of {@code s} has started (a JVM and DuckDB's native library: seconds on a busy
     * machine), so that timings in a test are the query's, not the start's.
     */
    static void warm(SqlSandbox s) {
        assertEquals(1, s.run("SELECT 1").rows().size());
    }

    @AfterEach
    void close() {
        sandbox.close();
        db.close();
    }

    static Stream<Arguments> hostileOrBrokenSql() {
        return Stream.of(
                Arguments.of("COPY a table to a file", "COPY samples TO '" + DIR + "/stolen.csv'", NOT_A_QUERY),
                Arguments.of("COPY a query to /tmp", "COPY (SELECT * FROM v_samples) TO '" + OUTSIDE + "' (FORMAT csv)", NOT_A_QUERY),
                Arguments.of("EXPORT DATABASE", "EXPORT DATABASE '" + DIR + "/exported'", NOT_A_QUERY),
                Arguments.of("ATTACH a new file", "ATTACH '" + DIR + "/evil.duckdb' AS evil", NOT_A_QUERY),
                Arguments.of("ATTACH the live file writable", "ATTACH '" + DIR + "/probelab.duckdb' AS live", NOT_A_QUERY),
                Arguments.of("DETACH the snapshot", "DETACH snapshot", NOT_A_QUERY),
                Arguments.of("INSTALL an extension", "INSTALL httpfs", NOT_A_QUERY),
                Arguments.of("LOAD an extension", "LOAD httpfs", NOT_A_QUERY),
                Arguments.of("PRAGMA setting threads", "PRAGMA threads=64", NOT_A_QUERY),
                Arguments.of("PRAGMA reading the catalog", "PRAGMA database_list", NOT_A_QUERY),
                Arguments.of("SET external access back on", "SET enable_external_access = true", NOT_A_QUERY),
                Arguments.of("RESET the configuration lock", "RESET lock_configuration", NOT_A_QUERY),
                Arguments.of("two queries", "SELECT 1; SELECT 2", MULTIPLE_STATEMENTS),
                Arguments.of("a query followed by a DROP", "SELECT 1; DROP TABLE samples", NOT_A_QUERY),
                Arguments.of("a DROP hidden after a comment", "SELECT 1 /* ; */ ; DROP TABLE samples --", NOT_A_QUERY),
                Arguments.of("CREATE TABLE AS", "CREATE TABLE stolen AS SELECT * FROM samples", NOT_A_QUERY),
                Arguments.of("CREATE TEMP TABLE", "CREATE TEMP TABLE t AS SELECT 1", NOT_A_QUERY),
                Arguments.of("CREATE MACRO", "CREATE MACRO m(x) AS x + 1", NOT_A_QUERY),
                Arguments.of("INSERT", "INSERT INTO samples SELECT * FROM samples", NOT_A_QUERY),
                Arguments.of("UPDATE", "UPDATE jobs SET status = 'completed'", NOT_A_QUERY),
                Arguments.of("DELETE", "DELETE FROM samples", NOT_A_QUERY),
                Arguments.of("DROP TABLE", "DROP TABLE samples", NOT_A_QUERY),
                Arguments.of("ALTER TABLE", "ALTER TABLE samples ADD COLUMN x INTEGER", NOT_A_QUERY),
                Arguments.of("CHECKPOINT", "CHECKPOINT", NOT_A_QUERY),
                Arguments.of("CALL a table function", "CALL checkpoint()", NOT_A_QUERY),
                Arguments.of("USE another catalog", "USE memory", NOT_A_QUERY),
                Arguments.of("BEGIN a transaction", "BEGIN TRANSACTION", NOT_A_QUERY),
                Arguments.of("EXPLAIN ANALYZE", "EXPLAIN ANALYZE SELECT 1", NOT_A_QUERY),
                Arguments.of("COPY FROM DATABASE", "COPY FROM DATABASE snapshot TO memory", NOT_A_QUERY),
                Arguments.of("a DELETE inside a CTE", "WITH x AS (DELETE FROM samples RETURNING *) SELECT * FROM x", NOT_A_QUERY),
                Arguments.of("read_csv of /etc/passwd", "SELECT * FROM read_csv('/etc/passwd')", FAILED),
                Arguments.of("a replacement scan of /etc/passwd", "SELECT * FROM '/etc/passwd'", FAILED),
                Arguments.of("read_parquet of a path", "SELECT * FROM read_parquet('" + DIR + "/exports/samples.parquet')", FAILED),
                Arguments.of("read_text of a system file", "SELECT * FROM read_text('/etc/hostname')", FAILED),
                Arguments.of("glob of the file system", "SELECT * FROM glob('/*')", FAILED),
                Arguments.of("query() smuggling a COPY", "SELECT * FROM query('COPY samples TO ''" + OUTSIDE + "''')", FAILED),
                Arguments.of("getenv", "SELECT getenv('HOME')", FAILED),
                // wide rows reach the 512 MB limit after ~30k of them: a fraction of a second even on one busy core
                Arguments.of("a query that needs more memory than the limit", "SELECT max(length(p)) FROM (SELECT repeat('x', 16000) || range AS p FROM range(10000000) ORDER BY p)", FAILED),
                Arguments.of("checkpoint() as a table function", "SELECT * FROM checkpoint()", null),
                Arguments.of("a syntax error", "SELEC 1", SYNTAX),
                Arguments.of("only a comment", "-- nothing here", EMPTY),
                Arguments.of("blank", "   ", EMPTY));
    }

    @ParameterizedTest(name = "{0} is refused and nothing changes on disk")
    @MethodSource("hostileOrBrokenSql")
    void hostile_or_broken_sql_is_refused_with_a_reason_and_changes_nothing_on_disk(String what, String sql,
                                                                                  SqlRejectedException.Reason expected) throws Exception {
        String text = sql.replace(DIR, dir.toString());
        Map<String, String> before = fingerprint(dir);
        Map<String, String> cwdBefore = names(Path.of("").toAbsolutePath());
        // the clock must not decide what these tests are about (the memory limit, the refusals): a patient sandbox
        SqlSandbox patient = new SqlSandbox(snapshot, SqlSandbox.Limits.DEFAULT.withTimeout(Duration.ofSeconds(60)), workers);
        if (expected != null) {
            SqlRejectedException e = assertThrows(SqlRejectedException.class, () -> patient.run(text), what);
            assertEquals(expected, e.reason(), what + ": " + e.getMessage());
            assertFalse(e.getMessage().contains("temp_directory"), "no advice the user cannot follow: " + e.getMessage());
            assertFalse(e.getMessage().isBlank(), "a message a person can act on");
        } else {
            try {
                patient.run(text);
            } catch (SqlRejectedException e) {
                // refused or harmless: both are fine, as long as nothing changes
            }
        }
        patient.close();
        assertEquals(before, fingerprint(dir), what + ": the live database, its WAL and the snapshot are unchanged, no file appeared");
        assertEquals(cwdBefore, names(Path.of("").toAbsolutePath()), what + ": nothing (such as a .tmp spill directory) appeared in the working directory");
        assertFalse(Files.exists(OUTSIDE), what + ": nothing was written outside");
    }

    @Test
    void a_query_that_runs_forever_is_cancelled_within_the_limit_and_the_next_query_runs() {
        try (SqlSandbox strict = new SqlSandbox(snapshot, SqlSandbox.Limits.DEFAULT.withTimeout(Duration.ofSeconds(1))
                .withMaxRows(10) /* and one query at a time: the next one only gets through if this one really stopped */, workers)) {
            warm(strict);
            long t0 = System.nanoTime();
            SqlRejectedException e = assertThrows(SqlRejectedException.class, () -> strict.run(FOREVER));
            long elapsed = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(TIMEOUT, e.reason());
            assertTrue(e.getMessage().contains("1 s"), e.getMessage());
            assertTrue(elapsed >= 1000 && elapsed < 1000 + SqlSandbox.GRACE_MILLIS + LOADED_MACHINE_SLACK_MILLIS,
                    "cancelled at the limit, took " + elapsed + " ms");
            assertEquals(List.of(List.of(2L)), strict.run("SELECT count(*) FROM v_samples").rows());
        }
    }

    @Test
    void the_default_time_limit_is_five_seconds_and_really_stops_the_query() {
        try (SqlSandbox defaults = new SqlSandbox(snapshot, new SqlSandbox.Limits(Duration.ofSeconds(5), 10_000, "512MB", 2, 100_000, 1))) {
            assertEquals(SqlSandbox.Limits.DEFAULT.timeout(), defaults.limits().timeout());
            warm(defaults);
            long t0 = System.nanoTime();
            SqlRejectedException e = assertThrows(SqlRejectedException.class, () -> defaults.run(FOREVER));
            long elapsed = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(TIMEOUT, e.reason());
            assertTrue(elapsed >= 5000 && elapsed < 5000 + SqlSandbox.GRACE_MILLIS + LOADED_MACHINE_SLACK_MILLIS,
                    "took " + elapsed + " ms");
            // with one permit, this answers only because the runaway query has released it
            assertEquals(1, defaults.run("SELECT 1").rows().size());
        }
    }

    @Test
    void a_huge_result_is_capped_at_the_row_limit_and_says_it_was_truncated() {
        long t0 = System.nanoTime();
        SqlSandbox.Result r = sandbox.run("SELECT range AS n FROM range(100000000)");
        assertTrue(r.truncated());
        assertEquals(SqlSandbox.Limits.DEFAULT.maxRows(), r.rows().size());
        assertEquals(0L, r.rows().get(0).get(0));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2000, "the result is streamed and reading stops at the cap");

        SqlSandbox.Result exact = sandbox.run("SELECT range AS n FROM range(10000)");
        assertFalse(exact.truncated(), "exactly maxRows rows is not truncated");
        assertEquals(10_000, exact.rows().size());
    }

    @Test
    void a_query_returns_named_typed_columns_json_ready_values_and_when_the_data_was_taken() {
        long t0 = System.nanoTime();
        SqlSandbox.Result r = sandbox.run("""
                SELECT runtime, value, measured_at, [1, 2] AS list, {'a': 1} AS struct, 'NaN'::DOUBLE AS nan, NULL AS nothing
                FROM v_samples ORDER BY iteration LIMIT 1""");
        assertEquals(List.of("runtime", "value", "measured_at", "list", "struct", "nan", "nothing"),
                r.columns().stream().map(SqlSandbox.Column::name).toList());
        assertEquals("VARCHAR", r.columns().get(0).type());
        assertEquals("DOUBLE", r.columns().get(1).type());
        assertEquals("TIMESTAMP", r.columns().get(2).type());
        List<Object> row = r.rows().get(0);
        assertEquals("native", row.get(0));
        assertEquals(42.5, row.get(1));
        assertInstanceOf(String.class, row.get(2), "timestamps as ISO-8601 text");
        assertEquals(List.of(1, 2), row.get(3));
        assertEquals(Map.of("a", 1), row.get(4));
        assertEquals("NaN", row.get(5), "non-finite doubles as text: JSON has no NaN");
        assertNull(row.get(6));
        assertFalse(r.truncated());
        long wallMillis = (System.nanoTime() - t0) / 1_000_000;
        // the worker's own time, in milliseconds: within what the caller waited (nanoseconds or a clock reading are not)
        assertTrue(r.elapsedMillis() >= 0 && r.elapsedMillis() <= wallMillis, r.elapsedMillis() + " ms of " + wallMillis);
        assertEquals(info.takenAt().truncatedTo(ChronoUnit.MICROS), r.dataAsOf());
    }

    @Test
    void user_sql_reads_the_snapshot_so_new_samples_appear_after_the_next_refresh() {
        new SampleStore(db).addSample(SampleRow.ok("r1", "rtt_p50_us", "", 3, 44.5, "us", null));
        assertEquals(List.of(List.of(2L)), sandbox.run("SELECT count(*) FROM v_samples").rows());
        snapshot.refresh();
        assertEquals(List.of(List.of(3L)), sandbox.run("SELECT count(*) FROM v_samples").rows());
    }

    @Test
    void read_only_forms_analysts_use_are_allowed() {
        assertFalse(sandbox.run("DESCRIBE v_samples").rows().isEmpty());
        assertFalse(sandbox.run("SHOW TABLES").rows().isEmpty());
        assertFalse(sandbox.run("SUMMARIZE samples").rows().isEmpty());
        assertEquals(2, sandbox.run("FROM v_samples").rows().size());
        assertEquals(1, sandbox.run("WITH x AS (SELECT median(value) AS m FROM v_samples) SELECT * FROM x;").rows().size());
    }

    @Test
    void over_long_sql_is_refused_before_anything_runs() {
        try (SqlSandbox small = new SqlSandbox(snapshot, new SqlSandbox.Limits(Duration.ofSeconds(1), 10, "64MB", 1, 20, 1))) {
            assertEquals(TOO_LONG, assertThrows(SqlRejectedException.class, () -> small.run("SELECT 1 + 1 + 1 + 1 + 1 + 1")).reason());
        }
    }

    /** Size, modification time and SHA-256 of every file under {@code root}. */
    static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.toList()) {
                String key = root.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    out.put(key + "/", "dir");
                    continue;
                }
                out.put(key, Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis() + " " + sha256(p));
            }
        }
        return out;
    }

    static Map<String, String> names(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> out.put(p.getFileName().toString(), Files.isDirectory(p) ? "dir" : "file"));
        }
        return out;
    }

    static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
