package probelab.web.jobs;

import probelab.catalog.MetricFamily;
import probelab.probe.JobSpec;
import probelab.report.Format;

import java.time.Duration;
import java.util.Map;

/**
 * How long a job's measuring will likely take, before it starts: per cell, the iterations it will run (exactly
 * {@code repeat}, or between min and max runs when adaptive, plus warmups) times the mean iteration time earlier jobs
 * on this machine recorded for that runtime and task ({@code run_tasks}); without history, the scheduler's own priors
 * (3 s a server iteration, 15 s a build iteration). A budget caps both ends. Preparing (images, workloads) is extra.
 */
record JobEstimate(long lowMillis, long highMillis, boolean fromHistory, boolean capped) {
    static final double SERVER_PRIOR_MILLIS = 3_000;
    static final double BUILD_PRIOR_MILLIS = 15_000;

    static JobEstimate of(JobSpec spec, Map<String, Double> iterationMillis) {
        boolean server = spec.metrics().stream().anyMatch(m -> MetricFamily.parse(m).startsServer());
        boolean build = spec.metrics().contains(MetricFamily.BUILD.id());
        boolean imageBuild = spec.metrics().contains(MetricFamily.IMAGE_BUILD.id());
        long cellsPerRuntime = (long) spec.goVersions().size() * spec.sizes().size();
        int low = spec.repeat() != null ? spec.repeat() : spec.minRuns();
        int high = spec.repeat() != null ? spec.repeat() : spec.maxRuns();
        double lowMs = 0, highMs = 0;
        boolean history = true;
        for (String rt : spec.runtimes()) {
            if (server) {
                Double c = iterationMillis.get(rt + "/server");
                history &= c != null;
                double cost = c == null ? SERVER_PRIOR_MILLIS : c;
                // each scenario is a server cell of its own (an upper bound: cells a runtime cannot run are skipped)
                lowMs += cellsPerRuntime * spec.scenarios().size() * (low + spec.warmup()) * cost;
                highMs += cellsPerRuntime * spec.scenarios().size() * (high + spec.warmup()) * cost;
            }
            if (build && spec.scenarios().contains("default")) {
                Double c = iterationMillis.get(rt + "/build");
                history &= c != null;
                double cost = c == null ? BUILD_PRIOR_MILLIS : c;
                lowMs += cellsPerRuntime * low * cost;
                highMs += cellsPerRuntime * high * cost;
            }
            if (imageBuild) {
                Double c = iterationMillis.get(rt + "/" + MetricFamily.IMAGE_BUILD.id());
                history &= c != null;
                double cost = c == null ? BUILD_PRIOR_MILLIS : c;
                lowMs += cellsPerRuntime * low * cost;
                highMs += cellsPerRuntime * high * cost;
            }
        }
        boolean capped = spec.budgetMillis() != null && highMs > spec.budgetMillis();
        if (spec.budgetMillis() != null) {
            lowMs = Math.min(lowMs, spec.budgetMillis());
            highMs = Math.min(highMs, spec.budgetMillis());
        }
        return new JobEstimate(Math.round(lowMs), Math.round(highMs), history, capped);
    }

    /** "Measuring will take about 1 min 20 s – 4 min 00 s (from earlier jobs on this machine)". */
    String words() {
        String range = lowMillis == highMillis ? "about " + Format.duration(Duration.ofMillis(lowMillis))
                : Format.duration(Duration.ofMillis(lowMillis)) + " – " + Format.duration(Duration.ofMillis(highMillis));
        return "Measuring will take " + range + (capped ? " (the budget stops it)" : "")
                + (fromHistory ? ", from the iteration times of earlier jobs on this machine"
                : ", assuming 3 s per server iteration and 15 s per build iteration where this machine has no earlier job")
                + "; preparing images and workloads comes on top.";
    }
}
