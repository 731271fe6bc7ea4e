package probelab.analysis;

/**
 * A group's median over the baseline's median for the same Go version, size, metric and variant, with the interval
 * that agrees with the comparison's verdict ({@link RankRatioInterval}): it excludes 1 exactly when the verdict is
 * decided, at {@code confidence} = 1 - the level Holm gave that comparison (0.95 for a comparison alone in its cell,
 * more when it shares the cell with others). {@code low}/{@code high}/{@code confidence} are null when there is no test
 * (the baseline itself, one value on a side) or too few values to reject anything at that level.
 */
public record Ratio(double value, Double low, Double high, Double confidence) {
    /** The ratio of {@code group} to {@code baseline} without an interval, or null when the baseline median is not positive. */
    public static Ratio of(Summary group, Summary baseline) {
        if (baseline.median() <= 0) return null;
        return new Ratio(group.median() / baseline.median(), null, null, null);
    }

    public boolean hasInterval() {
        return low != null;
    }

    /** True when the interval excludes 1: the difference from the baseline is decided at the comparison's level. */
    public boolean significant() {
        return hasInterval() && (low > 1 || high < 1);
    }
}
