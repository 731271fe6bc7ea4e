package probelab.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import probelab.analysis.AggregateRow;
import probelab.analysis.Aggregates;
import probelab.analysis.Figures;
import probelab.analysis.LatencyHistograms;
import probelab.analysis.ValueSet;
import probelab.catalog.Metric;
import probelab.storage.report.ReportQueries;
import probelab.report.Format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RTT cell: per-iteration medians for the table and boxes, and request percentiles and the CDF from every
 * run's merged HdrHistograms (never averaged percentiles).
 */
final class RttCell {
    private static final int CDF_POINTS = 160;

    private final ReportQueries queries;
    private final HistogramCache histograms;

    RttCell(ReportQueries queries, HistogramCache histograms) {
        this.queries = queries;
        this.histograms = histograms;
    }

    CellResult compute(ReportFilter f, CellInputs in) {
        List<ValueSet> sets = ReportCells.ordered(ReportCells.poolSizes(in.of(Metric.RTT_P50_US.id())), f.baseline());
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
        for (String runtime : ReportCells.runtimeOrder(rows, byRuntime.keySet())) {
            var parts = byRuntime.get(runtime);
            if (parts != null) cdfs.put(runtime, LatencyHistograms.cdf(LatencyHistograms.merge(parts), CDF_POINTS));
        }
        List<String> notes = List.of(ReportCells.SIZES_POOLED, "p90 and p99 are over every request (" + Format.count(requests) + " in "
                + Format.count(runs.items().size()) + " runs), from merged HdrHistograms; the other columns are over "
                + "per-iteration medians.");
        Map<String, ObjectNode> figures = new LinkedHashMap<>();
        figures.put("box", Figures.boxes("Median latency per iteration", "latency", Figures.Scale.of("us"), withTails, ReportCells.values(sets)));
        figures.put("cdf", Figures.cdf("Latency of every request (merged histograms)", cdfs));
        return new CellResult(CellKind.RTT, "us", withTails, figures, ReportCells.failures(CellKind.RTT, in), notes,
                in.truncated() || runs.truncated());
    }
}
