package probelab.seed;

import probelab.catalog.HistogramCodec;

import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;
import probelab.probe.BuildPhases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import probelab.storage.samples.Environment;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Writes realistic synthetic jobs through the real {@link SampleStore}, shaped like what {@code JobRunner} stores:
 * the same metric names, variants, units, failure rows and one compressed nanosecond latency histogram per RTT
 * iteration, from which the rtt_p* samples are read exactly as the runner reads them. The figures follow what
 * was measured on the project's machines (see shared notes: native p50 85 us, Docker rootful 209 us, ...).
 * Used by the benchmark ({@code probelab seed}) and by tests; every job says "synthetic" in its spec.
 */
public final class SyntheticJobs {
    private static final double MIB = 1024 * 1024;
    private static final int FLUSH_ROWS = 50_000;

    private final SampleStore store;
    private final Random random;
    private final ObjectMapper json = new ObjectMapper();

    public SyntheticJobs(SampleStore store, long seed) {
        this.store = store;
        this.random = new Random(seed);
    }

    /** What one synthetic job covers. */
    public record Shape(List<String> runtimes, List<String> goVersions, List<String> sizes, int repeat) {
        public static Shape full(int repeat) {
            return new Shape(List.copyOf(MODELS.keySet()), List.of("1.19.8", "1.21.13", "1.22.12", "1.23.5"),
                    List.of("tiny", "small", "medium", "large", "monorepo"), repeat);
        }
    }

    /** What was written. */
    public record Written(List<String> jobIds, long samples, long histograms) {
    }

    /** How a runtime behaves, roughly, on a 2-core Debian VM. */
    private record Model(double rttP50Us, double tailFactor, double coldStartMs, boolean phases, double serverRssMib,
                         boolean cgroupMemory, double overheadMib, String overheadProcesses, List<String> cacheModes,
                         double buildFactor, double buildStartMs, double serverFailRate, String serverFailReason,
                         String version, String reachedVia) {
    }

    private static final Map<String, Model> MODELS = models();

    private static Map<String, Model> models() {
        Map<String, Model> MODELS = new LinkedHashMap<>();
        MODELS.put("native", new Model(85, 8.7, 4.2, false, 7.1, false, 0, "", List.of("host"), 1.0, 0,
                0.002, "RTT load failed: Connection reset by peer", "Linux 6.1.0-31-cloud-amd64", "host process"));
        MODELS.put("docker", new Model(209, 5.5, 420, true, 7.4, true, 138, "dockerd, containerd, containerd-shim, docker-proxy",
                List.of("none", "volume", "bind"), 1.04, 400, 0.004, "cannot start server: Error response from daemon: "
                + "driver failed programming external connectivity on endpoint probelab-echo: port is already allocated",
                "20.10.24+dfsg1", "unix:///var/run/docker.sock"));
        MODELS.put("docker-rootless", new Model(279, 8.4, 610, true, 7.4, false, 196,
                "dockerd, containerd, rootlesskit, slirp4netns, containerd-shim", List.of("none", "volume", "bind"), 1.10, 600,
                0.02, "server not ready after 30000 ms: GET http://127.0.0.1:41873/ -> Connection refused",
                "20.10.24+dfsg1 (rootless)", "unix:///run/probelab-1001/docker.sock"));
        MODELS.put("podman", new Model(90, 5.1, 380, true, 7.3, true, 2.6, "conmon", List.of("none", "volume", "bind"),
                1.05, 450, 0.003, "cannot start server: Error: netavark: code: 4, msg: iptables: Chain already exists",
                "4.3.1", "podman (rootful, runc)"));
        MODELS.put("podman-rootless", new Model(195, 6.0, 540, true, 7.3, false, 14.5, "conmon, slirp4netns, catatonit",
                List.of("none", "volume", "bind"), 1.15, 700, 0.01, "cannot start server: Error: rootlessport listen tcp "
                + "127.0.0.1:39211: bind: address already in use", "4.3.1 (rootless)", "podman (rootless, runc, slirp4netns)"));
        return java.util.Collections.unmodifiableMap(MODELS);
    }

    private static final Map<String, Integer> LINES = Map.of("tiny", 180, "small", 4_800, "medium", 52_000,
            "large", 310_000, "monorepo", 1_050_000);
    private static final Map<String, Integer> MODULES = Map.of("tiny", 1, "small", 1, "medium", 4, "large", 12,
            "monorepo", 40);

    /** Writes jobs of {@code shape}, one every {@code spacing} from {@code firstAt}, until about {@code targetSamples}. */
    public Written write(long targetSamples, Shape shape, Instant firstAt, Duration spacing, Consumer<String> progress) {
        List<String> jobs = new ArrayList<>();
        long samples = 0, histograms = 0;
        Instant at = firstAt;
        while (samples < targetSamples) {
            Written one = writeJob(shape, at);
            jobs.add(one.jobIds().get(0));
            samples += one.samples();
            histograms += one.histograms();
            progress.accept("job " + jobs.size() + " " + one.jobIds().get(0) + ": " + samples + " samples so far");
            at = at.plus(spacing);
        }
        return new Written(jobs, samples, histograms);
    }

    /** One job measured at {@code at}: every runtime x Go version x size of the shape, {@code repeat} iterations. */
    public Written writeJob(Shape shape, Instant at) {
        String jobId = at.toString().substring(0, 10).replace("-", "") + "-" + String.format("%08x", random.nextInt());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("runtimes", shape.runtimes());
        spec.put("goVersions", shape.goVersions());
        spec.put("sizes", shape.sizes());
        spec.put("metrics", List.of("rtt", "cold_start", "memory", "build"));
        spec.put("repeat", shape.repeat());
        spec.put("synthetic", true);
        store.createJob(jobId, toJson(spec), at);
        store.markJobStarted(jobId);
        double jobDrift = lognormal(0.03);
        List<SampleRow> buffer = new ArrayList<>();
        long samples = 0, histograms = 0;
        int runIndex = 0;
        for (String runtime : shape.runtimes()) {
            Model m = MODELS.getOrDefault(runtime, MODELS.get("docker"));
            for (String go : shape.goVersions()) {
                for (String size : shape.sizes()) {
                    String runId = jobId + "-" + runIndex++;
                    Instant runAt = at.plusSeconds(runIndex * 7L);
                    store.createRun(new RunRow(runId, jobId, runtime, go, size, runAt, environment(m, go),
                            new RunRow.WorkloadCounts(MODULES.getOrDefault(size, 1), LINES.getOrDefault(size, 1000) / 400,
                                    LINES.getOrDefault(size, 1000) / 120, LINES.getOrDefault(size, 1000), "synthetic-1")));
                    for (int it = 1; it <= shape.repeat(); it++) {
                        Instant t = runAt.plusSeconds(it * 3L);
                        histograms += iteration(m, runtime, go, size, runId, it, t, jobDrift, buffer);
                        if (buffer.size() >= FLUSH_ROWS) {
                            samples += flush(buffer);
                        }
                    }
                    store.finishRun(runId, "completed");
                }
            }
        }
        samples += flush(buffer);
        store.markJobFinished(jobId, SampleStore.JOB_COMPLETED, "synthetic data written by probelab seed");
        return new Written(List.of(jobId), samples, histograms);
    }

    private long flush(List<SampleRow> buffer) {
        int n = buffer.size();
        if (n > 0) store.addSamples(buffer);
        buffer.clear();
        return n;
    }

    /** One iteration of one cell: the rows JobRunner would store; returns how many histograms it wrote. */
    private int iteration(Model m, String runtime, String go, String size, String runId, int it, Instant t,
                          double jobDrift, List<SampleRow> out) {
        double goFactor = switch (go.substring(0, Math.min(4, go.length()))) {
            case "1.19" -> 1.04;
            case "1.21" -> 1.02;
            case "1.23" -> 0.99;
            default -> 1.0;
        };
        int histograms = 0;
        if (random.nextDouble() < m.serverFailRate()) {
            String why = m.serverFailReason();
            // what JobRunner stores when a server cannot start: every per-iteration metric of each server family fails
            for (MetricFamily f : List.of(MetricFamily.COLD_START, MetricFamily.RTT, MetricFamily.MEMORY)) {
                for (Metric metric : f.everyIterationMetrics()) out.add(failed(runId, metric, "", it, why, t));
            }
        } else {
            // cold start, with the phases container engines expose
            double cold = m.coldStartMs() * goFactor * jobDrift * lognormal(0.12);
            out.add(ok(runId, Metric.COLD_START_MS, "", it, cold, "run command to first HTTP 200", t));
            if (m.phases()) {
                out.add(ok(runId, Metric.COLD_START_PHASE_MS, "create", it, cold * 0.42, null, t));
                out.add(ok(runId, Metric.COLD_START_PHASE_MS, "start", it, cold * 0.47, null, t));
            }
            // RTT: one closed-loop second, summarised from its own histogram as the runner does
            Histogram h = latencies(m.rttP50Us() * goFactor * jobDrift * lognormal(0.05), m.tailFactor());
            long requests = h.getTotalCount();
            String detail = "closed loop, 1 connection, keep-alive, " + requests + " requests";
            out.add(ok(runId, Metric.RTT_P50_US, "", it, h.getValueAtPercentile(50) / 1e3, detail, t));
            out.add(ok(runId, Metric.RTT_P90_US, "", it, h.getValueAtPercentile(90) / 1e3, detail, t));
            out.add(ok(runId, Metric.RTT_P99_US, "", it, h.getValueAtPercentile(99) / 1e3, detail, t));
            out.add(ok(runId, Metric.RTT_P999_US, "", it, h.getValueAtPercentile(99.9) / 1e3, detail, t));
            out.add(ok(runId, Metric.THROUGHPUT_RPS, "", it, requests, detail, t));
            store.addHistogram(runId, it, HistogramCodec.encode(h), requests, 1_000_000);
            histograms++;
            // memory
            double rss = m.serverRssMib() * (go.startsWith("1.19") ? 0.92 : 1.0) * lognormal(0.03) * MIB;
            out.add(ok(runId, Metric.SERVER_RSS_BYTES, "", it, Math.round(rss), "/proc/PID/status VmRSS", t));
            if (m.cgroupMemory()) {
                out.add(ok(runId, Metric.CONTAINER_MEMORY_BYTES, "", it, Math.round(rss + 1.6 * MIB * lognormal(0.1)), "cgroup memory.usage_in_bytes", t));
            }
            out.add(ok(runId, Metric.RUNTIME_OVERHEAD_BYTES, "", it, Math.round(m.overheadMib() * lognormal(0.02) * MIB), m.overheadProcesses().isEmpty() ? "no runtime processes" : m.overheadProcesses(), t));
        }
        builds(m, runtime, go, size, runId, it, t, jobDrift, goFactor, out);
        return histograms;
    }

    private void builds(Model m, String runtime, String go, String size, String runId, int it, Instant t,
                        double jobDrift, double goFactor, List<SampleRow> out) {
        int lines = LINES.getOrDefault(size, 1000);
        for (String mode : m.cacheModes()) {
            String suffix = m.cacheModes().size() == 1 ? "" : "/" + mode;
            List<String> phases = BuildPhases.of(mode);
            double modeFactor = mode.equals("bind") && runtime.endsWith("rootless") ? 1.25 : 1.0;
            boolean broken = false;
            for (String phase : phases) {
                String variant = phase + suffix;
                if (broken) {
                    out.add(failed(runId, Metric.BUILD_MS, variant, it, "an earlier build with this cache failed", t));
                    continue;
                }
                if (runtime.endsWith("rootless") && mode.equals("bind") && random.nextDouble() < 0.03) {
                    out.add(failed(runId, Metric.BUILD_MS, variant, it, "go build failed: exit status 1: "
                            + "open /cache/go-build/trim.txt: permission denied", t));
                    broken = true;
                    continue;
                }
                double base = switch (phase) {
                    case Metric.COLD -> 14_000 + lines * 0.09;
                    case Metric.WARM -> 250 + lines * 0.004;
                    default -> 600 + lines * 0.012;
                };
                double ms = (base * m.buildFactor() * modeFactor * goFactor + m.buildStartMs()) * jobDrift * lognormal(0.06);
                out.add(ok(runId, Metric.BUILD_MS, variant, it, ms, "go build ./...", t));
                double peak = (180 + lines * 0.00057) * lognormal(0.04) * MIB;
                out.add(ok(runId, Metric.BUILD_PEAK_RSS_BYTES, variant, it, Math.round(peak),
                        "GNU time %M (largest process)", t));
            }
        }
    }

    /**
     * One second of closed-loop latencies in nanoseconds: a log-normal body around {@code p50Us} and a slower tail
     * (3% of requests) that puts p99 near {@code tailFactor} x p50. Recorded as 600 draws with equal weights.
     */
    private Histogram latencies(double p50Us, double tailFactor) {
        Histogram h = new Histogram(HistogramCodec.SIGNIFICANT_DIGITS);
        double meanUs = p50Us * 1.25;
        long requests = Math.max(600, Math.round(1_000_000 / meanUs));
        long weight = Math.max(1, requests / 600);
        for (int i = 0; i < 600; i++) {
            boolean tail = random.nextDouble() < 0.03;
            double us = tail ? p50Us * tailFactor * 0.8 * lognormal(0.45) : p50Us * lognormal(0.22);
            h.recordValueWithCount(Math.max(1000, Math.round(us * 1000)), weight);
        }
        return h;
    }

    private double lognormal(double sigma) {
        return Math.exp(random.nextGaussian() * sigma);
    }

    private static SampleRow ok(String runId, Metric metric, String variant, int it, double value, String detail, Instant t) {
        return new SampleRow(runId, metric.id(), variant, it, value, metric.unit().symbol(), SampleRow.OK, null, detail, t);
    }

    private static SampleRow failed(String runId, Metric metric, String variant, int it, String error, Instant t) {
        return new SampleRow(runId, metric.id(), variant, it, null, metric.unit().symbol(), SampleRow.FAILED, error, null, t);
    }

    private static Environment environment(Model m, String go) {
        return new Environment("Debian GNU/Linux 12 (bookworm)", "6.1.0-31-cloud-amd64", "AMD EPYC 7B13", 2,
                24L * 1024 * 1024 * 1024, "go version go" + go + " linux/amd64", m.version(), m.reachedVia(),
                probelab.catalog.ProbelabVersion.CURRENT, Environment.SYNTHETIC_COMMIT);
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
