package probelab.analysis;

import java.util.Arrays;
import java.util.Optional;

/**
 * The stopping rule of adaptive sampling: a series of per-iteration values is precise enough when the 95% interval
 * of its median ({@link MedianInterval}) lies within +/- {@code precision} of the median on both sides. A series of
 * zeros (native runtime overhead) is precise as soon as it has an interval; below {@link MedianInterval#MIN_SAMPLES}
 * nothing is precise, because there is no interval yet.
 */
public final class PrecisionRule {
    /** The default target: the 95% interval of the median within +/- 5%. */
    public static final double DEFAULT_PRECISION = 0.05;

    private PrecisionRule() {
    }

    /** True when the 95% interval of the median of {@code values} (any order) is within +/- precision of it. */
    public static boolean reached(double[] values, double precision) {
        return relativeHalfWidth(values) <= precision;
    }

    /**
     * The larger side of the median's 95% interval over the median (0.04 = +/- 4%); 0 for a series of zeros with
     * an interval, +infinity when there is no interval yet or the median is 0 while the interval is not.
     */
    public static double relativeHalfWidth(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Optional<MedianInterval> ci = MedianInterval.of(sorted);
        if (ci.isEmpty()) return Double.POSITIVE_INFINITY;
        double median = median(sorted);
        double side = Math.max(median - ci.get().low(), ci.get().high() - median);
        if (median == 0) return side == 0 ? 0 : Double.POSITIVE_INFINITY;
        return side / Math.abs(median);
    }

    /**
     * How many values in all the series would likely need to reach {@code precision}, assuming the interval narrows
     * as 1/sqrt(n) at the current spread; at least {@link MedianInterval#MIN_SAMPLES}, at most {@code maxRuns}.
     */
    public static int estimatedRunsNeeded(double[] values, double precision, int maxRuns) {
        int n = values.length;
        if (n < MedianInterval.MIN_SAMPLES) return Math.min(maxRuns, MedianInterval.MIN_SAMPLES);
        double w = relativeHalfWidth(values);
        if (w <= precision) return n;
        if (Double.isInfinite(w)) return maxRuns;
        double needed = n * (w / precision) * (w / precision);
        return (int) Math.min(maxRuns, Math.max(n + 1, Math.ceil(needed)));
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
