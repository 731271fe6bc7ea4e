package probelab.report;

import probelab.catalog.HistogramCodec;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.analysis.LatencyHistograms;
import probelab.storage.db.Database;
import probelab.storage.samples.Environment;
import probelab.storage.report.ReportQueries;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Decoded histograms per run, over a real DuckDB file: finished runs read once, running ones every time. */
class HistogramCacheTest {
    private static final String JOB = "20250101-cache";
    private static final ReportQueries.RunRef DONE = new ReportQueries.RunRef(JOB + "-0", "native", "1.22", "tiny", true);
    private static final ReportQueries.RunRef LIVE = new ReportQueries.RunRef(JOB + "-1", "docker", "1.22", "tiny", false);

    @TempDir
    Path dir;
    Database db;
    SampleStore store;
    /** How often each run's histograms were read from the database. */
    final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    Function<List<String>, Map<String, List<byte[]>>> countingReader;

    @BeforeEach
    void seed() {
        db = Database.open(dir.resolve("probelab.duckdb"));
        store = new SampleStore(db);
        store.createJob(JOB, "{}", Instant.parse("2025-01-01T10:00:00Z"));
        Environment env = new Environment("Test OS", "6.1", "Test CPU", 2, 1L << 34, "go version go1.22.5", "1.0", "test", "0.1.0", "test");
        for (var run : List.of(DONE, LIVE)) {
            store.createRun(new RunRow(run.runId(), JOB, run.runtime(), "1.22.5", "tiny", Instant.parse("2025-01-01T10:00:00Z"),
                    env, RunRow.WorkloadCounts.NONE));
            store.addHistogram(run.runId(), 1, histogramOf(1000), 1000, 1_000_000);
        }
        store.finishRun(DONE.runId(), "completed");
        ReportQueries queries = new ReportQueries(db);
        countingReader = ids -> {
            ids.forEach(id -> reads.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
            ResultCacheTest.slow();
            return queries.histogramsByRun(ids);
        };
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void eight_page_views_at_once_read_a_finished_runs_histograms_once() throws Exception {
        HistogramCache cache = new HistogramCache(countingReader, 100);
        List<Map<ReportQueries.RunRef, LatencyHistograms.Sparse>> answers = ResultCacheTest.atOnce(() -> cache.of(List.of(DONE)));
        assertEquals(1, reads.get(DONE.runId()).get());
        for (var a : answers) assertEquals(1000, a.get(DONE).totalCount());
        assertEquals(1, cache.size());
    }

    @Test
    void a_run_still_measuring_is_read_again_on_every_request_and_never_kept() {
        HistogramCache cache = new HistogramCache(countingReader, 100);
        assertEquals(1000, cache.of(List.of(LIVE, DONE)).get(LIVE).totalCount());
        store.addHistogram(LIVE.runId(), 2, histogramOf(500), 500, 1_000_000);
        Map<ReportQueries.RunRef, LatencyHistograms.Sparse> later = cache.of(List.of(LIVE, DONE));
        assertEquals(1500, later.get(LIVE).totalCount(), "the new iteration is seen");
        assertEquals(List.of(LIVE, DONE), List.copyOf(later.keySet()), "in the order asked");
        assertEquals(2, reads.get(LIVE.runId()).get(), "the live run on every request");
        assertEquals(1, reads.get(DONE.runId()).get(), "the finished run once");
        assertEquals(1, cache.size());
    }

    @Test
    void a_run_without_histograms_is_empty_and_not_kept() {
        HistogramCache cache = new HistogramCache(countingReader, 100);
        var none = new ReportQueries.RunRef("no-such-run", "native", "1.22", "tiny", true);
        assertEquals(0, cache.of(List.of(none)).get(none).totalCount());
        assertEquals(0, cache.size());
    }

    private static byte[] histogramOf(int requests) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(100_000, requests);
        return HistogramCodec.encode(h);
    }
}
