package probelab.web.overview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import probelab.analysis.AggregateRow;
import probelab.analysis.Aggregates;
import probelab.analysis.Figures;
import probelab.analysis.LatencyHistograms;
import probelab.analysis.Summary;
import probelab.analysis.ValueSet;
import probelab.probe.Metrics;
import probelab.storage.ReportQueries;
import probelab.toolchain.GoVersion;
import probelab.web.Format;
import probelab.workload.ProjectSize;

import java.util.ArrayList;
import java.util.Comparator;
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

/**
 * Computes the notebook's cells: bounded reads from {@link ReportQueries}, statistics and figures from the pure
 * functions of {@code probelab.analysis}. The cells of one page share their reads (one grouped read of every value
 * they need, one of failures) and are then computed in parallel. Results are cached per (cell, filter, data
 * version): the HTML cell and its .json twin, asked for within the same page view, compute once, and any new
 * sample changes the version.
 */
public final class ReportService implements AutoCloseable {
    private static final int FAILURE_REASONS = 12;
    private static final int CDF_POINTS = 160;
    /** Metrics in the order tables list them. */
    private static final List<String> METRIC_ORDER = List.of(Metrics.RTT_P50_US, Metrics.COLD_START_MS,
            Metrics.SERVER_RSS_BYTES, Metrics.CONTAINER_MEMORY_BYTES, Metrics.RUNTIME_OVERHEAD_BYTES, Metrics.BUILD_MS);
    private static final List<String> PHASES = List.of("", Metrics.COLD, Metrics.WARM, Metrics.INCREMENTAL);

    private final ReportQueries queries;
    private final HistogramCache histograms;
    private final boolean caching;
    private final LinkedHashMap<String, CellResult> results;
    private final ExecutorService workers;

    public ReportService(ReportQueries queries, HistogramCache histograms, int cachedResults) {
        this.queries = queries;
        this.histograms = histograms;
        this.caching = cachedResults > 0;
        this.results = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CellResult> eldest) {
                return size() > cachedResults;
            }
        };
        int threads = Math.max(2, java.lang.Runtime.getRuntime().availableProcessors());
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "probelab-report");
            t.setDaemon(true);
            return t;
        });
    }

    public ReportQueries queries() {
        return queries;
    }

    /** Runs {@code work} on the report's workers, e.g. the header's queries while the cells compute. */
    public <T> CompletableFuture<T> async(java.util.function.Supplier<T> work) {
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
        String version = caching ? "@" + queries.version() : "";
        Map<CellKind, CellResult> found = new EnumMap<>(CellKind.class);
        List<CellKind> missing = new ArrayList<>();
        synchronized (results) {
            for (CellKind k : kinds) {
                CellResult hit = caching ? results.get(key(k, f, version)) : null;
                if (hit != null) found.put(k, hit); else missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            Inputs in = read(f, missing);
            Map<CellKind, CompletableFuture<CellResult>> futures = new EnumMap<>(CellKind.class);
            for (CellKind k : missing) futures.put(k, CompletableFuture.supplyAsync(() -> compute(k, f, in), workers));
            for (var e : futures.entrySet()) {
                try {
                    found.put(e.getKey(), e.getValue().join());
                } catch (CompletionException ex) {
                    if (ex.getCause() instanceof RuntimeException re) throw re;
                    throw ex;
                }
            }
            if (caching) {
                synchronized (results) {
                    for (CellKind k : missing) results.put(key(k, f, version), found.get(k));
                }
            }
        }
        Map<CellKind, CellResult> ordered = new LinkedHashMap<>();
        for (CellKind k : kinds) ordered.put(k, found.get(k));
        return ordered;
    }

    private static String key(CellKind k, ReportFilter f, String version) {
        return k.id() + "?" + f.cacheKey() + version;
    }

    /** What a set of cells reads, once: every value they need by size, and every failure of their families. */
    private record Inputs(List<ValueSet> values, List<ReportQueries.FailureCount> failures, boolean truncated) {
        List<ValueSet> of(String metric) {
            return values.stream().filter(v -> v.metric().equals(metric)).toList();
        }
    }

    private Inputs read(ReportFilter f, List<CellKind> kinds) {
        Set<String> metrics = new LinkedHashSet<>(), failureMetrics = new LinkedHashSet<>();
        for (CellKind k : kinds) {
            metrics.addAll(k.metrics());
            failureMetrics.addAll(k.familyMetrics());
            if (k == CellKind.HEATMAP) {
                metrics.add(f.heat().metric());
                failureMetrics.add(f.heat().metric());
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
        return new Inputs(sets, failures.items(), groups.truncated() || failures.truncated() || thinned);
    }

    private CellResult compute(CellKind kind, ReportFilter f, Inputs in) {
        return switch (kind) {
            case RTT -> rtt(f, in);
            case COLD_START -> coldStart(f, in);
            case MEMORY -> memory(f, in);
            case BUILD -> build(f, in);
            case HEATMAP -> heatmap(f, in);
        };
    }

    // -- cells -----------------------------------------------------------------------------------------------------

    private static final String SIZES_POOLED = "Project sizes pooled: every size runs the same echo server.";

    private CellResult rtt(ReportFilter f, Inputs in) {
        List<ValueSet> sets = ordered(poolSizes(in.of(Metrics.RTT_P50_US)), f.baseline());
        List<AggregateRow> rows = Aggregates.summarize(sets, f.baseline());
        // request percentiles: merge every iteration's histogram, per (runtime, Go) for the table, per runtime for the CDF
        var runs = queries.runsWithHistograms(f.samples());
        Map<ReportQueries.RunRef, LatencyHistograms.Sparse> sparse = histograms.of(runs.items());
        Map<String, List<LatencyHistograms.Sparse>> byGroup = new LinkedHashMap<>();
        Map<String, String> runtimeOfGroup = new LinkedHashMap<>();
        long requests = 0;
        for (var e : sparse.entrySet()) {
            String key = e.getKey().runtime() + "\u0000" + e.getKey().goMinor();
            byGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getValue());
            runtimeOfGroup.put(key, e.getKey().runtime());
            requests += e.getValue().totalCount();
        }
        Map<String, LatencyHistograms.Sparse> mergedGroups = new LinkedHashMap<>();
        Map<String, List<LatencyHistograms.Sparse>> byRuntime = new LinkedHashMap<>();
        for (var e : byGroup.entrySet()) {
            LatencyHistograms.Sparse merged = LatencyHistograms.merge(e.getValue());
            mergedGroups.put(e.getKey(), merged);
            byRuntime.computeIfAbsent(runtimeOfGroup.get(e.getKey()), k -> new ArrayList<>()).add(merged);
        }
        List<AggregateRow> withTails = new ArrayList<>();
        for (AggregateRow r : rows) {
            var merged = mergedGroups.get(r.runtime() + "\u0000" + r.go());
            if (merged == null) {
                withTails.add(r.withSummary(r.summary().withTail(null, null)));
            } else {
                var p = LatencyHistograms.percentiles(merged);
                withTails.add(r.withSummary(r.summary().withTail(p.p90Us(), p.p99Us())));
            }
        }
        Map<String, List<LatencyHistograms.CdfPoint>> cdfs = new LinkedHashMap<>();
        for (String runtime : runtimeOrder(rows, byRuntime.keySet())) {
            var parts = byRuntime.get(runtime);
            if (parts != null) cdfs.put(runtime, LatencyHistograms.cdf(LatencyHistograms.merge(parts), CDF_POINTS));
        }
        List<String> notes = List.of(SIZES_POOLED, "p90 and p99 are over every request (" + Format.count(requests) + " in "
                + Format.count(runs.items().size()) + " runs), from merged HdrHistograms; the other columns are over "
                + "per-iteration medians.");
        Map<String, ObjectNode> figures = new LinkedHashMap<>();
        figures.put("box", Figures.boxes("Median latency per iteration", "latency", Figures.Scale.of("us"), withTails, values(sets)));
        figures.put("cdf", Figures.cdf("Latency of every request (merged histograms)", cdfs));
        return new CellResult(CellKind.RTT, "us", withTails, figures, failures(CellKind.RTT, in), notes,
                in.truncated() || runs.truncated());
    }

    private CellResult coldStart(ReportFilter f, Inputs in) {
        List<ValueSet> sets = ordered(poolSizes(in.of(Metrics.COLD_START_MS)), f.baseline());
        List<AggregateRow> rows = Aggregates.summarize(sets, f.baseline());
        Map<String, ObjectNode> figures = Map.of("box",
                Figures.boxes("Run command to first HTTP 200", "cold start", Figures.Scale.of("ms"), rows, values(sets)));
        return new CellResult(CellKind.COLD_START, "ms", rows, figures, failures(CellKind.COLD_START, in),
                List.of(SIZES_POOLED), in.truncated());
    }

    private CellResult memory(ReportFilter f, Inputs in) {
        List<ValueSet> sets = new ArrayList<>();
        for (String m : CellKind.MEMORY.metrics()) sets.addAll(poolSizes(in.of(m)));
        sets = ordered(sets, f.baseline());
        List<AggregateRow> rows = Aggregates.summarize(sets, f.baseline());
        // the chart: one stacked bar per runtime, medians over every selected Go version
        Map<String, Double> server = medianPerRuntime(sets, Metrics.SERVER_RSS_BYTES);
        Map<String, Double> overhead = medianPerRuntime(sets, Metrics.RUNTIME_OVERHEAD_BYTES);
        Set<String> order = new LinkedHashSet<>(server.keySet());
        order.addAll(overhead.keySet());
        List<String> runtimes = new ArrayList<>(order);
        Map<String, ObjectNode> figures = Map.of("bars", Figures.memory("Idle server and runtime processes (medians)",
                runtimes, runtimes.stream().map(server::get).toList(), runtimes.stream().map(overhead::get).toList()));
        return new CellResult(CellKind.MEMORY, "bytes", rows, figures, failures(CellKind.MEMORY, in),
                List.of(SIZES_POOLED, "Runtime overhead is the resident memory of the runtime's own processes (0 natively); "
                        + "container memory is the runtime's own accounting where it has one (cgroup)."), in.truncated());
    }

    private CellResult build(ReportFilter f, Inputs in) {
        List<ValueSet> sets = ordered(in.of(Metrics.BUILD_MS), f.baseline());
        List<AggregateRow> rows = Aggregates.summarize(sets, f.baseline());
        // the chart pools Go versions: one line per runtime and variant across sizes
        List<ValueSet> pooled = ValueSet.pool(sets, s -> new ValueSet(s.runtime(), "", s.size(), s.metric(), s.variant(),
                s.workloadLines(), s.sorted()));
        List<AggregateRow> chartRows = Aggregates.summarize(pooled, f.baseline());
        Map<String, ObjectNode> figures = Map.of("lines", Figures.builds("Median build time by project size (95% CI)", chartRows));
        return new CellResult(CellKind.BUILD, "ms", rows, figures, failures(CellKind.BUILD, in),
                List.of("Variants are phase/cache mode: cold starts from an empty cache, warm rebuilds unchanged, "
                        + "incremental rebuilds after editing one file. Ratios compare the same phase. The chart pools Go versions."),
                in.truncated());
    }

    private CellResult heatmap(ReportFilter f, Inputs in) {
        HeatMetric h = f.heat();
        List<ValueSet> of = in.of(h.metric()).stream()
                .filter(v -> h.phase() == null || ValueSet.phase(v.variant()).equals(h.phase())).toList();
        // sizes (and, for builds, cache modes) pool into one value per runtime and Go version
        List<ValueSet> sets = ordered(ValueSet.pool(of, s -> new ValueSet(s.runtime(), s.go(), "", s.metric(),
                h.phase() == null ? s.variant() : h.phase(), 0, s.sorted())), f.baseline());
        List<AggregateRow> rows = Aggregates.summarize(sets, f.baseline());
        List<String> runtimes = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(AggregateRow::runtime).toList()));
        List<String> gos = rows.stream().map(AggregateRow::go).distinct().sorted(GoVersion::compare).toList();
        Double[][] z = new Double[runtimes.size()][gos.size()];
        String[][] text = new String[runtimes.size()][gos.size()];
        Figures.Scale scale = Figures.Scale.of(h.unit());
        for (AggregateRow r : rows) {
            int i = runtimes.indexOf(r.runtime()), j = gos.indexOf(r.go());
            z[i][j] = r.summary().median() * scale.factor();
            String ratio = r.isBaseline() ? "baseline" : r.ratio() == null ? "" : Format.ratio(r.ratio());
            text[i][j] = Format.value(r.summary().median(), h.unit()) + (ratio.isEmpty() ? "" : "<br>" + ratio);
        }
        Map<String, ObjectNode> figures = Map.of("heatmap", Figures.heatmap(h.label() + ": median per runtime and Go version",
                runtimes, gos, z, text, scale.label()));
        List<String> failureMetrics = List.of(h.metric());
        return new CellResult(CellKind.HEATMAP, h.unit(), rows, figures, CellFailures.of(in.failures(), failureMetrics, FAILURE_REASONS),
                List.of("Showing " + h.label() + " (" + h.metric() + (h.phase() == null ? "" : ", " + h.phase()
                        + " phase, all cache modes") + ", sizes pooled); ratios are to " + f.baseline() + " with the same Go version."),
                in.truncated());
    }

    // -- pieces ----------------------------------------------------------------------------------------------------

    private static CellFailures failures(CellKind kind, Inputs in) {
        return CellFailures.of(in.failures(), kind.familyMetrics(), FAILURE_REASONS);
    }

    private static List<double[]> values(List<ValueSet> sets) {
        return sets.stream().map(ValueSet::sorted).toList();
    }

    /** Server metrics do not depend on the project size: one set per runtime, Go version, metric and variant. */
    private static List<ValueSet> poolSizes(List<ValueSet> sets) {
        return ValueSet.pool(sets, s -> new ValueSet(s.runtime(), s.go(), "", s.metric(), s.variant(), 0, s.sorted()));
    }

    /** Reading order: the baseline runtime first, then by name, Go version, size, metric, phase and variant. */
    static List<ValueSet> ordered(List<ValueSet> sets, String baseline) {
        List<ValueSet> out = new ArrayList<>(sets);
        out.sort(Comparator.<ValueSet, Boolean>comparing(v -> !v.runtime().equals(baseline))
                .thenComparing(ValueSet::runtime)
                .thenComparing(ValueSet::go, GoVersion::compare)
                .thenComparingInt(v -> rank(ProjectSize.ids(), v.size()))
                .thenComparingInt(v -> rank(METRIC_ORDER, v.metric()))
                .thenComparingInt(v -> rank(PHASES, ValueSet.phase(v.variant())))
                .thenComparing(ValueSet::variant));
        return out;
    }

    private static int rank(List<String> order, String value) {
        int i = order.indexOf(value);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static Map<String, Double> medianPerRuntime(List<ValueSet> sets, String metric) {
        List<ValueSet> of = sets.stream().filter(s -> s.metric().equals(metric)).toList();
        Map<String, Double> out = new LinkedHashMap<>();
        for (ValueSet s : ValueSet.pool(of, v -> new ValueSet(v.runtime(), "", "", v.metric(), "", 0, v.sorted()))) {
            out.put(s.runtime(), Summary.of(s.sorted()).median());
        }
        return out;
    }

    private static List<String> runtimeOrder(List<AggregateRow> rows, Set<String> extra) {
        Set<String> order = new LinkedHashSet<>();
        rows.forEach(r -> order.add(r.runtime()));
        order.addAll(extra);
        return new ArrayList<>(order);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
