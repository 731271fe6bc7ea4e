package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import probelab.analysis.MannWhitney;
import probelab.analysis.MedianInterval;
import probelab.probe.DevLoopClock;
import probelab.process.Exec;
import probelab.process.FileTrees;
import probelab.process.LoopbackPorts;
import probelab.runtime.Runtime;
import probelab.workload.ProjectSize;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Probelab's edit_to_serving_ms (the job's own clock, {@link DevLoopClock}) against probes/bench/devloop-check.sh, which
 * makes the same edit and times it with bash alone (its clock, its /dev/tcp, no fork while polling), on the same
 * running dev loop of the tiny workload, natively and in containers. The two alternate edit by edit, so drift hits both alike. Exits 1 when a median paired ratio is
 * off by more than 10% (both poll every 5 ms; the loop takes ~600-900 ms).
 */
@Command(name = "devloop", description = "Compare probelab's edit_to_serving_ms with a bash-only timing of the same edit on the same dev loop.")
public final class DevLoopBench implements Callable<Integer> {
    private static final long TIMEOUT_MILLIS = 10 * 60_000;

    @Option(names = "--runtime", split = ",", defaultValue = "native,docker,podman,docker-rootless,podman-rootless",
            description = "runtimes to compare (comma-separated)")
    List<String> runtimeIds;
    @Option(names = "--rounds", defaultValue = "8", description = "edits per tool and runtime")
    int rounds;
    @Option(names = "--go", description = "toolchain (default newest)")
    String go;

    @Override
    public Integer call() throws Exception {
        BenchSetup setup = BenchSetup.of(go);
        WorkloadGenerator gen = new WorkloadGenerator(setup.config().workloadsDir());
        Path work = Files.createDirectories(setup.config().scratchDir()).resolve("bench-devloop-" + ProcessHandle.current().pid());
        Path script = setup.config().probesDir().resolve("bench").resolve("devloop-check.sh");
        String jobId = "bench-devloop-" + UUID.randomUUID().toString().substring(0, 8);
        System.out.printf("go %s, tiny workload; the check is %s (bash alone: $EPOCHREALTIME, /dev/tcp, no fork in the loop)%n", setup.toolchain().version(), script);
        System.out.printf("%-16s %3s %14s %14s %7s %7s %13s %7s%n", "runtime", "n", "probelab ms", "bash ms", "ratio",
                "paired", "paired 95% CI", "MW p");
        boolean ok = true;
        try {
            for (String id : runtimeIds) {
                var prepared = setup.prepared(id, jobId);
                if (prepared.isEmpty()) {
                    ok = false;
                    continue;
                }
                Runtime rt = prepared.get();
                Workload w = gen.copyTo(gen.ensure(ProjectSize.TINY), work.resolve(id));
                String mode = rt.cacheModes().contains("volume") ? "volume" : rt.cacheModes().get(0);
                try (Runtime.BuildCache cache = rt.newBuildCache(mode, jobId)) {
                    int port = LoopbackPorts.free();
                    try (Runtime.DevLoop loop = rt.startDevLoop(setup.toolchain(), w.dir(), w.serveTarget(), cache, port, jobId)) {
                        DevLoopClock.awaitFirstAnswer(port, loop, TIMEOUT_MILLIS);
                        ok &= compare(id, gen, w, port, loop, script);
                    }
                }
            }
        } finally {
            for (String id : runtimeIds) setup.runtimes().get(id).removeLeftovers(jobId);
            FileTrees.deleteBestEffort(work);
        }
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
                    Exec.Result r = Exec.run(List.of("bash", script.toString(), w.editFile().toString(),
                            Integer.toString(edit++), Integer.toString(port)), DevLoopClock.EDIT_TIMEOUT_MILLIS + 10_000);
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
        System.out.printf("%-16s %3d %14.1f %14.1f %7.3f %7.3f %13s %7.3f%n", runtime, probelab.size(), p, s, p / s, paired, ci, mw);
        return Math.abs(paired - 1) <= 0.10;
    }
}
