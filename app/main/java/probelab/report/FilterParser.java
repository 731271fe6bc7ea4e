package probelab.report;

import probelab.catalog.BadInput;
import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;
import probelab.catalog.Scenario;
import probelab.catalog.Series;

import probelab.runtime.RuntimeRegistry;
import probelab.storage.report.ReportQueries;
import probelab.catalog.GoVersion;
import probelab.toolchain.Toolchains;
import probelab.workload.ProjectSize;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns query parameters into a {@link ReportFilter}, refusing anything unknown: a parameter name not in
 * {@link #PARAMS}, a runtime or Go version that neither this machine nor the database knows, a job that does not
 * exist, a malformed date. Refusals are {@link BadInput}s that list what is valid.
 */
public final class FilterParser {
    public static final List<String> PARAMS = List.of("runtime", "go", "size", "metric", "scenario", "machine", "job", "from",
            "to", "baseline", "heatmap", "claims");
    private static final int MAX_VALUES = 64;

    private final ReportQueries queries;
    private final RuntimeRegistry runtimes;
    private final Toolchains toolchains;

    public FilterParser(ReportQueries queries, RuntimeRegistry runtimes, Toolchains toolchains) {
        this.queries = queries;
        this.runtimes = runtimes;
        this.toolchains = toolchains;
    }

    /**
     * The values each filter accepts: what this machine has plus what the database holds; {@code withData} is the
     * part the database holds, so the filter bar can say which values have no data yet.
     */
    public record Choices(List<String> runtimes, List<String> go, List<String> sizes, ReportQueries.Known withData) {
    }

    public Choices choices() {
        ReportQueries.Known known = queries.known();
        // this machine's runtimes first, in the registry's order (native, the usual baseline, leads), then the rest
        Set<String> rt = new LinkedHashSet<>(runtimes.ids());
        rt.addAll(new TreeSet<>(known.runtimes()));
        Set<String> go = new TreeSet<>(GoVersion::compare);
        go.addAll(known.goMinors());
        go.addAll(toolchains.names());
        Set<String> sizes = new LinkedHashSet<>(ProjectSize.ids());
        sizes.addAll(known.sizes());
        return new Choices(List.copyOf(rt), List.copyOf(go), List.copyOf(sizes), known);
    }

    /** The live report's filter: a URL without {@code job} shows the latest job. */
    public ReportFilter parse(Map<String, List<String>> params) {
        return parse(params, true);
    }

    /**
     * {@code live} false for a share link's view: without {@code job} it shows its whole frozen run set, whatever job
     * is the latest now.
     */
    public ReportFilter parse(Map<String, List<String>> params, boolean live) {
        for (String name : params.keySet()) {
            if (!PARAMS.contains(name)) {
                throw new BadInput(name, "unknown parameter " + BadInput.quote(name) + "; valid: " + String.join(", ", PARAMS), PARAMS);
            }
        }
        Choices c = choices();
        List<String> rt = many(params, "runtime", c.runtimes(), "runtime");
        List<String> go = many(params, "go", c.go(), "Go version");
        List<String> sizes = many(params, "size", c.sizes(), "size");
        List<String> metrics = many(params, "metric", MetricFamily.ids(), "metric family");
        // no job named: the latest job (pooling every job moves medians with no warning); job=all (or the form's
        // empty choice) pools them on purpose; inside a share link's frozen run set, no job means all of them
        String job;
        if (!params.containsKey("job")) job = live ? queries.defaultJob().orElse(null) : null;
        else {
            job = one(params, "job");
            if (job == null) job = ReportFilter.ALL_JOBS;
        }
        if (job != null && !job.equals(ReportFilter.ALL_JOBS) && !queries.jobExists(job)) {
            List<String> recent = queries.recentJobs(10).stream().map(ReportQueries.JobRef::jobId).toList();
            throw new BadInput("job", "unknown job " + BadInput.quote(job) + (recent.isEmpty() ? "; there are no jobs yet"
                    : "; recent jobs: " + String.join(", ", recent)), recent);
        }
        LocalDate from = date(params, "from"), to = date(params, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadInput("from", "the date range is empty: from " + from + " is after to " + to, List.of());
        }
        List<String> scenarioChoices = new ArrayList<>(Scenario.ids());
        c.withData().scenarios().stream().filter(s -> !scenarioChoices.contains(s)).forEach(scenarioChoices::add);
        List<String> scenarios = many(params, "scenario", scenarioChoices, "scenario");
        // no scenario named: the default scenario alone where the view has it, since the other scenarios put another
        // load on the server (16 connections, /json) and would sit beside it in one ranking; else every scenario
        boolean scenarioDefaulted = false;
        if (scenarios.isEmpty() && !params.containsKey("scenario")) {
            List<String> measured = job != null && !job.equals(ReportFilter.ALL_JOBS) ? queries.scenariosOf(job) : c.withData().scenarios();
            if (measured.size() > 1 && measured.contains(Scenario.DEFAULT.id())) {
                scenarios = List.of(Scenario.DEFAULT.id());
                scenarioDefaulted = true;
            }
        }
        // machines by name (an id is taken too, and named): the names are what the header and the series show
        List<ReportQueries.MachineRef> known = c.withData().machines();
        List<String> machineNames = known.stream().map(ReportQueries.MachineRef::name).toList();
        List<String> machineParams = params.getOrDefault("machine", List.of()).stream().map(v -> known.stream()
                .filter(m -> m.id().equals(v.strip())).map(ReportQueries.MachineRef::name).findFirst().orElse(v)).toList();
        List<String> machines = many(Map.of("machine", machineParams), "machine", machineNames, "machine");
        String baseline = one(params, "baseline");
        if (baseline == null) baseline = ReportFilter.DEFAULT_BASELINE;
        else if (!c.runtimes().contains(Series.runtimeOf(baseline)) || !scenarioChoices.contains(Series.scenarioOf(baseline))
                || (Series.machineOf(baseline) != null && !machineNames.contains(Series.machineOf(baseline)))) {
            throw unknown("baseline", "baseline runtime", baseline, c.runtimes());
        }
        String heatId = one(params, "heatmap");
        HeatMetric heat = heatId == null ? HeatMetric.defaultFor(metrics) : HeatMetric.find(heatId);
        if (heat == null) throw unknown("heatmap", "heatmap metric", heatId, HeatMetric.ids());
        String claims = one(params, "claims");
        if (claims != null && !claims.equals("1") && !claims.equals("0")) {
            throw new BadInput("claims", "claims takes 1 (overlay published claims) or 0, got " + BadInput.quote(claims), List.of("1", "0"));
        }
        return new ReportFilter(new ReportFilter.Selection(rt, go, sizes, metrics, scenarios, scenarioDefaulted, machines),
                new ReportFilter.Scope(job, from, to, null), new ReportFilter.View(baseline, heat, "1".equals(claims)));
    }

    private static List<String> many(Map<String, List<String>> params, String name, List<String> valid, String what) {
        List<String> raw = params.getOrDefault(name, List.of());
        if (raw.size() > MAX_VALUES) throw new BadInput(name, "too many values for " + name + " (at most " + MAX_VALUES + ")", List.of());
        Set<String> out = new LinkedHashSet<>();
        for (String v : raw) {
            String value = v.strip();
            if (value.isEmpty()) continue;
            if (!valid.contains(value)) throw unknown(name, what, value, valid);
            out.add(value);
        }
        // keep the valid list's order so that equal selections give equal URLs
        List<String> ordered = new ArrayList<>();
        for (String v : valid) if (out.contains(v)) ordered.add(v);
        return ordered;
    }

    /** A single-valued parameter; empty means absent (forms send empty fields). */
    private static String one(Map<String, List<String>> params, String name) {
        List<String> raw = params.getOrDefault(name, List.of()).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (raw.size() > 1) throw new BadInput(name, "parameter " + name + " takes one value, got " + raw.size(), List.of());
        return raw.isEmpty() ? null : raw.get(0);
    }

    static final int MIN_YEAR = 1970;
    static final int MAX_YEAR = 9999;

    private static LocalDate date(Map<String, List<String>> params, String name) {
        String v = one(params, name);
        if (v == null) return null;
        LocalDate d;
        try {
            d = LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadInput(name, "malformed date " + BadInput.quote(v) + " for " + name + "; expected YYYY-MM-DD", List.of());
        }
        // LocalDate reaches year 999999999, SQL timestamps do not: a date no run can have is refused, not a 500
        if (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR) {
            throw new BadInput(name, "date " + BadInput.quote(v) + " for " + name + " is out of range; use a year from "
                    + MIN_YEAR + " to " + MAX_YEAR, List.of());
        }
        return d;
    }

    private static BadInput unknown(String param, String what, String value, List<String> valid) {
        return new BadInput(param, "unknown " + what + " " + BadInput.quote(value) + "; valid: "
                + (valid.isEmpty() ? "none yet" : String.join(", ", valid)), valid);
    }
}
