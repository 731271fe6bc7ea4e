package probelab.storage;

import java.time.Instant;

/** One measured value, or a failure to measure it ({@code value} null, {@code error} set). */
public record SampleRow(String runId, String metric, String variant, int iteration, Double value, String unit,
                        String status, String error, String detail, Instant measuredAt) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public static SampleRow ok(String runId, String metric, String variant, int iteration, double value, String unit,
                               String detail) {
        return new SampleRow(runId, metric, variant, iteration, value, unit, OK, null, detail, Instant.now());
    }

    public static SampleRow failed(String runId, String metric, String variant, int iteration, String unit,
                                   String error) {
        return new SampleRow(runId, metric, variant, iteration, null, unit, FAILED, error, null, Instant.now());
    }
}
