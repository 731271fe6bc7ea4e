package probelab.probe;

import probelab.catalog.Metric;
import probelab.catalog.DevLoopWay;
import probelab.catalog.MetricFamily;
import probelab.catalog.Scenario;
import probelab.process.FileTrees;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeFailure;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.RunTask;
import probelab.storage.samples.SampleStore;
import probelab.toolchain.Toolchain;
import probelab.workload.ProjectSize;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs planned probe jobs ({@link Catalogs#plan}): prepares each (runtime, Go version, size) cell, then measures the
 * cells' tasks (server families, builds) one iteration at a time in the order {@link SamplingPlan} gives: round-robin
 * over the cells first, so that machine drift touches every runtime alike, then by fair share of time until each
 * task is precise enough, has its runs, or the budget ends. Every sample is stored as soon as it is measured; what
 * cannot be measured becomes a failed sample with its reason; at the end each task's count and stop reason is stored
 * ({@code run_tasks}). The measuring itself is {@link ServerProbe}'s, {@link BuildProbe}'s, {@link DevLoopProbe}'s,
 * {@link GoTestProbe}'s, {@link FilesProbe}'s and {@link ImageBuildProbe}'s.
 */
public final class JobRunner {
    private final Catalogs catalogs;
    private final WorkloadGenerator workloads;
    private final ServerBinaries binaries;
    private final SampleStore store;
    private final Fingerprint fingerprint;
    private final Path scratchDir;
    private final JobFinishedListener finished;
    private final ServerProbe serverProbe = new ServerProbe();
    private final BuildProbe buildProbe;
    private final ImageBuildProbe imageBuildProbe;
    private final DevLoopProbe devLoopProbe;
    private final GoTestProbe goTestProbe = new GoTestProbe();
    private final FilesProbe filesProbe;

    /** {@code catalogs}: the runtimes and toolchains jobs may name, the same the caller planned with. */
    public JobRunner(Catalogs catalogs, WorkloadGenerator workloads, ServerBinaries binaries, SampleStore store,
                     Fingerprint fingerprint, Path scratchDir, JobFinishedListener finished) {
        this.finished = finished;
        this.catalogs = catalogs;
        this.workloads = workloads;
        this.binaries = binaries;
        this.store = store;
        this.fingerprint = fingerprint;
        this.scratchDir = scratchDir;
        this.buildProbe = new BuildProbe(workloads);
        this.devLoopProbe = new DevLoopProbe(workloads);
        this.filesProbe = new FilesProbe(binaries);
        this.imageBuildProbe = new ImageBuildProbe(workloads, scratchDir.resolve("work"));
    }

    /** Lets another thread stop a job between measurements. */
    public static final class Control {
        private final AtomicBoolean cancelled = new AtomicBoolean();

        public void cancel() {
            cancelled.set(true);
        }

        public boolean cancelled() {
            return cancelled.get();
        }
    }

    /** {@link Catalogs#plan} on this runner's runtimes and toolchains: checks the request, writes nothing. */
    public Plan plan(JobRequest request) {
        return catalogs.plan(request);
    }

    /** Records a planned job as queued, with its request as the job's spec: the step that makes it a job. */
    public void queue(Plan plan) {
        store.createJob(plan.jobId(), JobRequestJson.write(plan.request()), Instant.now());
    }

    /** Runs a queued job to the end (or until cancelled) and returns its final status. */
    public String run(Plan plan, ProgressListener progress, Control control) {
        if (plan.request().what().target() != null) return runAgainstTarget(plan, progress);
        store.markJobStarted(plan.jobId());
        List<Cell> cells = new ArrayList<>();
        SamplingPlan sampling = new SamplingPlan(SamplingPlan.Settings.of(plan.request().how()));
        Map<SamplingPlan.Task, Cell> cellOf = new IdentityHashMap<>();
        String status = SampleStore.JOB_COMPLETED;
        String message = null;
        try {
            for (Runtime rt : plan.runtimes()) {
                rt.removeLeftovers(null);
            }
            for (Runtime rt : plan.runtimes()) {
                Runtime.Availability av = rt.availability();
                for (Toolchain tc : plan.toolchains()) {
                    for (ProjectSize size : plan.sizes()) {
                        for (Scenario scenario : plan.scenarios()) {
                            Cell cell = new Cell(rt, tc, size, scenario, plan.jobId(), plan.jobId() + "-" + cells.size());
                            prepare(plan, cell, av, progress);
                            cells.add(cell);
                        }
                    }
                }
            }
            for (Cell cell : cells) {
                if (plan.families().stream().anyMatch(ServerProbe::measures)) {
                    cellOf.put(sampling.add(SamplingPlan.Kind.SERVER, cell.unusable != null || cell.notApplicable != null), cell);
                }
                if (plan.families().contains(MetricFamily.BUILD) && cell.scenario == Scenario.DEFAULT) {
                    boolean unusable = cell.unusable != null || cell.workload == null;
                    cellOf.put(sampling.add(SamplingPlan.Kind.REBUILD, unusable), cell);
                    cellOf.put(sampling.add(SamplingPlan.Kind.BUILD, unusable), cell);
                }
                if (plan.families().contains(MetricFamily.GO_TEST) && cell.scenario == Scenario.DEFAULT) {
                    cellOf.put(sampling.add(SamplingPlan.Kind.GO_TEST, GoTestProbe.unusable(cell) != null), cell);
                }
                if (plan.families().contains(MetricFamily.FILES) && cell.scenario == Scenario.DEFAULT) {
                    cellOf.put(sampling.add(SamplingPlan.Kind.FILES, FilesProbe.unusable(cell) != null), cell);
                }
                if (plan.families().contains(MetricFamily.DEVLOOP) && cell.scenario == Scenario.DEFAULT
                        && (cell.unusable != null || !cell.devLoops.isEmpty())) {
                    cellOf.put(sampling.add(SamplingPlan.Kind.DEVLOOP, DevLoopProbe.unusable(cell) != null), cell);
                }
                if (plan.families().contains(MetricFamily.IMAGE_BUILD) && cell.scenario == Scenario.DEFAULT) {
                    cellOf.put(sampling.add(SamplingPlan.Kind.IMAGE_BUILD, ImageBuildProbe.unusable(cell)), cell);
                }
            }
            measureAll(plan, sampling, cellOf, progress, control);
            if (control.cancelled()) {
                status = SampleStore.JOB_CANCELLED;
                message = "cancelled by request";
            } else if (store.job(plan.jobId()).map(j -> j.okSamples() == 0).orElse(false)) {
                // a job that measured nothing did not complete, however orderly its end: every runtime was down,
                // or every measurement failed (the failed samples say why)
                status = SampleStore.JOB_FAILED;
                message = "no ok sample: every measurement failed or no selected runtime was available (see the failed samples)";
                progress.log("job failed: " + message);
            }
        } catch (RuntimeException e) {
            status = SampleStore.JOB_FAILED;
            message = e.getClass().getSimpleName() + ": " + e.getMessage();
            progress.log("job failed: " + message);
            sampling.stopAll(SamplingPlan.StopReason.JOB_FAILED);
        } finally {
            // what the job made outside the database goes first: a database that can no longer be written (a full
            // disk) stops the writes below, and must not leave containers or the cells' copies behind
            for (Cell c : cells) c.closeJobScoped();
            for (Runtime rt : plan.runtimes()) rt.removeLeftovers(plan.jobId());
            for (Cell c : cells) {
                // the cell's private copy of the workload is only needed while it measures
                if (c.workload != null) FileTrees.deleteBestEffort(c.workload.dir());
                c.devLoops.values().stream().filter(d -> d.workload != null).forEach(d -> FileTrees.deleteBestEffort(d.workload.dir()));
                if (c.filesWorkload != null) FileTrees.deleteBestEffort(c.filesWorkload.dir());
            }
            recordTasks(plan, sampling, cellOf, progress);
            String runStatus = status.equals(SampleStore.JOB_COMPLETED) ? "completed" : status;
            for (Cell c : cells) store.finishRun(c.runId, runStatus);
            store.markJobFinished(plan.jobId(), status, message);
            tellFinished(plan.jobId(), status, progress);
        }
        return status;
    }

    /**
     * Measures iterations in the sampling plan's order until every task is done or the job is cancelled (between
     * iterations). The budget's clock starts here, after preparing: preparing costs what it costs whatever is asked.
     */
    private void measureAll(Plan plan, SamplingPlan sampling, Map<SamplingPlan.Task, Cell> cellOf, ProgressListener progress,
                            Control control) {
        long start = System.nanoTime();
        while (!control.cancelled()) {
            long elapsed = millisSince(start);
            Optional<SamplingPlan.Next> next = sampling.next(elapsed);
            if (next.isEmpty()) break;
            SamplingPlan.Next n = next.get();
            Cell cell = cellOf.get(n.task());
            SamplingPlan.Estimate left = sampling.estimate(elapsed);
            String what = (n.warmup() ? "warmup " : "iteration " + n.iteration() + " ") + cell.label()
                    + (n.task().kind == SamplingPlan.Kind.SERVER ? "" : " " + n.task().kind.words);
            progress.step(sampling.iterationsRun(), sampling.iterationsRun() + left.iterations(), what, left.millis());
            long began = System.nanoTime();
            measure(plan, cell, n, sampling, progress);
            sampling.finished(n, millisSince(began));
        }
        if (control.cancelled()) sampling.stopAll(SamplingPlan.StopReason.CANCELLED);
        progress.step(sampling.iterationsRun(), sampling.iterationsRun(), "done", 0);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Stores how far each task got and why it stopped, and says so in the log. */
    private void recordTasks(Plan plan, SamplingPlan sampling, Map<SamplingPlan.Task, Cell> cellOf, ProgressListener progress) {
        Double target = plan.request().how().adaptive() ? plan.request().how().precisionPct() : null;
        String serverFamilies = String.join(",", plan.families().stream().filter(ServerProbe::measures).map(MetricFamily::id).toList());
        for (SamplingPlan.Task t : sampling.tasks()) {
            Cell cell = cellOf.get(t);
            var widest = t.widest();
            Double halfWidthPct = widest.map(Map.Entry::getValue).filter(Double::isFinite).map(w -> w * 100).orElse(null);
            String reason = t.stopped() == null ? SamplingPlan.StopReason.JOB_FAILED.id : t.stopped().id;
            boolean server = t.kind == SamplingPlan.Kind.SERVER;
            store.recordTask(new RunTask(cell.runId, t.kind.id, server ? serverFamilies : t.kind.family.id(),
                    t.iterations(), t.warmups(), t.measuredMillis(), reason, halfWidthPct,
                    widest.map(Map.Entry::getKey).orElse(null), target));
            progress.log(cell.label() + " " + t.kind.id + ": " + t.iterations() + " iterations, stopped: " + reason
                    + (halfWidthPct == null ? "" : String.format(Locale.ROOT, " (widest: %s +/-%.1f%%)", widest.get().getKey(), halfWidthPct)));
        }
    }

    private void tellFinished(String jobId, String status, ProgressListener progress) {
        try {
            finished.jobFinished(jobId, status);
        } catch (RuntimeException e) {
            // the samples are stored and the job's status is final: a failing listener must not change either
            progress.log("after job " + jobId + ": " + e.getMessage());
        }
    }

    private void prepare(Plan plan, Cell cell, Runtime.Availability av, ProgressListener progress) {
        RunRow.WorkloadCounts counts = RunRow.WorkloadCounts.NONE;
        if (!av.available()) {
            cell.unusable = "runtime " + cell.runtime.id() + " is not available: " + av.reason();
        } else {
            try {
                progress.log("preparing " + cell.label());
                cell.serverBinary = binaries.echo(cell.toolchain);
                cell.runtime.prepare(cell.toolchain, cell.serverBinary, plan.jobId());
            } catch (RuntimeFailure e) {
                cell.unusable = e.getMessage();
            }
        }
        boolean builds = (plan.families().contains(MetricFamily.BUILD) || plan.families().contains(MetricFamily.IMAGE_BUILD)
                || plan.families().contains(MetricFamily.GO_TEST)) && cell.scenario == Scenario.DEFAULT;
        boolean devLoop = plan.families().contains(MetricFamily.DEVLOOP) && cell.scenario == Scenario.DEFAULT;
        boolean files = plan.families().contains(MetricFamily.FILES) && cell.scenario == Scenario.DEFAULT;
        Workload generated = null;
        if (builds || devLoop || files) {
            try {
                Workload w = workloads.ensure(cell.size);
                generated = w;
                if (builds) cell.workload = workloads.copyTo(w, scratchDir.resolve("work").resolve(cell.runId));
                // the walks must see the same tree every iteration: builds write binaries into theirs
                if (files) cell.filesWorkload = workloads.copyTo(w, scratchDir.resolve("work").resolve(cell.runId + "-files"));
                counts = new RunRow.WorkloadCounts(w.modules(), w.packages(), w.files(), w.lines(), w.generatorVersion());
            } catch (RuntimeException e) {
                // the build family alone fails; server metrics can still be measured
                progress.log("cannot generate the " + cell.size.id() + " workload: " + e.getMessage());
            }
        }
        // before the warm cache's fill, which builds a dev loop's copy when the job has no build family
        Map<DevLoopWay, String> neverWays = devLoop
                ? devLoopProbe.prepare(cell, generated, plan.request().where().devLoopWays(), scratchDir.resolve("work")) : Map.of();
        if (cell.unusable == null && (plan.families().contains(MetricFamily.BUILD) || devLoop) && cell.scenario == Scenario.DEFAULT) {
            progress.log("filling the warm build cache of " + cell.label());
            String why = buildProbe.fill(cell, warmCacheMode(plan, cell));
            if (why != null) progress.log(cell.label() + ": cannot fill the warm cache (the first rebuild will): " + why);
        }
        if (files) filesProbe.place(cell, warmCacheMode(plan, cell), progress);
        if (cell.unusable != null) progress.log(cell.label() + ": " + cell.unusable);
        store.createRun(new RunRow(cell.runId, plan.jobId(), cell.runtime.id(), cell.toolchain.version(), cell.size.id(),
                Instant.now(), fingerprint.of(cell.toolchain, av), counts, cell.scenario.id()));
        Recorder rec = new Recorder(store, cell.runId, 0, progress, cell.label());
        neverWays.forEach((way, why) -> rec.notApplicable(Metric.EDIT_TO_SERVING_MS, way.id(), why));
        if (cell.scenario != Scenario.DEFAULT) {
            // said once per run rather than left out: a scenario is about the server, builds are the default scenario's
            List<Metric> buildMetrics = plan.families().stream()
                    .filter(f -> !f.startsServer())
                    .flatMap(f -> f.metrics().stream()).toList();
            rec.notApplicable(cell.firstNotApplicable(buildMetrics), "builds, go test, the dev loop and source tree I/O are measured in the default scenario only");
        }
        String never = cell.unusable == null ? cell.runtime.scenarioNotApplicable(cell.scenario) : null;
        if (never != null) {
            // the runtime can never run this scenario: its server metrics say so once, and the cell is not scheduled
            cell.notApplicable = never;
            List<Metric> server = plan.families().stream().filter(ServerProbe::measures).flatMap(f -> f.metrics().stream()).toList();
            rec.notApplicable(cell.firstNotApplicable(server), never);
        }
        store.setCpuGovernor(cell.runId, MachineLoad.governor().orElse(null));
        if (cell.unusable == null) {
            try {
                store.setEngineConfig(cell.runId, cell.runtime.engineConfig());
            } catch (RuntimeFailure e) {
                // the figures are still worth having; the run's configuration columns stay null and say "unknown"
                progress.log(cell.label() + ": " + e.getMessage());
            }
        }
    }

    /** One iteration of one task; the values of its key series go to the sampling plan as they are stored. */
    private void measure(Plan plan, Cell cell, SamplingPlan.Next n, SamplingPlan sampling, ProgressListener progress) {
        Recorder.Observer observer = (metric, variant, value) -> {
            if (SamplingPlan.keySeries(metric)) {
                sampling.recorded(n.task(), variant.isEmpty() ? metric.id() : metric.id() + "[" + variant + "]", value);
            }
        };
        Recorder rec = new Recorder(store, cell.runId, n.iteration(), progress, cell.label(), observer);
        ForeignCpu.Owners owners = plan.owners();
        var before = ForeignCpu.take(owners);
        if (n.task().kind == SamplingPlan.Kind.SERVER) {
            serverProbe.measure(cell, plan.families(), plan.request().how().rttDurationMillis(), rec);
        } else if (n.task().kind == SamplingPlan.Kind.IMAGE_BUILD) {
            imageBuildProbe.measure(cell, rec);
        } else if (n.task().kind == SamplingPlan.Kind.REBUILD) {
            buildProbe.rebuild(cell, warmCacheMode(plan, cell), rec);
        } else if (n.task().kind == SamplingPlan.Kind.GO_TEST) {
            goTestProbe.measure(cell, warmCacheMode(plan, cell), rec);
        } else if (n.task().kind == SamplingPlan.Kind.FILES) {
            filesProbe.measure(cell, rec);
        } else if (n.task().kind == SamplingPlan.Kind.DEVLOOP) {
            devLoopProbe.measure(cell, warmCacheMode(plan, cell), rec);
        } else {
            // builds never warm up: each build phase sets up its own cache state (cold starts from an empty cache), so
            // a discarded build would only cost minutes of container builds without steadying anything
            buildProbe.measure(cell, BuildProbe.modesFor(cell.runtime, plan.request().where().cacheModes()), rec);
        }
        if (n.iteration() > 0) {
            // read after the iteration, outside every measured interval: the load it saw, and the steal during it
            var after = ForeignCpu.take(owners);
            Double steal = before.flatMap(b -> after.flatMap(a -> a.cpu().stealPctSince(b.cpu()))).orElse(null);
            var foreign = before.flatMap(b -> after.map(a -> ForeignCpu.since(b, a)));
            Long stolen = before.flatMap(b -> after.map(a -> a.cpu().stealSince(b.cpu()))).orElse(null);
            store.recordMachineLoad(cell.runId, new SampleStore.LoadReading(MachineLoad.loadAvg1m().orElse(null), steal,
                    foreign.map(ForeignCpu.Share::foreignTicks).orElse(null), foreign.map(ForeignCpu.Share::totalTicks).orElse(null),
                    foreign.map(ForeignCpu.Share::busiest).orElse(null), stolen));
        }
    }

    /**
     * The cache mode of the cell's warm cache (rebuilds and dev loop): the first mode the job measures on its runtime
     * that keeps a cache, else the runtime's first that does ({@code none} keeps nothing to rebuild with).
     */
    private static String warmCacheMode(Plan plan, Cell cell) {
        return BuildProbe.modesFor(cell.runtime, plan.request().where().cacheModes()).stream()
                .filter(m -> !BuildPhases.keepsNothing(m)).findFirst()
                .or(() -> cell.runtime.cacheModes().stream().filter(m -> !BuildPhases.keepsNothing(m)).findFirst())
                .orElse(BuildPhases.NO_CACHE);
    }

    /**
     * Measures the RTT of a server someone else runs (no start, no build): one run with runtime {@code external}, Go
     * version and size unknown, exactly {@code repeat} iterations after the warmups.
     */
    private String runAgainstTarget(Plan plan, ProgressListener progress) {
        URI target = plan.request().what().target();
        Sampling how = plan.request().how();
        int warmup = how.warmup(), repeat = how.repeat();
        String jobId = plan.jobId();
        store.markJobStarted(jobId);
        String runId = jobId + "-0";
        store.createRun(new RunRow(runId, jobId, "external", "unknown", "none", Instant.now(),
                fingerprint.of(null, Runtime.Availability.up("", target.toString())), RunRow.WorkloadCounts.NONE));
        for (int round = 1; round <= warmup + repeat; round++) {
            int iteration = round <= warmup ? 0 : round - warmup;
            progress.step(round - 1, warmup + repeat, "RTT of " + target);
            ServerProbe.measureRtt(target, how.rttDurationMillis(), new Recorder(store, runId, iteration, progress, target.toString()));
        }
        progress.step(warmup + repeat, warmup + repeat, "done");
        store.finishRun(runId, "completed");
        store.markJobFinished(jobId, SampleStore.JOB_COMPLETED, null);
        tellFinished(jobId, SampleStore.JOB_COMPLETED, progress);
        return SampleStore.JOB_COMPLETED;
    }
}
