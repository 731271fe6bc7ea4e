package probelab.web.overview;

import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;

import probelab.storage.report.ReportQueries;
import probelab.storage.report.SampleFilter;
import probelab.web.Paths;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole state of the report, as the URL holds it: {@code ?runtime=docker&runtime=podman&go=1.22&size=tiny&
 * metric=rtt&scenario=cpus%3D0.5&baseline=native}. Empty lists mean "all". Every value has been checked against what
 * exists. {@code scenarios} empty: every scenario, each non-default one a series of its own ("docker · cpus=0.5");
 * {@code scenarioDefaulted}: the URL named none and the view shows the default scenario only (so the URL leaves it out).
 * {@code machines}: machine names ({@code ?machine=ci-runner-1}); empty: every machine, each other than the view's
 * reference machine a series of its own ("native @ ci-runner-1").
 */
public record ReportFilter(List<String> runtimes, List<String> go, List<String> sizes, List<String> metrics,
                           String job, LocalDate from, LocalDate to, String baseline, HeatMetric heat, boolean claims,
                           String frozenShare, List<String> scenarios, boolean scenarioDefaulted, List<String> machines) {
    public static final String DEFAULT_BASELINE = "native";
    /** {@code job=all}: every job pooled, asked for explicitly (a URL without {@code job} shows the latest job). */
    public static final String ALL_JOBS = "all";

    /** On every machine. */
    public ReportFilter(List<String> runtimes, List<String> go, List<String> sizes, List<String> metrics, String job,
                        LocalDate from, LocalDate to, String baseline, HeatMetric heat, boolean claims, String frozenShare,
                        List<String> scenarios, boolean scenarioDefaulted) {
        this(runtimes, go, sizes, metrics, job, from, to, baseline, heat, claims, frozenShare, scenarios, scenarioDefaulted,
                List.of());
    }

    /** A live filter without the published-claims overlay. */
    public ReportFilter(List<String> runtimes, List<String> go, List<String> sizes, List<String> metrics, String job,
                        LocalDate from, LocalDate to, String baseline, HeatMetric heat) {
        this(runtimes, go, sizes, metrics, job, from, to, baseline, heat, false, null, List.of(), false);
    }

    /** The same filter inside the run set a share link froze; its URLs live under /r/{token}. */
    public ReportFilter frozenTo(String shareToken) {
        return new ReportFilter(runtimes, go, sizes, metrics, job, from, to, baseline, heat, claims, shareToken, scenarios,
                scenarioDefaulted, machines);
    }

    /** Where this filter's URLs start: "" for the live report, "/r/{token}" inside a share link. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String base() {
        return frozenShare == null ? "" : Paths.share(frozenShare);
    }

    /** {@code path} (one of {@link Paths}'s, with its query) under {@link #base()}. */
    public String url(String path) {
        return Paths.under(base(), path);
    }

    public ReportFilter {
        runtimes = List.copyOf(runtimes);
        go = List.copyOf(go);
        sizes = List.copyOf(sizes);
        metrics = List.copyOf(metrics);
        scenarios = List.copyOf(scenarios);
        machines = List.copyOf(machines);
    }

    public static ReportFilter defaults() {
        return new ReportFilter(List.of(), List.of(), List.of(), List.of(), null, null, null, DEFAULT_BASELINE,
                HeatMetric.DEFAULT);
    }

    /** The one job this view shows (with its follow-ups), or null when it pools every job. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String jobId() {
        return job == null || job.equals(ALL_JOBS) ? null : job;
    }

    /** The samples this filter selects. The metric family does not narrow samples: it picks which cells show. */
    public SampleFilter samples() {
        var live = new SampleFilter(runtimes, go, sizes, jobId(), from, to).inScenarios(scenarios).onMachines(machines);
        return frozenShare == null ? live : live.frozenTo(frozenShare);
    }

    public boolean shows(CellKind cell) {
        return cell.family() == null || metrics.isEmpty() || metrics.contains(cell.family().id());
    }

    public boolean showsFamily(MetricFamily f) {
        return metrics.isEmpty() || metrics.contains(f.id());
    }

    /** The canonical query string (encoded, no '?'): parameters in a fixed order, defaults left out. */
    public String query() {
        List<String> parts = new ArrayList<>();
        runtimes.forEach(v -> parts.add("runtime=" + Paths.enc(v)));
        go.forEach(v -> parts.add("go=" + Paths.enc(v)));
        sizes.forEach(v -> parts.add("size=" + Paths.enc(v)));
        metrics.forEach(v -> parts.add("metric=" + Paths.enc(v)));
        if (!scenarioDefaulted) scenarios.forEach(v -> parts.add("scenario=" + Paths.enc(v)));
        machines.forEach(v -> parts.add("machine=" + Paths.enc(v)));
        if (job != null) parts.add("job=" + Paths.enc(job));
        if (from != null) parts.add("from=" + from);
        if (to != null) parts.add("to=" + to);
        if (!DEFAULT_BASELINE.equals(baseline)) parts.add("baseline=" + Paths.enc(baseline));
        if (!heat.equals(HeatMetric.defaultFor(metrics))) parts.add("heatmap=" + heat.id());
        if (claims) parts.add("claims=1");
        return String.join("&", parts);
    }

    /** What a cached result of this filter is keyed by: the query, and the frozen run set if any. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String cacheKey() {
        return frozenShare == null ? query() : query() + "#share=" + frozenShare;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isDefault() {
        return query().isEmpty();
    }
}
