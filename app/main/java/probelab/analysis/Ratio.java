package probelab.analysis;

/**
 * A group's median over the baseline's median for the same Go version, size, metric and variant. The interval
 * divides the 97.5% median intervals crosswise ([lo_a / hi_b, hi_a / lo_b]): when both intervals hold, which
 * happens with probability at least 1 - 2 x 0.025 = 95% whatever their dependence, the true ratio lies inside.
 * {@code low}/{@code high} are null when either side has too few samples for its interval.
 */
public record Ratio(double value, Double low, Double high) {
    /** The ratio of {@code group} to {@code baseline}, or null when the baseline median is not positive. */
    public static Ratio of(Summary group, Summary baseline) {
        if (baseline.median() <= 0) return null;
        double value = group.median() / baseline.median();
        MedianInterval a = group.median975(), b = baseline.median975();
        if (a == null || b == null || b.low() <= 0) return new Ratio(value, null, null);
        return new Ratio(value, a.low() / b.high(), a.high() / b.low());
    }

    public boolean hasInterval() {
        return low != null;
    }

    /** True when the interval excludes 1: the difference from the baseline is not noise at this confidence. */
    public boolean significant() {
        return hasInterval() && (low > 1 || high < 1);
    }
}
