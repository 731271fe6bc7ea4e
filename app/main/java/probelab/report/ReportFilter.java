package probelab.report;

import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;

import probelab.storage.report.ReportQueries;
import probelab.storage.report.SampleFilter;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole state of the report, as the URL holds it: {@code ?runtime=docker&runtime=podman&go=1.22&size=tiny&
 * metric=rtt&scenario=cpus%3D0.5&baseline=native}, in three parts: which samples ({@link Selection}), from which jobs,
 * dates and share link ({@link Scope}), and how they are compared and shown ({@link View}). Every value has been
 * checked against what exists. The .json twins write the parts' fields side by side, as one object.
 */
public record ReportFilter(@JsonUnwrapped Selection selection, @JsonUnwrapped Scope scope, @JsonUnwrapped View view) {
    public static final String DEFAULT_BASELINE = "native";
    /** {@code job=all}: every job pooled, asked for explicitly (a URL without {@code job} shows the latest job). */
    public static final String ALL_JOBS = "all";

    /**
     * Which samples: empty lists mean "all". {@code scenarios} empty: every scenario, each non-default one a series of
     * its own ("docker · cpus=0.5"); {@code scenarioDefaulted}: the URL named none and the view shows the default
     * scenario only (so the URL leaves it out). {@code machines}: machine names ({@code ?machine=ci-runner-1}); empty:
     * every machine, each other than the view's reference machine a series of its own ("native @ ci-runner-1").
     * {@code metrics} are families: they pick which cells show, not which samples.
     */
    public record Selection(List<String> runtimes, List<String> go, List<String> sizes, List<String> metrics,
                            List<String> scenarios, boolean scenarioDefaulted, List<String> machines) {
        public Selection {
            runtimes = List.copyOf(runtimes);
            go = List.copyOf(go);
            sizes = List.copyOf(sizes);
            metrics = List.copyOf(metrics);
            scenarios = List.copyOf(scenarios);
            machines = List.copyOf(machines);
        }

        /** Everything: every runtime, Go version, size, family, scenario and machine. */
        public static Selection all() {
            return new Selection(List.of(), List.of(), List.of(), List.of(), List.of(), false, List.of());
        }
    }

    /** Which runs: one job ({@code ALL_JOBS} or null: see {@link #jobId()}), a date range, and a share link's frozen run set. */
    public record Scope(String job, LocalDate from, LocalDate to, String frozenShare) {
        /** The latest job, any date, live. */
        public static Scope latest() {
            return new Scope(null, null, null, null);
        }
    }

    /** How the view compares and shows: the baseline series, the heatmap's metric, the published-claims overlay. */
    public record View(String baseline, HeatMetric heat, boolean claims) {
    }

    public List<String> runtimes() {
        return selection.runtimes();
    }

    public List<String> go() {
        return selection.go();
    }

    public List<String> sizes() {
        return selection.sizes();
    }

    public List<String> metrics() {
        return selection.metrics();
    }

    public List<String> scenarios() {
        return selection.scenarios();
    }

    public boolean scenarioDefaulted() {
        return selection.scenarioDefaulted();
    }

    public List<String> machines() {
        return selection.machines();
    }

    public String job() {
        return scope.job();
    }

    public LocalDate from() {
        return scope.from();
    }

    public LocalDate to() {
        return scope.to();
    }

    public String frozenShare() {
        return scope.frozenShare();
    }

    public String baseline() {
        return view.baseline();
    }

    public HeatMetric heat() {
        return view.heat();
    }

    public boolean claims() {
        return view.claims();
    }

    /** The same filter inside the run set a share link froze; its URLs live under /r/{token}. */
    public ReportFilter frozenTo(String shareToken) {
        return new ReportFilter(selection, new Scope(scope.job(), scope.from(), scope.to(), shareToken), view);
    }

    /** Where this filter's URLs start: "" for the live report, "/r/{token}" inside a share link. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String base() {
        return frozenShare() == null ? "" : ReportUrls.share(frozenShare());
    }

    /** {@code path} (one of the web layer's Paths's, with its query) under {@link #base()}. */
    public String url(String path) {
        return ReportUrls.under(base(), path);
    }

    public static ReportFilter defaults() {
        return new ReportFilter(Selection.all(), Scope.latest(), new View(DEFAULT_BASELINE, HeatMetric.DEFAULT, false));
    }

    /** The one job this view shows (with its follow-ups), or null when it pools every job. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String jobId() {
        return job() == null || job().equals(ALL_JOBS) ? null : job();
    }

    /** The samples this filter selects. The metric family does not narrow samples: it picks which cells show. */
    public SampleFilter samples() {
        var live = new SampleFilter(runtimes(), go(), sizes(), jobId(), from(), to()).inScenarios(scenarios()).onMachines(machines());
        return frozenShare() == null ? live : live.frozenTo(frozenShare());
    }

    public boolean shows(CellKind cell) {
        return cell.family() == null || metrics().isEmpty() || metrics().contains(cell.family().id());
    }

    public boolean showsFamily(MetricFamily f) {
        return metrics().isEmpty() || metrics().contains(f.id());
    }

    /** The canonical query string (encoded, no '?'): parameters in a fixed order, defaults left out. */
    public String query() {
        List<String> parts = new ArrayList<>();
        runtimes().forEach(v -> parts.add("runtime=" + ReportUrls.enc(v)));
        go().forEach(v -> parts.add("go=" + ReportUrls.enc(v)));
        sizes().forEach(v -> parts.add("size=" + ReportUrls.enc(v)));
        metrics().forEach(v -> parts.add("metric=" + ReportUrls.enc(v)));
        if (!scenarioDefaulted()) scenarios().forEach(v -> parts.add("scenario=" + ReportUrls.enc(v)));
        machines().forEach(v -> parts.add("machine=" + ReportUrls.enc(v)));
        if (job() != null) parts.add("job=" + ReportUrls.enc(job()));
        if (from() != null) parts.add("from=" + from());
        if (to() != null) parts.add("to=" + to());
        if (!DEFAULT_BASELINE.equals(baseline())) parts.add("baseline=" + ReportUrls.enc(baseline()));
        if (!heat().equals(HeatMetric.defaultFor(metrics()))) parts.add("heatmap=" + heat().id());
        if (claims()) parts.add("claims=1");
        return String.join("&", parts);
    }

    /** What a cached result of this filter is keyed by: the query, and the frozen run set if any. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String cacheKey() {
        return frozenShare() == null ? query() : query() + "#share=" + frozenShare();
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isDefault() {
        return query().isEmpty();
    }

    /** The filter in words, e.g. "runtimes docker, podman · Go 1.22 · all sizes · baseline native". */
    public String inWords() {
        ReportFilter f = this;
        List<String> parts = new ArrayList<>();
        parts.add(f.runtimes().isEmpty() ? "all runtimes" : "runtimes " + String.join(", ", f.runtimes()));
        parts.add(f.go().isEmpty() ? "all Go versions" : "Go " + String.join(", ", f.go()));
        parts.add(f.sizes().isEmpty() ? "all sizes" : "sizes " + String.join(", ", f.sizes()));
        if (!f.machines().isEmpty()) parts.add("machines " + String.join(", ", f.machines()));
        parts.add(f.jobId() != null ? "job " + f.jobId() : "all jobs pooled");
        if (f.from() != null || f.to() != null) {
            parts.add("runs started " + (f.from() == null ? "" : "from " + f.from() + " ") + (f.to() == null ? "" : "to " + f.to()));
        }
        parts.add("baseline " + f.baseline());
        return String.join(" · ", parts);
    }
}
