package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import probelab.runtime.Runtime;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Probelab's go_test_ms and go_test_race_ms (Runtime.goTest, exactly as a job calls it on the workload's packages)
 * against hyperfine timing the {@code go test -count=1} a user types for the same run ({@link Runtime#testCommand}: no
 * timing wrappers), natively and in containers, cold and warm (and warm with -race where it links) on the tiny
 * workload. The two alternate run by run, so drift on a busy machine hits both alike. Exits 1 when a median paired
 * ratio is off by more than 5%.
 */
@Command(name = "gotest", description = "Compare probelab's go_test_ms with hyperfine of the same go test command (cold, warm, -race; native and containers).")
public final class GoTestBench implements Callable<Integer> {
    private static final long TIMEOUT_MILLIS = 30 * 60_000;

    @Mixin
    PairedBenchOptions options;

    @Override
    public Integer call() throws Exception {
        return options.run("gotest", "go test", "go_test_ms", "of which go test", (setup, run) -> benchRuntime(new Tests(setup, run)));
    }

    private boolean benchRuntime(Tests t) throws Exception {
        Runtime rt = t.run.runtime();
        String mode = BuildsBench.cacheMode(rt);
        PairedSamples cold = new PairedSamples(), warm = new PairedSamples(), race = new PairedSamples();
        PairedSamples.alternate(options.coldRounds, () -> {
            try (Runtime.BuildCache fresh = rt.newBuildCache(mode, t.run.jobId())) {
                cold.add(t.probelab(fresh, false));
            }
        }, () -> {
            try (Runtime.BuildCache fresh = rt.newBuildCache(mode, t.run.jobId())) {
                cold.hyperfineMillis.add(t.hyperfine(fresh, false));
            }
        });
        String raceWhy = rt.raceNotApplicable(t.setup.toolchain());
        try (Runtime.BuildCache cache = rt.newBuildCache(mode, t.run.jobId())) {
            // as a job's cell does: the test binaries (and -race's instrumented packages) compiled once, unmeasured
            t.probelab(cache, false);
            if (raceWhy == null) t.probelab(cache, true);
            PairedSamples.alternate(options.rounds, () -> warm.add(t.probelab(cache, false)),
                    () -> warm.hyperfineMillis.add(t.hyperfine(cache, false)));
            if (raceWhy == null) {
                PairedSamples.alternate(options.rounds, () -> race.add(t.probelab(cache, true)),
                        () -> race.hyperfineMillis.add(t.hyperfine(cache, true)));
            }
        }
        boolean ok = cold.print(rt.id(), "cold") & warm.print(rt.id(), "warm");
        if (raceWhy == null) return race.print(rt.id(), "warm -race") & ok;
        // a runtime that can never link -race has no go_test_race_ms to check: said, not failed
        System.out.printf("%-16s %-12s not applicable: %s%n", rt.id(), "warm -race", raceWhy);
        return ok;
    }

    /** One runtime's go test runs of its workload's packages, by probelab and by hyperfine. */
    private final class Tests {
        private final BenchSetup setup;
        private final BenchSetup.TinyRun run;
        private final Hyperfine hyperfine;

        Tests(BenchSetup setup, BenchSetup.TinyRun run) {
            this.setup = setup;
            this.run = run;
            this.hyperfine = new Hyperfine(run.work(), run.runtime().id());
        }

        /** The packages a job's go test runs on (GoTestProbe): the workload's build targets. */
        private List<String> packages() {
            return run.workload().buildTargets();
        }

        Runtime.BuildOutcome probelab(Runtime.BuildCache cache, boolean race) throws Exception {
            Runtime.BuildOutcome o = run.runtime().goTest(setup.toolchain(), run.workload().dir(), packages(), cache, race,
                    TIMEOUT_MILLIS);
            if (!o.result().ok()) throw new IllegalStateException(run.runtime().id() + ": go test failed: " + o.result().reason());
            return o;
        }

        /** One hyperfine run of the user's go test; its wall time in ms. */
        double hyperfine(Runtime.BuildCache cache, boolean race) throws Exception {
            Runtime.UserCommand cmd = run.runtime().testCommand(setup.toolchain(), run.workload().dir(), packages(), cache, race);
            return hyperfine.medianMillis(cmd, options.oneRun(), TIMEOUT_MILLIS);
        }
    }
}
