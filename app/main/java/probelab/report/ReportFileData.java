package probelab.report;

import probelab.analysis.LatencyHistograms;
import probelab.analysis.RuntimeColors;
import probelab.analysis.Verdicts;
import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;
import probelab.catalog.Scenario;
import probelab.catalog.Series;
import probelab.catalog.Unit;
import probelab.storage.report.Diagnostics;
import probelab.storage.report.ReportFileReads;
import probelab.storage.report.ReportQueries;
import probelab.workload.ProjectSize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a report file embeds for one filter: each group's sorted ok values and each group's merged latency histogram
 * (a group is a series, Go minor and size: the finest grain the file's filters act on), failures, not-applicable marks
 * and sampling outcomes at the same grain, and the metric catalog the script needs (the web layer adds the header,
 * which stays as it was for the whole selection). Aggregates, not rows: the script recomputes every cell from these for what its filters pick.
 */
public record ReportFileData(Meta meta, List<Diagnostics.Diagnostic> diagnostics, Catalog catalog,
                             List<Atom> atoms, List<Group> groups, List<Failure> failures, List<NotApplicable> notApplicable,
                             List<Task> sampling, List<Histogram> histograms, boolean truncated) {

    /**
     * The exported view. {@code runtimes}, {@code go}, {@code sizes}, {@code families}, {@code scenarios}: what its
     * filter named (empty: all); {@code heatmap}: the heatmap metric when the view named one, else null (the file
     * follows the family filter then, as the report does).
     */
    public record Meta(String version, String generatedAt, String query, String summary, String job, String from, String to,
                       String baseline, String heatmap, List<String> runtimes, List<String> go, List<String> sizes,
                       List<String> families, List<String> scenarios, boolean claims, boolean shared) {
    }

    /** A group: one series (runtime, scenario) in one Go minor and one project size. */
    public record Atom(String series, String runtime, String scenario, String go, String size) {
    }

    /** Sorted ok values of one metric and variant in one group ({@code a}: index into atoms, {@code m} into metrics). */
    public record Group(int a, int m, String v, long lines, double[] x) {
    }

    /** Failed samples of one metric, variant and reason in one group. */
    public record Failure(int a, int m, String v, String reason, long n) {
    }

    /** A metric the group's series can never measure, why, and in how many of its runs. */
    public record NotApplicable(int a, int m, String reason, long runs) {
    }

    /** One task's outcome: {@code runtime} the stored runtime id, {@code goVersion} the full Go version. */
    public record Task(int a, String runtime, String goVersion, String size, String task, String families, int iterations,
                       String stop, Double halfWidthPct, String widestSeries, Double targetPct) {
    }

    /**
     * One group's request latencies, every run merged: bucket values in ns, delta-encoded ({@code dv[i] = v[i] -
     * v[i-1]}), with their counts; {@code runs} is how many runs had histograms.
     */
    public record Histogram(int a, int runs, long total, long[] dv, long[] counts) {
    }

    /** A catalog metric as the script needs it. */
    public record MetricInfo(String id, String unit, String family, String label, boolean higherIsBetter,
                             List<String> phases) {
    }

    /** A metric family: its filter label, heading and description. */
    public record FamilyInfo(String id, String label, String title, String description) {
    }

    /**
     * A report cell as {@code CellKind} declares it: its family (null for the heatmap), the metrics its table shows and
     * those whose failures it lists, its shape and its words; the script computes a cell from these, by its shape.
     */
    public record CellInfo(String id, String family, String title, String description, List<String> metrics,
                           List<String> familyMetrics, String shape, String chartTitle, String axis, String chartLabel,
                           List<String> notes, CellKind.Split split, CellKind.Parts parts, String noBaselineWords) {
    }

    /** A heatmap choice ({@code HeatMetric}). */
    public record HeatInfo(String id, String metric, String phase, String label, String unit, String family) {
    }

    /** A unit's words for above and below the baseline. */
    public record UnitInfo(String symbol, String moreWord, String lessWord) {
    }

    /** A question of the verdict summary ({@code Verdicts.HEADLINES}). */
    public record Headline(String id, String question, String metric, String phase) {
    }

    /** The catalog as the script reads it: metric, family, cell and heatmap lists in report order, colours, words. */
    public record Catalog(List<MetricInfo> metrics, List<FamilyInfo> families, List<CellInfo> cells, List<HeatInfo> heat,
                          List<UnitInfo> units, List<Headline> headlines, List<String> sizes, List<String> phases,
                          Map<String, String> colors, Map<String, String> scenarios) {
    }

    /** Reads everything the file needs for {@code f}. */
    public static ReportFileData read(ReportFilter f, ReportQueries queries, HistogramCache histograms,
                                      ReportFileReads reads, String version) {
        var sf = f.samples();
        List<CellKind> cells = java.util.Arrays.stream(CellKind.values()).filter(f::shows).toList();
        Set<String> metrics = new LinkedHashSet<>(), failureMetrics = new LinkedHashSet<>();
        for (CellKind k : cells) {
            metrics.addAll(k.metrics());
            failureMetrics.addAll(k.familyMetrics());
        }
        // the heatmap shows the view's choice, or else the first metric of the families the file's filter keeps
        List<HeatMetric> heats = new ArrayList<>(List.of(f.heat()));
        for (MetricFamily fam : MetricFamily.values()) {
            if (f.showsFamily(fam)) heats.add(HeatMetric.defaultFor(List.of(fam.id())));
        }
        heats.forEach(h -> {
            metrics.add(h.metricId());
            failureMetrics.add(h.metricId());
        });
        List<String> metricIds = Metric.ids();
        Map<String, Integer> atomIndex = new LinkedHashMap<>();
        List<Atom> atoms = new ArrayList<>();

        var values = queries.valueGroups(sf, List.copyOf(metrics), true, null);
        List<Group> groups = new ArrayList<>();
        boolean truncated = values.truncated();
        for (var g : values.items()) {
            if (g.sortedValues().length == 0) continue;
            truncated |= g.thinned();
            groups.add(new Group(atom(atomIndex, atoms, g.runtime(), g.goMinor(), g.size()), metricIds.indexOf(g.metric()),
                    g.variant(), g.workloadLines(), g.sortedValues()));
        }
        var failed = reads.failures(sf, List.copyOf(failureMetrics));
        List<Failure> failures = failed.items().stream().map(x -> new Failure(atom(atomIndex, atoms, x.series(), x.goMinor(),
                x.size()), metricIds.indexOf(x.metric()), x.variant(), x.reason(), x.count())).toList();
        var marks = reads.notApplicable(sf);
        List<NotApplicable> na = marks.items().stream().filter(x -> metricIds.contains(x.metric()))
                .map(x -> new NotApplicable(atom(atomIndex, atoms, x.series(), x.goMinor(), x.size()),
                        metricIds.indexOf(x.metric()), x.reason(), x.runs())).toList();
        var tasks = reads.sampling(sf);
        List<Task> sampling = tasks.items().stream().map(t -> {
            var o = t.outcome();
            return new Task(atom(atomIndex, atoms, t.series(), t.goMinor(), o.size()), o.runtime(), o.goVersion(), o.size(),
                    o.task(), o.families(), o.iterations(), o.stopReason(), o.halfWidthPct(), o.widestSeries(), o.targetPct());
        }).toList();
        List<Histogram> merged = f.shows(CellKind.RTT) ? histograms(queries, histograms, sf, atomIndex, atoms) : List.of();
        truncated |= failed.truncated() || marks.truncated() || tasks.truncated();

        boolean heatNamed = !f.heat().equals(HeatMetric.defaultFor(f.metrics()));
        Meta meta = new Meta(version, Format.instant(Instant.now()), f.query(), f.inWords(), f.jobId(),
                f.from() == null ? null : f.from().toString(), f.to() == null ? null : f.to().toString(), f.baseline(),
                heatNamed ? f.heat().id() : null, f.runtimes(), f.go(), f.sizes(), f.metrics(), f.scenarios(), f.claims(),
                f.frozenShare() != null);
        return new ReportFileData(meta, queries.diagnostics(sf), catalog(atoms, f.baseline()), atoms, groups,
                failures, na, sampling, merged, truncated);
    }

    private static List<Histogram> histograms(ReportQueries queries, HistogramCache cache,
                                              probelab.storage.report.SampleFilter sf, Map<String, Integer> atomIndex, List<Atom> atoms) {
        var runs = queries.runsWithHistograms(sf);
        Map<Integer, List<LatencyHistograms.Sparse>> byAtom = new LinkedHashMap<>();
        for (var e : cache.of(runs.items()).entrySet()) {
            var r = e.getKey();
            byAtom.computeIfAbsent(atom(atomIndex, atoms, r.runtime(), r.goMinor(), r.size()), k -> new ArrayList<>()).add(e.getValue());
        }
        List<Histogram> out = new ArrayList<>();
        byAtom.forEach((a, parts) -> {
            var s = LatencyHistograms.merge(parts);
            long[] dv = new long[s.values().length];
            for (int i = 0; i < dv.length; i++) dv[i] = s.values()[i] - (i == 0 ? 0 : s.values()[i - 1]);
            out.add(new Histogram(a, parts.size(), s.totalCount(), dv, s.counts()));
        });
        return out;
    }

    private static int atom(Map<String, Integer> index, List<Atom> atoms, String series, String go, String size) {
        return index.computeIfAbsent(series + "\u0000" + go + "\u0000" + size, k -> {
            atoms.add(new Atom(series, Series.runtimeOf(series), Series.scenarioOf(series), go, size));
            return atoms.size() - 1;
        });
    }

    private static Catalog catalog(List<Atom> atoms, String baseline) {
        List<MetricInfo> metrics = Metric.all().stream().map(m -> new MetricInfo(m.id(), m.unit().symbol(), m.family().id(),
                m.displayName(), m.better() == probelab.catalog.Better.HIGHER, m.phases())).toList();
        List<FamilyInfo> families = java.util.Arrays.stream(MetricFamily.values())
                .map(x -> new FamilyInfo(x.id(), x.label(), x.title(), x.description())).toList();
        List<CellInfo> cells = java.util.Arrays.stream(CellKind.values()).map(k -> new CellInfo(k.id(),
                k.family() == null ? null : k.family().id(), k.title(), k.description(), k.metrics(), k.familyMetrics(), k.shape().id(),
                k.chartTitle(), k.axis(), k.chartLabel(), k.notes(), k.split(), k.parts(), k.noBaselineWords())).toList();
        List<HeatInfo> heat = HeatMetric.all().stream().map(h -> new HeatInfo(h.id(), h.metricId(), h.phase(), h.label(),
                h.unit(), h.metric().family().id())).toList();
        List<UnitInfo> units = java.util.Arrays.stream(Unit.values()).map(u -> new UnitInfo(u.symbol(), u.moreWord(), u.lessWord())).toList();
        List<Headline> headlines = Verdicts.HEADLINES.stream().map(h -> new Headline(h.id(), h.question(), h.metric().id(), h.phase())).toList();
        List<String> phases = Metric.phaseOrder();
        Map<String, String> colors = new LinkedHashMap<>();
        colors.put(baseline, RuntimeColors.of(baseline));
        Map<String, String> scenarios = new LinkedHashMap<>();
        for (Atom a : atoms) {
            colors.put(a.series(), RuntimeColors.of(a.series()));
            colors.put(a.runtime(), RuntimeColors.of(a.runtime()));
            scenarios.put(a.scenario(), Scenario.ids().contains(a.scenario()) ? Scenario.parse(a.scenario()).description() : "");
        }
        return new Catalog(metrics, families, cells, heat, units, headlines, ProjectSize.ids(), phases, colors, scenarios);
    }
}
