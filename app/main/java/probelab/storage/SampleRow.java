package probelab.storage;

import probelab.catalog.Metric;

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

    /** A value of a catalogued metric, in the metric's own unit. */
    public static SampleRow ok(String runId, Metric metric, String variant, int iteration, double value, String detail) {
        return ok(runId, metric.id(), variant, iteration, value, metric.unit().symbol(), detail);
    }

    /** A failure to measure a catalogued metric, with the reason. */
    public static SampleRow failed(String runId, Metric metric, String variant, int iteration, String error) {
        return failed(runId, metric.id(), variant, iteration, metric.unit().symbol(), error);
    }
}
