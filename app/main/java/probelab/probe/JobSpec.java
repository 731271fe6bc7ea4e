package probelab.probe;

import probelab.catalog.MetricFamily;

import java.util.List;

/**
 * What a job measures: runtimes x Go versions x project sizes, for the given metric families, each cell
 * {@code warmup} discarded iterations then {@code repeat} stored ones. Ids are as users type them.
 */
public record JobSpec(List<String> runtimes, List<String> goVersions, List<String> sizes, List<String> metrics,
                      int repeat, int warmup, long rttDurationMillis) {
    public static final int MAX_REPEAT = 1000;
    // defaults for whatever a request leaves out, the same for the CLI, the API and the jobs page
    public static final String DEFAULT_RUNTIME = "native";
    public static final String DEFAULT_SIZE = "tiny";
    public static final int DEFAULT_REPEAT = 5;
    public static final int DEFAULT_WARMUP = 1;
    public static final long DEFAULT_RTT_MILLIS = 1000;
    /** {@code ./probelab run}'s job repeats less: it is a first look at every runtime, not a decision. */
    public static final int FIRST_LOOK_REPEAT = 3;

    public JobSpec {
        runtimes = List.copyOf(runtimes);
        goVersions = List.copyOf(goVersions);
        sizes = List.copyOf(sizes);
        metrics = List.copyOf(metrics);
        checkCounts(repeat, warmup, rttDurationMillis);
        for (var list : List.of(runtimes, goVersions, sizes, metrics)) {
            if (list.isEmpty()) throw new IllegalArgumentException("runtimes, go versions, sizes and metrics must not be empty");
        }
    }

    /** The bounds every job obeys, a planned one or an RTT run against a target. */
    static void checkCounts(int repeat, int warmup, long rttDurationMillis) {
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new IllegalArgumentException("repeat must be between 1 and " + MAX_REPEAT + ", got " + repeat);
        }
        if (warmup < 0 || warmup > MAX_REPEAT) {
            throw new IllegalArgumentException("warmup must be between 0 and " + MAX_REPEAT + ", got " + warmup);
        }
        if (rttDurationMillis < 50 || rttDurationMillis > 600_000) {
            throw new IllegalArgumentException("rtt duration must be between 50 and 600000 ms, got " + rttDurationMillis);
        }
    }

    /**
     * A job from a request that may leave any part out (null or empty): runtime native, the newest Go, size tiny,
     * every metric family, and the default counts.
     */
    public static JobSpec withDefaults(List<String> runtimes, List<String> goVersions, List<String> sizes,
                                       List<String> metrics, Integer repeat, Integer warmup, Long rttDurationMillis,
                                       String newestGo) {
        return new JobSpec(orDefault(runtimes, List.of(DEFAULT_RUNTIME)), orDefault(goVersions, List.of(newestGo)),
                orDefault(sizes, List.of(DEFAULT_SIZE)), orDefault(metrics, MetricFamily.ids()),
                repeat == null ? DEFAULT_REPEAT : repeat, warmup == null ? DEFAULT_WARMUP : warmup,
                rttDurationMillis == null ? DEFAULT_RTT_MILLIS : rttDurationMillis);
    }

    /** {@code ./probelab run}'s first look: every given runtime, the newest Go, tiny, every family. */
    public static JobSpec firstLook(List<String> runtimes, String newestGo) {
        return withDefaults(runtimes, List.of(newestGo), null, null, FIRST_LOOK_REPEAT, null, null, newestGo);
    }

    private static List<String> orDefault(List<String> v, List<String> d) {
        if (v == null) return d;
        List<String> cleaned = v.stream().filter(x -> x != null && !x.isBlank()).map(String::strip).toList();
        return cleaned.isEmpty() ? d : cleaned;
    }
}
