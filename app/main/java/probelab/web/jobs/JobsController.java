package probelab.web.jobs;

import probelab.jobs.JobStatus;

import probelab.jobs.JobService;

import probelab.catalog.MetricFamily;
import probelab.catalog.Scenario;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import probelab.probe.JobSpec;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeRegistry;
import probelab.analysis.RuntimeColors;
import probelab.storage.samples.JobRow;
import probelab.storage.samples.SampleStore;
import probelab.toolchain.Toolchain;
import probelab.toolchain.Toolchains;
import probelab.web.BadRequest;
import probelab.web.Htmx;
import probelab.web.Layout;
import probelab.web.Pages;
import probelab.web.Paths;
import probelab.workload.ProjectSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The jobs page: start a job, watch it, cancel it, list past jobs. */
public final class JobsController {
    static final Set<String> FORM_FIELDS = Set.of("runtime", "go", "size", "metric", "repeat", "warmup", "rtt_duration_ms",
            "precision_pct", "budget", "min_runs", "max_runs", "cache_mode", "scenario");
    private static final int LISTED = 50;

    private final JobService jobs;
    private final SampleStore store;
    private final RuntimeRegistry runtimes;
    private final Toolchains toolchains;
    private final Pages pages;

    public JobsController(JobService jobs, SampleStore store, RuntimeRegistry runtimes, Toolchains toolchains, Pages pages) {
        this.jobs = jobs;
        this.store = store;
        this.runtimes = runtimes;
        this.toolchains = toolchains;
        this.pages = pages;
    }

    /** GET /jobs */
    public void page(Context ctx) {
        List<JobViews.Job> active = jobs.active().stream().map(JobViews::job).toList();
        List<JobViews.ListedJob> recent = new ArrayList<>();
        for (JobRow r : store.recentJobs(LISTED)) {
            // queued and running jobs are listed above, oldest first, so the first Cancel is the running job's
            if (r.status().equals(SampleStore.JOB_QUEUED) || r.status().equals(SampleStore.JOB_RUNNING)) continue;
            recent.add(new JobViews.ListedJob(r.jobId(), Paths.job(r.jobId()), Paths.reportOfJob(r.jobId()), r.status(),
                    probelab.web.Format.instant(r.createdAt()), JobViews.duration(r.startedAt(), r.finishedAt()),
                    probelab.web.Format.count(r.okSamples()), probelab.web.Format.count(r.failedSamples()), r.specJson()));
        }
        ctx.html(pages.render("jobs/page.jte", new JobViews.JobsPage(pages.layout("Jobs", Layout.Section.JOBS, false),
                form(ctx.queryParamMap()), active, recent)));
    }

    /**
     * GET /jobs/estimate?(the form's fields) : the estimate fragment the form refreshes on every change; a field the
     * form would refuse shows its message there instead.
     */
    public void estimate(Context ctx) {
        String text;
        try {
            JobSpec spec = request(ctx.queryParamMap()).toSpec(newestGo());
            text = JobEstimate.of(spec, store.iterationMillis()).words();
        } catch (IllegalArgumentException e) {
            text = "No estimate: " + e.getMessage();
        }
        ctx.html(pages.render("jobs/estimate.jte", new JobViews.Estimate(text)));
    }

    /** POST /jobs : the form's fields, validated like the CLI; htmx gets the new job's progress widget. */
    public void start(Context ctx) {
        JobStatus status = jobs.submit(request(ctx.formParamMap()).toSpec(newestGo()));
        if (Htmx.wantsFragment(ctx)) {
            ctx.status(HttpStatus.CREATED);
            ctx.html(pages.render("jobs/progress.jte", JobViews.job(status)));
        } else {
            ctx.redirect(Paths.job(status.id()), HttpStatus.SEE_OTHER);
        }
    }

    /** The form's fields as the API's request: unknown fields refused with the valid names. */
    private static JobRequest request(Map<String, List<String>> fields) {
        for (String name : fields.keySet()) {
            if (!FORM_FIELDS.contains(name)) {
                throw new BadRequest(name, "unknown field " + BadRequest.quote(name) + "; valid: "
                        + String.join(", ", FORM_FIELDS.stream().sorted().toList()), FORM_FIELDS.stream().sorted().toList());
            }
        }
        // the budget box takes seconds or a duration (4m, 1m30s, PT4M): JobRequest reads it as the API's "budget"
        return new JobRequest(fields.get("runtime"), fields.get("go"), fields.get("size"), fields.get("metric"),
                integer(fields, "repeat"), integer(fields, "warmup"), longValue(fields, "rtt_duration_ms"),
                decimal(fields, "precision_pct"), null, text(fields, "budget"), integer(fields, "min_runs"),
                integer(fields, "max_runs"), fields.get("cache_mode"), fields.get("scenario"));
    }

    /** GET /jobs/{id} */
    public void job(Context ctx) {
        JobStatus s = jobs.status(ctx.pathParam("id"));
        ctx.html(pages.render("jobs/jobPage.jte", new JobViews.JobPage(pages.layout("Job " + s.id(), Layout.Section.JOBS, false),
                JobViews.job(s), JobViews.describe(s.specJson()), s.specJson())));
    }

    /** GET /jobs/{id}/progress : the widget alone; it stops polling once the job has ended. */
    public void progress(Context ctx) {
        JobStatus s = jobs.status(ctx.pathParam("id"));
        Htmx.vary(ctx);
        if (!Htmx.wantsFragment(ctx)) {
            ctx.redirect(Paths.job(s.id()), HttpStatus.SEE_OTHER);
            return;
        }
        ctx.html(pages.render("jobs/progress.jte", JobViews.job(s)));
    }

    /** POST /jobs/{id}/cancel */
    public void cancel(Context ctx) {
        JobStatus s = jobs.cancel(ctx.pathParam("id"));
        if (Htmx.wantsFragment(ctx)) {
            ctx.html(pages.render("jobs/progress.jte", JobViews.job(s)));
        } else {
            ctx.redirect(Paths.job(s.id()), HttpStatus.SEE_OTHER);
        }
    }

    /**
     * The job form; {@code runtime}, {@code go} and {@code size} pre-tick those values (the report's "start a job for
     * them" link), else native, the newest Go and tiny.
     */
    private JobViews.Form form(Map<String, List<String>> want) {
        List<String> wantRuntimes = want.getOrDefault("runtime", List.of()), wantGo = want.getOrDefault("go", List.of()),
                wantSizes = want.getOrDefault("size", List.of()), wantModes = want.getOrDefault("cache_mode", List.of());
        List<JobViews.Choice> rt = new ArrayList<>();
        for (Runtime r : runtimes.all()) {
            Runtime.Availability a = r.availability();
            boolean ticked = wantRuntimes.isEmpty() ? r.id().equals("native") : wantRuntimes.contains(r.id());
            // a runtime that is down is listed with the reason but cannot be ticked: a job on it would measure nothing
            rt.add(new JobViews.Choice(r.id(), r.displayName() + " (" + r.id() + ")", ticked && a.available(),
                    a.available() ? "" : "down: " + a.reason(), RuntimeColors.of(r.id()), !a.available()));
        }
        List<JobViews.Choice> go = new ArrayList<>();
        String newest = toolchains.all().isEmpty() ? null : toolchains.newest().minor();
        for (String minor : toolchains.names()) {
            Toolchain t = toolchains.resolve(minor);
            go.add(new JobViews.Choice(minor, "Go " + minor, wantGo.isEmpty() ? minor.equals(newest) : wantGo.contains(minor),
                    t.version(), null));
        }
        List<JobViews.Choice> sizes = ProjectSize.ids().stream()
                .map(s -> new JobViews.Choice(s, s, wantSizes.isEmpty() ? s.equals("tiny") : wantSizes.contains(s), "", null)).toList();
        List<JobViews.Choice> metrics = MetricFamily.ids().stream()
                .map(m -> new JobViews.Choice(m, m, MetricFamily.defaultIds().contains(m), "", null)).toList();
        List<JobViews.Choice> modes = runtimes.all().stream().flatMap(r -> r.cacheModes().stream()).distinct()
                .map(m -> new JobViews.Choice(m, m, wantModes.contains(m), "", null)).toList();
        List<String> wantScenarios = want.getOrDefault("scenario", List.of());
        List<JobViews.Choice> scenarios = java.util.Arrays.stream(Scenario.values())
                .map(s -> new JobViews.Choice(s.id(), s.id(), wantScenarios.isEmpty() ? s == Scenario.DEFAULT : wantScenarios.contains(s.id()),
                        s.description(), null)).toList();
        // a value the URL gets wrong is simply not pre-filled: the form checks whatever is submitted
        Integer minRuns = parsedOrNull(want, "min_runs"), maxRuns = parsedOrNull(want, "max_runs"),
                rtt = parsedOrNull(want, "rtt_duration_ms"), precision = parsedOrNull(want, "precision_pct");
        String budget = want.getOrDefault("budget", List.of("")).get(0);
        return new JobViews.Form(rt, go, sizes, metrics, modes, scenarios, JobSpec.DEFAULT_WARMUP,
                rtt == null ? JobSpec.DEFAULT_RTT_MILLIS : rtt, JobSpec.MAX_REPEAT,
                precision == null ? JobSpec.DEFAULT_PRECISION_PCT : precision,
                minRuns == null ? JobSpec.DEFAULT_MIN_RUNS : minRuns, maxRuns == null ? JobSpec.DEFAULT_MAX_RUNS : maxRuns,
                budget, presets());
    }

    private static Integer parsedOrNull(Map<String, List<String>> want, String name) {
        try {
            List<String> v = want.get(name);
            return v == null || v.isEmpty() ? null : Integer.valueOf(v.get(0).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Two ready-made jobs over every available runtime and the newest Go: the first look `./probelab run` takes, and
     * one precise enough to decide small differences; each with its estimate from earlier jobs on this machine.
     */
    private List<JobViews.Preset> presets() {
        if (toolchains.all().isEmpty()) return List.of();
        List<String> up = runtimes.available().stream().map(Runtime::id).toList();
        String newest = newestGo();
        JobSpec quick = JobSpec.firstLook(up, newest);
        JobSpec decision = JobSpec.withDefaults(new JobSpec.Requested(up, List.of(newest), null, null, null, null, 1000L,
                3.0, null, 20, 60, List.of("host", "volume")), newest);
        var costs = store.iterationMillis();
        return List.of(preset("Quick look", "what ./probelab run measures: every available runtime, newest Go, tiny, "
                        + "±5%, 10-30 runs, a 3 min 30 s budget", quick, costs),
                preset("Decision grade", "±3%, 20-60 runs per cell, 1 s RTT windows, no budget: small differences decided",
                        decision, costs));
    }

    private static JobViews.Preset preset(String name, String purpose, JobSpec spec, Map<String, Double> costs) {
        List<String> q = new ArrayList<>();
        spec.runtimes().forEach(r -> q.add("runtime=" + Paths.enc(r)));
        spec.goVersions().forEach(g -> q.add("go=" + Paths.enc(g)));
        spec.sizes().forEach(z -> q.add("size=" + Paths.enc(z)));
        q.add("precision_pct=" + (long) spec.precisionPct());
        q.add("min_runs=" + spec.minRuns());
        q.add("max_runs=" + spec.maxRuns());
        q.add("rtt_duration_ms=" + spec.rttDurationMillis());
        if (spec.budgetMillis() != null) q.add("budget=" + spec.budgetMillis() / 1000);
        if (spec.cacheModes() != null) spec.cacheModes().forEach(m -> q.add("cache_mode=" + Paths.enc(m)));
        return new JobViews.Preset(name, purpose, Paths.withQuery(Paths.JOBS, String.join("&", q)),
                JobEstimate.of(spec, costs).words());
    }

    private String newestGo() {
        return toolchains.newest().minor(); // throws the CLI's "no Go toolchain found" when there is none
    }

    private static Integer integer(Map<String, List<String>> fields, String name) {
        Long v = longValue(fields, name);
        if (v == null) return null;
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) throw new BadRequest(name, name + " is out of range: " + v, List.of());
        return v.intValue();
    }

    private static Double decimal(Map<String, List<String>> fields, String name) {
        String v = text(fields, name);
        if (v == null) return null;
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new BadRequest(name, name + " must be a number, got " + BadRequest.quote(v), List.of());
        }
    }

    /** The one value of a field, stripped, or null when it is absent or blank. */
    private static String text(Map<String, List<String>> fields, String name) {
        List<String> values = fields.getOrDefault(name, List.of());
        if (values.size() > 1) throw new BadRequest(name, name + " takes one value, got " + values.size(), List.of());
        if (values.isEmpty() || values.get(0).isBlank()) return null;
        return values.get(0).strip();
    }

    private static Long longValue(Map<String, List<String>> fields, String name) {
        List<String> values = fields.getOrDefault(name, List.of());
        if (values.size() > 1) throw new BadRequest(name, name + " takes one value, got " + values.size(), List.of());
        if (values.isEmpty() || values.get(0).isBlank()) return null;
        try {
            return Long.parseLong(values.get(0).strip());
        } catch (NumberFormatException e) {
            throw new BadRequest(name, name + " must be a whole number, got " + BadRequest.quote(values.get(0)), List.of());
        }
    }
}
