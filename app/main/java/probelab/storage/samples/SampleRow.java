package probelab.storage.samples;

import probelab.catalog.Metric;

import java.time.Instant;

/**
 * One measured value, a failure to measure it ({@code value} null, {@code error} set), or a metric that can never be
 * measured on that run's runtime: {@code not_applicable}, once per run and metric (iteration 0, no variant; or once
 * per variant where only some variants can never be), with the reason in {@code error}; neither a value nor a failure.
 */
public record SampleRow(String runId, String metric, String variant, int iteration, Double value, String unit,
                        String status, String error, String detail, Instant measuredAt) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String NOT_APPLICABLE = "not_applicable";

    public static SampleRow ok(String runId, String metric, String variant, int iteration, double value, String unit,
                               String detail) {
        return new SampleRow(runId, metric, variant, iteration, value, unit, OK, null, detail, Instant.now());
    }

    public static SampleRow failed(String runId, String metric, String variant, int iteration, String unit,
                                   String error) {
        return new SampleRow(runId, metric, variant, iteration, null, unit, FAILED, error, null, Instant.now());
    }

    /** A catalogued metric this run's runtime can never measure, with the reason: recorded once per run. */
    public static SampleRow notApplicable(String runId, Metric metric, String reason) {
        return notApplicable(runId, metric, "", reason);
    }

    /** One variant of {@code metric} that can never be measured on the run's runtime (e.g. the image way natively). */
    public static SampleRow notApplicable(String runId, Metric metric, String variant, String reason) {
        return new SampleRow(runId, metric.id(), variant, 0, null, metric.unit().symbol(), NOT_APPLICABLE, reason, null, Instant.now());
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
