package probelab.analysis.claims;

/**
 * One published figure as the fact-check reads it: what was measured, where, and the figure in the dataset's
 * normalised unit ({@code datasets/published-claims.csv}). {@code value} is NaN for a claim with no figure;
 * {@code valueHigh} is set for ranges only; {@code qualifier} is empty, approx, at_most, at_least or range.
 */
public record ClaimFacts(String claimId, String runtime, String goVersion, String sizeHint, String metric,
                         String statistic, String variant, String qualifier, double value, Double valueHigh, String unit,
                         String statedEnvironment, String notes) {
    public ClaimFacts {
        goVersion = goVersion == null ? "" : goVersion;
        sizeHint = sizeHint == null ? "" : sizeHint;
        variant = variant == null ? "" : variant;
        qualifier = qualifier == null ? "" : qualifier;
        statedEnvironment = statedEnvironment == null ? "" : statedEnvironment;
        notes = notes == null ? "" : notes;
    }
}
