package probelab.cli;

import picocli.CommandLine.Option;

import java.util.List;

/** The options of the benches that pair probelab's Go commands with hyperfine's, run by run (builds, gotest). */
public final class PairedBenchOptions {
    @Option(names = "--runtime", split = ",", defaultValue = "native,docker,podman,docker-rootless,podman-rootless",
            description = "runtimes to compare (comma-separated)")
    List<String> runtimeIds;
    @Option(names = "--rounds", defaultValue = "5", description = "runs per tool in each phase after the cold one")
    int rounds;
    @Option(names = "--cold-rounds", defaultValue = "3", description = "cold runs per tool (each compiles the standard library)")
    int coldRounds;
    @Option(names = "--go", description = "toolchain (default newest)")
    String go;
    @Option(names = "--hyperfine-output", defaultValue = "pipe", description = "where hyperfine sends the command's output: "
            + "pipe (read and discarded, as probelab reads it), null (/dev/null) or inherit")
    String output;

    /** What a paired bench measures on one runtime, given the set-up every runtime shares. */
    interface PerRuntime {
        boolean run(BenchSetup setup, BenchSetup.TinyRun run) throws Exception;
    }

    /**
     * Runs a paired bench ({@code bench}: its name, {@code what}: the command in words) over the selected runtimes on the
     * tiny workload, under the header of {@code metric} with its inner part; exit status 0 when every ratio is within 5%.
     */
    int run(String bench, String what, String metric, String innerLabel, PerRuntime each) throws Exception {
        BenchSetup setup = BenchSetup.of(go);
        System.out.printf("go %s, tiny workload; hyperfine times the same %s without probelab's timers%n", setup.toolchain().version(), what);
        PairedSamples.printHeader(metric, innerLabel);
        boolean ok = setup.eachRuntimeOnTiny(bench, runtimeIds, run -> each.run(setup, run));
        System.out.println(ok ? "every ratio within 5%" : "a ratio is off by more than 5% (or a runtime is unavailable)");
        return ok ? 0 : 1;
    }

    /** hyperfine's options for one run of the user's command, its output sent where --hyperfine-output says. */
    List<String> oneRun() {
        return List.of("--runs", "1", "--output", output);
    }
}
