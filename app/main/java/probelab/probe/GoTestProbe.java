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
        if (why != null) {
            for (String phase : Metric.GO_TEST_MS.phases()) rec.failed(Metric.GO_TEST_MS, phase, why);
            return;
        }
        String raceWhy = cell.runtime.raceNotApplicable(cell.toolchain);
        if (raceWhy != null && cell.firstNotApplicable(Metric.GO_TEST_RACE_MS)) rec.notApplicable(Metric.GO_TEST_RACE_MS, raceWhy);
        String warmWhy;
        try {
            Runtime.BuildCache warm = cell.warmCache(mode);
            warmWhy = cell.testsFilled ? null : fill(cell, warm, raceWhy == null, rec);
            if (warmWhy == null) {
                once(cell, warm, false, Metric.GO_TEST_MS, Metric.WARM, rec);
                if (raceWhy == null) once(cell, warm, true, Metric.GO_TEST_RACE_MS, "", rec);
            }
        } catch (RuntimeFailure e) {
            warmWhy = e.getMessage();
        }
        if (warmWhy != null) {
            // the warm runs could not happen: they are failed samples with the reason, and the cold one still runs
            rec.failed(Metric.GO_TEST_MS, Metric.WARM, warmWhy);
            if (raceWhy == null) rec.failed(Metric.GO_TEST_RACE_MS, "", warmWhy);
        }
        try (Runtime.BuildCache cold = cell.runtime.newBuildCache(mode, cell.jobId)) {
            once(cell, cold, false, Metric.GO_TEST_MS, Metric.COLD, rec);
        } catch (RuntimeFailure e) {
            rec.failed(Metric.GO_TEST_MS, Metric.COLD, e.getMessage());
        }
    }

    /**
     * Compiles the test binaries (and -race's instrumented packages) into the warm cache, unmeasured; returns why it
     * failed, or null.
     */
    private static String fill(Cell cell, Runtime.BuildCache warm, boolean race, Recorder rec) {
        Recorder discard = Recorder.discarding(rec);
        String why = once(cell, warm, false, Metric.GO_TEST_MS, Metric.WARM, discard);
        if (why == null && race) why = once(cell, warm, true, Metric.GO_TEST_RACE_MS, "", discard);
        if (why != null) return "the run that compiles the tests into the warm cache failed: " + why;
        cell.testsFilled = true;
        return null;
    }

    /** One run, recorded; returns why it failed, or null. */
    private static String once(Cell cell, Runtime.BuildCache cache, boolean race, Metric metric, String variant, Recorder rec) {
        String what = "go test -count=1" + (race ? " -race " : " ") + String.join(" ", cell.workload.buildTargets());
        try {
            var out = cell.runtime.goTest(cell.toolchain, cell.workload.dir(), cell.workload.buildTargets(), cache, race,
                    TEST_TIMEOUT_MILLIS);
            if (!out.result().ok()) {
                String why = "go test failed: " + out.result().reason();
                rec.failed(metric, variant, why);
                return why;
            }
            rec.ok(metric, variant, out.wallNanos() / 1e6, what);
            return null;
        } catch (RuntimeFailure e) {
            rec.failed(metric, variant, e.getMessage());
            return e.getMessage();
        }
    }
}
