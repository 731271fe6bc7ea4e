package probelab.probe;

import probelab.runtime.Runtime;
import probelab.toolchain.Toolchain;
import probelab.workload.ProjectSize;
import probelab.workload.Workload;

import java.nio.file.Path;

/** One (runtime, Go version, project size) cell of a job, once prepared: its run row exists, its inputs are ready. */
final class Cell {
    final Runtime runtime;
    final Toolchain toolchain;
    final ProjectSize size;
    final String jobId;
    final String runId;
    Path serverBinary;
    /** The cell's private copy of the workload, or null when it could not be generated. */
    Workload workload;
    /** Why nothing in this cell can be measured, or null. */
    String unusable;
    /** Metrics already recorded as not applicable to this run: each is recorded once. */
    private final java.util.Set<probelab.catalog.Metric> notApplicable = java.util.EnumSet.noneOf(probelab.catalog.Metric.class);

    Cell(Runtime runtime, Toolchain toolchain, ProjectSize size, String jobId, String runId) {
        this.runtime = runtime;
        this.toolchain = toolchain;
        this.size = size;
        this.jobId = jobId;
        this.runId = runId;
    }

    /** True the first time {@code metric} is found not applicable in this cell. */
    boolean firstNotApplicable(probelab.catalog.Metric metric) {
        return notApplicable.add(metric);
    }

    String label() {
        return runtime.id() + " go" + toolchain.minor() + " " + size.id();
    }
}
