package probelab.probe;

import java.util.List;

/**
 * What a job measures: runtimes x Go versions x project sizes, for the given metric families, each cell
 * {@code warmup} discarded iterations then {@code repeat} stored ones. Ids are as users type them.
 */
public record JobSpec(List<String> runtimes, List<String> goVersions, List<String> sizes, List<String> metrics,
                      int repeat, int warmup, long rttDurationMillis) {
    public static final int MAX_REPEAT = 1000;

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
}
