package probelab.web.jobs;

import probelab.jobs.JobStatus;

import probelab.jobs.JobService;

import probelab.catalog.MetricFamily;
import probelab.catalog.DevLoopWay;
import probelab.catalog.Scenario;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import probelab.probe.Conditions;
import probelab.probe.JobRequest;
import probelab.probe.Sampling;
import probelab.probe.Selection;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeRegistry;
import probelab.analysis.RuntimeColors;
import probelab.storage.samples.JobRow;
import probelab.storage.samples.SampleStore;
import probelab.toolchain.Toolchain;
import probelab.toolchain.Toolchains;
import probelab.web.common.Htmx;
import probelab.web.common.Layout;
import probelab.web.common.Pages;
import probelab.web.common.Paths;
import probelab.workload.ProjectSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The jobs page: start a job, watch it, cancel it, list past jobs. */
public final class JobsController {
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
                    probelab.report.Format.instant(r.createdAt()), JobViews.duration(r.startedAt(), r.finishedAt()),
                    probelab.report.Format.count(r.okSamples()), probelab.report.Format.count(r.failedSamples()), r.specJson()));
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
            JobRequest request = JobFields.fromForm(ctx.queryParamMap(), newestGo());
            text = JobEstimate.of(request, store.iterationMillis()).words();
        } catch (IllegalArgumentException e) {
            text = "No estimate: " + e.getMessage();
        }
        ctx.html(pages.render("jobs/estimate.jte", new JobViews.Estimate(text)));
    }

    /** POST /jobs : the form's fields, validated like the CLI; htmx gets the new job's progress widget. */
    public void start(Context ctx) {
        JobStatus status = jobs.submit(JobFields.fromForm(ctx.formParamMap(), newestGo()));
        if (Htmx.wantsFragment(ctx)) {
            ctx.status(HttpStatus.CREATED);
            ctx.html(pages.render("jobs/progress.jte", JobViews.job(status)));
        } else {
            ctx.redirect(Paths.job(status.id()), HttpStatus.SEE_OTHER);
        }
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
        List<String> wantWays = want.getOrDefault("devloop_way", List.of());
        List<JobViews.Choice> ways = java.util.Arrays.stream(DevLoopWay.values())
                .map(w -> new JobViews.Choice(w.id(), w.id(), wantWays.isEmpty() ? DevLoopWay.DEFAULTS.contains(w) : wantWays.contains(w.id()),
                        w.words(), null)).toList();
        List<String> wantScenarios = want.getOrDefault("scenario", List.of());
        List<JobViews.Choice> scenarios = java.util.Arrays.stream(Scenario.values())
                .map(s -> new JobViews.Choice(s.id(), s.id(), wantScenarios.isEmpty() ? s == Scenario.DEFAULT : wantScenarios.contains(s.id()),
                        s.description(), null)).toList();
        // a value the URL gets wrong is simply not pre-filled: the form checks whatever is submitted
        Integer minRuns = parsedOrNull(want, "min_runs"), maxRuns = parsedOrNull(want, "max_runs"),
                rtt = parsedOrNull(want, "rtt_duration_ms");
        Double precision = decimalOrNull(want, "precision_pct");
        String budget = want.getOrDefault("budget", List.of("")).get(0);
        return new JobViews.Form(rt, go, sizes, metrics, modes, ways, scenarios, Sampling.DEFAULT_WARMUP,
                rtt == null ? Sampling.DEFAULT_RTT_MILLIS : rtt, Sampling.MAX_REPEAT,
                precision == null ? Sampling.DEFAULT_PRECISION_PCT : precision,
                minRuns == null ? Sampling.RunBounds.DEFAULT_MIN : minRuns, maxRuns == null ? Sampling.RunBounds.DEFAULT_MAX : maxRuns,
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

    /** The precision as given (2.5 stays 2.5, not 2), or null when it is absent or not a number. */
    private static Double decimalOrNull(Map<String, List<String>> want, String name) {
        try {
            List<String> v = want.get(name);
            Double d = v == null || v.isEmpty() ? null : Double.valueOf(v.get(0).strip());
            return d == null || d.isNaN() || d.isInfinite() ? null : d;
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
        List<String> up = runtimes.firstLook().stream().map(Runtime::id).toList();
        String newest = newestGo();
        JobRequest quick = JobRequest.firstLook(up, newest);
        JobRequest decision = new JobRequest(Selection.of(up, List.of(newest), null, null, newest),
                Sampling.of(null, null, 1000L, 3.0, new Sampling.RunBounds(20, 60), null),
                Conditions.of(null, List.of("host", "volume")));
        var costs = store.iterationMillis();
        return List.of(preset("Quick look", "what ./probelab run measures: every available runtime, newest Go, tiny, "
                        + "±5%, 10-30 runs, a 4 min budget", quick, costs),
                preset("Decision grade", "±3%, 20-60 runs per cell, 1 s RTT windows, no budget: small differences decided",
                        decision, costs));
    }

    private static JobViews.Preset preset(String name, String purpose, JobRequest request, Map<String, Double> costs) {
        return new JobViews.Preset(name, purpose, presetUrl(request), JobEstimate.of(request, costs).words());
    }

    /** The form's URL filled in with {@code request}: the selection, the sampling (precision as given), cache modes and dev loop ways. */
    static String presetUrl(JobRequest request) {
        List<String> q = new ArrayList<>();
        request.what().runtimes().forEach(r -> q.add("runtime=" + Paths.enc(r)));
        request.what().goVersions().forEach(g -> q.add("go=" + Paths.enc(g)));
        request.what().sizeIds().forEach(z -> q.add("size=" + Paths.enc(z)));
        Sampling how = request.how();
        q.add("precision_pct=" + JobViews.Form.pct(how.precisionPct()));
        q.add("min_runs=" + how.runs().min());
        q.add("max_runs=" + how.runs().max());
        q.add("rtt_duration_ms=" + how.rttDurationMillis());
        if (how.budgetMillis() != null) q.add("budget=" + how.budgetMillis() / 1000);
        if (request.where().cacheModes() != null) request.where().cacheModes().forEach(m -> q.add("cache_mode=" + Paths.enc(m)));
        request.where().devLoopWayIds().forEach(w -> q.add("devloop_way=" + Paths.enc(w)));
        return Paths.withQuery(Paths.JOBS, String.join("&", q));
    }

    private String newestGo() {
        return toolchains.newest().minor(); // throws the CLI's "no Go toolchain found" when there is none
    }
}
