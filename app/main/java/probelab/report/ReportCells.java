package probelab.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import probelab.analysis.AggregateRow;
import probelab.analysis.Aggregates;
import probelab.analysis.Figures;
import probelab.analysis.Summary;
import probelab.analysis.ValueSet;
import probelab.catalog.Metric;
import probelab.storage.report.ReportQueries;
import probelab.catalog.GoVersion;
import probelab.workload.ProjectSize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cells other than RTT as functions of their kind's declaration, the filter and the shared reads (one function per
 * {@link CellKind.Shape}), and the pieces every cell uses: pooling sizes, reading order, failures.
 */
final class ReportCells {
    static final int FAILURE_REASONS = 12;
    static final String SIZES_POOLED = "Project sizes pooled: every size runs the same echo server.";
    /** Build phases in measuring order, after variant-less metrics. */
    private static final List<String> PHASES = Metric.phaseOrder();

    private ReportCells() {
    }

    /** SERIES_BOXES: every metric of the cell per series (sizes pooled) in the table, boxes of the first one. */
    static CellResult seriesBoxes(CellKind kind, ReportFilter f, CellInputs in) {
        List<ValueSet> sets = new ArrayList<>();
        for (String m : kind.metrics()) sets.addAll(poolSizes(in.of(m)));
        sets = ordered(sets, f.baseline());
        List<AggregateRow> rows = Aggregates.summarize(sets, f.baseline());
        String lead = kind.metrics().get(0);
        String unit = Metric.find(lead).orElseThrow().unit().symbol();
        List<ValueSet> charted = sets.stream().filter(v -> v.metric().equals(lead)).toList();
        List<AggregateRow> chartedRows = rows.stream().filter(r -> r.metric().equals(lead)).toList();
        Map<String, ObjectNode> figures = Map.of("box", Figures.boxes(kind.chartTitle(), kind.axis(), Figures.Scale.of(unit),
                chartedRows, values(charted)));
        List<String> notes = new ArrayList<>(List.of(SIZES_POOLED));
        notes.addAll(kind.notes());
        if (kind.parts() != null) notes.addAll(parts(kind, sets));
        return new CellResult(kind, unit, rows, figures, failures(kind, in), notes, in.truncated());
    }

    /**
     * Where the first metric goes, per runtime (Go versions pooled), from the medians of its parts, e.g. "docker: 301 ms
     * until Go runs, 1.2 ms Go's init, ...". Only runtimes with every part measured are named.
     */
    private static List<String> parts(CellKind kind, List<ValueSet> sets) {
        String metric = kind.parts().metric();
        List<String> variants = Metric.find(metric).orElseThrow().phases();
        Map<String, Double> medians = new LinkedHashMap<>();
        for (ValueSet s : ValueSet.pool(sets.stream().filter(v -> v.metric().equals(metric)).toList(),
                v -> new ValueSet(v.runtime(), "", "", v.metric(), v.variant(), 0, v.sorted()))) {
            medians.put(s.runtime() + "\u0000" + s.variant(), Summary.of(s.sorted()).median());
        }
        List<String> out = new ArrayList<>();
        for (String runtime : new LinkedHashSet<>(sets.stream().map(ValueSet::runtime).toList())) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < variants.size(); i++) {
                Double m = medians.get(runtime + "\u0000" + variants.get(i));
                if (m == null) break;
                words.add(Format.value(m, "ms") + " " + kind.parts().words().get(i));
            }
            if (words.size() == variants.size()) out.add(runtime + ": " + String.join(", ", words));
        }
        return out.isEmpty() ? List.of() : List.of("Where the median " + kind.family().label() + " goes, by the server's own "
                + "clock (" + String.join("; ", out) + ").");
    }

    static CellResult memory(ReportFilter f, CellInputs in) {
        List<ValueSet> sets = new ArrayList<>();
        for (String m : CellKind.MEMORY.metrics()) sets.addAll(poolSizes(in.of(m)));
        sets = ordered(sets, f.baseline());
        List<AggregateRow> rows = Aggregates.summarize(sets, f.baseline());
        // the chart: one stacked bar per runtime, medians over every selected Go version
        Map<String, Double> server = medianPerRuntime(sets, Metric.SERVER_RSS_BYTES.id());
        Map<String, Double> overhead = medianPerRuntime(sets, Metric.RUNTIME_OVERHEAD_BYTES.id());
        Set<String> order = new LinkedHashSet<>(server.keySet());
        order.addAll(overhead.keySet());
        List<String> runtimes = new ArrayList<>(order);
        Map<String, ObjectNode> figures = Map.of("bars", Figures.memory(CellKind.MEMORY.chartTitle(),
                runtimes, runtimes.stream().map(server::get).toList(), runtimes.stream().map(overhead::get).toList()));
        List<String> notes = new ArrayList<>(List.of(SIZES_POOLED));
        notes.addAll(CellKind.MEMORY.notes());
        return new CellResult(CellKind.MEMORY, "bytes", rows, figures, failures(CellKind.MEMORY, in), notes, in.truncated());
    }

    /**
     * SIZE_LINES: every metric of the cell per size and variant in the table, lines of the first across sizes (Go
     * versions pooled). A kind with {@code noBaselineWords} compares with the first runtime that has samples when the
     * filter's baseline has none (native has no image builds), rather than showing a table of empty ratios.
     */
    static CellResult sizeLines(CellKind kind, ReportFilter f, CellInputs in) {
        String lead = kind.metrics().get(0);
        List<ValueSet> time = in.of(lead);
        List<ValueSet> all = new ArrayList<>();
        for (String m : kind.metrics()) all.addAll(in.of(m));
        String baseline = kind.noBaselineWords() == null || all.isEmpty() || all.stream().anyMatch(s -> s.runtime().equals(f.baseline()))
                ? f.baseline() : ordered(all, f.baseline()).get(0).runtime();
        List<AggregateRow> rows = Aggregates.summarize(ordered(all, baseline), baseline);
        List<ValueSet> pooled = ValueSet.pool(ordered(time, baseline), s -> new ValueSet(s.runtime(), "", s.size(), s.metric(),
                s.variant(), s.workloadLines(), s.sorted()));
        Map<String, ObjectNode> figures = Map.of("lines", Figures.builds(kind.chartTitle(), Aggregates.summarize(pooled, baseline)));
        List<String> notes = new ArrayList<>(kind.notes());
        if (kind.split() != null) notes.addAll(split(kind, ordered(time, baseline), in.of(kind.split().innerMetric())));
        if (!baseline.equals(f.baseline())) {
            notes.add(f.baseline() + " has no " + kind.noBaselineWords() + ": ratios in this cell are to " + baseline + ".");
        }
        String unit = Metric.find(lead).orElseThrow().unit().symbol();
        return new CellResult(kind, unit, rows, figures, failures(kind, in), notes, in.truncated());
    }

    /**
     * Where a build's time goes, per runtime and phase (Go versions, sizes and cache modes pooled): medians of the
     * wall time and of its inner part (go build itself), e.g. "docker, warm: 0.06 s of go build, 0.32 s around it".
     */
    private static List<String> split(CellKind kind, List<ValueSet> wall, List<ValueSet> inner) {
        Map<String, Double> wallMedians = medianPerRuntimeAndPhase(wall);
        Map<String, Double> innerMedians = medianPerRuntimeAndPhase(inner);
        List<String> parts = new ArrayList<>();
        wallMedians.forEach((key, w) -> {
            Double i = innerMedians.get(key);
            if (i == null) return;
            parts.add(key + ": " + Format.value(i, "ms") + " of " + kind.split().innerWords() + ", "
                    + Format.value(Math.max(0, w - i), "ms") + " around it");
        });
        return parts.isEmpty() ? List.of() : List.of("Where the median " + kind.family().label() + " goes (" + String.join("; ", parts) + ").");
    }

    private static Map<String, Double> medianPerRuntimeAndPhase(List<ValueSet> sets) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ValueSet s : ValueSet.pool(sets, v -> new ValueSet(v.runtime(), "", "", v.metric(), ValueSet.phase(v.variant()), 0, v.sorted()))) {
            out.put(s.runtime() + ", " + s.variant(), Summary.of(s.sorted()).median());
        }
        return out;
    }

    static CellResult heatmap(ReportFilter f, CellInputs in) {
        HeatMetric h = f.heat();
        List<ValueSet> of = in.of(h.metricId()).stream()
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
        List<String> failureMetrics = List.of(h.metricId());
        return new CellResult(CellKind.HEATMAP, h.unit(), rows, figures, CellFailures.of(in.failures(), in.notApplicable(), failureMetrics, FAILURE_REASONS),
                List.of("Showing " + h.label() + " (" + h.metricId() + (h.phase() == null ? "" : ", " + h.phase()
                        + " phase, all cache modes") + ", sizes pooled); ratios are to " + f.baseline() + " with the same Go version."),
                in.truncated());
    }

    static CellFailures failures(CellKind kind, CellInputs in) {
        return CellFailures.of(in.failures(), in.notApplicable(), kind.familyMetrics(), FAILURE_REASONS);
    }

    static List<double[]> values(List<ValueSet> sets) {
        return sets.stream().map(ValueSet::sorted).toList();
    }

    /** Server metrics do not depend on the project size: one set per runtime, Go version, metric and variant. */
    static List<ValueSet> poolSizes(List<ValueSet> sets) {
        return ValueSet.pool(sets, s -> new ValueSet(s.runtime(), s.go(), "", s.metric(), s.variant(), 0, s.sorted()));
    }

    /** Reading order: the baseline runtime first, then by name, Go version, size, metric, phase and variant. */
    static List<ValueSet> ordered(List<ValueSet> sets, String baseline) {
        List<ValueSet> out = new ArrayList<>(sets);
        out.sort(Comparator.<ValueSet, Boolean>comparing(v -> !v.runtime().equals(baseline))
                .thenComparing(ValueSet::runtime)
                .thenComparing(ValueSet::go, GoVersion::compare)
                .thenComparingInt(v -> rank(ProjectSize.ids(), v.size()))
                .thenComparingInt(v -> rank(Metric.ids(), v.metric()))
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

    static List<String> runtimeOrder(List<AggregateRow> rows, Set<String> extra) {
        Set<String> order = new LinkedHashSet<>();
        rows.forEach(r -> order.add(r.runtime()));
        order.addAll(extra);
        return new ArrayList<>(order);
    }
}
