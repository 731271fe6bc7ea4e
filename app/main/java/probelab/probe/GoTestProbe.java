package probelab.probe;

import probelab.catalog.Metric;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeFailure;

/**
 * The go test family of one iteration: {@code go test -count=1} of the project's packages warm (the cell's warm
 * cache, whose test binaries the first iteration compiles unmeasured), with -race where the toolchain links it, and
 * cold (a fresh, empty cache). The source is not edited: each run tests the same code.
 */
final class GoTestProbe {
    private static final long TEST_TIMEOUT_MILLIS = 30 * 60_000;

    /** Why the cell's tests cannot run at all, or null. */
    static String unusable(Cell cell) {
        if (cell.unusable != null) return cell.unusable;
        return cell.workload == null ? "the " + cell.size.id() + " workload could not be generated" : null;
    }

    void measure(Cell cell, String mode, Recorder rec) {
        String why = unusable(cell);
        String raceWhy = why == null ? cell.runtime.raceNotApplicable(cell.toolchain) : why;
        if (why != null) {
            for (String phase : Metric.GO_TEST_MS.phases()) rec.failed(Metric.GO_TEST_MS, phase, why);
            return;
        }
        if (raceWhy != null && cell.firstNotApplicable(Metric.GO_TEST_RACE_MS)) rec.notApplicable(Metric.GO_TEST_RACE_MS, raceWhy);
        try {
            Runtime.BuildCache warm = cell.warmCache(mode);
            if (!cell.testsFilled) {
                // compiles the test binaries (and -race's instrumented packages) into the warm cache, unmeasured
                Recorder fill = Recorder.discarding(rec);
                if (!once(cell, warm, false, Metric.GO_TEST_MS, Metric.WARM, fill)) return;
                if (raceWhy == null) once(cell, warm, true, Metric.GO_TEST_RACE_MS, "", fill);
                cell.testsFilled = true;
            }
            once(cell, warm, false, Metric.GO_TEST_MS, Metric.WARM, rec);
            if (raceWhy == null) once(cell, warm, true, Metric.GO_TEST_RACE_MS, "", rec);
        } catch (RuntimeFailure e) {
            rec.failed(Metric.GO_TEST_MS, Metric.WARM, e.getMessage());
        }
        try (Runtime.BuildCache cold = cell.runtime.newBuildCache(mode, cell.jobId)) {
            once(cell, cold, false, Metric.GO_TEST_MS, Metric.COLD, rec);
        } catch (RuntimeFailure e) {
            rec.failed(Metric.GO_TEST_MS, Metric.COLD, e.getMessage());
        }
    }

    private static boolean once(Cell cell, Runtime.BuildCache cache, boolean race, Metric metric, String variant, Recorder rec) {
        String what = "go test -count=1" + (race ? " -race " : " ") + String.join(" ", cell.workload.buildTargets());
        try {
            var out = cell.runtime.goTest(cell.toolchain, cell.workload.dir(), cell.workload.buildTargets(), cache, race,
                    TEST_TIMEOUT_MILLIS);
            if (!out.result().ok()) {
                rec.failed(metric, variant, "go test failed: " + out.result().reason());
                return false;
            }
            rec.ok(metric, variant, out.wallNanos() / 1e6, what);
            return true;
        } catch (RuntimeFailure e) {
            rec.failed(metric, variant, e.getMessage());
            return false;
        }
    }
}
