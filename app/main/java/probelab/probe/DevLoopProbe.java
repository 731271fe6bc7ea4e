package probelab.probe;

import probelab.catalog.Metric;
import probelab.process.LoopbackPorts;
import probelab.runtime.RuntimeFailure;
import probelab.workload.WorkloadGenerator;

import java.io.IOException;

/**
 * The development loop of one cell: edit one file of the project and time until its running server answers with the
 * change ({@link DevLoopClock}). The loop (watcher and server) starts before the first edit, on the cell's warm cache
 * (filled while preparing), waits for its first answer, and runs until the cell's end; each stored iteration is one edit.
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

    /** Why the cell's dev loop cannot run at all, or null (the task is then scheduled as unusable). */
    static String unusable(Cell cell) {
        if (cell.unusable != null) return cell.unusable;
        if (cell.devWorkload == null) return "the " + cell.size.id() + " workload could not be generated";
        return null;
    }

    /**
     * One iteration: edits the file and records the time to the changed answer, starting the loop first (outside the
     * timed interval) when it is not running yet.
     */
    void measure(Cell cell, String mode, Recorder rec) {
        String why = unusable(cell);
        if (why == null) why = cell.devLoopBroken;
        if (why == null && cell.devLoop == null) why = start(cell, mode);
        if (why != null) {
            rec.failed(Metric.EDIT_TO_SERVING_MS, Metric.WATCH, why);
            return;
        }
        try {
            double millis = DevLoopClock.editToServingMillis(workloads, cell.devWorkload, EDIT_BASE + rec.iteration(),
                    cell.devPort, cell.devLoop);
            rec.ok(Metric.EDIT_TO_SERVING_MS, Metric.WATCH, millis, cell.devLoop.command());
        } catch (DevLoopClock.NoChange e) {
            rec.failed(Metric.EDIT_TO_SERVING_MS, Metric.WATCH, e.getMessage());
        }
    }

    /** Starts the loop and waits for its first answer; returns why it could not, or null. */
    private String start(Cell cell, String mode) {
        try {
            cell.devPort = LoopbackPorts.free();
            cell.devLoop = cell.runtime.startDevLoop(cell.toolchain, cell.devWorkload.dir(), cell.devWorkload.serveTarget(),
                    cell.warmCache(mode), cell.devPort, cell.jobId);
            DevLoopClock.awaitFirstAnswer(cell.devPort, cell.devLoop, FIRST_ANSWER_TIMEOUT_MILLIS);
            cell.warmCacheFilled = true;
            return null;
        } catch (IOException | RuntimeFailure e) {
            cell.devLoopBroken = "cannot start the dev loop: " + e.getMessage();
        } catch (DevLoopClock.NoChange e) {
            cell.devLoopBroken = e.getMessage();
        }
        return cell.devLoopBroken;
    }
}
