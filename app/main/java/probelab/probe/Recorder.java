package probelab.probe;

import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;
import probelab.storage.SampleRow;
import probelab.storage.SampleStore;

/**
 * Writes one iteration's samples of one cell as they are measured, so that a killed job keeps them. Warmup
 * (iteration 0) samples are discarded; failures are logged either way.
 */
final class Recorder {
    private final SampleStore store;
    private final String runId;
    private final int iteration;
    private final ProgressListener progress;
    private final String label;

    Recorder(SampleStore store, String runId, int iteration, ProgressListener progress, String label) {
        this.store = store;
        this.runId = runId;
        this.iteration = iteration;
        this.progress = progress;
        this.label = label;
    }

    String runId() {
        return runId;
    }

    int iteration() {
        return iteration;
    }

    boolean stored() {
        return iteration > 0;
    }

    void ok(Metric metric, String variant, double value, String detail) {
        if (stored()) store.addSample(SampleRow.ok(runId, metric, variant, iteration, value, detail));
    }

    void failed(Metric metric, String variant, String error) {
        progress.log(label + " " + metric.id() + (variant.isEmpty() ? "" : "[" + variant + "]") + " failed: " + error);
        if (stored()) store.addSample(SampleRow.failed(runId, metric, variant, iteration, error));
    }

    /** The whole family could not be measured: each metric every iteration yields gets a failed sample. */
    void failFamily(MetricFamily family, String why) {
        for (Metric m : family.everyIterationMetrics()) failed(m, "", why);
    }

    void addHistogram(byte[] compressed, long requests, long durationMicros) {
        if (stored()) store.addHistogram(runId, iteration, compressed, requests, durationMicros);
    }
}
