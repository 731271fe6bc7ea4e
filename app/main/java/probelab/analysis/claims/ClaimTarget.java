package probelab.analysis.claims;

/**
 * The cell a claim has to be compared with: Probelab's runtime, Go minor version (null: any), project size (null:
 * any), scenario, metric id and variant (a build phase, a start phase, or "" for none). {@code toMetricUnit}
 * converts the claim's figure into the metric's unit; {@code basis} says which of our statistics stands for theirs.
 */
public record ClaimTarget(String runtime, String goMinor, String size, String scenario, String metric, String variant,
                          double toMetricUnit, String basis) {
}
