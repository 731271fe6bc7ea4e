package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import probelab.probe.BuildPhases;
import probelab.runtime.Runtime;

import java.util.concurrent.Callable;

/**
 * Probelab's build_ms (Runtime.build, exactly as a job calls it) against hyperfine timing the command a user types
 * for the same build ({@link Runtime#buildCommand}: no timing wrappers), natively and in containers, for the cold,
 * warm and incremental phases of the tiny workload. The two alternate build by build, so drift on a busy machine
 * hits both alike. With {@code --cache-mode none} or {@code fuse} (a cache that goes with the container) only cold
 * builds. Exits 1 when a median ratio is off by more than 5%.
 */
@Command(name = "builds", description = "Compare probelab's build_ms with hyperfine of the same command (cold, warm, incremental; native and containers).")
public final class BuildsBench implements Callable<Integer> {
    private static final long TIMEOUT_MILLIS = 30 * 60_000;

    @Mixin
    PairedBenchOptions options;
    @Option(names = "--cache-mode", description = "the cache mode where a runtime has it, e.g. fuse on podman-rootless "
            + "(default: volume, natively host); none and fuse keep nothing, so only cold builds")
    String cacheMode;

    @Override
    public Integer call() throws Exception {
        return options.run("builds", "command", "build_ms", "of which go build", (setup, run) -> benchRuntime(new Builds(setup, run)));
    }

    private boolean benchRuntime(Builds b) throws Exception {
        Runtime rt = b.run.runtime();
        String mode = cacheMode != null && rt.cacheModes().contains(cacheMode) ? cacheMode : cacheMode(rt);
        System.out.println(rt.id() + ": cache mode " + mode);
        PairedSamples cold = new PairedSamples(), warm = new PairedSamples(), inc = new PairedSamples();
        PairedSamples.alternate(options.coldRounds, () -> {
            try (Runtime.BuildCache fresh = rt.newBuildCache(mode, b.run.jobId())) {
                cold.add(b.probelab(fresh));
            }
        }, () -> {
            try (Runtime.BuildCache fresh = rt.newBuildCache(mode, b.run.jobId())) {
                cold.hyperfineMillis.add(b.hyperfine(fresh));
            }
        });
        if (BuildPhases.keepsNothing(mode)) return cold.print(rt.id(), "cold/" + mode);
        try (Runtime.BuildCache cache = rt.newBuildCache(mode, b.run.jobId())) {
            b.probelab(cache); // fills the cache: every later build is warm or incremental
            PairedSamples.alternate(options.rounds, () -> warm.add(b.probelab(cache)),
                    () -> warm.hyperfineMillis.add(b.hyperfine(cache)));
            PairedSamples.alternate(options.rounds, () -> {
                b.edit();
                inc.add(b.probelab(cache));
            }, () -> {
                b.edit();
                inc.hyperfineMillis.add(b.hyperfine(cache));
            });
        }
        return cold.print(rt.id(), "cold") & warm.print(rt.id(), "warm") & inc.print(rt.id(), "incremental");
    }

    /** The cache a developer's container builds keep: a named volume where the runtime has one (natively the host's). */
    static String cacheMode(Runtime rt) {
        return rt.cacheModes().contains("volume") ? "volume" : rt.cacheModes().get(0);
    }

    /** One runtime's builds of its workload, by probelab and by hyperfine. */
    private final class Builds {
        private final BenchSetup setup;
        private final BenchSetup.TinyRun run;
        private final Hyperfine hyperfine;
        private int nextEdit = 1000;

        Builds(BenchSetup setup, BenchSetup.TinyRun run) {
            this.setup = setup;
            this.run = run;
            this.hyperfine = new Hyperfine(run.work(), run.runtime().id());
        }

        /** Edits one file of the workload, as a developer does before an incremental build. */
        void edit() {
            run.generator().applyEdit(run.workload(), nextEdit++);
        }

        Runtime.BuildOutcome probelab(Runtime.BuildCache cache) throws Exception {
            Runtime.BuildOutcome o = run.runtime().build(setup.toolchain(), run.workload().dir(), run.workload().buildTargets(),
                    cache, TIMEOUT_MILLIS);
            if (!o.result().ok()) throw new IllegalStateException(run.runtime().id() + ": go build failed: " + o.result().reason());
            return o;
        }

        /** One hyperfine run of the user's command for this build; its wall time in ms. */
        double hyperfine(Runtime.BuildCache cache) throws Exception {
            Runtime.UserCommand cmd = run.runtime().buildCommand(setup.toolchain(), run.workload().dir(),
                    run.workload().buildTargets(), cache);
            return hyperfine.medianMillis(cmd, options.oneRun(), TIMEOUT_MILLIS);
        }
    }
}
