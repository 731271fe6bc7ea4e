package probelab.probe;

import probelab.analysis.PrecisionRule;
import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;
import probelab.catalog.Presence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides which task of a job measures next and when each task is done, from the values and durations it is told
 * of: pure bookkeeping, no clock and no I/O, so that it can be tested on generated samples. A task is one cell's
 * server families, one cell's cold build sequences, its rebuilds, its dev loop, its source tree I/O or its image builds.
 *
 * <p>Order: warmup iterations first (server tasks only), round-robin; then stage 1 brings every task to its first
 * target ({@code repeat}, or {@code minRuns} when adaptive), server tasks round-robin, then dev loops, rebuilds and tree walks, then cold builds, so the
 * cheap results come first; then stage 2 always runs the unfinished task with the least measured time so far, so
 * that a 1 s task gets about ten iterations for each one of a 10 s task. A budget stops any iteration whose
 * estimated cost would pass the deadline.
 */
final class SamplingPlan {
    /** An adaptive task whose first iterations all failed stops: repeating a broken measurement mends nothing. */
    static final int FAILED_ITERATIONS_TO_GIVE_UP = 3;

    /** What a task measures; the order is stage 1's: cheapest first. {@link #id} is what {@code run_tasks.task} stores. */
    enum Kind {
        SERVER("server", null, 3_000, ""), DEVLOOP("devloop", MetricFamily.DEVLOOP, 2_000, "devloops"),
        REBUILD("rebuild", MetricFamily.BUILD, 3_000, "rebuilds"), FILES("files", MetricFamily.FILES, 15_000, "tree walks and builds in place"),
        BUILD("build", MetricFamily.BUILD, 15_000, "builds"), GO_TEST("go_test", MetricFamily.GO_TEST, 15_000, "go tests"),
        IMAGE_BUILD("image_build", MetricFamily.IMAGE_BUILD, 15_000, "image builds");

        final String id;
        /** The one family the task measures ({@code run_tasks.families}); null for the server's several. */
        final MetricFamily family;
        /** The cost assumed for a task that has not run yet. */
        final long priorMillis;
        /** What the progress line calls its iterations, e.g. "tree walks". */
        final String words;

        Kind(String id, MetricFamily family, long priorMillis, String words) {
            this.id = id;
            this.family = family;
            this.priorMillis = priorMillis;
            this.words = words;
        }
    }

    /** Why a task stopped; {@link #id} is what the database stores. */
    enum StopReason {
        PRECISION("precision"), MAX_RUNS("max_runs"), REPEAT("repeat"), BUDGET("budget"), CANCELLED("cancelled"),
        UNUSABLE("unusable"), FAILING("failing"), JOB_FAILED("job_failed");

        final String id;

        StopReason(String id) {
            this.id = id;
        }
    }

    /**
     * How a job samples, from its request's {@link Sampling}; unchecked, so that tests can schedule any figures.
     *
     * @param repeat    exactly this many stored iterations per task, or null for adaptive
     * @param precision the target relative half-width of a median's 95% interval (0.05 = +/- 5%)
     */
    record Settings(Integer repeat, int warmup, double precision, int minRuns, int maxRuns, Long budgetMillis) {
        static Settings of(Sampling how) {
            return new Settings(how.repeat(), how.warmup(), how.precisionPct() / 100, how.runs().min(), how.runs().max(),
                    how.budgetMillis());
        }

        /** What stage 1 brings every task to. */
        int firstTarget() {
            return repeat != null ? repeat : minRuns;
        }
    }

    /**
     * The series the stopping rule watches: the metrics every iteration yields and the report tabulates (median
     * RTT, cold start, server RSS, runtime overhead, build time per variant). Tails and phases follow from them.
     */
    static boolean keySeries(Metric m) {
        return m.presence() == Presence.EVERY_ITERATION && m.tabulated();
    }

    /** One task's iterations so far and the values of its key series. */
    static final class Task {
        final int index;
        final Kind kind;
        final boolean unusable;
        private final Map<String, List<Double>> series = new LinkedHashMap<>();
        private int warmupsLeft;
        private int warmups;
        private long warmupMillis;
        private int iterations;
        private long measuredMillis;
        private boolean okThisIteration;
        private boolean everOk;
        private StopReason stopped;

        private Task(int index, Kind kind, boolean unusable, int warmups) {
            this.index = index;
            this.kind = kind;
            this.unusable = unusable;
            this.warmupsLeft = warmups;
        }

        int iterations() {
            return iterations;
        }

        int warmups() {
            return warmups;
        }

        long measuredMillis() {
            return measuredMillis;
        }

        /** Why it stopped, or null while it goes on. */
        StopReason stopped() {
            return stopped;
        }

        boolean done() {
            return stopped != null;
        }

        /** The ok values of one key series ({@code metric[variant]}), in measuring order. */
        double[] values(String key) {
            return series.getOrDefault(key, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** The key series whose median's interval is widest relative to it, and that width (+infinity: no interval). */
        Optional<Map.Entry<String, Double>> widest() {
            Map.Entry<String, Double> worst = null;
            for (String key : series.keySet()) {
                double w = PrecisionRule.relativeHalfWidth(values(key));
                if (worst == null || w > worst.getValue()) worst = Map.entry(key, w);
            }
            return Optional.ofNullable(worst);
        }

        /** The mean duration of its stored iterations, else of its warmups, else its kind's prior. */
        double costMillis() {
            if (iterations > 0) return (double) measuredMillis / iterations;
            if (warmups > 0) return (double) warmupMillis / warmups;
            return kind.priorMillis;
        }

        private void stop(StopReason why) {
            if (stopped == null) stopped = why;
        }
    }

    /** The iteration to run next: a warmup (iteration 0, discarded) or stored iteration {@code iteration}. */
    record Next(Task task, boolean warmup, int iteration) {
    }

    /** What is likely left: iterations (warmups included) and their time, capped by the budget. */
    record Estimate(long iterations, long millis) {
    }

    private final Settings settings;
    private final List<Task> tasks = new ArrayList<>();
    private long iterationsRun;

    SamplingPlan(Settings settings) {
        this.settings = settings;
    }

    /**
     * Adds a task; an unusable one runs once, to record why, and is done. Warmups are for server tasks only: builds
     * set up their own cache state, and the dev loop starts (on its warm cache) before its first edit.
     */
    Task add(Kind kind, boolean unusable) {
        int warmups = kind == Kind.SERVER && !unusable ? settings.warmup() : 0;
        Task t = new Task(tasks.size(), kind, unusable, warmups);
        tasks.add(t);
        return t;
    }

    List<Task> tasks() {
        return List.copyOf(tasks);
    }

    /** Iterations run so far, warmups included: the "done" of the progress bar. */
    long iterationsRun() {
        return iterationsRun;
    }

    /**
     * The iteration to run {@code elapsedMillis} after measuring began, or empty when every task is done. A task
     * whose next iteration would likely pass the budget stops there: time only moves on, so it would never fit.
     */
    Optional<Next> next(long elapsedMillis) {
        while (true) {
            Next candidate = pick();
            if (candidate == null) return Optional.empty();
            Long budget = settings.budgetMillis();
            if (budget != null && elapsedMillis + candidate.task().costMillis() > budget) {
                candidate.task().stop(StopReason.BUDGET);
                continue;
            }
            return Optional.of(candidate);
        }
    }

    private Next pick() {
        // warmups first, round-robin, as before any value is kept
        Task w = least(t -> t.warmupsLeft > 0, Comparator.comparingInt(t -> t.warmups));
        if (w != null) return new Next(w, true, 0);
        int target = settings.firstTarget();
        for (Kind kind : Kind.values()) {
            // each round visits the cells in the opposite order of the one before, so that no runtime always follows
            // the same other one (its teardown, its page cache): an order effect would read as a runtime's difference
            Task t = least(x -> x.kind == kind && x.iterations < target, Comparator.<Task>comparingInt(x -> x.iterations)
                    .thenComparingInt(x -> x.iterations % 2 == 0 ? x.index : -x.index));
            if (t != null) return new Next(t, false, t.iterations + 1);
        }
        // fair share of time: the cheap tasks get many iterations, a cold build few
        Task t = least(x -> true, Comparator.comparingLong(x -> x.measuredMillis));
        return t == null ? null : new Next(t, false, t.iterations + 1);
    }

    /** The unfinished task matching {@code p} that comes first by {@code order}, the earliest added on a tie. */
    private Task least(Predicate<Task> p, Comparator<Task> order) {
        return tasks.stream().filter(t -> !t.done() && p.test(t))
                .min(order.thenComparingInt(t -> t.index)).orElse(null);
    }

    /** A stored iteration of {@code task} yielded {@code value} for the key series {@code key}. */
    void recorded(Task task, String key, double value) {
        task.series.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        task.okThisIteration = true;
        task.everOk = true;
    }

    /** {@code next} has run and took {@code durationMillis}; decides whether its task is done. */
    void finished(Next next, long durationMillis) {
        iterationsRun++;
        Task t = next.task();
        if (next.warmup()) {
            t.warmupsLeft--;
            t.warmups++;
            t.warmupMillis += durationMillis;
            return;
        }
        t.iterations++;
        t.measuredMillis += durationMillis;
        t.okThisIteration = false;
        if (t.unusable) {
            t.stop(StopReason.UNUSABLE);
        } else if (settings.repeat() != null) {
            if (t.iterations >= settings.repeat()) t.stop(StopReason.REPEAT);
        } else if (t.iterations >= settings.minRuns() && precise(t)) {
            t.stop(StopReason.PRECISION);
        } else if (t.iterations >= settings.maxRuns()) {
            t.stop(StopReason.MAX_RUNS);
        } else if (!t.everOk && t.iterations >= FAILED_ITERATIONS_TO_GIVE_UP) {
            t.stop(StopReason.FAILING);
        }
    }

    /**
     * Every key series that yielded a value is within the precision; a series that never did (a metric this
     * runtime cannot measure) is a failure to report, not a reason to go on.
     */
    private boolean precise(Task t) {
        if (t.series.isEmpty()) return false;
        for (String key : t.series.keySet()) {
            if (!PrecisionRule.reached(t.values(key), settings.precision())) return false;
        }
        return true;
    }

    /** Stops every unfinished task, e.g. when the job is cancelled or fails. */
    void stopAll(StopReason why) {
        for (Task t : tasks) t.stop(why);
    }

    /**
     * Iterations and time likely left, {@code elapsedMillis} into measuring. Per task: warmups left, then up to its
     * first target, then as many as {@link PrecisionRule#estimatedRunsNeeded} says its noisiest key series needs,
     * each at the task's mean cost; the time is capped by the budget left and the iterations in proportion.
     */
    Estimate estimate(long elapsedMillis) {
        long iterations = 0;
        double millis = 0;
        for (Task t : tasks) {
            if (t.done()) continue;
            long left = t.warmupsLeft + storedLeft(t);
            iterations += left;
            millis += left * t.costMillis();
        }
        Long budget = settings.budgetMillis();
        if (budget != null) {
            double budgetLeft = Math.max(0, budget - elapsedMillis);
            if (millis > budgetLeft) {
                iterations = (long) Math.ceil(iterations * budgetLeft / millis);
                millis = budgetLeft;
            }
        }
        return new Estimate(iterations, Math.round(millis));
    }

    private long storedLeft(Task t) {
        if (t.unusable) return 1 - t.iterations;
        if (settings.repeat() != null) return settings.repeat() - t.iterations;
        if (t.iterations < settings.minRuns()) return settings.minRuns() - t.iterations;
        if (!t.everOk) return Math.max(1, FAILED_ITERATIONS_TO_GIVE_UP - t.iterations);
        int more = 1;
        for (String key : t.series.keySet()) {
            double[] v = t.values(key);
            more = Math.max(more, PrecisionRule.estimatedRunsNeeded(v, settings.precision(), settings.maxRuns()) - v.length);
        }
        return Math.max(1, Math.min(more, settings.maxRuns() - t.iterations));
    }
}
