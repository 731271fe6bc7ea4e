package probelab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import probelab.process.Exec;
import probelab.process.FileTrees;
import probelab.runtime.Runtime;
import probelab.workload.ProjectSize;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Probelab's build_ms (Runtime.build, exactly as a job calls it) against hyperfine timing the command a user types
 * for the same build ({@link Runtime#buildCommand}: no timing wrappers), natively and in containers, for the cold,
 * warm and incremental phases of the tiny workload. The two alternate build by build, so drift on a busy machine
 * hits both alike. Exits 1 when a median ratio is off by more than 5%.
 */
@Command(name = "builds", description = "Compare probelab's build_ms with hyperfine of the same command (cold, warm, incremental; native and containers).")
public final class BuildsBench implements Callable<Integer> {
    /**
     * What hyperfine runs (in bash, whose start-up it subtracts): the NUL-separated argv in $PROBELAB_BENCH_ARGV,
     * exec'd as it is, so no argument is ever pasted into a shell string.
     */
    static final String EXEC_ARGV = "mapfile -d '' -t a < \"$PROBELAB_BENCH_ARGV\"; exec \"${a[@]}\"";
    private static final long TIMEOUT_MILLIS = 30 * 60_000;

    @Option(names = "--runtime", split = ",", defaultValue = "native,docker,podman,docker-rootless,podman-rootless",
            description = "runtimes to compare (comma-separated)")
    List<String> runtimeIds;
    @Option(names = "--rounds", defaultValue = "5", description = "builds per tool for the warm and incremental phases")
    int rounds;
    @Option(names = "--cold-rounds", defaultValue = "3", description = "cold builds per tool (each compiles the standard library)")
    int coldRounds;
    @Option(names = "--go", description = "toolchain (default newest)")
    String go;
    @Option(names = "--hyperfine-output", defaultValue = "pipe", description = "where hyperfine sends the build's output: "
            + "pipe (read and discarded, as probelab reads it), null (/dev/null) or inherit")
    String output;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        BenchSetup setup = BenchSetup.of(go);
        WorkloadGenerator gen = new WorkloadGenerator(setup.config().workloadsDir());
        Path work = Files.createDirectories(setup.config().scratchDir()).resolve("bench-builds-" + ProcessHandle.current().pid());
        String jobId = "bench-builds-" + UUID.randomUUID().toString().substring(0, 8);
        System.out.printf("go %s, tiny workload; hyperfine times the same command without probelab's timers%n", setup.toolchain().version());
        System.out.printf("%-16s %-12s %3s %12s %12s %7s %7s %13s %7s %14s%n", "runtime", "phase", "n", "build_ms",
                "hyperfine ms", "ratio", "paired", "paired 95% CI", "MW p", "of which go build");
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
                ok &= benchRuntime(rt, new Builds(rt, setup, w, jobId, work), gen);
            }
        } finally {
            for (String id : runtimeIds) setup.runtimes().get(id).removeLeftovers(jobId);
            FileTrees.deleteBestEffort(work);
        }
        System.out.println(ok ? "every ratio within 5%" : "a ratio is off by more than 5% (or a runtime is unavailable)");
        return ok ? 0 : 1;
    }

    private boolean benchRuntime(Runtime rt, Builds b, WorkloadGenerator gen) throws Exception {
        String mode = rt.cacheModes().contains("volume") ? "volume" : rt.cacheModes().get(0);
        Samples cold = new Samples(), warm = new Samples(), inc = new Samples();
        for (int round = 0; round < coldRounds; round++) {
            boolean probeFirst = round % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                try (Runtime.BuildCache fresh = rt.newBuildCache(mode, b.jobId)) {
                    if ((turn == 0) == probeFirst) cold.add(b.probelab(fresh));
                    else cold.hyperfineMillis.add(b.hyperfine(fresh));
                }
            }
        }
        try (Runtime.BuildCache cache = rt.newBuildCache(mode, b.jobId)) {
            b.probelab(cache); // fills the cache: every later build is warm or incremental
            int edit = 1000;
            for (int round = 0; round < rounds; round++) {
                boolean probeFirst = round % 2 == 0;
                for (int turn = 0; turn < 2; turn++) {
                    if ((turn == 0) == probeFirst) warm.add(b.probelab(cache));
                    else warm.hyperfineMillis.add(b.hyperfine(cache));
                }
            }
            for (int round = 0; round < rounds; round++) {
                boolean probeFirst = round % 2 == 0;
                for (int turn = 0; turn < 2; turn++) {
                    gen.applyEdit(b.workload, edit++);
                    if ((turn == 0) == probeFirst) inc.add(b.probelab(cache));
                    else inc.hyperfineMillis.add(b.hyperfine(cache));
                }
            }
        }
        return cold.print(rt.id(), "cold") & warm.print(rt.id(), "warm") & inc.print(rt.id(), "incremental");
    }

    /** One runtime's builds of one workload, by probelab and by hyperfine. */
    private final class Builds {
        private final Runtime rt;
        private final BenchSetup setup;
        private final Workload workload;
        private final String jobId;
        private final Path argvFile;
        private final Path jsonFile;

        Builds(Runtime rt, BenchSetup setup, Workload workload, String jobId, Path work) {
            this.rt = rt;
            this.setup = setup;
            this.workload = workload;
            this.jobId = jobId;
            this.argvFile = work.resolve(rt.id() + ".argv");
            this.jsonFile = work.resolve(rt.id() + ".json");
        }

        Runtime.BuildOutcome probelab(Runtime.BuildCache cache) throws Exception {
            Runtime.BuildOutcome o = rt.build(setup.toolchain(), workload.dir(), workload.buildTargets(), cache, TIMEOUT_MILLIS);
            if (!o.result().ok()) throw new IllegalStateException(rt.id() + ": go build failed: " + o.result().reason());
            return o;
        }

        /** One hyperfine run of the user's command for this build; its wall time in ms. */
        double hyperfine(Runtime.BuildCache cache) throws Exception {
            Runtime.UserCommand cmd = rt.buildCommand(setup.toolchain(), workload.dir(), workload.buildTargets(), cache);
            ByteArrayOutputStream argv = new ByteArrayOutputStream();
            for (String a : cmd.argv()) {
                argv.writeBytes(a.getBytes(StandardCharsets.UTF_8));
                argv.write(0);
            }
            Files.write(argvFile, argv.toByteArray());
            Map<String, String> env = new HashMap<>(cmd.env());
            env.put("PROBELAB_BENCH_ARGV", argvFile.toString());
            Exec.Result r = Exec.run(List.of("hyperfine", "--style", "none", "--shell", "bash", "--runs", "1", "--output", output,
                    "--export-json", jsonFile.toString(), EXEC_ARGV), cmd.dir(), env, TIMEOUT_MILLIS);
            if (!r.ok()) throw new IllegalStateException("hyperfine failed on " + rt.id() + " (install it with ./probelab setup): " + r.reason());
            return json.readTree(jsonFile.toFile()).get("results").get(0).get("median").asDouble() * 1e3;
        }
    }

    /** Both tools' times of one phase, and go build's own time inside probelab's builds. */
    private static final class Samples {
        final List<Double> probelabMillis = new ArrayList<>();
        final List<Double> innerMillis = new ArrayList<>();
        final List<Double> hyperfineMillis = new ArrayList<>();

        void add(Runtime.BuildOutcome o) {
            probelabMillis.add(o.wallNanos() / 1e6);
            if (o.innerNanos() >= 0) innerMillis.add(o.innerNanos() / 1e6);
        }

        /** Prints the row; true when the median of the per-round ratios (a round's two builds ran back to back) is within 5%. */
        boolean print(String runtime, String phase) {
            double p = BenchCommand.median(probelabMillis), h = BenchCommand.median(hyperfineMillis);
            List<Double> ratios = BenchCommand.pairedRatios(probelabMillis, hyperfineMillis);
            double paired = BenchCommand.median(ratios);
            String inner = innerMillis.isEmpty() ? "n/a" : String.format("%.0f ms", BenchCommand.median(innerMillis));
            // how sure that median is: its 95% interval (order statistics; none below 6 rounds), and whether the two
            // tools' samples can be told apart at all (Mann-Whitney)
            double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            String ci = probelab.analysis.MedianInterval.of(sorted)
                    .map(m -> String.format("%.3f-%.3f", m.low(), m.high())).orElse("n<6");
            double mw = probelab.analysis.MannWhitney.test(probelabMillis.stream().mapToDouble(Double::doubleValue).toArray(),
                    hyperfineMillis.stream().mapToDouble(Double::doubleValue).toArray()).pValue();
            System.out.printf("%-16s %-12s %3d %12.1f %12.1f %7.3f %7.3f %13s %7.3f %14s%n", runtime, phase, probelabMillis.size(),
                    p, h, p / h, paired, ci, mw, inner);
            return Math.abs(paired - 1) <= 0.05;
        }
    }
}
