package probelab.storage.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import probelab.storage.db.Database;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the report's small reads returned (filter choices, header, diagnostics, jobs), keyed by the read, its arguments
 * and the data version: a page view then runs no query that the previous view of the same data ran (each costs 5-30
 * ms, most of it DuckDB binding the views). Values are immutable records and lists.
 */
final class ReadMemo {
    /** While a job writes, readers may see its data up to this late: its page polls every few seconds anyway. */
    static final long JOB_LAG_NANOS = 1_000_000_000L;

    private final Database db;
    private final Cache<List<Object>, Object> remembered = Caffeine.newBuilder().maximumSize(4_096).build();
    /** The version readers see now, and since when (System.nanoTime). */
    private long shownChanges = -1;
    private long shownAtNanos;

    ReadMemo(Database db) {
        this.db = db;
    }

    /**
     * The data version: {@link Database#changes()}, current at once, except while a job of this process writes samples
     * several times a second, when it moves on at most once a second. Fifty readers of a report then share one
     * computation per view per second instead of one per sample (measured with probes/bench/readers.sh).
     */
    synchronized long changes() {
        long now = System.nanoTime();
        long c = db.changes();
        if (c != shownChanges && (!db.jobsWriting() || now - shownAtNanos >= JOB_LAG_NANOS)) {
            shownChanges = c;
            shownAtNanos = now;
        }
        return shownChanges;
    }

    /** {@code read}'s value for these arguments at the current data version, read once. */
    @SuppressWarnings("unchecked")
    <T> T remember(String what, Supplier<T> read, Object... args) {
        List<Object> key = new ArrayList<>(args.length + 2);
        key.add(what);
        key.add(changes());
        key.addAll(Arrays.asList(args));
        return (T) remembered.get(key, k -> read.get());
    }
}
