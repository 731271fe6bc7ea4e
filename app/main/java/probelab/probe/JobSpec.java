package probelab.probe;

import probelab.catalog.MetricFamily;
import probelab.catalog.Scenario;

import java.util.List;

/**
 * What a job measures and how long: runtimes x Go versions x project sizes, for the given metric families. Each cell
 * gets {@code warmup} discarded server iterations, then either exactly {@code repeat} stored iterations or, when
 * {@code repeat} is null, adaptive sampling: at least {@code minRuns}, more until the 95% interval of each key
 * series' median is within +/- {@code precisionPct} % of it, at most {@code maxRuns}; all of it within
 * {@code budgetMillis} of measuring when that is set. Ids are as users type them.
 *
 * @param cacheModes the build cache modes to measure, or null for every mode a runtime has; a runtime measures
 *                   those of them it has, or its first mode when it has none of them
 * @param scenarios  the scenarios ({@link Scenario} ids) each cell is measured in; {@code default} when left out
 */
public record JobSpec(List<String> runtimes, List<String> goVersions, List<String> sizes, List<String> metrics,
                      Integer repeat, int warmup, long rttDurationMillis, double precisionPct, Long budgetMillis,
                      int minRuns, int maxRuns, List<String> cacheModes, List<String> scenarios) {
    public static final int MAX_REPEAT = 1000;
    // defaults for whatever a request leaves out, the same for the CLI, the API and the jobs page
    public static final String DEFAULT_RUNTIME = "native";
    public static final String DEFAULT_SIZE = "tiny";
    public static final int DEFAULT_WARMUP = 1;
    public static final long DEFAULT_RTT_MILLIS = 1000;
    /**
     * The 95% interval of the median within +/- 5%: tighter than most differences between runtimes worth acting on.
     * Whole, so that help texts print "5".
     */
    public static final int DEFAULT_PRECISION_PCT = 5;
    /** The fewest samples whose median has a 95% interval ({@code MedianInterval.MIN_SAMPLES}). */
    public static final int DEFAULT_MIN_RUNS = 6;
    public static final int DEFAULT_MAX_RUNS = 30;
    /** A {@code --target} job has no scheduling: it repeats this often unless told otherwise. */
    public static final int DEFAULT_TARGET_REPEAT = 5;
    static final double MIN_PRECISION_PCT = 0.1;
    static final double MAX_PRECISION_PCT = 50;
    static final long MAX_BUDGET_MILLIS = 7L * 24 * 3600 * 1000;

    /**
     * {@code ./probelab run}'s first look: 10 runs so that every server-metric cell has an interval with room to
     * spare, 30 at most for the noisy ones.
     */
    public static final int FIRST_LOOK_MIN_RUNS = 10;
    /**
     * The first look must end within 4 minutes of being started; preparing (echo binaries, images, workload copies)
     * takes up to ~30 s when images exist, and the iteration running when the budget ends may overrun its estimate,
     * so measuring gets 3 min 30 s.
     */
    public static final long FIRST_LOOK_BUDGET_MILLIS = 210_000;
    /**
     * One cache mode per runtime, so that builds fit the budget: {@code host} natively, a named {@code volume} in
     * containers (what a developer's compose file would use); a runtime with neither measures its first mode.
     */
    public static final List<String> FIRST_LOOK_CACHE_MODES = List.of("host", "volume");
    /**
     * A quarter of the default RTT window: here a server iteration costs ~1 s natively and 2.5-5 s in containers
     * (start, RTT, memory, stop), so 11 rounds over five runtimes with 1 s of RTT each would leave the builds ~30 s of
     * the budget; with 250 ms (still 1000+ requests for each iteration's median) they get about a minute, one cold,
     * warm and incremental build per runtime.
     */
    public static final long FIRST_LOOK_RTT_MILLIS = 250;

    public JobSpec {
        runtimes = List.copyOf(runtimes);
        goVersions = List.copyOf(goVersions);
        sizes = List.copyOf(sizes);
        metrics = List.copyOf(metrics);
        cacheModes = cacheModes == null ? null : List.copyOf(cacheModes);
        // a spec stored before scenarios existed reads back without them: it measured the default scenario
        scenarios = scenarios == null || scenarios.isEmpty() ? List.of(Scenario.DEFAULT.id()) : List.copyOf(scenarios.stream().distinct().toList());
        scenarios.forEach(Scenario::parse);
        checkCounts(repeat, warmup, rttDurationMillis);
        for (var list : List.of(runtimes, goVersions, sizes, metrics)) {
            if (list.isEmpty()) throw new IllegalArgumentException("runtimes, go versions, sizes and metrics must not be empty");
        }
        checkSampling(repeat, precisionPct, budgetMillis, minRuns, maxRuns);
        if (cacheModes != null && (cacheModes.isEmpty() || cacheModes.stream().anyMatch(String::isBlank))) {
            throw new IllegalArgumentException("cache modes must be left out (every mode) or name at least one mode");
        }
    }

    /** A job in the default scenario. */
    public JobSpec(List<String> runtimes, List<String> goVersions, List<String> sizes, List<String> metrics,
                   Integer repeat, int warmup, long rttDurationMillis, double precisionPct, Long budgetMillis,
                   int minRuns, int maxRuns, List<String> cacheModes) {
        this(runtimes, goVersions, sizes, metrics, repeat, warmup, rttDurationMillis, precisionPct, budgetMillis, minRuns,
                maxRuns, cacheModes, null);
    }

    /** The same job in other scenarios. */
    public JobSpec withScenarios(List<String> ids) {
        return new JobSpec(runtimes, goVersions, sizes, metrics, repeat, warmup, rttDurationMillis, precisionPct, budgetMillis,
                minRuns, maxRuns, cacheModes, ids);
    }

    /** A job of exactly {@code repeat} iterations per cell, every cache mode, no budget: the fixed design. */
    public JobSpec(List<String> runtimes, List<String> goVersions, List<String> sizes, List<String> metrics,
                   int repeat, int warmup, long rttDurationMillis) {
        this(runtimes, goVersions, sizes, metrics, repeat, warmup, rttDurationMillis, DEFAULT_PRECISION_PCT, null,
                DEFAULT_MIN_RUNS, DEFAULT_MAX_RUNS, null);
    }

    /** True when the number of iterations follows the samples (no {@code repeat}). */
    public boolean adaptive() {
        return repeat == null;
    }

    /** The bounds every job obeys, a planned one or an RTT run against a target. */
    static void checkCounts(Integer repeat, int warmup, long rttDurationMillis) {
        if (repeat != null && (repeat < 1 || repeat > MAX_REPEAT)) {
            throw new IllegalArgumentException("repeat must be between 1 and " + MAX_REPEAT + ", got " + repeat);
        }
        if (warmup < 0 || warmup > MAX_REPEAT) {
            throw new IllegalArgumentException("warmup must be between 0 and " + MAX_REPEAT + ", got " + warmup);
        }
        if (rttDurationMillis < 50 || rttDurationMillis > 600_000) {
            throw new IllegalArgumentException("rtt duration must be between 50 and 600000 ms, got " + rttDurationMillis);
        }
    }

    private static void checkSampling(Integer repeat, double precisionPct, Long budgetMillis, int minRuns, int maxRuns) {
        if (!(precisionPct >= MIN_PRECISION_PCT && precisionPct <= MAX_PRECISION_PCT)) {
            throw new IllegalArgumentException("precision must be between " + plain(MIN_PRECISION_PCT) + " and "
                    + plain(MAX_PRECISION_PCT) + " (% of the median), got " + plain(precisionPct));
        }
        if (budgetMillis != null && (budgetMillis <= 0 || budgetMillis > MAX_BUDGET_MILLIS)) {
            throw new IllegalArgumentException("budget must be more than 0 s and at most 7 days, got " + budgetMillis + " ms");
        }
        // below 6 no median has a 95% interval, so an adaptive job could never stop on precision; a fixed --repeat may
        // ask for fewer knowingly
        int fewest = repeat == null ? DEFAULT_MIN_RUNS : 1;
        if (minRuns < fewest || minRuns > MAX_REPEAT) {
            throw new IllegalArgumentException("min runs must be between " + fewest + " and " + MAX_REPEAT + ", got " + minRuns
                    + (repeat == null ? " (fewer than 6 samples have no 95% interval of the median; --repeat N runs exactly N)" : ""));
        }
        if (maxRuns < 1 || maxRuns > MAX_REPEAT) {
            throw new IllegalArgumentException("max runs must be between 1 and " + MAX_REPEAT + ", got " + maxRuns);
        }
        if (minRuns > maxRuns) {
            throw new IllegalArgumentException("min runs (" + minRuns + ") must not exceed max runs (" + maxRuns + ")");
        }
    }

    /** A job as a person asks for it, from the CLI, the API or the jobs page: any part may be null (left out). */
    public record Requested(List<String> runtimes, List<String> goVersions, List<String> sizes, List<String> metrics,
                            Integer repeat, Integer warmup, Long rttDurationMillis, Double precisionPct,
                            Long budgetMillis, Integer minRuns, Integer maxRuns, List<String> cacheModes,
                            List<String> scenarios) {
        /** A request in the default scenario. */
        public Requested(List<String> runtimes, List<String> goVersions, List<String> sizes, List<String> metrics,
                         Integer repeat, Integer warmup, Long rttDurationMillis, Double precisionPct,
                         Long budgetMillis, Integer minRuns, Integer maxRuns, List<String> cacheModes) {
            this(runtimes, goVersions, sizes, metrics, repeat, warmup, rttDurationMillis, precisionPct, budgetMillis, minRuns,
                    maxRuns, cacheModes, null);
        }

        /** Nothing asked for: every default. */
        public static Requested nothing() {
            return new Requested(null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * A job from a request that may leave any part out (null or empty): runtime native, the newest Go, size tiny,
     * every metric family but image builds, adaptive sampling to +/- 5% with 6 to 30 runs and no budget, every cache mode. The one
     * place defaults are decided, for the CLI, the API and the jobs page alike.
     */
    public static JobSpec withDefaults(Requested r, String newestGo) {
        return new JobSpec(orDefault(r.runtimes(), List.of(DEFAULT_RUNTIME)), orDefault(r.goVersions(), List.of(newestGo)),
                orDefault(r.sizes(), List.of(DEFAULT_SIZE)), orDefault(r.metrics(), MetricFamily.defaultIds()), r.repeat(),
                r.warmup() == null ? DEFAULT_WARMUP : r.warmup(),
                r.rttDurationMillis() == null ? DEFAULT_RTT_MILLIS : r.rttDurationMillis(),
                r.precisionPct() == null ? DEFAULT_PRECISION_PCT : r.precisionPct(), r.budgetMillis(),
                r.minRuns() == null ? DEFAULT_MIN_RUNS : r.minRuns(), r.maxRuns() == null ? DEFAULT_MAX_RUNS : r.maxRuns(),
                orDefault(r.cacheModes(), null), orDefault(r.scenarios(), null));
    }

    /**
     * {@code ./probelab run}'s first look: every given runtime, the newest Go, tiny, every default family, adaptive with at
     * least {@link #FIRST_LOOK_MIN_RUNS} runs, one cache mode per runtime, a shorter RTT window, done within about
     * 4 minutes.
     */
    public static JobSpec firstLook(List<String> runtimes, String newestGo) {
        return withDefaults(new Requested(runtimes, List.of(newestGo), null, null, null, null, FIRST_LOOK_RTT_MILLIS,
                (double) DEFAULT_PRECISION_PCT, FIRST_LOOK_BUDGET_MILLIS, FIRST_LOOK_MIN_RUNS, DEFAULT_MAX_RUNS,
                FIRST_LOOK_CACHE_MODES), newestGo);
    }

    /** 5 rather than 5.0, as people type it. */
    private static String plain(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static List<String> orDefault(List<String> v, List<String> d) {
        if (v == null) return d;
        List<String> cleaned = v.stream().filter(x -> x != null && !x.isBlank()).map(String::strip).toList();
        return cleaned.isEmpty() ? d : cleaned;
    }
}
