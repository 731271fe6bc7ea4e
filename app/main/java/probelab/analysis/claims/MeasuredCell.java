package probelab.analysis.claims;

import java.util.List;

/**
 * The ok samples of one cell, pooled over every job that measured it: runtime, full Go version, project size,
 * scenario, metric and variant ("" when the metric has none). {@code sortedValues} is ascending, in {@code unit}.
 */
public record MeasuredCell(String runtime, String goVersion, String size, String scenario, String metric,
                           String variant, String unit, double[] sortedValues, List<String> jobIds) {
    public MeasuredCell {
        variant = variant == null ? "" : variant;
        jobIds = List.copyOf(jobIds);
    }

    public int n() {
        return sortedValues.length;
    }
}
