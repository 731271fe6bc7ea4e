package probelab.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import probelab.process.FileTrees;
import probelab.process.LoopbackPorts;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeFailure;
import probelab.runtime.RuntimeRegistry;
import probelab.storage.RunRow;
import probelab.storage.SampleRow;
import probelab.storage.SampleStore;
import probelab.toolchain.Toolchain;
import probelab.toolchain.Toolchains;
import probelab.workload.ProjectSize;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs probe jobs: validates the selection, prepares each (runtime, Go version, size) cell, then measures in
 * rounds that visit every cell once, so that machine drift touches every runtime alike. Every sample is
 * stored as soon as it is measured; what cannot be measured becomes a failed sample with its reason.
 */
public final class JobRunner {
    private static final long READY_TIMEOUT_MILLIS = 30_000;
    private static final long BUILD_TIMEOUT_MILLIS = 30 * 60_000;

    private final RuntimeRegistry runtimes;
    private final Toolchains toolchains;
    private final WorkloadGenerator workloads;
    private final ServerBinaries binaries;
    private final SampleStore store;
    private final Fingerprint fingerprint;
    private final Path scratchDir;
    private final JobFinishedListener finished;
    private final ObjectMapper json = new ObjectMapper();

    public JobRunner(RuntimeRegistry runtimes, Toolchains toolchains, WorkloadGenerator workloads, ServerBinaries binaries,
                     SampleStore store, Fingerprint fingerprint, Path scratchDir) {
        this(runtimes, toolchains, workloads, binaries, store, fingerprint, scratchDir, JobFinishedListener.NONE);
    }

    public JobRunner(RuntimeRegistry runtimes, Toolchains toolchains, WorkloadGenerator workloads, ServerBinaries binaries,
                     SampleStore store, Fingerprint fingerprint, Path scratchDir, JobFinishedListener finished) {
        this.finished = finished;
        this.runtimes = runtimes;
        this.toolchains = toolchains;
        this.workloads = workloads;
        this.binaries = binaries;
        this.store = store;
        this.fingerprint = fingerprint;
        this.scratchDir = scratchDir;
    }

    /** A job validated against this machine: everything it names exists. */
    public record Plan(String jobId, JobSpec spec, List<Runtime> runtimes, List<Toolchain> toolchains,
                       List<ProjectSize> sizes, List<MetricFamily> families) {
        public long totalSteps() {
            return (long) (spec.warmup() + spec.repeat()) * runtimes.size() * toolchains.size() * sizes.size();
        }
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

    /**
     * Checks every name in {@code spec} and records the job as queued. Throws an IllegalArgumentException
     * subtype listing the valid names, before anything is written, when a name is unknown.
     */
    public Plan plan(JobSpec spec) {
        List<Runtime> rts = runtimes.resolve(spec.runtimes());
        List<Toolchain> tcs = new ArrayList<>();
        for (String v : spec.goVersions()) {
            Toolchain t = toolchains.resolve(v);
            if (!tcs.contains(t)) tcs.add(t);
        }
        List<ProjectSize> sizes = spec.sizes().stream().map(ProjectSize::parse).distinct().toList();
        List<MetricFamily> fams = spec.metrics().stream().map(MetricFamily::parse).distinct().toList();
        String jobId = newJobId();
        Plan plan = new Plan(jobId, spec, rts, tcs, sizes, fams);
        store.createJob(jobId, toJson(spec), Instant.now());
        return plan;
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One cell of the job, prepared: its run row exists and it knows whether it can be measured. */
    private static final class Cell {
        final Runtime runtime;
        final Toolchain toolchain;
        final ProjectSize size;
        final String runId;
        final String jobId;
        Path serverBinary;
        Workload workload;
        String unusable; // why nothing in this cell can be measured, or null

        Cell(Runtime runtime, Toolchain toolchain, ProjectSize size, String jobId, String runId) {
            this.jobId = jobId;
            this.runtime = runtime;
            this.toolchain = toolchain;
            this.size = size;
            this.runId = runId;
        }

        String label() {
            return runtime.id() + " go" + toolchain.minor() + " " + size.id();
        }
    }

    /** Runs a planned job to the end (or until cancelled) and returns its final status. */
    public String run(Plan plan, ProgressListener progress, Control control) {
        store.markJobStarted(plan.jobId());
        List<Cell> cells = new ArrayList<>();
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
                        Cell cell = new Cell(rt, tc, size, plan.jobId(), plan.jobId() + "-" + cells.size());
                        prepare(plan, cell, av, progress);
                        cells.add(cell);
                    }
                }
            }
            int rounds = plan.spec().warmup() + plan.spec().repeat();
            long done = 0;
            for (int round = 1; round <= rounds && !control.cancelled(); round++) {
                boolean warmup = round <= plan.spec().warmup();
                int iteration = warmup ? 0 : round - plan.spec().warmup();
                for (Cell cell : cells) {
                    if (control.cancelled()) break;
                    progress.step(done, plan.totalSteps(), (warmup ? "warmup " : "iteration " + iteration + " ") + cell.label());
                    measure(plan, cell, iteration, progress);
                    done++;
                }
            }
            progress.step(done, plan.totalSteps(), "done");
            if (control.cancelled()) {
                status = SampleStore.JOB_CANCELLED;
                message = "cancelled by request";
            }
        } catch (RuntimeException e) {
            status = SampleStore.JOB_FAILED;
            message = e.getClass().getSimpleName() + ": " + e.getMessage();
            progress.log("job failed: " + message);
        } finally {
            for (Runtime rt : plan.runtimes()) rt.removeLeftovers(plan.jobId());
            String runStatus = status.equals(SampleStore.JOB_COMPLETED) ? "completed" : status;
            for (Cell c : cells) {
                store.finishRun(c.runId, runStatus);
                // the cell's private copy of the workload is only needed while it measures
                if (c.workload != null) FileTrees.deleteBestEffort(c.workload.dir());
            }
            store.markJobFinished(plan.jobId(), status, message);
            tellFinished(plan.jobId(), status, progress);
        }
        return status;
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
        if (plan.families().contains(MetricFamily.BUILD)) {
            try {
                Workload w = workloads.ensure(cell.size);
                cell.workload = workloads.copyTo(w, scratchDir.resolve("work").resolve(cell.runId));
                counts = new RunRow.WorkloadCounts(w.modules(), w.packages(), w.files(), w.lines(), w.generatorVersion());
            } catch (RuntimeException e) {
                // the build family alone fails; server metrics can still be measured
                progress.log("cannot generate the " + cell.size.id() + " workload: " + e.getMessage());
            }
        }
        if (cell.unusable != null) progress.log(cell.label() + ": " + cell.unusable);
        store.createRun(new RunRow(cell.runId, plan.jobId(), cell.runtime.id(), cell.toolchain.version(), cell.size.id(),
                Instant.now(), fingerprint.of(cell.toolchain, av), counts));
    }

    private void measure(Plan plan, Cell cell, int iteration, ProgressListener progress) {
        Recorder rec = new Recorder(cell.runId, iteration, progress, cell.label());
        boolean server = plan.families().stream().anyMatch(f -> f != MetricFamily.BUILD);
        if (server) measureServer(plan, cell, rec);
        // no warmup builds: each build phase sets up its own cache state (cold starts from an empty cache), so a
        // discarded build would only cost minutes of container builds without steadying anything
        if (plan.families().contains(MetricFamily.BUILD) && iteration > 0) measureBuilds(cell, rec);
    }

    private void measureServer(Plan plan, Cell cell, Recorder rec) {
        List<MetricFamily> fams = plan.families();
        if (cell.unusable != null) {
            failServerMetrics(fams, rec, cell.unusable);
            return;
        }
        int port;
        try {
            port = LoopbackPorts.free();
        } catch (IOException e) {
            failServerMetrics(fams, rec, "no free port: " + e.getMessage());
            return;
        }
        long issued = System.nanoTime();
        Runtime.Server server;
        try {
            server = cell.runtime.startServer(cell.toolchain, cell.serverBinary, port, plan.jobId());
        } catch (RuntimeFailure e) {
            failServerMetrics(fams, rec, "cannot start server: " + e.getMessage());
            return;
        }
        try (server) {
            long ready;
            try {
                ready = Readiness.awaitHttp200(port, READY_TIMEOUT_MILLIS, server::alive);
            } catch (Readiness.NotReady e) {
                failServerMetrics(fams, rec, e.getMessage());
                return;
            }
            if (fams.contains(MetricFamily.COLD_START)) {
                rec.ok(Metrics.COLD_START_MS, "", (ready - issued) / 1e6, Metrics.MS, "run command to first HTTP 200");
                for (Map.Entry<String, Double> phase : server.startPhasesMillis().entrySet()) {
                    rec.ok(Metrics.COLD_START_PHASE_MS, phase.getKey(), phase.getValue(), Metrics.MS, null);
                }
            }
            if (fams.contains(MetricFamily.RTT)) measureRtt(plan, cell, port, rec);
            if (fams.contains(MetricFamily.MEMORY)) measureMemory(cell, server, rec);
        }
    }

    private void measureRtt(Plan plan, Cell cell, int port, Recorder rec) {
        try {
            var out = HttpClosedLoop.run(URI.create("http://127.0.0.1:" + port + "/"), plan.spec().rttDurationMillis());
            recordRtt(cell.runId, out, rec);
        } catch (IOException | RuntimeException e) {
            failFamily(MetricFamily.RTT, rec, "RTT load failed: " + e.getMessage());
        }
    }

    private void recordRtt(String runId, HttpClosedLoop.Outcome out, Recorder rec) {
        Histogram h = out.latencyNanos();
        String detail = "closed loop, 1 connection, keep-alive, " + out.requests() + " requests";
        rec.ok(Metrics.RTT_P50_US, "", h.getValueAtPercentile(50) / 1e3, Metrics.US, detail);
        rec.ok(Metrics.RTT_P90_US, "", h.getValueAtPercentile(90) / 1e3, Metrics.US, detail);
        rec.ok(Metrics.RTT_P99_US, "", h.getValueAtPercentile(99) / 1e3, Metrics.US, detail);
        rec.ok(Metrics.RTT_P999_US, "", h.getValueAtPercentile(99.9) / 1e3, Metrics.US, detail);
        rec.ok(Metrics.THROUGHPUT_RPS, "", out.throughputRps(), Metrics.RPS, detail);
        if (rec.iteration > 0) {
            ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
            int len = h.encodeIntoCompressedByteBuffer(buf);
            byte[] bytes = new byte[len];
            buf.flip();
            buf.get(bytes);
            store.addHistogram(runId, rec.iteration, bytes, out.requests(), out.elapsedNanos() / 1000);
        }
    }

    private void measureMemory(Cell cell, Runtime.Server server, Recorder rec) {
        try {
            Runtime.MemoryReading m = server.memory();
            rec.ok(Metrics.SERVER_RSS_BYTES, "", m.rssBytes(), Metrics.BYTES, m.source());
            if (m.containerBytes() != null) {
                rec.ok(Metrics.CONTAINER_MEMORY_BYTES, "", m.containerBytes(), Metrics.BYTES, m.containerSource());
            }
        } catch (RuntimeFailure e) {
            rec.failed(Metrics.SERVER_RSS_BYTES, "", Metrics.BYTES, e.getMessage());
        }
        Runtime.Overhead o = cell.runtime.overhead();
        rec.ok(Metrics.RUNTIME_OVERHEAD_BYTES, "", o.rssBytes(), Metrics.BYTES, o.processList());
    }

    private void measureBuilds(Cell cell, Recorder rec) {
        for (String mode : cell.runtime.cacheModes()) {
            List<String> phases = mode.equals("none") ? List.of(Metrics.COLD)
                    : List.of(Metrics.COLD, Metrics.WARM, Metrics.INCREMENTAL);
            String suffix = cell.runtime.cacheModes().size() == 1 ? "" : "/" + mode;
            if (cell.unusable != null || cell.workload == null) {
                String why = cell.unusable != null ? cell.unusable : "the " + cell.size.id() + " workload could not be generated";
                for (String phase : phases) failBuild(rec, phase + suffix, why);
                continue;
            }
            try (Runtime.BuildCache cache = cell.runtime.newBuildCache(mode, cell.jobId)) {
                boolean broken = false;
                for (String phase : phases) {
                    String variant = phase + suffix;
                    if (broken) {
                        failBuild(rec, variant, "an earlier build with this cache failed");
                        continue;
                    }
                    if (phase.equals(Metrics.INCREMENTAL)) workloads.applyEdit(cell.workload, rec.iteration);
                    broken = !buildOnce(cell, cache, variant, rec);
                }
            } catch (RuntimeFailure e) {
                for (String phase : phases) failBuild(rec, phase + suffix, e.getMessage());
            }
        }
    }

    private boolean buildOnce(Cell cell, Runtime.BuildCache cache, String variant, Recorder rec) {
        try {
            var out = cell.runtime.build(cell.toolchain, cell.workload.dir(), cell.workload.buildTargets(), cache,
                    BUILD_TIMEOUT_MILLIS);
            if (!out.result().ok()) {
                failBuild(rec, variant, "go build failed: " + out.result().reason());
                return false;
            }
            rec.ok(Metrics.BUILD_MS, variant, out.wallNanos() / 1e6, Metrics.MS, "go build " + String.join(" ", cell.workload.buildTargets()));
            if (out.peakRssBytes() >= 0) {
                rec.ok(Metrics.BUILD_PEAK_RSS_BYTES, variant, out.peakRssBytes(), Metrics.BYTES, "GNU time %M (largest process)");
            } else {
                rec.failed(Metrics.BUILD_PEAK_RSS_BYTES, variant, Metrics.BYTES, out.peakRssUnavailableReason());
            }
            return true;
        } catch (RuntimeFailure e) {
            failBuild(rec, variant, e.getMessage());
            return false;
        }
    }

    private static void failBuild(Recorder rec, String variant, String why) {
        rec.failed(Metrics.BUILD_MS, variant, Metrics.MS, why);
    }

    private static void failServerMetrics(List<MetricFamily> fams, Recorder rec, String why) {
        for (MetricFamily f : fams) {
            if (f != MetricFamily.BUILD) failFamily(f, rec, why);
        }
    }

    private static void failFamily(MetricFamily f, Recorder rec, String why) {
        switch (f) {
            case RTT -> {
                for (String m : List.of(Metrics.RTT_P50_US, Metrics.RTT_P90_US, Metrics.RTT_P99_US, Metrics.RTT_P999_US)) {
                    rec.failed(m, "", Metrics.US, why);
                }
                rec.failed(Metrics.THROUGHPUT_RPS, "", Metrics.RPS, why);
            }
            case COLD_START -> rec.failed(Metrics.COLD_START_MS, "", Metrics.MS, why);
            case MEMORY -> {
                rec.failed(Metrics.SERVER_RSS_BYTES, "", Metrics.BYTES, why);
                rec.failed(Metrics.RUNTIME_OVERHEAD_BYTES, "", Metrics.BYTES, why);
            }
            case BUILD -> rec.failed(Metrics.BUILD_MS, "", Metrics.MS, why);
        }
    }

    /** Writes one iteration's samples of one cell; warmup (iteration 0) samples are discarded. */
    private final class Recorder {
        final String runId;
        final int iteration;
        final ProgressListener progress;
        final String label;

        Recorder(String runId, int iteration, ProgressListener progress, String label) {
            this.runId = runId;
            this.iteration = iteration;
            this.progress = progress;
            this.label = label;
        }

        void ok(String metric, String variant, double value, String unit, String detail) {
            if (iteration > 0) store.addSample(SampleRow.ok(runId, metric, variant, iteration, value, unit, detail));
        }

        void failed(String metric, String variant, String unit, String error) {
            progress.log(label + " " + metric + (variant.isEmpty() ? "" : "[" + variant + "]") + " failed: " + error);
            if (iteration > 0) store.addSample(SampleRow.failed(runId, metric, variant, iteration, unit, error));
        }
    }

    /**
     * Measures the RTT of a server someone else runs (no start, no build): one run with runtime
     * {@code external}, Go version and size unknown.
     */
    public String runAgainstTarget(URI target, int repeat, int warmup, long durationMillis, ProgressListener progress) {
        if (!"http".equals(target.getScheme()) || target.getHost() == null) {
            throw new IllegalArgumentException("the target must be an http:// URL with a host, got " + target);
        }
        JobSpec.checkCounts(repeat, warmup, durationMillis);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("target", target.toString());
        spec.put("repeat", repeat);
        spec.put("warmup", warmup);
        String jobId = newJobId();
        store.createJob(jobId, toJson(spec), Instant.now());
        store.markJobStarted(jobId);
        String runId = jobId + "-0";
        store.createRun(new RunRow(runId, jobId, "external", "unknown", "none", Instant.now(),
                fingerprint.of(null, Runtime.Availability.up("", target.toString())), RunRow.WorkloadCounts.NONE));
        for (int round = 1; round <= warmup + repeat; round++) {
            int iteration = round <= warmup ? 0 : round - warmup;
            progress.step(round - 1, warmup + repeat, "RTT of " + target);
            Recorder rec = new Recorder(runId, iteration, progress, target.toString());
            try {
                recordRtt(runId, HttpClosedLoop.run(target, durationMillis), rec);
            } catch (IOException | RuntimeException e) {
                failFamily(MetricFamily.RTT, rec, "RTT load failed: " + e.getMessage());
            }
        }
        progress.step(warmup + repeat, warmup + repeat, "done");
        store.finishRun(runId, "completed");
        store.markJobFinished(jobId, SampleStore.JOB_COMPLETED, null);
        tellFinished(jobId, SampleStore.JOB_COMPLETED, progress);
        return jobId;
    }

    /** The day it was made, then 8 random hex digits: sorts by date and reads well in a URL. */
    private static String newJobId() {
        return Instant.now().toString().substring(0, 10).replace("-", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
