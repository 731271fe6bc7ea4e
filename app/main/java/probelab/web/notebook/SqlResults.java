package probelab.web.notebook;

import probelab.storage.sandbox.SqlRejectedException;
import probelab.storage.sandbox.SqlSandbox;
import probelab.report.ResultCache;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * SQL cell results, run once per (query text, data version) however many page views, .json/.csv twins and viewers
 * of a shared notebook ask: without this, every view of a notebook re-ran every cell, a cheap way to keep the
 * sandbox busy. A refusal is kept like a result (the same query on the same data is refused again), except "busy",
 * which says nothing about the query.
 */
public final class SqlResults implements AutoCloseable {
    private static final int KEPT = 256;

    /** What running a cell's SQL gave: a result, or the sandbox's refusal. */
    public record Outcome(SqlSandbox.Result result, SqlRejectedException refusal) {
        SqlSandbox.Result orThrow() {
            if (refusal != null) throw refusal;
            return result;
        }
    }

    private final SqlSandbox sql;
    private final Supplier<String> dataVersion;
    private final ResultCache<String, Outcome> cache = new ResultCache<>(KEPT);
    private final ExecutorService pool;

    /**
     * @param sql         the sandbox, or null when this server has none
     * @param dataVersion changes whenever the data user SQL reads changes (the snapshot's mtime and size)
     */
    public SqlResults(SqlSandbox sql, Supplier<String> dataVersion) {
        this.sql = sql;
        this.dataVersion = dataVersion;
        this.pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "probelab-notebook-sql");
            t.setDaemon(true);
            return t;
        });
    }

    boolean available() {
        return sql != null;
    }

    int maxRows() {
        return sql.limits().maxRows();
    }

    /** The outcome of {@code source} on the current data, computed at most once per data version. */
    Outcome run(String source) {
        String key = dataVersion.get() + "\u0000" + source;
        Outcome o = cache.get(key, k -> compute(source));
        if (o.refusal() != null && o.refusal().reason() == SqlRejectedException.Reason.BUSY) cache.invalidate(key);
        return o;
    }

    /** Starts {@code source} on the pool (or joins its run in progress); see {@link #await}. */
    CompletableFuture<Outcome> start(String source) {
        return CompletableFuture.supplyAsync(() -> run(source), pool);
    }

    /**
     * The outcome if it is ready by {@code deadlineNanos} ({@link System#nanoTime()}); otherwise empty, and the query
     * goes on, so that the cell's own request (or the next view) finds it done or waits for that same run.
     */
    static Optional<Outcome> await(CompletableFuture<Outcome> f, long deadlineNanos) {
        try {
            return Optional.of(f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }

    private Outcome compute(String source) {
        try {
            return new Outcome(sql.run(source), null);
        } catch (SqlRejectedException e) {
            return new Outcome(null, e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
