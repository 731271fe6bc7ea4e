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
import probelab.web.Format;
import probelab.workload.ProjectSize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the notebook's cells: bounded reads from {@link ReportQueries}, statistics and figures from the pure
 * functions of {@code probelab.analysis}. Results are cached per (cell, filter, data version), so the HTML cell
 * and its .json twin, asked for within the same page view, compute once; any new sample changes the version.
 */
public final class ReportService {
    private static final int FAILURE_REASONS = 12;
    private static final int CDF_POINTS = 160;
    /** Metrics in the order tables list them. */
    private static final List<String> CELL_METRICS = List.of(Metrics.RTT_P50_US, Metrics.COLD_START_MS,
            Metrics.SERVER_RSS_BYTES, Metrics.CONTAINER_MEMORY_BYTES, Metrics.RUNTIME_OVERHEAD_BYTES, Metrics.BUILD_MS);

    private final ReportQueries queries;
    private final HistogramCache histograms;
    private final boolean caching;
    private final LinkedHashMap<String, CellResult> results;

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
    }

    public ReportQueries queries() {
        return queries;
    }

    public CellResult cell(CellKind kind, ReportFilter filter) {
        if (!caching) return compute(kind, filter);
        String key = kind.id() + "?" + filter.query() + "@" + queries.version();
        synchronized (results) {
            CellResult hit = results.get(key);
            if (hit != null) return hit;
        }
        CellResult computed = compute(kind, filter);
        synchronized (results) {
            results.put(key, computed);
        }
        return computed;
    }

    private CellResult compute(CellKind kind, ReportFilter f) {
        return switch (kind) {
            case RTT -> rtt(f);
            case COLD_START -> coldStart(f);
            case MEMORY -> memory(f);
            case BUILD -> build(f);
            case HEATMAP -> heatmap(f);
        };
    }

    // -- cells -----------------------------------------------------------------------------------------------------

    private CellResult rtt(ReportFilter f) {
        var groups = queries.valueGroups(f.samples(), CellKind.RTT.metrics(), false, null);
        List<AggregateRow> rows = Aggregates.summarize(sets(groups.items(), f.baseline(), CELL_METRICS), f.baseline());
        List<String> notes = new ArrayList<>();
        notes.add("Project sizes pooled: every size runs the same echo server.");

        // request percentiles: merge every iteration's histogram, per (runtime, Go) for the table, per runtime for the CDF
        var runs = queries.runsWithHistograms(f.samples());
        Map<ReportQueries.RunRef, LatencyHistograms.Sparse> sparse = histograms.of(runs.items());
        Map<String, List<LatencyHistograms.Sparse>> byGroup = new LinkedHashMap<>(), byRuntime = new LinkedHashMap<>();
        long requests = 0;
        for (var e : sparse.entrySet()) {
            byGroup.computeIfAbsent(e.getKey().runtime() + "\u0000" + e.getKey().goMinor(), k -> new ArrayList<>()).add(e.getValue());
            byRuntime.computeIfAbsent(e.getKey().runtime(), k -> new ArrayList<>()).add(e.getValue());
            requests += e.getValue().totalCount();
        }
        List<AggregateRow> withTails = new ArrayList<>();
        for (AggregateRow r : rows) {
            var parts = byGroup.get(r.runtime() + "\u0000" + r.go());
            if (parts == null) {
                withTails.add(r.withSummary(r.summary().withTail(null, null)));
            } else {
                var p = LatencyHistograms.percentiles(LatencyHistograms.merge(parts));
                withTails.add(r.withSummary(r.summary().withTail(p.p90Us(), p.p99Us())));
            }
        }
        Map<String, List<LatencyHistograms.CdfPoint>> cdfs = new LinkedHashMap<>();
        for (String runtime : runtimeOrder(rows, byRuntime.keySet())) {
            var parts = byRuntime.get(runtime);
            if (parts != null) cdfs.put(runtime, LatencyHistograms.cdf(LatencyHistograms.merge(parts), CDF_POINTS));
        }
        notes.add("p90 and p99 are over every request (" + Format.count(requests) + " in " + Format.count(runs.items().size())
                + " runs), from merged HdrHistograms; the other columns are over per-iteration medians.");
        Map<String, ObjectNode> figures = new LinkedHashMap<>();
        figures.put("box", Figures.boxes("Median latency per iteration", "latency", Figures.Scale.of("us"), withTails));
        figures.put("cdf", Figures.cdf("Latency of every request (merged histograms)", cdfs));
        return new CellResult(CellKind.RTT, "us", withTails, figures, failures(CellKind.RTT, f), notes,
                groups.truncated() || runs.truncated() || anyThinned(groups.items()));
    }

    private CellResult coldStart(ReportFilter f) {
        var groups = queries.valueGroups(f.samples(), CellKind.COLD_START.metrics(), false, null);
        List<AggregateRow> rows = Aggregates.summarize(sets(groups.items(), f.baseline(), CELL_METRICS), f.baseline());
        Map<String, ObjectNode> figures = Map.of("box",
                Figures.boxes("Run command to first HTTP 200", "cold start", Figures.Scale.of("ms"), rows));
        return new CellResult(CellKind.COLD_START, "ms", rows, figures, failures(CellKind.COLD_START, f),
                List.of("Project sizes pooled: every size runs the same echo server."),
                groups.truncated() || anyThinned(groups.items()));
    }

    private CellResult memory(ReportFilter f) {
        var groups = queries.valueGroups(f.samples(), CellKind.MEMORY.metrics(), false, null);
        List<ValueSet> sets = sets(groups.items(), f.baseline(), CELL_METRICS);
        List<AggregateRow> rows = Aggregates.summarize(sets, f.baseline());
        // the chart: one stacked bar per runtime, medians over every selected Go version
        Map<String, Double> server = medianPerRuntime(sets, Metrics.SERVER_RSS_BYTES);
        Map<String, Double> overhead = medianPerRuntime(sets, Metrics.RUNTIME_OVERHEAD_BYTES);
        Set<String> order = new LinkedHashSet<>(server.keySet());
        order.addAll(overhead.keySet());
        List<String> runtimes = new ArrayList<>(order);
        Map<String, ObjectNode> figures = Map.of("bars", Figures.memory("Idle server and runtime processes (medians)",
                runtimes, runtimes.stream().map(server::get).toList(), runtimes.stream().map(overhead::get).toList()));
        return new CellResult(CellKind.MEMORY, "bytes", rows, figures, failures(CellKind.MEMORY, f),
                List.of("Runtime overhead is the resident memory of the runtime's own processes (0 natively); container "
                        + "memory is the runtime's own accounting where it has one (cgroup)."),
                groups.truncated() || anyThinned(groups.items()));
    }

    private CellResult build(ReportFilter f) {
        var groups = queries.valueGroups(f.samples(), CellKind.BUILD.metrics(), true, null);
        List<ValueSet> sets = sets(groups.items(), f.baseline(), CELL_METRICS);
        List<AggregateRow> rows = Aggregates.summarize(sets, f.baseline());
        // the chart pools Go versions: one line per runtime and variant across sizes
        List<ValueSet> pooled = ValueSet.pool(sets, s -> new ValueSet(s.runtime(), "", s.size(), s.metric(), s.variant(),
                s.workloadLines(), s.sorted()));
        List<AggregateRow> chartRows = Aggregates.summarize(pooled, f.baseline());
        Map<String, ObjectNode> figures = Map.of("lines", Figures.builds("Median build time by project size (95% CI)", chartRows));
        return new CellResult(CellKind.BUILD, "ms", rows, figures, failures(CellKind.BUILD, f),
                List.of("Variants are phase/cache mode: cold starts from an empty cache, warm rebuilds unchanged, "
                        + "incremental rebuilds after editing one file. The chart pools Go versions."),
                groups.truncated() || anyThinned(groups.items()));
    }

    private CellResult heatmap(ReportFilter f) {
        HeatMetric h = f.heat();
        var groups = queries.valueGroups(f.samples(), List.of(h.metric()), false, h.phase());
        // build phases pool their cache modes into one value per runtime and Go version
        List<ValueSet> sets = ValueSet.pool(sets(groups.items(), f.baseline(), CELL_METRICS), s -> new ValueSet(s.runtime(), s.go(), "", s.metric(),
                h.phase() == null ? s.variant() : h.phase(), s.workloadLines(), s.sorted()));
        List<AggregateRow> rows = Aggregates.summarize(sets, f.baseline());
        List<String> runtimes = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(AggregateRow::runtime).toList()));
        List<String> gos = rows.stream().map(AggregateRow::go).distinct()
                .sorted(ReportQueries::compareVersions).toList();
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
        return new CellResult(CellKind.HEATMAP, h.unit(), rows, figures, failures(h.metric(), f),
                List.of("Showing " + h.label() + " (" + h.metric() + (h.phase() == null ? "" : ", " + h.phase() + " phase, all cache modes")
                        + "); ratios are to " + f.baseline() + " with the same Go version."),
                groups.truncated() || anyThinned(groups.items()));
    }

    // -- pieces ----------------------------------------------------------------------------------------------------

    private ReportQueries.Failures failures(CellKind kind, ReportFilter f) {
        return queries.failures(f.samples(), kind.familyMetrics(), FAILURE_REASONS);
    }

    private ReportQueries.Failures failures(String metric, ReportFilter f) {
        return queries.failures(f.samples(), List.of(metric), FAILURE_REASONS);
    }

    /** The groups as value sets, in reading order: the baseline runtime first, then by name, Go, size, metric, variant. */
    static List<ValueSet> sets(List<ReportQueries.ValueGroup> groups, String baseline, List<String> metricOrder) {
        List<ValueSet> out = new ArrayList<>(groups.size());
        for (var g : groups) {
            if (g.sortedValues().length == 0) continue;
            out.add(new ValueSet(g.runtime(), g.goMinor(), g.size(), g.metric(), g.variant(), g.workloadLines(), g.sortedValues()));
        }
        out.sort(Comparator.<ValueSet, Boolean>comparing(v -> !v.runtime().equals(baseline))
                .thenComparing(ValueSet::runtime)
                .thenComparing(ValueSet::go, ReportQueries::compareVersions)
                .thenComparingInt(v -> sizeRank(v.size()))
                .thenComparingInt(v -> metricOrder.indexOf(v.metric()))
                .thenComparingInt(v -> PHASES.indexOf(ValueSet.phase(v.variant())))
                .thenComparing(ValueSet::variant));
        return out;
    }

    private static final List<String> PHASES = List.of("", "cold", "warm", "incremental");

    private static int sizeRank(String size) {
        int i = ProjectSize.ids().indexOf(size);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static boolean anyThinned(List<ReportQueries.ValueGroup> groups) {
        return groups.stream().anyMatch(ReportQueries.ValueGroup::thinned);
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
}
