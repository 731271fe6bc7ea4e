package probelab.web.claims;

import probelab.analysis.claims.ClaimCheck;

import java.util.List;

/**
 * One claim of {@code GET /api/claims/check}: the claim as the article states it, the verdict ({@code agrees},
 * {@code disagrees}, {@code not_comparable}), the deciding {@code reason} and every other that applies, our
 * measurement (null without one), the cell a job would need ({@code needed}, null when the claim names no Probelab
 * metric), {@code factor} ours / theirs, and the links to the report cell and the job form.
 */
public record ClaimCheckRow(String claimId, String article, String sourceFile, String section, String runtime,
                            String goVersion, String projectSizeHint, String metric, String statistic, String variant,
                            String qualifier, double value, Double valueHigh, String unit, String originalValue,
                            String originalUnit, String originalText, String statedEnvironment, String verdict,
                            String reason, String reasonLabel, String detail, List<String> otherReasons, String basis,
                            Double factor, ClaimCheck.Measurement measurement, Needed needed, String reportUrl,
                            String jobFormUrl) {
    /** The cell the claim is compared with: {@code go} and {@code size} null when the claim leaves them open. */
    public record Needed(String runtime, String go, String size, String scenario, String metric, String variant) {
    }
}
