package probelab.probe;

import probelab.runtime.Runtime;
import probelab.toolchain.Toolchain;
import probelab.workload.ProjectSize;
import probelab.workload.Workload;

import java.nio.file.Path;

/** One (runtime, Go version, project size, scenario) cell of a job, once prepared: its run row exists, its inputs are ready. */
final class Cell {
    final Runtime runtime;
    final Toolchain toolchain;
    final ProjectSize size;
    final String jobId;
    final String runId;
    final probelab.catalog.Scenario scenario;
    Path serverBinary;
    /** The cell's private copy of the workload, or null when it could not be generated. */
    Workload workload;
    /** Why nothing in this cell can be measured, or null. */
    String unusable;
    /** Why the cell's runtime can never run its scenario (its server metrics are marked not applicable), or null. */
    String notApplicable;
    /** Metrics already recorded as not applicable to this run: each is recorded once. */
    private final java.util.Set<probelab.catalog.Metric> markedNotApplicable = java.util.EnumSet.noneOf(probelab.catalog.Metric.class);

    Cell(Runtime runtime, Toolchain toolchain, ProjectSize size, probelab.catalog.Scenario scenario, String jobId, String runId) {
        this.scenario = scenario;
        this.runtime = runtime;
        this.toolchain = toolchain;
        this.size = size;
        this.jobId = jobId;
        this.runId = runId;
    }

    /** The metrics of {@code metrics} not yet marked not applicable in this cell, now marked. */
    java.util.List<probelab.catalog.Metric> firstNotApplicable(java.util.List<probelab.catalog.Metric> metrics) {
        return metrics.stream().filter(this::firstNotApplicable).toList();
    }

    /** True the first time {@code metric} is found not applicable in this cell. */
    boolean firstNotApplicable(probelab.catalog.Metric metric) {
        return markedNotApplicable.add(metric);
    }

    String label() {
        return runtime.id() + " go" + toolchain.minor() + " " + size.id()
                + (scenario == probelab.catalog.Scenario.DEFAULT ? "" : " [" + scenario.id() + "]");
    }
}
