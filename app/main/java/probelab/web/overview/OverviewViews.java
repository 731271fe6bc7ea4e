package probelab.web.overview;

import probelab.analysis.AggregateRow;
import probelab.analysis.RuntimeColors;
import probelab.analysis.Summary;
import probelab.probe.MetricFamily;
import probelab.probe.Metrics;
import probelab.storage.ReportQueries;
import probelab.web.Format;
import probelab.web.Ids;
import probelab.web.Paths;
import probelab.web.jobs.JobStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps filters and computed results to the template records; formatting happens here, not in templates. */
final class OverviewViews {
    private OverviewViews() {
    }

    static Views.FilterBar filterBar(ReportFilter f, FilterParser.Choices c, List<ReportQueries.JobRef> jobs) {
        List<Views.Option> rt = c.runtimes().stream()
                .map(r -> new Views.Option(r, r, f.runtimes().contains(r), RuntimeColors.of(r))).toList();
        List<Views.Option> go = c.go().stream().map(g -> new Views.Option(g, "Go " + g, f.go().contains(g), null)).toList();
        List<Views.Option> sizes = c.sizes().stream().map(s -> new Views.Option(s, s, f.sizes().contains(s), null)).toList();
        List<Views.Option> metrics = MetricFamily.ids().stream()
                .map(m -> new Views.Option(m, label(m), f.metrics().contains(m), null)).toList();
        List<Views.Option> jobOptions = new ArrayList<>();
        jobOptions.add(new Views.Option("", "all jobs", f.job() == null, null));
        boolean listed = false;
        for (var j : jobs) {
            boolean sel = j.jobId().equals(f.job());
            listed |= sel;
            jobOptions.add(new Views.Option(j.jobId(), j.jobId() + " · " + j.status() + " · " + Format.instant(j.createdAt()), sel, null));
        }
        if (f.job() != null && !listed) jobOptions.add(new Views.Option(f.job(), f.job(), true, null));
        List<Views.Option> baselines = c.runtimes().stream()
                .map(r -> new Views.Option(r, r, r.equals(f.baseline()), RuntimeColors.of(r))).toList();
        List<Views.Option> heat = java.util.Arrays.stream(HeatMetric.values())
                .map(h -> new Views.Option(h.id(), h.label(), h == f.heat(), null)).toList();
        return new Views.FilterBar(rt, go, sizes, metrics, jobOptions, f.from() == null ? "" : f.from().toString(),
                f.to() == null ? "" : f.to().toString(), baselines, heat, f.isDefault(), summary(f));
    }

    /** The filter in words, e.g. "runtimes docker, podman · Go 1.22 · all sizes · baseline native". */
    static String summary(ReportFilter f) {
        List<String> parts = new ArrayList<>();
        parts.add(f.runtimes().isEmpty() ? "all runtimes" : "runtimes " + String.join(", ", f.runtimes()));
        parts.add(f.go().isEmpty() ? "all Go versions" : "Go " + String.join(", ", f.go()));
        parts.add(f.sizes().isEmpty() ? "all sizes" : "sizes " + String.join(", ", f.sizes()));
        if (f.job() != null) parts.add("job " + f.job());
        if (f.from() != null || f.to() != null) {
            parts.add("runs started " + (f.from() == null ? "" : "from " + f.from() + " ") + (f.to() == null ? "" : "to " + f.to()));
        }
        parts.add("baseline " + f.baseline());
        return String.join(" · ", parts);
    }

    static Views.Header header(ReportFilter f, ReportQueries.Totals t, ReportQueries.Rows<ReportQueries.Machine> machines,
                               ReportQueries.Rows<ReportQueries.Software> software, Optional<JobStatus> running) {
        List<Views.Machine> ms = machines.items().stream().map(m -> new Views.Machine(
                m.os() + ", kernel " + m.kernel() + ", " + m.cpuModel() + " × " + m.cpuCores() + " cores, "
                        + Format.bytes(m.memoryBytes()) + " RAM",
                "probelab " + m.probelabVersion() + " (" + m.gitCommit() + ")", Format.count(m.runs()))).toList();
        // one line per runtime: its versions, how it was reached and the Go versions it ran
        Map<String, List<ReportQueries.Software>> byRuntime = new java.util.LinkedHashMap<>();
        software.items().forEach(s -> byRuntime.computeIfAbsent(s.runtime(), k -> new ArrayList<>()).add(s));
        List<Views.Software> sw = new ArrayList<>();
        for (var e : byRuntime.entrySet()) {
            List<ReportQueries.Software> rows = e.getValue();
            sw.add(new Views.Software(e.getKey(), RuntimeColors.of(e.getKey()),
                    distinctJoined(rows.stream().map(ReportQueries.Software::runtimeVersion).toList()),
                    distinctJoined(rows.stream().map(ReportQueries.Software::runtimeDetail).toList()),
                    distinctJoined(rows.stream().map(ReportQueries.Software::goVersion).toList()),
                    Format.count(rows.stream().mapToLong(ReportQueries.Software::runs).sum())));
        }
        boolean synthetic = machines.items().stream().anyMatch(m -> "synthetic".equals(m.gitCommit()));
        Views.Banner banner = running.map(j -> new Views.Banner(j.id(), Paths.job(j.id()), j.step(), j.percent(), j.done(),
                j.total(), j.status())).orElse(null);
        String scope = f.job() != null ? "Job " + f.job() : "All jobs";
        return new Views.Header(scope, Format.count(t.okSamples()), Format.count(t.failedSamples()), Format.count(t.runs()),
                Format.count(t.jobs()), Format.instant(t.firstMeasured()), Format.instant(t.lastMeasured()), ms,
                machines.truncated(), sw, software.truncated(), synthetic, banner,
                running.isPresent() ? Paths.withQuery(Paths.HEADER, f.query()) : null);
    }

    private static String distinctJoined(List<String> values) {
        return String.join(", ", new java.util.LinkedHashSet<>(values.stream().filter(v -> v != null && !v.isEmpty()).toList()));
    }

    static Views.Cell cell(CellResult r, ReportFilter f, boolean polling, int maxRows) {
        CellKind k = r.kind();
        String q = f.query();
        long gos = r.rows().stream().map(AggregateRow::go).distinct().count();
        boolean showSize = k == CellKind.BUILD;
        boolean showMetric = k == CellKind.MEMORY;
        boolean showVariant = k == CellKind.BUILD;
        List<Views.Row> rows = new ArrayList<>();
        for (AggregateRow a : r.rows().subList(0, Math.min(maxRows, r.rows().size()))) {
            Summary s = a.summary();
            String unit = k == CellKind.HEATMAP ? r.unit() : unitOf(a.metric(), r.unit());
            rows.add(new Views.Row(a.runtime(), RuntimeColors.of(a.runtime()), a.go(), a.size(), label(a.metric()), a.variant(),
                    s.n(), Format.value(s.median(), unit), s.median95() == null ? "too few samples"
                    : Format.interval(s.median95(), unit), s.median95() == null,
                    tail(s.p90(), unit, k, Summary.MIN_FOR_P90), tail(s.p99(), unit, k, Summary.MIN_FOR_P99),
                    Format.value(s.mean(), unit), Format.stddev(s, unit), Format.value(s.min(), unit), Format.value(s.max(), unit),
                    a.isBaseline() ? "1×" : Format.ratio(a.ratio()),
                    a.isBaseline() || a.ratio() != null ? Format.ratioInterval(a.ratio(), a.isBaseline())
                            : a.baselineMedian() == null ? "no " + f.baseline() + " sample to compare" : f.baseline() + " has 0",
                    a.isBaseline(), a.ratio() != null && a.ratio().significant()));
        }
        List<Views.Failure> reasons = r.failures().reasons().stream().map(x -> new Views.Failure(x.runtime(),
                RuntimeColors.of(x.runtime()), x.metrics(), x.error(), Format.count(x.count()))).toList();
        List<Views.Chart> charts = k.figures().stream().map(fig -> new Views.Chart(Ids.chart(k.id(), fig),
                Paths.cellJson(k.id(), q), fig, chartLabel(k, fig))).toList();
        String tailNote = k == CellKind.RTT ? "requests" : "";
        return new Views.Cell(k.id(), Ids.cell(k.id()), k == CellKind.HEATMAP ? k.title() + ": " + f.heat().label() : k.title(),
                k.description(), r.notes(), r.truncated(), gos > 1 || k == CellKind.HEATMAP, showSize, showMetric, showVariant,
                tailNote, rows, new Views.Failures(Format.count(r.failures().total()), reasons, r.failures().more()),
                charts, Paths.cell(k.id(), q), Paths.cellJson(k.id(), q), Paths.cellCsv(k.id(), q),
                Paths.cellSamplesCsv(k.id(), q), polling ? Paths.cell(k.id(), q) : null, f.baseline(),
                Math.max(0, r.rows().size() - maxRows));
    }

    private static String tail(Double v, String unit, CellKind k, int needed) {
        if (v != null) return Format.value(v, unit);
        return k == CellKind.RTT ? "no histograms" : "n < " + needed;
    }

    private static String unitOf(String metric, String fallback) {
        if (metric.endsWith("_bytes")) return Metrics.BYTES;
        if (metric.endsWith("_us")) return Metrics.US;
        if (metric.endsWith("_ms")) return Metrics.MS;
        if (metric.endsWith("_rps")) return Metrics.RPS;
        return fallback;
    }

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("rtt", "RTT"), Map.entry("cold_start", "cold start"), Map.entry("memory", "memory"),
            Map.entry("build", "build"),
            Map.entry(Metrics.RTT_P50_US, "median latency"), Map.entry(Metrics.COLD_START_MS, "cold start"),
            Map.entry(Metrics.SERVER_RSS_BYTES, "server RSS"), Map.entry(Metrics.CONTAINER_MEMORY_BYTES, "container (cgroup)"),
            Map.entry(Metrics.RUNTIME_OVERHEAD_BYTES, "runtime overhead"), Map.entry(Metrics.BUILD_MS, "build time"));

    static String label(String id) {
        return LABELS.getOrDefault(id, id);
    }

    private static String chartLabel(CellKind k, String figure) {
        return switch (figure) {
            case "box" -> k.title() + ": box plots per runtime";
            case "cdf" -> "Request latency CDF per runtime";
            case "bars" -> "Memory: server and runtime overhead per runtime";
            case "lines" -> "Build time against project size";
            default -> k.title();
        };
    }
}
