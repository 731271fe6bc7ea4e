package probelab.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.duckdb.DuckDBStruct;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import static probelab.storage.SqlRejectedException.Reason.BUSY;
import static probelab.storage.SqlRejectedException.Reason.EMPTY;
import static probelab.storage.SqlRejectedException.Reason.FAILED;
import static probelab.storage.SqlRejectedException.Reason.MULTIPLE_STATEMENTS;
import static probelab.storage.SqlRejectedException.Reason.NOT_A_QUERY;
import static probelab.storage.SqlRejectedException.Reason.SYNTAX;
import static probelab.storage.SqlRejectedException.Reason.TIMEOUT;
import static probelab.storage.SqlRejectedException.Reason.TOO_LONG;

/**
 * Runs SQL that people type (notebook cells, {@code POST /api/sql}) where it can read the measurements and change
 * nothing, leak nothing and hold nothing for long.
 *
 * <p>Each query gets its own in-memory DuckDB instance, thrown away afterwards, so no state (temp tables, settings)
 * carries from one query to the next. The instance attaches the {@link Snapshot} read-only (the live file cannot be
 * opened by a second instance, and must not be), then locks itself down in this order: no spilling to a temp
 * directory (it must be set before external access goes), memory and thread limits, no extension autoload or
 * autoinstall, {@code enable_external_access=false} (no COPY TO, no read_csv/read_parquet/glob of paths, no ATTACH,
 * no INSTALL/LOAD), and {@code lock_configuration=true} last, so SET cannot undo any of it.
 *
 * <p>Before running anything, DuckDB's own parser ({@code json_serialize_sql}) must see exactly one statement and
 * it must be a query (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE); anything else is refused unexecuted.
 * The lock-down is the second wall behind that check, not the only one.
 *
 * <p>A watchdog cancels the statement at the time limit; if the query has not stopped a grace period later it
 * closes the query's connection (which interrupts and frees it), and the caller gets its answer by then whatever
 * happens. A query that still will not stop keeps its permit, so at most {@code maxConcurrent} of them exist.
 * Results stream from DuckDB and reading stops at the row cap, so a huge result is never built.
 */
public final class SqlSandbox implements AutoCloseable {
    /** How long after cancelling the watchdog waits before closing the connection, and the caller before giving up. */
    static final long GRACE_MILLIS = 1000;
    /** The catalog name user SQL sees the snapshot under (and the default one, so {@code FROM v_samples} works). */
    public static final String CATALOG = "snapshot";

    /** What one query may use. {@code memoryLimit} is a DuckDB size such as {@code 512MB}. */
    public record Limits(Duration timeout, int maxRows, String memoryLimit, int threads, int maxSqlChars,
                         int maxConcurrent) {
        // before DEFAULT: static fields initialise in order, and DEFAULT's constructor uses it
        private static final Pattern SIZE = Pattern.compile("\\d{1,6}(\\.\\d{1,3})? ?(KB|MB|GB|KiB|MiB|GiB)");
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), 10_000, "512MB", 2, 100_000, 2);

        public Limits {
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("timeout must be between 1 ms and 10 minutes, got " + timeout);
            }
            if (maxRows < 1 || maxRows > 1_000_000) throw new IllegalArgumentException("maxRows must be 1..1000000, got " + maxRows);
            if (!SIZE.matcher(memoryLimit).matches()) throw new IllegalArgumentException("memoryLimit like 512MB, got " + memoryLimit);
            if (threads < 1 || threads > 64) throw new IllegalArgumentException("threads must be 1..64, got " + threads);
            if (maxSqlChars < 1) throw new IllegalArgumentException("maxSqlChars must be positive");
            if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be positive");
        }

        public Limits withTimeout(Duration t) {
            return new Limits(t, maxRows, memoryLimit, threads, maxSqlChars, maxConcurrent);
        }

        public Limits withMaxRows(int n) {
            return new Limits(timeout, n, memoryLimit, threads, maxSqlChars, maxConcurrent);
        }
    }

    /** A result column: its name and DuckDB type name (BIGINT, VARCHAR, DOUBLE, TIMESTAMP, ...). */
    public record Column(String name, String type) {
    }

    /**
     * At most {@code maxRows} rows; {@code truncated} when the query had more. Values are JSON-ready: null, Boolean,
     * Number (non-finite doubles become strings), String (timestamps and dates as ISO-8601), List (DuckDB lists) and
     * Map (structs, maps). {@code elapsedMillis} is the query's execution and fetch time; {@code dataAsOf} is when the
     * snapshot it read was taken (null if the snapshot does not say).
     */
    public record Result(List<Column> columns, List<List<Object>> rows, boolean truncated, long elapsedMillis,
                         Instant dataAsOf) {
    }

    private final Snapshot snapshot;
    private final Limits limits;
    private final Semaphore permits;
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("sql-sandbox"));
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("sql-watchdog"));
    private final ObjectMapper json = new ObjectMapper();

    public SqlSandbox(Snapshot snapshot, Limits limits) {
        this.snapshot = snapshot;
        this.limits = limits;
        this.permits = new Semaphore(limits.maxConcurrent());
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Runs one read-only query against the snapshot. Throws {@link SqlRejectedException} with the reason when the
     * SQL is refused, fails, or runs past the time limit; {@link StorageException} when the sandbox itself cannot be
     * set up (e.g. the snapshot cannot be made).
     */
    public Result run(String sql) {
        if (sql == null || sql.isBlank()) throw new SqlRejectedException(EMPTY, "no SQL to run");
        if (sql.length() > limits.maxSqlChars()) {
            throw new SqlRejectedException(TOO_LONG, "the SQL is " + sql.length() + " characters; at most "
                    + limits.maxSqlChars() + " are accepted");
        }
        Path file = snapshot.ensureExists();
        try {
            if (!permits.tryAcquire(limits.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SqlRejectedException(BUSY, limits.maxConcurrent() + " queries are running already; "
                        + "try again when one has finished");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlRejectedException(BUSY, "interrupted while waiting for a running query to finish");
        }
        Query query = new Query(sql, file);
        Future<Result> result;
        try {
            result = workers.submit(() -> {
                try {
                    return query.run();
                } finally {
                    permits.release(); // only when the query has really stopped: stuck queries stay counted
                }
            });
        } catch (RejectedExecutionException e) {
            permits.release();
            throw new IllegalStateException("the SQL sandbox is closed", e);
        }
        long timeout = limits.timeout().toMillis();
        ScheduledFuture<?> cancel = watchdog.schedule(query::cancel, timeout, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> close = watchdog.schedule(query::closeConnection, timeout + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        try {
            return result.get(timeout + 2 * GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), query);
        } catch (TimeoutException e) {
            query.closeConnection();
            throw timedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            query.cancel();
            throw new SqlRejectedException(FAILED, "interrupted while the query ran; it was cancelled");
        } finally {
            cancel.cancel(false);
            close.cancel(false);
        }
    }

    private RuntimeException translate(Throwable cause, Query query) {
        if (cause instanceof SqlRejectedException r) return r;
        if (cause instanceof StorageException s) return s;
        if (query.cancelled) return timedOut();
        if (cause instanceof SQLException e) return new SqlRejectedException(FAILED, failure(e.getMessage()));
        return new StorageException("the SQL sandbox failed: " + cause, cause);
    }

    /**
     * DuckDB's message up to its first blank line: what follows is advice for someone who controls the settings
     * (raise memory_limit, set temp_directory), which the sandbox locks.
     */
    private String failure(String message) {
        String m = message == null ? "the query failed" : message.strip();
        int blank = m.indexOf("\n\n");
        if (blank > 0) m = m.substring(0, blank).strip();
        if (m.startsWith("Out of Memory Error")) {
            m += "; a query here may use at most " + limits.memoryLimit() + " and cannot spill to disk";
        }
        return m;
    }

    private SqlRejectedException timedOut() {
        return new SqlRejectedException(TIMEOUT, "the query ran longer than " + human(limits.timeout())
                + " and was cancelled");
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** One query's life: its own instance, lock-down, the single-statement check, execution and fetch. */
    private final class Query {
        final String sql;
        final Path file;
        volatile boolean cancelled;
        private DuckDBConnection conn;
        private Statement statement;
        private boolean closed;

        Query(String sql, Path file) {
            this.sql = sql;
            this.file = file;
        }

        Result run() throws SQLException {
            Properties props = new Properties();
            props.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true"); // fetch lazily: stop at the row cap
            DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", props);
            try (c; Statement st = c.createStatement()) {
                synchronized (this) {
                    if (closed) throw new SQLException("cancelled before it started");
                    conn = c;
                    statement = st;
                }
                Instant asOf = lockDown(st);
                requireSingleQuery(c);
                long t0 = System.nanoTime();
                try (ResultSet rs = st.executeQuery(sql)) {
                    ResultSetMetaData md = rs.getMetaData();
                    int n = md.getColumnCount();
                    List<Column> columns = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) columns.add(new Column(md.getColumnLabel(i), md.getColumnTypeName(i)));
                    List<List<Object>> rows = new ArrayList<>();
                    boolean truncated = false;
                    while (rs.next()) {
                        if (rows.size() == limits.maxRows()) {
                            truncated = true;
                            break;
                        }
                        Object[] row = new Object[n];
                        for (int i = 0; i < n; i++) row[i] = jsonValue(rs.getObject(i + 1));
                        rows.add(Collections.unmodifiableList(Arrays.asList(row)));
                    }
                    return new Result(List.copyOf(columns), Collections.unmodifiableList(rows), truncated,
                            (System.nanoTime() - t0) / 1_000_000, asOf);
                }
            } finally {
                synchronized (this) {
                    closed = true;
                }
            }
        }

        /** Attaches the snapshot and locks the instance down; returns when the snapshot was taken. */
        private Instant lockDown(Statement st) {
            try {
                st.execute("ATTACH " + Sql.literal(file) + " AS " + CATALOG + " (READ_ONLY)");
                st.execute("USE " + CATALOG);
                st.execute("SET temp_directory = ''"); // no spilling: a query too big for memory_limit fails, writes nothing
                st.execute("SET memory_limit = " + Sql.literal(limits.memoryLimit()));
                st.execute("SET threads = " + limits.threads());
                st.execute("SET autoinstall_known_extensions = false");
                st.execute("SET autoload_known_extensions = false");
                st.execute("SET allow_community_extensions = false");
                st.execute("SET enable_external_access = false");
                st.execute("SET lock_configuration = true");
            } catch (SQLException e) {
                throw new StorageException("cannot prepare the SQL sandbox on " + file + ": " + e.getMessage(), e);
            }
            try (ResultSet rs = st.executeQuery("SELECT max(taken_at) FROM snapshot_meta")) {
                Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
                return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
            } catch (SQLException e) {
                return null; // a snapshot made by something else: no snapshot_meta
            }
        }

        /** DuckDB's parser decides: exactly one statement, and a query. Nothing has run when this throws. */
        private void requireSingleQuery(DuckDBConnection c) throws SQLException {
            JsonNode parsed;
            try (PreparedStatement ps = c.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
                ps.setString(1, sql);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    parsed = json.readTree(rs.getString(1));
                } catch (IOException e) {
                    throw new StorageException("cannot read DuckDB's parse of the query: " + e.getMessage(), e);
                }
            }
            if (parsed.path("error").asBoolean(false)) {
                String type = parsed.path("error_type").asText("");
                String message = parsed.path("error_message").asText("");
                if (type.equals("parser")) throw new SqlRejectedException(SYNTAX, "syntax error: " + message);
                if (type.equals("not implemented")) {
                    throw new SqlRejectedException(NOT_A_QUERY, "only one read-only query is allowed (SELECT, WITH, FROM, "
                            + "VALUES, DESCRIBE, SHOW, SUMMARIZE); this SQL has a statement that is not a query");
                }
                throw new SqlRejectedException(SYNTAX, message.isEmpty() ? "DuckDB cannot parse this SQL" : message);
            }
            int statements = parsed.path("statements").size();
            if (statements == 0) throw new SqlRejectedException(EMPTY, "no statement to run (only comments or semicolons)");
            if (statements > 1) {
                throw new SqlRejectedException(MULTIPLE_STATEMENTS, "exactly one statement is allowed; found " + statements);
            }
        }

        /** The watchdog's first move: ask DuckDB to interrupt the statement. */
        void cancel() {
            cancelled = true;
            Statement st;
            synchronized (this) {
                st = statement;
            }
            if (st == null) return;
            try {
                st.cancel();
            } catch (SQLException e) {
                // already finished or closed: nothing to cancel
            }
        }

        /** The fallback: closing the connection interrupts whatever runs on it and frees the instance. */
        void closeConnection() {
            cancelled = true;
            DuckDBConnection c;
            synchronized (this) {
                if (closed) return;
                closed = true;
                c = conn;
            }
            if (c == null) return;
            try {
                c.close();
            } catch (SQLException e) {
                // it is going away either way
            }
        }
    }

    /** Turns what the driver returns into values Jackson writes as plain JSON. */
    static Object jsonValue(Object v) throws SQLException {
        if (v == null || v instanceof Boolean || v instanceof String) return v;
        if (v instanceof Double d) return Double.isFinite(d) ? d : d.toString();
        if (v instanceof Float f) return Float.isFinite(f) ? f : f.toString();
        if (v instanceof Number) return v;
        if (v instanceof Timestamp t) return t.toLocalDateTime().toString();
        if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
        if (v instanceof java.sql.Time t) return t.toLocalTime().toString();
        if (v instanceof TemporalAccessor) return v.toString();
        if (v instanceof Array a) {
            List<Object> out = new ArrayList<>();
            for (Object e : (Object[]) a.getArray()) out.add(jsonValue(e));
            return out;
        }
        if (v instanceof DuckDBStruct s) return jsonMap(s.getMap());
        if (v instanceof Map<?, ?> m) return jsonMap(m);
        if (v instanceof Blob b) return "(" + b.length() + " bytes)";
        if (v instanceof byte[] b) return "(" + b.length + " bytes)";
        return v.toString();
    }

    private static Map<String, Object> jsonMap(Map<?, ?> m) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), jsonValue(e.getValue()));
        return out;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        workers.shutdownNow();
        watchdog.shutdownNow();
    }
}
