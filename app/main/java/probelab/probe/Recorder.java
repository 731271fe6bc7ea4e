package probelab.probe;

import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;

/**
 * Writes one iteration's samples of one cell as they are measured, so that a killed job keeps them, and tells an
 * {@link Observer} (the job's {@link SamplingPlan}) each stored ok value. Warmup (iteration 0) samples are
 * discarded; failures are logged either way.
 */
final class Recorder {
    /** Hears every ok value as it is stored. */
    interface Observer {
        void ok(Metric metric, String variant, double value);

        Observer NONE = (metric, variant, value) -> {
        };
    }

    private final SampleStore store;
    private final String runId;
    private final int iteration;
    private final ProgressListener progress;
    private final String label;
    private final Observer observer;

    Recorder(SampleStore store, String runId, int iteration, ProgressListener progress, String label) {
        this(store, runId, iteration, progress, label, Observer.NONE);
    }

    Recorder(SampleStore store, String runId, int iteration, ProgressListener progress, String label, Observer observer) {
        this.observer = observer;
        this.store = store;
        this.runId = runId;
        this.iteration = iteration;
        this.progress = progress;
        this.label = label;
    }

    /** The same iteration's recorder whose values the sampling plan does not hear of (e.g. a build that fills a cache). */
    Recorder unobserved() {
        return new Recorder(store, runId, iteration, progress, label, Observer.NONE);
    }

    /** A recorder that stores nothing of {@code rec}'s cell (as a warmup's): for work that only prepares. */
    static Recorder discarding(Recorder rec) {
        return new Recorder(rec.store, rec.runId, 0, rec.progress, rec.label, Observer.NONE);
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
        if (!stored()) return;
        store.addSample(SampleRow.ok(runId, metric, variant, iteration, value, detail));
        observer.ok(metric, variant, value);
    }

    void failed(Metric metric, String variant, String error) {
        progress.log(label + " " + metric.id() + (variant.isEmpty() ? "" : "[" + variant + "]") + " failed: " + error);
        if (stored()) store.addSample(SampleRow.failed(runId, metric, variant, iteration, error));
    }

    /**
     * {@code metric} can never be measured on this run's runtime: stored once per run (the caller keeps track), in
     * warmups too, since it does not depend on the iteration.
     */
    void notApplicable(Metric metric, String reason) {
        progress.log(label + " " + metric.id() + " is not applicable: " + reason);
        store.addSample(SampleRow.notApplicable(runId, metric, reason));
    }

    /** One variant of {@code metric} can never be measured on this run's runtime: stored once per run (the caller keeps track). */
    void notApplicable(Metric metric, String variant, String reason) {
        progress.log(label + " " + metric.id() + "[" + variant + "] is not applicable: " + reason);
        store.addSample(SampleRow.notApplicable(runId, metric, variant, reason));
    }

    /** Several metrics that can never be measured for one reason: each stored once, said once. */
    void notApplicable(java.util.List<Metric> metrics, String reason) {
        if (metrics.isEmpty()) return;
        progress.log(label + ": " + metrics.size() + " metrics not applicable: " + reason);
        for (Metric m : metrics) store.addSample(SampleRow.notApplicable(runId, m, reason));
    }

    /** The whole family could not be measured: each metric every iteration yields gets a failed sample. */
    void failFamily(MetricFamily family, String why) {
        for (Metric m : family.everyIterationMetrics()) failed(m, "", why);
    }

    void addHistogram(byte[] compressed, long requests, long durationMicros) {
        if (stored()) store.addHistogram(runId, iteration, compressed, requests, durationMicros);
    }
}
