package probelab.report;

import probelab.analysis.ValueSet;
import probelab.storage.report.ReportQueries;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Computes the notebook's cells: bounded reads from {@link ReportQueries}, then each cell's statistics and figures
 * ({@link RttCell}, {@link ReportCells}). The cells of one page share their reads (one grouped read of every value
 * they need, one of failures) and are then computed in parallel. Results are cached per (cell, filter, data
 * version) with per-key loading: the HTML cell and its .json twin, or two people opening the same view at once,
 * compute it once; any write to the database changes the version ({@link ReportQueries#changes()}).
 */
public final class ReportService implements AutoCloseable {
    private final ReportQueries queries;
    private final RttCell rtt;
    private final ExecutorService workers;
    /** Null when caching is off (benchmarks of the uncached path). */
    private final ResultCache<String, CellResult> results;

    public ReportService(ReportQueries queries, HistogramCache histograms, int cachedResults) {
        this.queries = queries;
        this.rtt = new RttCell(queries, histograms);
        int threads = Math.max(2, java.lang.Runtime.getRuntime().availableProcessors());
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "probelab-report");
            t.setDaemon(true);
            return t;
        });
        this.results = cachedResults > 0
                ? new ResultCache<>(cachedResults)
                : null;
    }

    public ReportQueries queries() {
        return queries;
    }

    /** Runs {@code work} on the report's workers, e.g. the header's queries while the cells compute. */
    public <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, workers);
    }

    /**
     * Computes the default overview in the background: the first page view then finds every run's latency histogram
     * decoded (tens of thousands of blobs in a large database) and the cells cached.
     */
    public void warmUp() {
        async(() -> cells(ReportFilter.defaults(), List.of(CellKind.values()))).exceptionally(e -> {
            org.slf4j.LoggerFactory.getLogger(ReportService.class).warn("warming the report up failed: {}", e.toString());
            return null;
        });
    }

    public CellResult cell(CellKind kind, ReportFilter filter) {
        return cells(filter, List.of(kind)).get(kind);
    }

    /** The given cells for one filter, in the order asked. */
    public Map<CellKind, CellResult> cells(ReportFilter f, List<CellKind> kinds) {
        Map<CellKind, CellResult> found;
        if (results == null) {
            found = join(computeAll(f, kinds));
        } else {
            String version = "@" + queries.changes();
            Map<String, CellKind> byKey = new LinkedHashMap<>();
            for (CellKind k : kinds) byKey.put(k.id() + "?" + f.cacheKey() + version, k);
            // the missing cells load together (one shared read), each key once however many requests ask for it;
            // the loader works on this thread (its cells on the workers), so a worker never waits for another worker
            Map<String, CellResult> byKeyResult = results.getAll(byKey.keySet(), missing -> {
                List<CellKind> todo = missing.stream().map(byKey::get).toList();
                Map<String, CellResult> out = new LinkedHashMap<>();
                join(computeAll(f, todo)).forEach((k, r) -> out.put(keyOf(byKey, k), r));
                return out;
            });
            found = new EnumMap<>(CellKind.class);
            byKeyResult.forEach((key, r) -> found.put(byKey.get(key), r));
        }
        Map<CellKind, CellResult> ordered = new LinkedHashMap<>();
        for (CellKind k : kinds) ordered.put(k, found.get(k));
        return ordered;
    }

    private static String keyOf(Map<String, CellKind> byKey, CellKind kind) {
        for (var e : byKey.entrySet()) {
            if (e.getValue() == kind) return e.getKey();
        }
        throw new IllegalStateException("no key for " + kind);
    }

    /** One shared read for all the cells, then each cell computed on its own worker. */
    private CompletableFuture<Map<CellKind, CellResult>> computeAll(ReportFilter f, List<CellKind> kinds) {
        CellInputs in = read(f, kinds);
        Map<CellKind, CompletableFuture<CellResult>> futures = new EnumMap<>(CellKind.class);
        for (CellKind k : kinds) futures.put(k, CompletableFuture.supplyAsync(() -> compute(k, f, in), workers));
        return CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<CellKind, CellResult> out = new EnumMap<>(CellKind.class);
            futures.forEach((k, fut) -> out.put(k, fut.join()));
            return out;
        });
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException ex) {
            // the typed exception inside (a bad filter, a storage failure) is what the edge maps to a status
            Throwable cause = ex.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
            if (cause instanceof RuntimeException re) throw re;
            throw ex;
        }
    }

    private CellInputs read(ReportFilter f, List<CellKind> kinds) {
        Set<String> metrics = new LinkedHashSet<>(), failureMetrics = new LinkedHashSet<>();
        for (CellKind k : kinds) {
            metrics.addAll(k.metrics());
            failureMetrics.addAll(k.familyMetrics());
            if (k == CellKind.HEATMAP) {
                metrics.add(f.heat().metricId());
                failureMetrics.add(f.heat().metricId());
            }
        }
        var groups = queries.valueGroups(f.samples(), List.copyOf(metrics), true, null);
        var failures = queries.failureCounts(f.samples(), List.copyOf(failureMetrics));
        List<ValueSet> sets = new ArrayList<>(groups.items().size());
        boolean thinned = false;
        for (var g : groups.items()) {
            if (g.sortedValues().length == 0) continue;
            thinned |= g.thinned();
            sets.add(new ValueSet(g.runtime(), g.goMinor(), g.size(), g.metric(), g.variant(), g.workloadLines(), g.sortedValues()));
        }
        return new CellInputs(sets, failures.items(), groups.truncated() || failures.truncated() || thinned,
                queries.sampling(f.samples()), queries.notApplicable(f.samples()));
    }

    private CellResult compute(CellKind kind, ReportFilter f, CellInputs in) {
        CellResult r = switch (kind.shape()) {
            case RTT -> rtt.compute(f, in);
            case SERIES_BOXES -> ReportCells.seriesBoxes(kind, f, in);
            case STACKED_BARS -> ReportCells.memory(f, in);
            case SIZE_LINES -> ReportCells.sizeLines(kind, f, in);
            case HEATMAP -> ReportCells.heatmap(f, in);
        };
        return kind.family() == null ? r : r.withNotes(SamplingNotes.of(kind.family().id(), in.sampling()));
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
