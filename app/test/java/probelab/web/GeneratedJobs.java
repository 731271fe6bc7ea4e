package probelab.web;

import org.HdrHistogram.Histogram;
import probelab.catalog.HistogramCodec;
import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;
import probelab.storage.samples.Environment;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.RunTask;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Jobs drawn from a seed and written through the real {@link SampleStore}, shaped to break a report rather than to
 * look real: groups of 0, 1, 2, 5, 6, 7, 8, 20 and now and then 49 or 50 values, ties and equal values, runtimes
 * that do not differ, failures (with markup in their reasons), not-applicable marks, runs with and without latency
 * histograms or sampling outcomes, Go versions sharing a minor, and a limited scenario beside the default one.
 */
final class GeneratedJobs {
    private static final List<String> RUNTIMES = List.of("native", "docker", "podman", "nerdctl");
    private static final List<String> GO = List.of("1.21.13", "1.22.12", "1.23.5", "1.23.2");
    private static final Map<String, Integer> LINES = Map.of("tiny", 180, "small", 4_800, "medium", 52_000);
    private static final int[] GROUP_SIZES = {0, 1, 2, 5, 6, 7, 8, 8, 20, 20};
    private static final List<String> REASONS = List.of("server not ready after 30000 ms",
            "cannot start server: port is already allocated", "go build failed: exit status 1",
            "<b>markup</b> & \"quotes\" in a reason");
    private static final List<String> STOPS = List.of("precision", "max_runs", "repeat", "budget", "cancelled", "unusable",
            "failing", "job_failed", "a_reason_of_a_newer_version");
    static final String LIMITED = "cpus=0.5";

    /** A written job: its id and the scenarios its runs measured. */
    record Job(String id, List<String> scenarios) {
    }

    private final SampleStore store;
    private final Random random;
    private final Map<String, Double> factors = new HashMap<>();

    private GeneratedJobs(SampleStore store, long seed) {
        this.store = store;
        this.random = new Random(seed);
    }

    /** Writes one job drawn from {@code seed}, measured at {@code at}. */
    static Job write(SampleStore store, long seed, Instant at) {
        return new GeneratedJobs(store, seed).job("gen-" + seed, at);
    }

    private Job job(String id, Instant at) {
        store.createJob(id, "{\"generated\":true}", at);
        store.markJobStarted(id);
        List<String> runtimes = some(RUNTIMES, 2, 4), go = some(GO, 1, 2), sizes = some(List.of("tiny", "small", "medium"), 1, 2);
        boolean limited = random.nextBoolean();
        List<String> scenarios = limited ? List.of(RunRow.DEFAULT_SCENARIO, LIMITED) : List.of(RunRow.DEFAULT_SCENARIO);
        // a runtime is now and then exactly as fast as another: comparisons that must come out "same"
        for (String r : runtimes) factors.put(r, random.nextInt(3) == 0 ? 1.0 : 0.7 + 0.9 * random.nextDouble());
        int index = 0;
        for (String runtime : runtimes) {
            for (String version : go) {
                for (String size : sizes) {
                    for (String scenario : scenarios) {
                        // the limited scenario needs a container's quota
                        if (scenario.equals(LIMITED) && runtime.equals("native")) continue;
                        run(id + "-" + index++, id, runtime, version, size, scenario, at.plusSeconds(index * 60L));
                    }
                }
            }
        }
        store.markJobFinished(id, SampleStore.JOB_COMPLETED, null);
        return new Job(id, scenarios);
    }

    private void run(String runId, String jobId, String runtime, String go, String size, String scenario, Instant at) {
        // builds run once per toolchain and size, in the default scenario; the limits family only under a quota
        boolean container = !runtime.equals("native"), builds = scenario.equals(RunRow.DEFAULT_SCENARIO);
        Environment env = new Environment("Test OS", "6.1", "Test CPU", 2, 1L << 34, "go version go" + go, "1.0", "generated",
                "0.1.0", "test");
        int lines = LINES.get(size);
        store.createRun(new RunRow(runId, jobId, runtime, go, size, at, env, new RunRow.WorkloadCounts(1, lines / 400,
                lines / 120, lines, "generated-1"), scenario));
        List<SampleRow> rows = new ArrayList<>();
        int iterations = 0;
        for (Metric m : Metric.all()) {
            MetricFamily family = m.family();
            boolean measured = switch (family) {
                case RTT, COLD_START, MEMORY -> true;
                case LIMITS -> !builds;
                case BUILD -> builds;
                case IMAGE_BUILD -> builds && container;
                case DEVLOOP -> builds;
                case GO_TEST -> builds && !container;
                case FILES -> builds;
            };
            if (!measured) continue;
            String notApplicable = notApplicable(m, container);
            if (notApplicable != null) {
                rows.add(SampleRow.notApplicable(runId, m, notApplicable));
                continue;
            }
            for (String variant : variants(m, container)) {
                iterations = Math.max(iterations, group(rows, runId, m, variant, runtime, go, lines));
            }
        }
        store.addSamples(rows);
        task(runId, "server", builds ? "rtt,cold_start,memory" : "rtt,cold_start,memory,limits", iterations, Metric.RTT_P50_US);
        if (builds) task(runId, "build", container ? "build,image_build" : "build", iterations, Metric.BUILD_MS);
        store.finishRun(runId, "completed");
    }

    /** How far one task got, four times in five: a stop reason (now and then one this version does not know), an interval or none. */
    private void task(String runId, String task, String families, int iterations, Metric widest) {
        if (random.nextInt(5) == 0) return;
        store.recordTask(new RunTask(runId, task, families, iterations, 1, 1_000 + random.nextInt(60_000),
                STOPS.get(random.nextInt(STOPS.size())), random.nextInt(4) == 0 ? null : 0.5 + 30 * random.nextDouble(),
                widest.id(), random.nextBoolean() ? 5.0 : null));
    }

    /** Why {@code m} can never be measured on this run, or null. */
    private String notApplicable(Metric m, boolean container) {
        if (!container && m == Metric.CONTAINER_MEMORY_BYTES) return "a native process has no container";
        if (!container && m == Metric.COLD_START_PHASE_MS) return "a native process has no engine events";
        if (m == Metric.BUILD_INNER_MS && random.nextInt(4) == 0) return "gotime is not built for this toolchain";
        return null;
    }

    private List<String> variants(Metric m, boolean container) {
        if (m.phases().isEmpty()) return List.of("");
        if (m.family() == MetricFamily.FILES) {
            // cache/place: "cold/host" natively, "warm/volume" and the like in containers
            List<String> out = new ArrayList<>();
            for (String place : container ? some(List.of(Metric.BIND, Metric.VOLUME, Metric.IMAGE), 1, 3) : List.of(Metric.HOST)) {
                for (String phase : some(m.phases(), 1, 2)) out.add(phase + "/" + place);
            }
            return out;
        }
        if (m == Metric.COLD_START_PHASE_MS || m.family() == MetricFamily.IMAGE_BUILD || m.family() == MetricFamily.DEVLOOP || !container) return some(m.phases(), 1, 4);
        // a container's builds per cache mode: "cold/none", "warm/volume", ...
        List<String> out = new ArrayList<>();
        for (String mode : some(List.of("none", "volume", "bind"), 1, 2)) {
            for (String phase : mode.equals("none") ? List.of(Metric.COLD) : some(m.phases(), 1, 3)) out.add(phase + "/" + mode);
        }
        return out;
    }

    /** One group's values, failures and (for the RTT median) histograms; returns its iteration count. */
    private int group(List<SampleRow> rows, String runId, Metric m, String variant, String runtime, String go, int lines) {
        int n = random.nextInt(25) == 0 ? 49 + random.nextInt(2) : GROUP_SIZES[random.nextInt(GROUP_SIZES.length)];
        double centre = centre(m, variant, lines) * (runtime.equals("native") && m == Metric.RUNTIME_OVERHEAD_BYTES ? 0 : 1)
                * factors.get(runtime) * (go.startsWith("1.23") ? 1.03 : 1);
        int ties = random.nextInt(8);
        boolean histograms = m == Metric.RTT_P50_US && random.nextInt(5) > 0;
        for (int it = 1; it <= n; it++) {
            // one value repeated; heavy ties (two significant digits); whole units (some ties); continuous
            double v = ties == 0 ? Math.round(centre * 100) / 100.0 : centre * Math.exp(0.06 * random.nextGaussian());
            if (ties <= 2) v = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.2g", v));
            else if (ties <= 4 || m.unit().symbol().equals("bytes") || m.unit().symbol().equals("count")) v = Math.round(v);
            rows.add(SampleRow.ok(runId, m, variant, it, v, "generated"));
            if (histograms) store.addHistogram(runId, it, HistogramCodec.encode(latencies(v)), 600, 1_000_000);
        }
        if (random.nextInt(6) == 0) {
            String reason = REASONS.get(random.nextInt(REASONS.size()));
            for (int k = 1 + random.nextInt(3); k > 0; k--) rows.add(SampleRow.failed(runId, m, variant, n + k, reason));
        }
        return n;
    }

    /** Request latencies in ns around {@code p50Us}, with a slow tail. */
    private Histogram latencies(double p50Us) {
        Histogram h = new Histogram(HistogramCodec.SIGNIFICANT_DIGITS);
        for (int i = 0; i < 60; i++) {
            double us = p50Us * Math.exp(0.2 * random.nextGaussian()) * (random.nextInt(30) == 0 ? 6 : 1);
            h.recordValueWithCount(Math.max(1_000, Math.round(us * 1_000)), 10);
        }
        return h;
    }

    private static double centre(Metric m, String variant, int lines) {
        String phase = variant.contains("/") ? variant.substring(0, variant.indexOf('/')) : variant;
        double build = switch (phase) {
            case Metric.COLD -> 14_000 + lines * 0.09;
            case Metric.WARM -> 250 + lines * 0.004;
            default -> 600 + lines * 0.012;
        };
        return switch (m) {
            case RTT_P50_US -> 150;
            case RTT_P90_US -> 300;
            case RTT_P99_US, RTT_P999_US -> 900;
            case THROUGHPUT_RPS -> 5_000;
            case COLD_START_MS -> 400;
            case COLD_START_PHASE_MS -> 150;
            case COLD_START_SPLIT_MS -> switch (variant) {
                case Metric.UNTIL_GO -> 390;
                case Metric.GO_INIT -> 1.2;
                case Metric.GO_LISTEN -> 0.2;
                default -> 8;
            };
            case SERVER_RSS_BYTES -> 7.4e6;
            case SERVER_RSS_ANON_BYTES -> 3.6e6;
            case SERVER_RSS_FILE_BYTES -> 3.8e6;
            case SERVER_RSS_SHMEM_BYTES -> 0;
            case CONTAINER_MEMORY_BYTES -> 9e6;
            case RUNTIME_OVERHEAD_BYTES -> 1.4e8;
            case CPU_THROTTLED_PCT -> 40;
            case GC_CYCLES, OOM_KILLS -> 12;
            case GC_PAUSE_MS -> 3;
            case BUILD_MS, IMAGE_BUILD_MS, IMAGE_BUILD_STEP_MS -> build;
            case BUILD_INNER_MS -> build * 0.8;
            case BUILD_PEAK_RSS_BYTES -> 2e8;
            case IMAGE_SIZE_BYTES -> 1.2e7;
            case EDIT_TO_SERVING_MS -> 700 + lines * 0.01;
            case GO_TEST_MS -> build * 1.3;
            case GO_TEST_RACE_MS -> build * 2.5;
            case TREE_WALK_MS -> (variant.startsWith(Metric.COLD) ? 20 : 1) + lines * 0.0005;
            case TREE_WRITE_MS -> variant.startsWith(Metric.COLD) ? 30 : 20;
            case TREE_BUILD_MS -> (variant.startsWith(Metric.COLD) ? 900 : 300) + lines * 0.004;
            case TREE_TEST_MS -> (variant.startsWith(Metric.COLD) ? 1_500 : 600) + lines * 0.01;
        };
    }

    /** From {@code min} to {@code max} of {@code values}, in their order. */
    private List<String> some(List<String> values, int min, int max) {
        List<String> shuffled = new ArrayList<>(values);
        Collections.shuffle(shuffled, random);
        List<String> picked = shuffled.subList(0, min + random.nextInt(Math.min(max, values.size()) - min + 1));
        return values.stream().filter(picked::contains).toList();
    }
}
