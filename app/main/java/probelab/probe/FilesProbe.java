package probelab.probe;

import probelab.catalog.Metric;
import probelab.process.PageCache;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeFailure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files family of one iteration: for each place the cell's runtime keeps a source tree in (host natively; bind,
 * volume, image in containers), the page cache is dropped and probes/treewalk runs once with the phases walk, write,
 * walk, write; then the page cache is dropped before go build runs twice, and again before go test runs twice. The
 * first of each pair is the cold variant, the second the warm; every figure is the walker's or probes/gotime's own
 * clock, so a container's start and removal are only in the detail (the whole run's wall time).
 */
public final class FilesProbe {
    static final String WALK = "walk";
    static final String WRITE = "write";
    /** Cold walk, cold write, warm walk, warm write: the write goes second so that the cold walk is the first touch. */
    public static final List<String> PHASES = List.of(WALK, WRITE, WALK, WRITE);
    /** Where the warm walk is in {@link #PHASES}. */
    public static final int WARM_WALK = 2;
    private static final long RUN_TIMEOUT_MILLIS = 10 * 60_000;
    /** go's metrics, each measured cold then warm. */
    private static final List<Metric> GO_METRICS = List.of(Metric.TREE_BUILD_MS, Metric.TREE_TEST_MS);

    private final ServerBinaries binaries;

    FilesProbe(ServerBinaries binaries) {
        this.binaries = binaries;
    }

    /** Why the cell's tree cannot be walked at all, or null. */
    static String unusable(Cell cell) {
        if (cell.unusable != null) return cell.unusable;
        return cell.filesWorkload == null ? "the " + cell.size.id() + " workload could not be generated" : null;
    }

    /**
     * Puts the cell's copy of the tree in every place of its runtime, outside any measured interval (a volume gets its
     * copy, an image is committed, once per cell), and fills one build cache of {@code cacheMode} for go in every place
     * with an unmeasured go build and go test (modules downloaded, packages and test binaries compiled); a place that
     * cannot be made keeps its reason for the samples.
     */
    void place(Cell cell, String cacheMode, ProgressListener progress) {
        if (unusable(cell) != null) return;
        Path walker;
        try {
            walker = binaries.treeWalker(cell.toolchain);
        } catch (RuntimeFailure e) {
            for (String place : cell.runtime.treePlaces()) cell.treeBroken.put(place, e.getMessage());
            return;
        }
        for (String place : cell.runtime.treePlaces()) {
            try {
                progress.log("placing the source tree of " + cell.label() + " in " + place);
                Runtime.PlacedTree tree = cell.runtime.placeTree(place, cell.toolchain, cell.filesWorkload.dir(), walker, cell.jobId);
                cell.trees.put(place, tree);
                fill(cell, tree, cacheMode, progress);
            } catch (RuntimeFailure e) {
                cell.treeBroken.put(place, "cannot put the tree in " + place + ": " + e.getMessage());
            }
        }
    }

    /**
     * Fills the cell's one tree cache with an unmeasured go build and go test of the first placed tree; the other
     * places find the same packages built, as the tree is at the same path in each.
     */
    private static void fill(Cell cell, Runtime.PlacedTree tree, String cacheMode, ProgressListener progress) {
        if (cell.treeCache != null || cell.treeGoBroken != null) return;
        List<String> targets = cell.filesWorkload.buildTargets();
        try {
            cell.treeCache = cell.runtime.newBuildCache(cacheMode, cell.jobId);
            progress.log("filling the " + cacheMode + " build cache of the placed trees of " + cell.label());
            Runtime.BuildOutcome built = tree.build(targets, cell.treeCache, RUN_TIMEOUT_MILLIS);
            Runtime.BuildOutcome tested = built.result().ok() ? tree.test(targets, cell.treeCache, RUN_TIMEOUT_MILLIS) : null;
            Runtime.BuildOutcome failed = !built.result().ok() ? built : !tested.result().ok() ? tested : null;
            if (failed != null) {
                cell.treeGoBroken = "the go " + (failed == built ? "build" : "test") + " that fills the placed trees' cache (in "
                        + tree.place() + ") failed: " + failed.result().reason();
            }
        } catch (RuntimeFailure e) {
            cell.treeGoBroken = "cannot fill a build cache for the placed trees: " + e.getMessage();
        }
    }

    void measure(Cell cell, Recorder rec) {
        String why = unusable(cell);
        for (String place : cell.runtime.treePlaces()) {
            String broken = why != null ? why : cell.treeBroken.get(place);
            Runtime.PlacedTree tree = cell.trees.get(place);
            if (broken == null && tree == null) broken = "the tree was not placed in " + place;
            if (broken != null) {
                failAll(place, broken, rec);
                for (Metric m : GO_METRICS) failPhases(m, place, broken, rec);
                continue;
            }
            measure(tree, rec);
            String goBroken = cell.treeGoBroken;
            Runtime.BuildCache cache = cell.treeCache;
            if (goBroken == null && cache == null) goBroken = "the placed trees have no build cache";
            if (goBroken != null) {
                for (Metric m : GO_METRICS) failPhases(m, place, goBroken, rec);
                continue;
            }
            List<String> targets = cell.filesWorkload.buildTargets();
            for (Metric m : GO_METRICS) measureGo(tree, m, targets, cache, rec);
        }
    }

    /** Drops the page cache, then runs go (build or test) twice on the placed tree: cold, warm. */
    private static void measureGo(Runtime.PlacedTree tree, Metric metric, List<String> targets, Runtime.BuildCache cache,
                                  Recorder rec) {
        String notCold = PageCache.drop();
        String what = (metric == Metric.TREE_BUILD_MS ? "go build " : "go test -count=1 ") + String.join(" ", targets);
        for (String phase : metric.phases()) {
            String variant = phase + "/" + tree.place();
            Runtime.BuildOutcome out;
            try {
                out = metric == Metric.TREE_BUILD_MS ? tree.build(targets, cache, RUN_TIMEOUT_MILLIS)
                        : tree.test(targets, cache, RUN_TIMEOUT_MILLIS);
            } catch (RuntimeFailure e) {
                rec.failed(metric, variant, e.getMessage());
                continue;
            }
            if (phase.equals(Metric.COLD) && notCold != null) {
                rec.failed(metric, variant, notCold);
            } else if (!out.result().ok()) {
                rec.failed(metric, variant, what + " failed: " + out.result().reason());
            } else if (out.innerNanos() < 0) {
                rec.failed(metric, variant, "go itself was not timed: " + out.innerUnavailableReason());
            } else {
                rec.ok(metric, variant, out.innerNanos() / 1e6, String.format(Locale.ROOT, "%s, timed by probes/gotime (whole run %.1f ms)",
                        what, out.wallNanos() / 1e6));
            }
        }
    }

    private static void measure(Runtime.PlacedTree tree, Recorder rec) {
        String place = tree.place();
        // machine-wide, as root on the host: a container cannot, and must not be started before it
        String notCold = PageCache.drop();
        Runtime.TreeRun run;
        try {
            run = tree.run(PHASES, RUN_TIMEOUT_MILLIS);
        } catch (RuntimeFailure e) {
            failAll(place, e.getMessage(), rec);
            return;
        }
        if (!run.result().ok()) {
            failAll(place, "probes/treewalk failed: " + run.result().reason(), rec);
            return;
        }
        List<Phase> phases = parse(run.result().stdout());
        if (phases.size() != PHASES.size() || !phases.stream().map(Phase::name).toList().equals(PHASES)) {
            failAll(place, "probes/treewalk printed no " + PHASES + " lines: " + run.result().stdout().strip(), rec);
            return;
        }
        String detail = String.format(Locale.ROOT, "%s (whole run %.1f ms)", run.command(), run.result().elapsedNanos() / 1e6);
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            Metric metric = p.name().equals(WALK) ? Metric.TREE_WALK_MS : Metric.TREE_WRITE_MS;
            boolean cold = i < 2;
            String variant = (cold ? Metric.COLD : Metric.WARM) + "/" + place;
            if (cold && notCold != null) {
                rec.failed(metric, variant, notCold);
                continue;
            }
            String what = String.format(Locale.ROOT, "%d files, %d bytes", p.files(), p.bytes());
            rec.ok(metric, variant, p.nanos() / 1e6, what + "; " + detail);
        }
    }

    /** Every walk metric of {@code place} failed with {@code why} (go's have their own reasons). */
    private static void failAll(String place, String why, Recorder rec) {
        for (Metric m : List.of(Metric.TREE_WALK_MS, Metric.TREE_WRITE_MS)) failPhases(m, place, why, rec);
    }

    private static void failPhases(Metric m, String place, String why, Recorder rec) {
        for (String phase : m.phases()) rec.failed(m, phase + "/" + place, why);
    }

    /** One line of the walker: {@code phase=walk ns=N files=F bytes=B}. */
    public record Phase(String name, long nanos, long files, long bytes) {
    }

    /** The walker's phase lines, in order; lines it does not recognise are skipped. */
    public static List<Phase> parse(String stdout) {
        List<Phase> out = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            String name = null;
            long ns = -1, files = -1, bytes = -1;
            for (String field : line.strip().split(" ")) {
                int eq = field.indexOf('=');
                if (eq < 0) continue;
                String k = field.substring(0, eq), v = field.substring(eq + 1);
                try {
                    switch (k) {
                        case "phase" -> name = v;
                        case "ns" -> ns = Long.parseLong(v);
                        case "files" -> files = Long.parseLong(v);
                        case "bytes" -> bytes = Long.parseLong(v);
                        default -> { }
                    }
                } catch (NumberFormatException e) {
                    name = null;
                    break;
                }
            }
            if (name != null && ns > 0 && files >= 0 && bytes >= 0) out.add(new Phase(name, ns, files, bytes));
        }
        return out;
    }
}
