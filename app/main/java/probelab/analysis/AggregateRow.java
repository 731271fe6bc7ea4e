package probelab.analysis;

/**
 * One line of a cell's aggregate table: a group, its statistics, and its ratio to the baseline runtime.
 * {@code baselineMedian} is the median it was divided by, null when the baseline has no comparable group;
 * {@code ratio} is null then, and also when that median is not positive (a native runtime overhead of 0).
 */
public record AggregateRow(String runtime, String go, String size, String metric, String variant, long workloadLines,
                           Summary summary, Ratio ratio, Double baselineMedian, boolean isBaseline) {
    public AggregateRow withSummary(Summary s) {
        return new AggregateRow(runtime, go, size, metric, variant, workloadLines, s, ratio, baselineMedian, isBaseline);
    }
}
