package probelab.storage.sandbox;

import probelab.storage.db.StorageException;
import probelab.storage.snapshot.Snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static probelab.storage.sandbox.SqlRejectedException.Reason.EMPTY;
import static probelab.storage.sandbox.SqlRejectedException.Reason.FAILED;
import static probelab.storage.sandbox.SqlRejectedException.Reason.SYNTAX;
import static probelab.storage.sandbox.SqlRejectedException.Reason.TIMEOUT;
import static probelab.storage.sandbox.SqlRejectedException.Reason.TOO_LONG;

/**
 * Runs SQL that people type (notebook cells, {@code POST /api/sql}) where it can read the public measurements and
 * change nothing, leak nothing, hold nothing for long, and crash nothing but itself.
 *
 * <p>Queries run in worker processes ({@link WorkerPool}: small child JVMs from the server's own java binary and
 * class path), never in the server: DuckDB's native code can overflow a thread's stack on a deep plan, allocate
 * beyond its memory_limit, or ignore a cancel while it plans, and in a worker any of that costs one query. The
 * server kills a worker at the time limit plus {@link #GRACE_MILLIS} whatever DuckDB is doing, and when its resident
 * memory passes {@link Limits#memoryLimit()} plus {@link #WORKER_OVERHEAD_BYTES}.
 *
 * <p>Each query gets its own in-memory DuckDB instance inside its worker, thrown away afterwards, that attaches the
 * snapshot's public file ({@link Snapshot#publicFile()}: the measurements, published claims, the metric catalog and
 * the v_* views, but no share tokens or notebooks) read-only and locks itself down. DuckDB's parser must see exactly
 * one statement and it must be a query (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE). Results stream and
 * stop at the row cap or the byte cap, whichever comes first, and say they were truncated.
 */
public final class SqlSandbox implements AutoCloseable {
    /** How long after the time limit a worker may take to answer before it is killed. */
    static final long GRACE_MILLIS = 1000;
    /** What a worker may use beyond DuckDB's memory_limit: its JVM (heap 256 MB) and DuckDB's untracked memory. */
    static final long WORKER_OVERHEAD_BYTES = 1L << 30;
    /** The catalog name user SQL sees the snapshot under (and the default one, so {@code FROM v_samples} works). */
    public static final String CATALOG = Request.CATALOG;

    /**
     * What one query may use. {@code memoryLimit} is a DuckDB size such as {@code 512MB}; {@code maxConcurrent}
     * is the number of worker processes, {@code maxQueued} how many more queries may wait for one, and
     * {@code maxResultBytes} caps the encoded size of a result as {@code maxRows} caps its rows.
     */
    public record Limits(Duration timeout, int maxRows, String memoryLimit, int threads, int maxSqlChars,
                         int maxConcurrent, long maxResultBytes, int maxQueued) {
        // before DEFAULT: static fields initialise in order, and DEFAULT's constructor uses it
        private static final Pattern SIZE = Pattern.compile("(\\d{1,6}(?:\\.\\d{1,3})?) ?(KB|MB|GB|KiB|MiB|GiB)");
        /** 16 MB of encoded result at most: what a browser and the server's heap can take for one cell. */
        public static final long DEFAULT_MAX_RESULT_BYTES = 16L << 20;
        public static final int DEFAULT_MAX_QUEUED = 4;
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), 10_000, "512MB", 2, 100_000, 2);

        public Limits {
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("timeout must be between 1 ms and 10 minutes, got " + timeout);
            }
            if (maxRows < 1 || maxRows > 1_000_000) throw new IllegalArgumentException("maxRows must be 1..1000000, got " + maxRows);
            if (!SIZE.matcher(memoryLimit).matches()) throw new IllegalArgumentException("memoryLimit like 512MB, got " + memoryLimit);
            if (threads < 1 || threads > 64) throw new IllegalArgumentException("threads must be 1..64, got " + threads);
            if (maxSqlChars < 1) throw new IllegalArgumentException("maxSqlChars must be positive");
            if (maxConcurrent < 1 || maxConcurrent > 32) throw new IllegalArgumentException("maxConcurrent must be 1..32");
            if (maxResultBytes < 1024 || maxResultBytes > (1L << 30)) {
                throw new IllegalArgumentException("maxResultBytes must be 1 KB..1 GB, got " + maxResultBytes);
            }
            if (maxQueued < 0) throw new IllegalArgumentException("maxQueued must not be negative");
        }

        /** The default byte cap (16 MB) and wait queue (4). */
        public Limits(Duration timeout, int maxRows, String memoryLimit, int threads, int maxSqlChars, int maxConcurrent) {
            this(timeout, maxRows, memoryLimit, threads, maxSqlChars, maxConcurrent, DEFAULT_MAX_RESULT_BYTES, DEFAULT_MAX_QUEUED);
        }

        public Limits withTimeout(Duration t) {
            return new Limits(t, maxRows, memoryLimit, threads, maxSqlChars, maxConcurrent, maxResultBytes, maxQueued);
        }

        public Limits withMaxRows(int n) {
            return new Limits(timeout, n, memoryLimit, threads, maxSqlChars, maxConcurrent, maxResultBytes, maxQueued);
        }

        public Limits withConcurrency(int workers, int queued) {
            return new Limits(timeout, maxRows, memoryLimit, threads, maxSqlChars, workers, maxResultBytes, queued);
        }

        /** {@link #memoryLimit()} in bytes. */
        long memoryLimitBytes() {
            Matcher m = SIZE.matcher(memoryLimit);
            if (!m.matches()) throw new IllegalStateException(memoryLimit);
            double n = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
                case "KB" -> 1000L;
                case "MB" -> 1000L * 1000;
                case "GB" -> 1000L * 1000 * 1000;
                case "KIB" -> 1L << 10;
                case "MIB" -> 1L << 20;
                default -> 1L << 30;
            };
            return (long) (n * unit);
        }
    }

    /** A result column: its name and DuckDB type name (BIGINT, VARCHAR, DOUBLE, TIMESTAMP, ...). */
    public record Column(String name, String type) {
    }

    /**
     * At most {@code maxRows} rows and {@code maxResultBytes} bytes; {@code truncated} when the query had more.
     * Values are JSON-ready: null, Boolean, Number (non-finite doubles become strings), String (timestamps and dates
     * as ISO-8601), List (DuckDB lists) and Map (structs, maps). {@code elapsedMillis} is the query's planning,
     * execution and fetch time; {@code dataAsOf} is when the snapshot it read was taken (null if it does not say).
     */
    public record Result(List<Column> columns, List<List<Object>> rows, boolean truncated, long elapsedMillis,
                         Instant dataAsOf) {
    }

    private final Snapshot snapshot;
    private final Limits limits;
    private final WorkerPool workers;
    private final boolean ownsWorkers;

    /** Starts no process yet: the first query, or {@link #warmUp()}, does. */
    public SqlSandbox(Snapshot snapshot, Limits limits) {
        this(snapshot, limits, workersFor(limits), true);
    }

    /**
     * Runs on {@code workers}, which the caller made with {@link #workersFor} and closes: {@link #close()} leaves them
     * running. Sandboxes on different snapshots can share workers, because a worker keeps nothing between queries
     * (each opens its own DuckDB instance on the file its request names); starting one is a JVM and DuckDB's native
     * library, seconds on a busy machine.
     *
     * @throws IllegalArgumentException when the pool's size, queue or memory cap is not the one {@code limits} ask for
     */
    public SqlSandbox(Snapshot snapshot, Limits limits, WorkerPool workers) {
        this(snapshot, limits, workers, false);
        if (!workers.settings().equals(settingsFor(limits))) {
            throw new IllegalArgumentException("the worker pool has " + workers.settings() + "; these limits need "
                    + settingsFor(limits));
        }
    }

    private SqlSandbox(Snapshot snapshot, Limits limits, WorkerPool workers, boolean ownsWorkers) {
        this.snapshot = snapshot;
        this.limits = limits;
        this.workers = workers;
        this.ownsWorkers = ownsWorkers;
    }

    /** Worker processes for sandboxes with {@code limits} (their number, queue and memory cap); none started yet. */
    public static WorkerPool workersFor(Limits limits) {
        return new WorkerPool(settingsFor(limits));
    }

    private static WorkerPool.Settings settingsFor(Limits limits) {
        return new WorkerPool.Settings(limits.maxConcurrent(), limits.maxQueued(),
                limits.memoryLimitBytes() + WORKER_OVERHEAD_BYTES, GRACE_MILLIS);
    }

    public Limits limits() {
        return limits;
    }

    /** Starts the worker processes in the background, so the first query does not wait for a JVM to start. */
    public void warmUp() {
        workers.warmUp();
    }

    /**
     * Runs one read-only query against the snapshot's public file. Throws {@link SqlRejectedException} with the
     * reason when the SQL is refused, fails, crashes its worker or runs past the time limit; {@link StorageException}
     * when the sandbox itself cannot be set up (the snapshot cannot be made, no worker process can start).
     */
    public Result run(String sql) {
        if (sql == null || sql.isBlank()) throw new SqlRejectedException(EMPTY, "no SQL to run");
        if (sql.length() > limits.maxSqlChars()) {
            throw new SqlRejectedException(TOO_LONG, "the SQL is " + sql.length() + " characters; at most "
                    + limits.maxSqlChars() + " are accepted");
        }
        if (sql.indexOf('\0') >= 0) throw new SqlRejectedException(SYNTAX, "syntax error: the SQL contains a NUL character");
        try {
            snapshot.ensureExists();
        } catch (StorageException e) {
            // shown in the notebook cell or as the API's 400, like any query that cannot run
            throw new SqlRejectedException(FAILED, e.getMessage());
        }
        Request request = new Request(sql, snapshot.publicFile().toString(), limits.timeout().toMillis(), limits.maxRows(),
                limits.maxResultBytes(), limits.memoryLimit(), limits.threads());
        Reply reply = workers.run(request, limits.timeout().toMillis());
        return switch (reply.status()) {
            case OK -> result(reply);
            case SETUP_FAILED -> throw new StorageException(reply.message(), null);
            case TIMEOUT -> throw new SqlRejectedException(TIMEOUT, "the query ran longer than " + human(limits.timeout())
                    + " and was cancelled");
            case FAILED -> throw new SqlRejectedException(FAILED, failure(reply.message()));
            default -> throw new SqlRejectedException(SqlRejectedException.Reason.valueOf(reply.status().name()),
                    reply.message() == null || reply.message().isBlank() ? "the query was refused" : reply.message());
        };
    }

    private static Result result(Reply r) {
        List<Column> columns = new ArrayList<>(r.columnNames().size());
        for (int i = 0; i < r.columnNames().size(); i++) {
            columns.add(new Column(r.columnNames().get(i), i < r.columnTypes().size() ? r.columnTypes().get(i) : ""));
        }
        return new Result(List.copyOf(columns), r.rows(), r.truncated(), r.elapsedMillis(), r.dataAsOf());
    }

    /**
     * DuckDB's message up to its first blank line: what follows is advice for someone who controls the settings
     * (raise memory_limit, set temp_directory), which the sandbox locks.
     */
    private String failure(String message) {
        String m = message == null || message.isBlank() ? "the query failed" : message.strip();
        int blank = m.indexOf("\n\n");
        if (blank > 0) m = m.substring(0, blank).strip();
        if (m.startsWith("Out of Memory Error")) {
            m += "; a query here may use at most " + limits.memoryLimit() + " and cannot spill to disk";
        }
        return m;
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** Process ids of the live workers, for tests that check a crash cost one worker and nothing else. */
    List<Long> workerPids() {
        return workers.pids();
    }

    /** Workers that have started and can take queries. */
    int readyWorkers() {
        return workers.readyWorkers();
    }

    /** Workers that have been sent a query and not answered it yet. */
    int busyWorkers() {
        return workers.busyWorkers();
    }

    /** Stops the worker processes, unless they were given to this sandbox to share. */
    @Override
    public void close() {
        if (ownsWorkers) workers.close();
    }
}
