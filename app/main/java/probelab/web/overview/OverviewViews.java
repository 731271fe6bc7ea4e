package probelab.web.overview;

import probelab.report.CellKind;
import probelab.report.CellResult;
import probelab.report.HeatMetric;
import probelab.report.FilterParser;
import probelab.report.ReportFilter;
import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;
import probelab.catalog.Scenario;
import probelab.catalog.Series;
import probelab.catalog.Unit;

import probelab.analysis.AggregateRow;
import probelab.analysis.RuntimeColors;
import probelab.analysis.Summary;
import probelab.storage.report.ReportQueries;
import probelab.storage.db.Rows;
import probelab.report.Format;
import probelab.web.common.Ids;
import probelab.web.common.Paths;
import probelab.jobs.JobStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps filters and computed results to the template records; formatting happens here, not in templates. */
public final class OverviewViews {
    private OverviewViews() {
    }

    /**
     * {@code canStartJobs}: a live, writable server, where the bar may link to the jobs page for what has no data.
     * {@code inView}: the machines of the view's runs (the reference one first); with more than one, the baselines
     * offer each runtime on each of them.
     */
    static Views.FilterBar filterBar(ReportFilter f, FilterParser.Choices c, List<ReportQueries.JobRef> jobs, boolean canStartJobs,
                                     List<probelab.storage.report.MachineReads.Machine> inView) {
        var data = c.withData();
        List<Views.Option> rt = c.runtimes().stream()
                .map(r -> new Views.Option(r, r + noData(data.runtimes(), r), f.runtimes().contains(r), RuntimeColors.of(r))).toList();
        List<Views.Option> go = c.go().stream()
                .map(g -> new Views.Option(g, "Go " + g + noData(data.goMinors(), g), f.go().contains(g), null)).toList();
        List<Views.Option> sizes = c.sizes().stream()
                .map(s -> new Views.Option(s, s + noData(data.sizes(), s), f.sizes().contains(s), null)).toList();
        String missing = null, missingUrl = null;
        List<String> rtMissing = c.runtimes().stream().filter(r -> !data.runtimes().contains(r)).toList();
        List<String> goMissing = c.go().stream().filter(g -> !data.goMinors().contains(g)).toList();
        List<String> sizeMissing = c.sizes().stream().filter(s -> !data.sizes().contains(s)).toList();
        if (canStartJobs && !(rtMissing.isEmpty() && goMissing.isEmpty() && sizeMissing.isEmpty())) {
            List<String> parts = new ArrayList<>();
            if (!rtMissing.isEmpty()) parts.add("runtimes " + String.join(", ", rtMissing));
            if (!goMissing.isEmpty()) parts.add("Go " + String.join(", ", goMissing));
            if (!sizeMissing.isEmpty()) parts.add("sizes " + String.join(", ", sizeMissing));
            missing = "No data yet for " + String.join("; ", parts) + ".";
            // the job form, with the selected (or else the missing) values ticked
            List<String> q = new ArrayList<>();
            (f.runtimes().isEmpty() ? rtMissing : f.runtimes()).forEach(r -> q.add("runtime=" + Paths.enc(r)));
            f.go().forEach(g -> q.add("go=" + Paths.enc(g)));
            f.sizes().forEach(s -> q.add("size=" + Paths.enc(s)));
            missingUrl = Paths.withQuery(Paths.JOBS, String.join("&", q));
        }
        List<Views.Option> metrics = MetricFamily.ids().stream()
                .map(m -> new Views.Option(m, label(m), f.metrics().contains(m), null)).toList();
        // scenarios with data, in the catalog's order
        List<String> measured = new ArrayList<>(Scenario.ids().stream().filter(data.scenarios()::contains).toList());
        data.scenarios().stream().filter(s -> !measured.contains(s)).forEach(measured::add);
        List<Views.ScenarioOption> scenarios = measured.stream().map(s -> new Views.ScenarioOption(s, f.scenarios().contains(s),
                Scenario.ids().contains(s) ? Scenario.parse(s).description() : "")).toList();
        List<Views.Option> jobOptions = new ArrayList<>();
        jobOptions.add(new Views.Option(ReportFilter.ALL_JOBS, "all jobs (pooled)", f.jobId() == null, null));
        boolean listed = false;
        for (var j : jobs) {
            boolean sel = j.jobId().equals(f.jobId());
            listed |= sel;
            jobOptions.add(new Views.Option(j.jobId(), j.jobId() + " · " + j.status() + " · " + Format.instant(j.createdAt()), sel, null));
        }
        if (f.jobId() != null && !listed) jobOptions.add(new Views.Option(f.jobId(), f.jobId(), true, null));
        // the baseline is one of the runtimes shown; one chosen elsewhere (a URL) stays selected and says it has no data
        List<String> series = new ArrayList<>();
        List<String> scenariosInView = f.scenarios().isEmpty() ? data.scenarios() : f.scenarios();
        // the reference machine's series carry no machine; with one machine in view, none does
        List<String> machineParts = new ArrayList<>();
        machineParts.add(null);
        new java.util.LinkedHashSet<>(inView.stream().filter(m -> !m.reference()).map(probelab.storage.report.MachineReads.Machine::name).toList())
                .forEach(machineParts::add);
        for (String machine : machineParts) {
            for (String scenario : scenariosInView) {
                c.runtimes().stream().filter(r -> data.runtimes().contains(r) && (f.runtimes().isEmpty() || f.runtimes().contains(r)))
                        .map(r -> Series.of(r, machine, scenario))
                        .forEach(series::add);
            }
        }
        List<Views.Option> baselines = new ArrayList<>(series.stream()
                .map(r -> new Views.Option(r, r, r.equals(f.baseline()), RuntimeColors.of(r))).toList());
        if (baselines.stream().noneMatch(Views.Option::selected)) {
            baselines.add(0, new Views.Option(f.baseline(), f.baseline() + " (not in this view: no ratios)", true, RuntimeColors.of(f.baseline())));
        }
        List<Views.Option> heat = HeatMetric.all().stream()
                .map(h -> new Views.Option(h.id(), h.label(), h.equals(f.heat()), null)).toList();
        return new Views.FilterBar(rt, go, sizes, metrics, scenarios, jobOptions, f.from() == null ? "" : f.from().toString(),
                f.to() == null ? "" : f.to().toString(), baselines, heat, f.isDefault(), f.inWords(),
                f.url(Paths.OVERVIEW), f.claims(), f.url(Paths.withQuery(Paths.SAMPLES_PARQUET, f.query())), missing, missingUrl,
                // the fact-check reads the live database: a share link's frozen view does not lead there
                f.frozenShare() == null ? Paths.CLAIMS_CHECK : null,
                // a machine filter only where there is a choice: a database of one machine's runs shows none
                data.machines().size() > 1 ? data.machines().stream().map(m -> new Views.Option(m.name(),
                        m.name() + (m.local() ? " (this machine)" : ""), f.machines().contains(m.name()), null)).toList() : List.of(),
                f.url(Paths.withQuery(Paths.REPORT_HTML, f.query())));
    }

    private static String noData(List<String> withData, String value) {
        return withData.contains(value) ? "" : " · no data";
    }


    public static Views.Header header(ReportFilter f, ReportQueries.Totals t, Rows<probelab.storage.report.MachineReads.Machine> machines,
                               Rows<ReportQueries.Software> software, Rows<probelab.storage.report.EngineConfigReads.RuntimeEngine> engines,
                               Optional<JobStatus> running) {
        List<Views.Machine> ms = machines.items().stream().map(m -> new Views.Machine(m.name(), m.machineId(), m.reference(),
                m.os() + ", kernel " + m.kernel() + ", " + m.cpuModel() + " × " + m.cpuCores() + " cores, "
                        + Format.bytes(m.memoryBytes()) + " RAM",
                "probelab " + m.probelabVersion() + " (" + m.gitCommit() + ")", Format.count(m.runs()))).toList();
        List<String> names = new ArrayList<>(new java.util.LinkedHashSet<>(machines.items().stream().map(probelab.storage.report.MachineReads.Machine::name).toList()));
        String reference = machines.items().stream().filter(probelab.storage.report.MachineReads.Machine::reference).map(probelab.storage.report.MachineReads.Machine::name)
                .findFirst().orElse(null);
        String machinesNote = names.size() > 1 && reference != null ? "This view covers " + names.size() + " machines ("
                + String.join(", ", names) + "): runtimes without “@” ran on " + reference + "; the others' are named "
                + Series.of("native", names.stream().filter(n -> !n.equals(reference)).findFirst().orElse("?"), null)
                + " and compared like runtimes." : null;
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
        boolean synthetic = machines.items().stream().anyMatch(m -> probelab.storage.samples.Environment.SYNTHETIC_COMMIT.equals(m.gitCommit()));
        Views.Banner banner = running.map(j -> new Views.Banner(j.id(), Paths.job(j.id()), j.step(), j.percent(), j.done(),
                j.total(), j.status())).orElse(null);
        String scope = f.jobId() != null ? "Job " + f.jobId() : "All jobs";
        return new Views.Header(scope, Format.count(t.okSamples()), Format.count(t.failedSamples()), Format.count(t.runs()),
                Format.count(t.jobs()), Format.instant(t.firstMeasured()), Format.instant(t.lastMeasured()), ms,
                machines.truncated(), sw, software.truncated(), Views.engines(engines.items()), synthetic, banner,
                running.isPresent() ? f.url(Paths.withQuery(Paths.HEADER, f.query())) : null,
                f.jobId() == null && t.jobs() > 1 ? "This view pools " + Format.count(t.jobs()) + " jobs: medians and "
                        + "comparisons mix runs measured at different times and in different numbers per runtime. Pick one "
                        + "job in the filter for a like-for-like comparison." : null, machinesNote);
    }

    private static String distinctJoined(List<String> values) {
        return String.join(", ", new java.util.LinkedHashSet<>(values.stream().filter(v -> v != null && !v.isEmpty()).toList()));
    }

    /** {@code claims}: the published-claims table under the cell, or null when the overlay is off. */
    static Views.Cell cell(CellResult r, ReportFilter f, boolean polling, int maxRows, probelab.report.ClaimsTable claims) {
        CellKind k = r.kind();
        String q = f.query();
        long gos = r.rows().stream().map(AggregateRow::go).distinct().count();
        boolean showSize = k.shape() == CellKind.Shape.SIZE_LINES;
        // a second metric that is a part of the first (go build inside a build) reads as the same row's inner time
        boolean showMetric = k.metrics().size() > 1 && k.split() == null;
        boolean showVariant = k.shape() == CellKind.Shape.SIZE_LINES;
        // a cell may compare with another runtime than the filter's when that one has no data there (image builds)
        String baseline = r.rows().stream().filter(AggregateRow::isBaseline).map(AggregateRow::runtime).findFirst()
                .orElse(f.baseline());
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
                            : a.baselineMedian() == null ? "no " + baseline + " sample to compare" : baseline + " has 0",
                    verdict(a, unit), a.isBaseline(), a.comparison() != null && a.comparison().significant()));
        }
        List<Views.Failure> reasons = r.failures().reasons().stream().map(x -> new Views.Failure(x.runtime(),
                RuntimeColors.of(x.runtime()), x.metrics(), x.error(), Format.count(x.count()))).toList();
        List<Views.Chart> charts = k.figures().stream().map(fig -> new Views.Chart(Ids.chart(k.id(), fig),
                f.url(Paths.cellJson(k.id(), q)), fig, chartLabel(k, fig))).toList();
        String tailNote = k == CellKind.RTT ? "requests" : "";
        return new Views.Cell(k.id(), Ids.cell(k.id()), k == CellKind.HEATMAP ? k.title() + ": " + f.heat().label() : k.title(),
                k.description(), r.notes(), r.truncated(), gos > 1 || k == CellKind.HEATMAP, showSize, showMetric, showVariant,
                tailNote, rows, new Views.Failures(Format.count(r.failures().total()), reasons, r.failures().more(),
                        r.failures().notApplicable().stream().map(m -> label(m.metric()) + " on " + m.runtime() + " ("
                                + Format.count(m.runs()) + (m.runs() == 1 ? " run" : " runs") + "): " + m.reason()).toList()),
                charts, f.url(Paths.cell(k.id(), q)), f.url(Paths.cellJson(k.id(), q)), f.url(Paths.cellCsv(k.id(), q)),
                f.url(Paths.cellSamplesCsv(k.id(), q)), polling ? f.url(Paths.cell(k.id(), q)) : null, baseline,
                Math.max(0, r.rows().size() - maxRows), claims);
    }

    /** The comparison in words ("2.01x slower (p=0.002)", "~ (p=0.41)"), with the advisor's count when undecided. */
    private static String verdict(AggregateRow a, String unit) {
        if (a.isBaseline()) return "baseline";
        if (a.comparison() == null) return a.baselineMedian() == null ? "" : "too few samples to test";
        Unit u = Unit.ofSymbol(unit);
        String words = a.comparison().words(u.moreWord(), u.lessWord());
        Integer more = a.comparison().extraRunsToDecide();
        if (a.comparison().significant() || more == null) return words;
        return words + "; about " + more + " more iterations each would likely decide it";
    }

    private static String tail(Double v, String unit, CellKind k, int needed) {
        if (v != null) return Format.value(v, unit);
        return k == CellKind.RTT ? "no histograms" : "n < " + needed;
    }

    private static String unitOf(String metric, String fallback) {
        return Metric.find(metric).map(m -> m.unit().symbol()).orElse(fallback);
    }

    /** The catalog's words for a metric family or a metric id; anything else as it is. */
    static String label(String id) {
        for (MetricFamily f : MetricFamily.values()) {
            if (f.id().equals(id)) return f.label();
        }
        return Metric.find(id).map(Metric::displayName).orElse(id);
    }

    private static String chartLabel(CellKind k, String figure) {
        return switch (figure) {
            case "box" -> k.title() + ": box plots per runtime";
            case "cdf" -> "Request latency CDF per runtime";
            case "bars", "lines" -> k.chartLabel();
            default -> k.title();
        };
    }
}
