package probelab.storage.sandbox;

import probelab.storage.db.Database;
import probelab.storage.samples.SampleStore;
import probelab.storage.samples.SampleStoreTest;
import probelab.storage.snapshot.Snapshot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Huge user SQL results must not fill the server's heap. Isolated: the heap is the whole test JVM's, and another class
 * allocating beside these tests (a report render, a parse) grew the measured peak past the bound on its own.
 */
@Isolated("measures the test JVM's heap peak")
class SqlSandboxHeapTest {
    /** 600 rows of 10 MB each. */
    static final String HUGE = "SELECT repeat('x', 10000000) AS x FROM range(60)";

    @TempDir
    Path dir;
    Database db;
    SqlSandbox sandbox;

    @BeforeEach
    void start() throws InterruptedException {
        db = Database.open(dir.resolve("probelab.duckdb"));
        SampleStoreTest.seedRun(new SampleStore(db), "j1", "r1");
        Snapshot snapshot = new Snapshot(db, Snapshot.besideLive(db.file()));
        snapshot.refresh();
        sandbox = new SqlSandbox(snapshot, SqlSandbox.Limits.DEFAULT);
        SqlSandboxIsolationTest.allReady(sandbox);
        SqlSandboxTest.warm(sandbox);
    }

    @AfterEach
    void close() {
        sandbox.close();
        db.close();
    }

    @Test
    void a_600_MB_result_comes_back_truncated_under_16_MB_and_the_server_heap_barely_grows() {
        long before = heapPeaksReset();
        SqlSandbox.Result r = sandbox.run(HUGE);
        long grown = heapPeak() - before;
        assertTrue(r.truncated(), "cut at the byte cap");
        long chars = r.rows().stream().mapToLong(row -> ((String) row.get(0)).length()).sum();
        assertTrue(chars > 0 && chars <= SqlSandbox.Limits.DEFAULT.maxResultBytes(), chars + " characters");
        assertEquals(1, r.rows().size(), "one 10 MB row fits in 16 MB, two do not");
        assertTrue(grown < 100L << 20, "the heap grew by " + (grown >> 20) + " MB");
    }

    @Test
    void three_huge_results_at_once_all_answer_truncated_and_the_server_heap_stays_small() throws Exception {
        long before = heapPeaksReset();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<SqlSandbox.Result>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) results.add(callers.submit(() -> sandbox.run(HUGE)));
            for (Future<SqlSandbox.Result> f : results) assertTrue(f.get(120, TimeUnit.SECONDS).truncated());
        } finally {
            callers.shutdownNow();
        }
        long grown = heapPeak() - before;
        assertTrue(grown < 200L << 20, "the heap grew by " + (grown >> 20) + " MB for three 600 MB results");
    }

    /** Resets the heap pools' peaks and returns the heap in use now, after a GC. */
    static long heapPeaksReset() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP) continue;
            pool.resetPeakUsage();
            used += pool.getUsage().getUsed();
        }
        return used;
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound of the heap's peak. */
    static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return peak;
    }
}
