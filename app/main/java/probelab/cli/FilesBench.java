package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import probelab.analysis.MedianInterval;
import probelab.catalog.Metric;
import probelab.probe.FilesProbe;
import probelab.probe.ServerBinaries;
import probelab.process.FileTrees;
import probelab.runtime.Runtime;
import probelab.workload.ProjectSize;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Probelab's native tree_walk_ms (warm: the walk a job stores as {@code warm/host}, run through the same
 * {@link Runtime.PlacedTree} with the same phases) against hyperfine timing the same walk from outside, warm cache, in
 * alternating rounds: (1) the walker binary itself, as the difference between a process doing 1+K walks and one doing
 * 1, divided by K, so that the process start cancels and what is left is hyperfine's clock on the walk alone; (2) {@code
 * find DIR -type f -exec cat {} +}, another tool doing the same reads, whose figure includes two process starts (shown
 * for orientation, never judged). Then tree_build_ms and tree_test_ms (warm/host: probes/gotime's clock around go build
 * and go test -count=1 of the same tree with a filled cache, as a job runs them) against hyperfine running the same go
 * command as a user types it, with the same cache, in alternating rounds. Exits 1 when any median paired ratio (the
 * walker's, go build's, go test's) is off by more than 10%.
 */
@Command(name = "files", description = "Compare probelab's native tree_walk_ms (warm) with hyperfine timing the same walk: "
        + "the walker binary itself (start cancelled) and find -exec cat; and tree_build_ms, tree_test_ms (warm) with "
        + "hyperfine timing the same go build and go test.")
public final class FilesBench implements Callable<Integer> {
    private static final long TIMEOUT_MILLIS = 10 * 60_000;

    @Option(names = "--rounds", defaultValue = "10", description = "rounds; each has probelab's walks and hyperfine's, in alternating order")
    int rounds;
    @Option(names = "--runs", defaultValue = "11", description = "runs per tool and round (each tool's round figure is their median)")
    int runs;
    @Option(names = "--extra-walks", defaultValue = "4", description = "K: hyperfine times the walker with 1 and with 1+K walks")
    int extraWalks;
    @Option(names = "--size", defaultValue = "medium", description = "project size whose tree is walked (tiny's few files take well under 1 ms)")
    String size;
    @Option(names = "--go", description = "toolchain that builds the walker (default newest)")
    String go;
    @Option(names = "--go-rounds", defaultValue = "6", description = "rounds of go build and go test in place (0: none)")
    int goRounds;
    @Option(names = "--go-runs", defaultValue = "5", description = "runs of go build and go test per tool and round")
    int goRuns;

    @Override
    public Integer call() throws Exception {
        BenchSetup setup = BenchSetup.of(go);
        WorkloadGenerator gen = new WorkloadGenerator(setup.config().workloadsDir());
        Path work = Files.createDirectories(setup.config().scratchDir()).resolve("bench-files-" + ProcessHandle.current().pid());
        String jobId = "bench-files-" + UUID.randomUUID().toString().substring(0, 8);
        Runtime rt = setup.runtimes().get("native");
        try {
            Workload w = gen.copyTo(gen.ensure(ProjectSize.parse(size)), work.resolve("tree"));
            Path walker = new ServerBinaries(setup.config().probesDir(), setup.config().binDir()).treeWalker(setup.toolchain());
            Path dir = w.dir().toAbsolutePath();
            System.out.printf("native, %s workload (%d .go files), walker built by go %s, warm page cache (nothing dropped)%n",
                    size, w.files(), setup.toolchain().version());
            System.out.println("probelab: tree_walk_ms warm/host, the walker's own clock on its second walk, run as a job runs it");
            System.out.printf("walker:   hyperfine of `treewalk -dir DIR walk` x%d runs with 1+%d walks and with 1: (median difference) / %d%n",
                    runs, extraWalks, extraWalks);
            System.out.printf("find+cat: hyperfine of `find DIR -type f -exec cat {} +` > /dev/null x%d runs (two process starts included)%n", runs);
            List<Double> probelab = new ArrayList<>(), walkerRef = new ArrayList<>(), findRef = new ArrayList<>();
            try (Runtime.PlacedTree tree = rt.placeTree(Metric.HOST, setup.toolchain(), dir, walker, jobId)) {
                probelabWalk(tree); // the first run pays for the walker's binary and the tree coming into the cache
                List<String> one = walkerArgv(walker, dir, 1), many = walkerArgv(walker, dir, 1 + extraWalks);
                List<String> find = List.of("find", dir.toString(), "-type", "f", "-exec", "cat", "{}", "+");
                for (int round = 0; round < rounds; round++) {
                    boolean probelabFirst = round % 2 == 0;
                    if (probelabFirst) probelab.add(probelabMedian(tree));
                    walkerRef.add((hyperfine(many, work) - hyperfine(one, work)) / extraWalks);
                    findRef.add(hyperfine(find, work));
                    if (!probelabFirst) probelab.add(probelabMedian(tree));
                }
            }
            System.out.printf("%-10s %3s %12s %12s %7s %7s %13s%n", "reference", "n", "probelab ms", "ref ms", "ratio", "paired", "paired 95% CI");
            double walkerPaired = line("walker", probelab, walkerRef);
            line("find+cat", probelab, findRef);
            boolean ok = Math.abs(walkerPaired - 1) <= 0.10;
            System.out.println(ok ? "probelab's walk is within 10% of hyperfine's timing of the same walk"
                    : "probelab's walk is off by more than 10% from hyperfine's timing of the same walk");
            if (goRounds > 0) ok &= goInPlace(rt, setup, w, walker, jobId, work);
            return ok ? 0 : 1;
        } finally {
            rt.removeLeftovers(jobId);
            FileTrees.deleteBestEffort(work);
        }
    }

    /**
     * tree_build_ms and tree_test_ms warm/host (probes/gotime's clock, through the placed tree as a job runs it) against
     * hyperfine running the user's go build and go test with the same filled cache; true when both paired ratios are
     * within 10%.
     */
    private boolean goInPlace(Runtime rt, BenchSetup setup, Workload w, Path walker, String jobId, Path work) throws Exception {
        List<String> targets = w.buildTargets();
        System.out.printf("%ngo in place: %s of the same tree natively, one filled host cache; probelab is probes/gotime's clock "
                + "around go, hyperfine runs the same command as a user types it; %d rounds of %d runs each%n",
                String.join(" ", targets), goRounds, goRuns);
        List<Double> build = new ArrayList<>(), buildRef = new ArrayList<>(), test = new ArrayList<>(), testRef = new ArrayList<>();
        try (Runtime.PlacedTree tree = rt.placeTree(Metric.HOST, setup.toolchain(), w.dir(), walker, jobId);
             Runtime.BuildCache cache = rt.newBuildCache(rt.cacheModes().get(0), jobId)) {
            // unmeasured: downloads the modules and compiles the packages and the test binaries into the cache
            goMillis(tree, cache, targets, true);
            goMillis(tree, cache, targets, false);
            Runtime.UserCommand userBuild = rt.buildCommand(setup.toolchain(), w.dir(), targets, cache);
            Runtime.UserCommand userTest = rt.testCommand(setup.toolchain(), w.dir(), targets, cache, false);
            Hyperfine hyperfine = new Hyperfine(work, "hyperfine-go");
            List<String> options = List.of("--warmup", "1", "--runs", Integer.toString(goRuns), "--output", "null");
            PairedSamples.alternate(goRounds, () -> {
                build.add(goMedian(tree, cache, targets, true));
                test.add(goMedian(tree, cache, targets, false));
            }, () -> {
                buildRef.add(hyperfine.medianMillis(userBuild, options, TIMEOUT_MILLIS));
                testRef.add(hyperfine.medianMillis(userTest, options, TIMEOUT_MILLIS));
            });
        }
        System.out.printf("%-10s %3s %12s %12s %7s %7s %13s%n", "metric", "n", "probelab ms", "ref ms", "ratio", "paired", "paired 95% CI");
        double b = line("build", build, buildRef), t = line("test", test, testRef);
        boolean ok = Math.abs(b - 1) <= 0.10 && Math.abs(t - 1) <= 0.10;
        System.out.println(ok ? "probelab's go build and go test in place are within 10% of hyperfine's timing of the same commands"
                : "probelab's go build or go test in place is off by more than 10% from hyperfine's timing of the same command");
        return ok;
    }

    private double goMedian(Runtime.PlacedTree tree, Runtime.BuildCache cache, List<String> targets, boolean build) throws Exception {
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < goRuns; i++) xs.add(goMillis(tree, cache, targets, build));
        return BenchCommand.median(xs);
    }

    /** One go build or go test -count=1 on the placed tree, as the files family runs it: probes/gotime's milliseconds. */
    private static double goMillis(Runtime.PlacedTree tree, Runtime.BuildCache cache, List<String> targets, boolean build)
            throws Exception {
        Runtime.BuildOutcome out = build ? tree.build(targets, cache, TIMEOUT_MILLIS) : tree.test(targets, cache, TIMEOUT_MILLIS);
        if (!out.result().ok()) throw new IllegalStateException("go " + (build ? "build" : "test") + " failed: " + out.result().reason());
        if (out.innerNanos() < 0) throw new IllegalStateException("go was not timed: " + out.innerUnavailableReason());
        return out.innerNanos() / 1e6;
    }

    /** Prints one reference's medians and paired ratio; returns the median paired ratio. */
    private static double line(String name, List<Double> probelab, List<Double> ref) {
        double p = BenchCommand.median(probelab), r = BenchCommand.median(ref);
        List<Double> ratios = BenchCommand.pairedRatios(probelab, ref);
        double paired = BenchCommand.median(ratios);
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        String ci = MedianInterval.of(sorted).map(m -> String.format("%.3f-%.3f", m.low(), m.high())).orElse("n<6");
        System.out.printf("%-10s %3d %12.3f %12.3f %7.3f %7.3f %13s%n", name, probelab.size(), p, r, p / r, paired, ci);
        return paired;
    }

    /** The median over {@link #runs} of probelab's warm walk. */
    private double probelabMedian(Runtime.PlacedTree tree) throws Exception {
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < runs; i++) xs.add(probelabWalk(tree));
        return BenchCommand.median(xs);
    }

    /** One run of the job's phases on the tree; the warm walk's milliseconds. */
    private static double probelabWalk(Runtime.PlacedTree tree) throws Exception {
        Runtime.TreeRun run = tree.run(FilesProbe.PHASES, TIMEOUT_MILLIS);
        if (!run.result().ok()) throw new IllegalStateException("treewalk failed: " + run.result().reason());
        List<FilesProbe.Phase> phases = FilesProbe.parse(run.result().stdout());
        if (phases.size() != FilesProbe.PHASES.size()) throw new IllegalStateException("treewalk printed: " + run.result().stdout());
        return phases.get(FilesProbe.WARM_WALK).nanos() / 1e6;
    }

    private static List<String> walkerArgv(Path walker, Path dir, int walks) {
        List<String> argv = new ArrayList<>(List.of(walker.toString(), "-dir", dir.toString()));
        for (int i = 0; i < walks; i++) argv.add("walk");
        return argv;
    }

    /** hyperfine's median of {@code argv} in ms over {@link #runs} runs after two warm-up runs. */
    private double hyperfine(List<String> argv, Path work) throws Exception {
        return new Hyperfine(work, "hyperfine").medianMillis(new Runtime.UserCommand(argv, work, Map.of()),
                List.of("--warmup", "2", "--runs", Integer.toString(runs), "--output", "null"), TIMEOUT_MILLIS);
    }
}
