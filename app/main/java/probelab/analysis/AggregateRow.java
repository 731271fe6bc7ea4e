package probelab.analysis;

/**
 * One line of a cell's aggregate table: a group, its statistics, and its ratio to the baseline runtime.
 * {@code baselineMedian} is the median it was divided by, null when the baseline has no comparable group;
 * {@code ratio} is null then, and also when that median is not positive (a native runtime overhead of 0).
 * {@code comparison} is the significance test against that baseline group: null for the baseline itself, without a
 * baseline group, or when either side has fewer than two values.
 */
public record AggregateRow(String runtime, String go, String size, String metric, String variant, long workloadLines,
                           Summary summary, Ratio ratio, Double baselineMedian, boolean isBaseline, Comparison comparison) {
    public AggregateRow withSummary(Summary s) {
        return new AggregateRow(runtime, go, size, metric, variant, workloadLines, s, ratio, baselineMedian, isBaseline,
                comparison);
    }
}
