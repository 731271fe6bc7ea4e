package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import probelab.analysis.MannWhitney;
import probelab.analysis.MedianInterval;
import probelab.catalog.DevLoopWay;
import probelab.probe.DevLoopClock;
import probelab.probe.DevProjects;
import probelab.process.Exec;
import probelab.process.LoopbackPorts;
import probelab.runtime.Runtime;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Probelab's edit_to_serving_ms (the job's own clock, {@link DevLoopClock}) against probes/bench/devloop-check.sh, which
 * makes the same edit and times it with bash alone (its clock, its /dev/tcp, no fork while polling), on the same
 * running dev loop of the tiny workload, natively and in containers, in each way (where a way has the developer's own
 * rebuild and restart commands, the check runs the same commands after its edit). The two alternate edit by edit, so drift hits both alike. Exits 1 when a median paired ratio is
 * off by more than 10% (both poll every 5 ms; the loop takes ~600-900 ms).
 */
@Command(name = "devloop", description = "Compare probelab's edit_to_serving_ms with a bash-only timing of the same edit on the same dev loop.")
public final class DevLoopBench implements Callable<Integer> {
    private static final long TIMEOUT_MILLIS = 10 * 60_000;

    @Option(names = "--runtime", split = ",", defaultValue = "native,docker,podman,docker-rootless,podman-rootless",
            description = "runtimes to compare (comma-separated)")
    List<String> runtimeIds;
    @Option(names = "--way", split = ",", defaultValue = "watch,entr,restart,image",
            description = "dev loop ways to compare (comma-separated); a way a runtime cannot run is listed as n/a")
    List<String> wayIds;
    @Option(names = "--rounds", defaultValue = "8", description = "edits per tool and runtime")
    int rounds;
    @Option(names = "--go", description = "toolchain (default newest)")
    String go;

    @Override
    public Integer call() throws Exception {
        BenchSetup setup = BenchSetup.of(go);
        Path script = setup.config().probesDir().resolve("bench").resolve("devloop-check.sh");
        System.out.printf("go %s, tiny workload; the check is %s (bash alone: $EPOCHREALTIME, /dev/tcp, no fork in the loop)%n", setup.toolchain().version(), script);
        System.out.printf("%-16s %-8s %3s %14s %14s %7s %7s %13s %7s%n", "runtime", "way", "n", "probelab ms", "bash ms", "ratio",
                "paired", "paired 95% CI", "MW p");
        List<DevLoopWay> ways = wayIds.stream().map(DevLoopWay::parse).toList();
        boolean ok = setup.eachRuntimeOnTiny("devloop", runtimeIds, run -> {
            Runtime rt = run.runtime();
            String mode = rt.cacheModes().contains("volume") ? "volume" : rt.cacheModes().get(0);
            boolean passed = true;
            for (DevLoopWay way : ways) {
                String never = rt.devLoopNotApplicable(way);
                if (never != null) {
                    System.out.printf("%-16s %-8s n/a: %s%n", rt.id(), way.id(), never);
                    continue;
                }
                // each way edits its own copy, so that no watcher sees another way's edits
                Workload w = run.generator().copyTo(run.workload(), run.work().resolve(rt.id() + "-" + way.id()));
                Runtime.DevProject project = DevProjects.of(way, rt, setup.toolchain(), run.jobId(), run.generator(), w);
                try (Runtime.BuildCache cache = rt.newBuildCache(mode, run.jobId())) {
                    int port = LoopbackPorts.free();
                    try (Runtime.DevLoop loop = rt.startDevLoop(way, setup.toolchain(), project, cache, port, run.jobId())) {
                        DevLoopClock.awaitFirstAnswer(port, loop, TIMEOUT_MILLIS);
                        passed &= compare(rt.id() + " " + way.id(), run.generator(), w, port, loop, script);
                    }
                }
            }
            return passed;
        });
        System.out.println(ok ? "every paired ratio within 10%" : "a ratio is off by more than 10% (or a runtime is unavailable)");
        return ok ? 0 : 1;
    }

    private boolean compare(String runtime, WorkloadGenerator gen, Workload w, int port, Runtime.DevLoop loop, Path script)
            throws Exception {
        List<Double> probelab = new ArrayList<>(), shell = new ArrayList<>();
        DevLoopClock.editToServingMillis(gen, w, 0, port, loop); // the first edit after the start: discarded by both
        int edit = 1;
        for (int round = 0; round < rounds; round++) {
            boolean probelabFirst = round % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                if ((turn == 0) == probelabFirst) {
                    probelab.add(DevLoopClock.editToServingMillis(gen, w, edit++, port, loop));
                } else {
                    List<String> check = new ArrayList<>(List.of("bash", script.toString(), w.editFile().toString(),
                            Integer.toString(edit++), Integer.toString(port)));
                    check.addAll(commandArgs(loop.editCommands()));
                    Exec.Result r = Exec.run(check, DevLoopClock.EDIT_TIMEOUT_MILLIS + 10_000);
                    if (!r.ok()) throw new IllegalStateException(runtime + ": devloop-check.sh failed: " + r.reason());
                    shell.add(Double.parseDouble(r.stdout().strip()));
                }
            }
        }
        double p = BenchCommand.median(probelab), s = BenchCommand.median(shell);
        List<Double> ratios = BenchCommand.pairedRatios(probelab, shell);
        double paired = BenchCommand.median(ratios);
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        String ci = MedianInterval.of(sorted).map(m -> String.format("%.3f-%.3f", m.low(), m.high())).orElse("n<6");
        double mw = MannWhitney.test(probelab.stream().mapToDouble(Double::doubleValue).toArray(),
                shell.stream().mapToDouble(Double::doubleValue).toArray()).pValue();
        System.out.printf("%-25s %3d %14.1f %14.1f %7.3f %7.3f %13s %7.3f%n", runtime, probelab.size(), p, s, p / s, paired, ci, mw);
        return Math.abs(paired - 1) <= 0.10;
    }

    /**
     * The loop's edit commands as devloop-check.sh takes them: each through env(1) with its directory and variables
     * ({@code env -C DIR K=V ... ARGV}), separated by {@code ::}.
     */
    static List<String> commandArgs(List<Runtime.UserCommand> commands) {
        List<String> args = new ArrayList<>();
        for (Runtime.UserCommand c : commands) {
            if (!args.isEmpty()) args.add("::");
            args.add("env");
            if (c.dir() != null) args.addAll(List.of("-C", c.dir().toString()));
            new java.util.TreeMap<>(c.env()).forEach((k, v) -> args.add(k + "=" + v));
            args.addAll(c.argv());
        }
        return args;
    }
}
