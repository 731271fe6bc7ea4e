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
    /**
     * The dev loop of each way the job measures that this runtime can run, in the job's order: each on its own copy of
     * the workload, so that a watcher sees its own edits only, not the rebuilds' or another way's.
     */
    final java.util.Map<probelab.catalog.DevLoopWay, DevLoopState> devLoops = new java.util.LinkedHashMap<>();
    /** The files family's own copy of the workload (builds write binaries into theirs), or null. */
    Workload filesWorkload;
    /** The files family's source tree in each place of the runtime that took it, and why each other place could not. */
    final java.util.Map<String, Runtime.PlacedTree> trees = new java.util.LinkedHashMap<>();
    final java.util.Map<String, String> treeBroken = new java.util.LinkedHashMap<>();
    /**
     * The one build cache of go build and go test on the placed trees (every place has the tree at the same path, so
     * one fill serves them all and only the source's place differs), or null; why go cannot run at all (null: it can).
     */
    Runtime.BuildCache treeCache;
    String treeGoBroken;
    /**
     * The cache that rebuilds and the dev loop keep warm for the whole job (created by whichever needs it first), or
     * null; {@link #warmCacheFilled} once a build has filled it.
     */
    Runtime.BuildCache warmCache;
    boolean warmCacheFilled;
    /** The rebuild task has built its workload into the warm cache (the dev loop builds its own copy). */
    boolean rebuildFilled;
    /** The go test task has compiled its test binaries into the warm cache. */
    boolean testsFilled;
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

    /** The warm cache of {@code mode}, created on first use. */
    Runtime.BuildCache warmCache(String mode) throws probelab.runtime.RuntimeFailure {
        if (warmCache == null) warmCache = runtime.newBuildCache(mode, jobId);
        return warmCache;
    }

    /** Stops the dev loops and removes the warm cache and the placed trees: the end of the cell's measuring. */
    void closeJobScoped() {
        trees.values().forEach(Runtime.PlacedTree::close);
        trees.clear();
        if (treeCache != null) treeCache.close();
        treeCache = null;
        for (DevLoopState d : devLoops.values()) {
            if (d.loop != null) d.loop.close();
            d.loop = null;
        }
        if (warmCache != null) warmCache.close();
        warmCache = null;
    }

    /** One way's dev loop: its workload copy (null: it could not be generated), the loop and its port once started, why it cannot run. */
    static final class DevLoopState {
        Workload workload;
        Runtime.DevLoop loop;
        int port;
        String broken;
    }

    String label() {
        return runtime.id() + " go" + toolchain.minor() + " " + size.id()
                + (scenario == probelab.catalog.Scenario.DEFAULT ? "" : " [" + scenario.id() + "]");
    }
}
