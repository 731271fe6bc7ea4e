package probelab.probe;

import probelab.catalog.Metric;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeFailure;
import probelab.workload.WorkloadGenerator;

import java.util.List;

/**
 * The build family: an iteration of the build task is, for each cache mode measured, a cold build into a fresh cache,
 * then a warm rebuild and an incremental one (after editing one file) with that same cache; an iteration of the
 * rebuild task is one incremental build with the cell's warm cache, which stays for the whole job, so that "rebuild
 * after editing one file" gets its samples without a cold build before each.
 */
final class BuildProbe {
    private static final long BUILD_TIMEOUT_MILLIS = 30 * 60_000;
    /** The rebuild task's revisions start here, so that they never equal one the cold sequence or the dev loop compiled. */
    static final int REBUILD_EDIT_BASE = 2_000_000;

    private final WorkloadGenerator workloads;

    BuildProbe(WorkloadGenerator workloads) {
        this.workloads = workloads;
    }

    /**
     * The cache modes a job measures on {@code runtime}: every one it has when {@code requested} is null, else those
     * of the requested it has, else its first (so that every runtime of a job has builds to compare).
     */
    static List<String> modesFor(Runtime runtime, List<String> requested) {
        List<String> has = runtime.cacheModes();
        if (requested == null) return BuildPhases.byDefault(has);
        List<String> chosen = has.stream().filter(requested::contains).toList();
        return chosen.isEmpty() ? List.of(has.get(0)) : chosen;
    }

    void measure(Cell cell, List<String> modes, Recorder rec) {
        for (String mode : modes) {
            List<String> phases = BuildPhases.of(mode);
            // the variant names the mode whenever the runtime has several, measured or not, so that jobs that chose
            // different modes still line up in one report
            String suffix = cell.runtime.cacheModes().size() == 1 ? "" : "/" + mode;
            if (cell.unusable != null || cell.workload == null) {
                String why = cell.unusable != null ? cell.unusable : "the " + cell.size.id() + " workload could not be generated";
                for (String phase : phases) rec.failed(Metric.BUILD_MS, phase + suffix, why);
                continue;
            }
            try (Runtime.BuildCache cache = cell.runtime.newBuildCache(mode, cell.jobId)) {
                boolean broken = false;
                for (String phase : phases) {
                    String variant = phase + suffix;
                    if (broken) {
                        rec.failed(Metric.BUILD_MS, variant, "an earlier build with this cache failed");
                        continue;
                    }
                    if (phase.equals(Metric.INCREMENTAL)) workloads.applyEdit(cell.workload, rec.iteration());
                    broken = !buildOnce(cell, cache, variant, rec);
                }
            } catch (RuntimeFailure e) {
                for (String phase : phases) rec.failed(Metric.BUILD_MS, phase + suffix, e.getMessage());
            }
        }
    }

    /**
     * Fills the cell's warm cache with one build of its workload, outside the budget (preparing): what a developer's
     * cache holds since their first build, so that neither the rebuilds nor the dev loop spend the job's measuring
     * time on a cold compile. Returns why it failed, or null; a failure leaves the fill to the first rebuild.
     */
    String fill(Cell cell, String mode) {
        var w = cell.workload != null ? cell.workload
                : cell.devLoops.values().stream().map(d -> d.workload).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (cell.unusable != null || w == null) return null;
        try {
            var out = cell.runtime.build(cell.toolchain, w.dir(), w.buildTargets(), cell.warmCache(mode), BUILD_TIMEOUT_MILLIS);
            if (!out.result().ok()) return "go build failed: " + out.result().reason();
            cell.warmCacheFilled = true;
            cell.rebuildFilled = cell.workload != null;
            return null;
        } catch (RuntimeFailure e) {
            return e.getMessage();
        }
    }

    /**
     * One incremental rebuild of the cell's workload with its warm cache ({@code mode}). Its first iteration fills
     * the cache with a build of this workload first: stored as a cold sample when the cache was empty (it is one),
     * and never heard of by the sampling plan, which watches the incremental series.
     */
    void rebuild(Cell cell, String mode, Recorder rec) {
        String suffix = cell.runtime.cacheModes().size() == 1 ? "" : "/" + mode;
        String variant = Metric.INCREMENTAL + suffix;
        if (cell.unusable != null || cell.workload == null) {
            rec.failed(Metric.BUILD_MS, variant, cell.unusable != null ? cell.unusable
                    : "the " + cell.size.id() + " workload could not be generated");
            return;
        }
        try {
            Runtime.BuildCache cache = cell.warmCache(mode);
            if (!cell.rebuildFilled) {
                Recorder fill = cell.warmCacheFilled ? Recorder.discarding(rec) : rec.unobserved();
                if (!buildOnce(cell, cache, Metric.COLD + suffix, fill)) {
                    rec.failed(Metric.BUILD_MS, variant, "the build that fills the warm cache failed");
                    return;
                }
                cell.warmCacheFilled = true;
                cell.rebuildFilled = true;
            }
            workloads.applyEdit(cell.workload, REBUILD_EDIT_BASE + rec.iteration());
            buildOnce(cell, cache, variant, rec);
        } catch (RuntimeFailure e) {
            rec.failed(Metric.BUILD_MS, variant, e.getMessage());
        }
    }

    private boolean buildOnce(Cell cell, Runtime.BuildCache cache, String variant, Recorder rec) {
        try {
            var out = cell.runtime.build(cell.toolchain, cell.workload.dir(), cell.workload.buildTargets(), cache,
                    BUILD_TIMEOUT_MILLIS);
            if (!out.result().ok()) {
                rec.failed(Metric.BUILD_MS, variant, "go build failed: " + out.result().reason());
                return false;
            }
            rec.ok(Metric.BUILD_MS, variant, out.wallNanos() / 1e6, "go build " + String.join(" ", cell.workload.buildTargets()));
            if (out.innerNanos() >= 0) {
                rec.ok(Metric.BUILD_INNER_MS, variant, out.innerNanos() / 1e6, "probes/gotime around go build");
            } else {
                rec.failed(Metric.BUILD_INNER_MS, variant, out.innerUnavailableReason());
            }
            if (out.peakRssBytes() >= 0) {
                rec.ok(Metric.BUILD_PEAK_RSS_BYTES, variant, out.peakRssBytes(), "GNU time %M (largest process)");
            } else if (!out.peakRssApplicable()) {
                // never observable on this runtime: one mark per run, not a failed sample per build
                if (cell.firstNotApplicable(Metric.BUILD_PEAK_RSS_BYTES)) {
                    rec.notApplicable(Metric.BUILD_PEAK_RSS_BYTES, out.peakRssUnavailableReason());
                }
            } else {
                rec.failed(Metric.BUILD_PEAK_RSS_BYTES, variant, out.peakRssUnavailableReason());
            }
            return true;
        } catch (RuntimeFailure e) {
            rec.failed(Metric.BUILD_MS, variant, e.getMessage());
            return false;
        }
    }
}
