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

    /** hyperfine's options for one run of the user's command, its output sent where --hyperfine-output says. */
    List<String> oneRun() {
        return List.of("--runs", "1", "--output", output);
    }
}
