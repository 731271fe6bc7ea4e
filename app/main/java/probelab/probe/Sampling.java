package probelab.probe;

import java.util.Objects;

/**
 * How each cell of a job is sampled: {@code warmup} discarded server iterations, then either exactly {@code repeat}
 * stored iterations or, when {@code repeat} is null, adaptive sampling: at least {@code runs.min()}, more until the 95%
 * interval of each key series' median is within +/- {@code precisionPct} % of it, at most {@code runs.max()}; all of
 * it within {@code budgetMillis} of measuring when that is set. One RTT iteration lasts {@code rttDurationMillis}.
 */
public record Sampling(Integer repeat, int warmup, long rttDurationMillis, double precisionPct, RunBounds runs,
                       Long budgetMillis) {
    public static final int MAX_REPEAT = 1000;
    public static final int DEFAULT_WARMUP = 1;
    public static final long DEFAULT_RTT_MILLIS = 1000;
    /**
     * The 95% interval of the median within +/- 5%: tighter than most differences between runtimes worth acting on.
     * Whole, so that help texts print "5".
     */
    public static final int DEFAULT_PRECISION_PCT = 5;
    static final double MIN_PRECISION_PCT = 0.1;
    static final double MAX_PRECISION_PCT = 50;
    static final long MAX_BUDGET_MILLIS = 7L * 24 * 3600 * 1000;

    /** Every default: adaptive to +/- 5% with 6 to 30 runs per cell, one warmup, 1 s RTT windows, no budget. */
    public static final Sampling DEFAULT = of(null, null, null, null, null, null);

    /** At least {@code min} iterations per cell, at most {@code max}: the bounds adaptive sampling stops between. */
    public record RunBounds(int min, int max) {
        /** The fewest samples whose median has a 95% interval ({@code MedianInterval.MIN_SAMPLES}). */
        public static final int DEFAULT_MIN = 6;
        public static final int DEFAULT_MAX = 30;
        public static final RunBounds DEFAULT = new RunBounds(DEFAULT_MIN, DEFAULT_MAX);

        /**
         * Bounds as a person asks for them: a bound left out (null) takes its default. They are checked with the
         * rest of the sampling, whose lowest min depends on {@code repeat}.
         */
        public static RunBounds of(Integer min, Integer max) {
            return new RunBounds(min == null ? DEFAULT_MIN : min, max == null ? DEFAULT_MAX : max);
        }
    }

    public Sampling {
        Objects.requireNonNull(runs, "runs");
        if (repeat != null && (repeat < 1 || repeat > MAX_REPEAT)) {
            throw new InvalidRequestException("repeat must be between 1 and " + MAX_REPEAT + ", got " + repeat);
        }
        if (warmup < 0 || warmup > MAX_REPEAT) {
            throw new InvalidRequestException("warmup must be between 0 and " + MAX_REPEAT + ", got " + warmup);
        }
        if (rttDurationMillis < 50 || rttDurationMillis > 600_000) {
            throw new InvalidRequestException("rtt duration must be between 50 and 600000 ms, got " + rttDurationMillis);
        }
        if (!(precisionPct >= MIN_PRECISION_PCT && precisionPct <= MAX_PRECISION_PCT)) {
            throw new InvalidRequestException("precision must be between " + plain(MIN_PRECISION_PCT) + " and "
                    + plain(MAX_PRECISION_PCT) + " (% of the median), got " + plain(precisionPct));
        }
        if (budgetMillis != null && (budgetMillis <= 0 || budgetMillis > MAX_BUDGET_MILLIS)) {
            throw new InvalidRequestException("budget must be more than 0 s and at most 7 days, got " + budgetMillis + " ms");
        }
        // below 6 no median has a 95% interval, so an adaptive job could never stop on precision; a fixed --repeat may
        // ask for fewer knowingly
        int fewest = repeat == null ? RunBounds.DEFAULT_MIN : 1;
        if (runs.min() < fewest || runs.min() > MAX_REPEAT) {
            throw new InvalidRequestException("min runs must be between " + fewest + " and " + MAX_REPEAT + ", got " + runs.min()
                    + (repeat == null ? " (fewer than 6 samples have no 95% interval of the median; --repeat N runs exactly N)" : ""));
        }
        if (runs.max() < 1 || runs.max() > MAX_REPEAT) {
            throw new InvalidRequestException("max runs must be between 1 and " + MAX_REPEAT + ", got " + runs.max());
        }
        if (runs.min() > runs.max()) {
            throw new InvalidRequestException("min runs (" + runs.min() + ") must not exceed max runs (" + runs.max() + ")");
        }
    }

    /**
     * Sampling as a person asks for it, from the CLI, the API or the jobs page: whatever is left out (null) takes its
     * default, the same for all three; {@code repeat} left out is adaptive, {@code budgetMillis} left out is none.
     */
    public static Sampling of(Integer repeat, Integer warmup, Long rttDurationMillis, Double precisionPct, RunBounds runs,
                              Long budgetMillis) {
        return new Sampling(repeat, warmup == null ? DEFAULT_WARMUP : warmup,
                rttDurationMillis == null ? DEFAULT_RTT_MILLIS : rttDurationMillis,
                precisionPct == null ? DEFAULT_PRECISION_PCT : precisionPct, runs == null ? RunBounds.DEFAULT : runs,
                budgetMillis);
    }

    /** True when the number of iterations follows the samples (no {@code repeat}). */
    public boolean adaptive() {
        return repeat == null;
    }

    /** The same sampling with exactly {@code n} iterations per cell. */
    public Sampling exactly(int n) {
        return new Sampling(n, warmup, rttDurationMillis, precisionPct, runs, budgetMillis);
    }

    /** 5 rather than 5.0, as people type it. */
    static String plain(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
