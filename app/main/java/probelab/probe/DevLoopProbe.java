package probelab.probe;

import probelab.catalog.DevLoopWay;
import probelab.catalog.Metric;
import probelab.process.LoopbackPorts;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeFailure;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The development loop of one cell, in each way the job measures: edit one file of the project and time until its
 * running server answers with the change ({@link DevLoopClock}). Each way's loop starts before its first edit, on the
 * cell's warm cache (filled while preparing), waits for its first answer, and runs until the cell's end; each stored
 * iteration is one edit per way.
 */
final class DevLoopProbe {
    /** A cold {@code go run} of the largest project in a container on a busy machine (when the warm cache is not). */
    static final long FIRST_ANSWER_TIMEOUT_MILLIS = 10 * 60_000;
    /** The dev loop's revisions start here, so that they never equal one a rebuild compiled into the shared cache. */
    static final int EDIT_BASE = 1_000_000;

    private final WorkloadGenerator workloads;

    DevLoopProbe(WorkloadGenerator workloads) {
        this.workloads = workloads;
    }

    /**
     * Gives the cell a copy of {@code w} for each way of {@code ways} its runtime can run (under {@code workDir}) and
     * returns the others with the reason they can never run here, to be marked not applicable once the run exists.
     */
    java.util.Map<DevLoopWay, String> prepare(Cell cell, Workload w, List<DevLoopWay> ways, Path workDir) {
        java.util.Map<DevLoopWay, String> never = new java.util.LinkedHashMap<>();
        for (DevLoopWay way : ways) {
            String why = cell.unusable == null ? cell.runtime.devLoopNotApplicable(way) : null;
            if (why != null) {
                never.put(way, "the " + way.id() + " way: " + why);
                continue;
            }
            Cell.DevLoopState state = new Cell.DevLoopState();
            cell.devLoops.put(way, state);
            if (w == null) continue;
            try {
                state.workload = workloads.copyTo(w, workDir.resolve(cell.runId + "-dev-" + way.id()));
            } catch (RuntimeException e) {
                state.broken = "cannot copy the " + cell.size.id() + " workload: " + e.getMessage();
            }
        }
        return never;
    }

    /** Why the cell's dev loops cannot run at all, or null (the task is then scheduled as unusable). */
    static String unusable(Cell cell) {
        if (cell.unusable != null) return cell.unusable;
        if (cell.devLoops.values().stream().allMatch(d -> d.workload == null)) {
            return "the " + cell.size.id() + " workload could not be generated";
        }
        return null;
    }

    /**
     * One iteration: one edit per way, each timed to the changed answer, starting the way's loop first (outside the
     * timed interval) when it is not running yet.
     */
    void measure(Cell cell, String mode, Recorder rec) {
        for (var e : cell.devLoops.entrySet()) {
            DevLoopWay way = e.getKey();
            Cell.DevLoopState d = e.getValue();
            String why = unusable(cell);
            // a copy that failed says why (broken); a workload never generated leaves both empty
            if (why == null) why = d.broken;
            if (why == null && d.workload == null) why = "the " + cell.size.id() + " workload could not be generated";
            if (why == null && d.loop == null) why = start(cell, way, d, mode);
            if (why != null) {
                rec.failed(Metric.EDIT_TO_SERVING_MS, way.id(), why);
                continue;
            }
            try {
                double millis = DevLoopClock.editToServingMillis(workloads, d.workload, EDIT_BASE + rec.iteration(), d.port, d.loop);
                rec.ok(Metric.EDIT_TO_SERVING_MS, way.id(), millis, d.loop.command());
            } catch (DevLoopClock.NoChange failed) {
                rec.failed(Metric.EDIT_TO_SERVING_MS, way.id(), failed.getMessage());
            }
        }
    }

    /** Starts the way's loop and waits for its first answer; returns why it could not, or null. */
    private String start(Cell cell, DevLoopWay way, Cell.DevLoopState d, String mode) {
        try {
            Runtime.DevProject project = DevProjects.of(way, cell.runtime, cell.toolchain, cell.jobId, workloads, d.workload);
            d.port = LoopbackPorts.free();
            d.loop = cell.runtime.startDevLoop(way, cell.toolchain, project, cell.warmCache(mode), d.port, cell.jobId);
            DevLoopClock.awaitFirstAnswer(d.port, d.loop, FIRST_ANSWER_TIMEOUT_MILLIS);
            cell.warmCacheFilled = true;
            return null;
        } catch (IOException | RuntimeFailure e) {
            d.broken = "cannot start the dev loop: " + e.getMessage();
        } catch (DevLoopClock.NoChange e) {
            d.broken = e.getMessage();
        }
        if (d.loop != null) d.loop.close();
        d.loop = null;
        return d.broken;
    }
}
