package probelab.probe;

import java.util.List;
import java.util.Objects;

/**
 * A probe job as a person asks for it, from the CLI, {@code POST /api/jobs} or the jobs page, and as the runner gets
 * it: what it measures, how each cell is sampled, and in which conditions. Each part checks itself once, when it is
 * made; what only this machine can check (runtime ids, Go versions, cache modes) is checked when the job is planned
 * ({@link Catalogs#plan}), which writes nothing.
 */
public record JobRequest(Selection what, Sampling how, Conditions where) {
    /** A {@code --target} job has no scheduling: it repeats this often unless told otherwise. */
    public static final int DEFAULT_TARGET_REPEAT = 5;

    /**
     * {@code ./probelab run}'s first look: 10 runs so that every server-metric cell has an interval with room to
     * spare, 30 at most for the noisy ones.
     */
    public static final int FIRST_LOOK_MIN_RUNS = 10;
    /**
     * The first look measures for 4 minutes: here its server cells take ~2 min for 10 iterations on five runtimes, the
     * dev loop's edits ~1 s each and the rebuilds ~1.2 s each in containers, so both reach 10 per runtime; cold builds
     * get what is left. Preparing (images, echo binaries, workload copies and one build that fills each cell's warm
     * cache, ~20 s a runtime) comes before and is not counted.
     */
    public static final long FIRST_LOOK_BUDGET_MILLIS = 240_000;
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

    public JobRequest {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(where, "where");
        if (what.target() != null && how.repeat() == null) how = how.exactly(DEFAULT_TARGET_REPEAT);
    }

    /**
     * {@code ./probelab run}'s first look: every given runtime, the newest Go, tiny, every default family, adaptive
     * with at least {@link #FIRST_LOOK_MIN_RUNS} runs, one cache mode per runtime, a shorter RTT window, done within
     * about 4 minutes.
     */
    public static JobRequest firstLook(List<String> runtimes, String newestGo) {
        return new JobRequest(Selection.of(runtimes, List.of(newestGo), null, null, newestGo),
                Sampling.of(null, null, FIRST_LOOK_RTT_MILLIS, null,
                        new Sampling.RunBounds(FIRST_LOOK_MIN_RUNS, Sampling.RunBounds.DEFAULT_MAX), FIRST_LOOK_BUDGET_MILLIS),
                Conditions.of(null, FIRST_LOOK_CACHE_MODES));
    }
}
