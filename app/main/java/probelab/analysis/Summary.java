package probelab.analysis;

import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.DoubleColumn;

/**
 * Descriptive statistics of one group of values, computed with Tablesaw's aggregate functions. Percentiles are
 * only given where the sample can support them: p90 from 10 values, p99 from 100 (null below). {@code median95}
 * is the 95% interval of the median, null below {@link MedianInterval#MIN_SAMPLES}; {@code median975} is the
 * 97.5% interval used to bound ratios (two of them hold together with probability of at least 95%).
 */
public record Summary(int n, double median, Double p90, Double p99, double mean, Double stddev, double min, double max,
                      double q1, double q3, double lowerFence, double upperFence, MedianInterval median95,
                      MedianInterval median975) {
    public static final int MIN_FOR_P90 = 10;
    public static final int MIN_FOR_P99 = 100;

    /** Statistics of {@code sorted}, which must be ascending and non-empty. */
    public static Summary of(double[] sorted) {
        if (sorted.length == 0) throw new IllegalArgumentException("no values to summarise");
        DoubleColumn values = CompleteColumn.of(sorted);
        int n = values.size();
        double q1 = AggregateFunctions.percentile(values, 25.0);
        double q3 = AggregateFunctions.percentile(values, 75.0);
        double iqr = q3 - q1;
        return new Summary(n,
                AggregateFunctions.median.summarize(values),
                n >= MIN_FOR_P90 ? AggregateFunctions.percentile90.summarize(values) : null,
                n >= MIN_FOR_P99 ? AggregateFunctions.percentile99.summarize(values) : null,
                AggregateFunctions.mean.summarize(values),
                n >= 2 ? AggregateFunctions.stdDev.summarize(values) : null,
                AggregateFunctions.min.summarize(values),
                AggregateFunctions.max.summarize(values),
                q1, q3,
                // Tukey's whiskers: the most extreme values within 1.5 IQR of the box
                firstAtLeast(sorted, q1 - 1.5 * iqr), lastAtMost(sorted, q3 + 1.5 * iqr),
                MedianInterval.of(sorted).orElse(null),
                MedianInterval.of(sorted, 0.975).orElse(null));
    }

    /** The same statistics with p90 and p99 taken from elsewhere, e.g. from merged request histograms. */
    public Summary withTail(Double p90, Double p99) {
        return new Summary(n, median, p90, p99, mean, stddev, min, max, q1, q3, lowerFence, upperFence, median95, median975);
    }

    public boolean hasInterval() {
        return median95 != null;
    }

    /**
     * A column known to hold no missing values. Every Tablesaw aggregate function first asks the column for a copy
     * without its missing values; for values read from ok samples there are none, and this column answers with itself,
     * which saves Tablesaw two copies of the data per statistic (nine statistics per group, hundreds of groups).
     */
    static final class CompleteColumn extends DoubleColumn {
        private CompleteColumn(double[] values) {
            super("value", it.unimi.dsi.fastutil.doubles.DoubleArrayList.wrap(values));
        }

        /** The values as a column: this kind when none is NaN (Tablesaw's missing value), a plain one otherwise. */
        static DoubleColumn of(double[] values) {
            for (double v : values) {
                if (Double.isNaN(v)) return DoubleColumn.create("value", values);
            }
            return new CompleteColumn(values);
        }

        @Override
        public DoubleColumn removeMissing() {
            return this;
        }
    }

    private static double firstAtLeast(double[] sorted, double bound) {
        for (double v : sorted) if (v >= bound) return v;
        return sorted[sorted.length - 1];
    }

    private static double lastAtMost(double[] sorted, double bound) {
        for (int i = sorted.length - 1; i >= 0; i--) if (sorted[i] <= bound) return sorted[i];
        return sorted[0];
    }
}
