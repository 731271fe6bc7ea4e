package probelab.web.jobs;

import probelab.catalog.MetricFamily;
import probelab.catalog.Scenario;
import probelab.probe.JobRequest;
import probelab.probe.Sampling;
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
    /** An incremental rebuild with a warm cache, or one edit of the dev loop: a second or two, a few in containers. */
    static final double REBUILD_PRIOR_MILLIS = 3_000;
    static final double DEVLOOP_PRIOR_MILLIS = 2_000;
    /**
     * One iteration of source tree I/O: per place three page cache drops, one walker run, two go builds and two go
     * tests (fifteen container runs in all).
     */
    static final double FILES_PRIOR_MILLIS = 15_000;

    /** A task of the default scenario: the family that asks for it, its {@code run_tasks.task} id and its prior cost. */
    private record DefaultTask(MetricFamily family, String task, double priorMillis) {
    }

    private static final java.util.List<DefaultTask> DEFAULT_TASKS = java.util.List.of(
            new DefaultTask(MetricFamily.BUILD, "build", BUILD_PRIOR_MILLIS),
            new DefaultTask(MetricFamily.BUILD, "rebuild", REBUILD_PRIOR_MILLIS),
            new DefaultTask(MetricFamily.DEVLOOP, "devloop", DEVLOOP_PRIOR_MILLIS),
            new DefaultTask(MetricFamily.GO_TEST, MetricFamily.GO_TEST.id(), BUILD_PRIOR_MILLIS),
            new DefaultTask(MetricFamily.FILES, MetricFamily.FILES.id(), FILES_PRIOR_MILLIS));

    static JobEstimate of(JobRequest request, Map<String, Double> iterationMillis) {
        var families = request.what().families();
        var scenarios = request.where().scenarios();
        Sampling how = request.how();
        boolean server = families.stream().anyMatch(MetricFamily::startsServer);
        boolean imageBuild = families.contains(MetricFamily.IMAGE_BUILD);
        long cellsPerRuntime = (long) request.what().goVersions().size() * request.what().sizes().size();
        int low = how.repeat() != null ? how.repeat() : how.runs().min();
        int high = how.repeat() != null ? how.repeat() : how.runs().max();
        double lowMs = 0, highMs = 0;
        boolean history = true;
        for (String rt : request.what().runtimes()) {
            if (server) {
                Double c = iterationMillis.get(rt + "/server");
                history &= c != null;
                double cost = c == null ? SERVER_PRIOR_MILLIS : c;
                // each scenario is a server cell of its own (an upper bound: cells a runtime cannot run are skipped)
                lowMs += cellsPerRuntime * scenarios.size() * (low + how.warmup()) * cost;
                highMs += cellsPerRuntime * scenarios.size() * (high + how.warmup()) * cost;
            }
            // the tasks of the default scenario's cells, each one iteration per stored run ({@code run_tasks.task} ids)
            if (scenarios.contains(Scenario.DEFAULT)) {
                for (DefaultTask t : DEFAULT_TASKS) {
                    if (!families.contains(t.family())) continue;
                    Double c = iterationMillis.get(rt + "/" + t.task());
                    history &= c != null;
                    double cost = c == null ? t.priorMillis() : c;
                    lowMs += cellsPerRuntime * low * cost;
                    highMs += cellsPerRuntime * high * cost;
                }
            }
            if (imageBuild) {
                Double c = iterationMillis.get(rt + "/" + MetricFamily.IMAGE_BUILD.id());
                history &= c != null;
                double cost = c == null ? BUILD_PRIOR_MILLIS : c;
                lowMs += cellsPerRuntime * low * cost;
                highMs += cellsPerRuntime * high * cost;
            }
        }
        Long budget = how.budgetMillis();
        boolean capped = budget != null && highMs > budget;
        if (budget != null) {
            lowMs = Math.min(lowMs, budget);
            highMs = Math.min(highMs, budget);
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
