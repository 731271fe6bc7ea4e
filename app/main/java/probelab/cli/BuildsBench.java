package probelab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import probelab.Config;
import probelab.process.Exec;
import probelab.process.FileTrees;
import probelab.runtime.GoTime;
import probelab.runtime.NativeRuntime;
import probelab.runtime.Runtime;
import probelab.toolchain.Toolchain;
import probelab.toolchain.Toolchains;
import probelab.workload.ProjectSize;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Probelab's native build_ms (NativeRuntime.build, exactly as a job calls it) against hyperfine timing the same
 * {@code go build} command line with the same environment, for the cold, warm and incremental phases of the tiny
 * workload. Prints both medians and their ratio; exits 1 when a ratio is off by more than 5%.
 */
@Command(name = "builds", description = "Compare probelab's native build_ms with hyperfine of the same go build (cold, warm, incremental).")
public final class BuildsBench implements Callable<Integer> {
    private static final long TIMEOUT_MILLIS = 30 * 60_000;

    @Option(names = "--runs", defaultValue = "5", description = "measured builds per phase and tool (warm, incremental)")
    int runs;
    @Option(names = "--cold-runs", defaultValue = "3", description = "measured cold builds per tool (each compiles the standard library)")
    int coldRuns;
    @Option(names = "--go", description = "toolchain (default newest)")
    String go;

    @Override
    public Integer call() throws Exception {
        Config config = Config.fromEnvironment(null);
        Toolchains tcs = Toolchains.discover();
        Toolchain tc = go == null ? tcs.newest() : tcs.resolve(go);
        NativeRuntime rt = new NativeRuntime(config.scratchDir(), new GoTime(config.probesDir(), config.binDir()));
        WorkloadGenerator gen = new WorkloadGenerator(config.workloadsDir());
        Path work = Files.createDirectories(config.scratchDir()).resolve("bench-builds-" + ProcessHandle.current().pid());
        Workload w = gen.copyTo(gen.ensure(ProjectSize.TINY), work.resolve("tiny"));
        Path hfCache = work.resolve("gocache");
        ObjectMapper json = new ObjectMapper();
        try {
            String cmd = shellCommand(tc, w);
            Map<String, String> env = NativeRuntime.goEnv(tc, hfCache);
            String resetCache = "rm -rf " + hfCache + " && mkdir -p " + hfCache;
            String edit = "sed -i -E 's/^([ \\t]*revision := )[0-9]+( \\/\\/ probelab:edit)/\\1'$(date +%s%N)'\\2/' " + w.editFile();
            System.out.printf("go %s, tiny workload (%s), command: %s%n", tc.version(), w.dir(), cmd);
            System.out.printf("%-12s %14s %14s %14s %8s %12s%n", "phase", "build_ms", "build_inner_ms", "hyperfine ms", "ratio",
                    "inner ratio");
            boolean ok = true;

            // cold: a fresh cache each time
            List<Double> cold = new ArrayList<>(), coldInner = new ArrayList<>();
            for (int i = 0; i < coldRuns; i++) {
                try (Runtime.BuildCache cache = rt.newBuildCache("host", "bench-builds")) {
                    Runtime.BuildOutcome o = build(rt, tc, w, cache);
                    cold.add(o.wallNanos() / 1e6);
                    coldInner.add(o.innerNanos() / 1e6);
                }
            }
            ok &= row("cold", cold, coldInner, hyperfine(json, cmd, env, w.dir(), work, coldRuns, 0, resetCache));

            // warm and incremental: one cache, filled first
            try (Runtime.BuildCache cache = rt.newBuildCache("host", "bench-builds")) {
                build(rt, tc, w, cache);
                List<Double> warm = new ArrayList<>(), warmInner = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    Runtime.BuildOutcome o = build(rt, tc, w, cache);
                    warm.add(o.wallNanos() / 1e6);
                    warmInner.add(o.innerNanos() / 1e6);
                }
                List<Double> inc = new ArrayList<>(), incInner = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    gen.applyEdit(w, 1000 + i);
                    Runtime.BuildOutcome o = build(rt, tc, w, cache);
                    inc.add(o.wallNanos() / 1e6);
                    incInner.add(o.innerNanos() / 1e6);
                }
                Exec.Result fill = Exec.run(List.of("sh", "-c", resetCache), 60_000);
                if (!fill.ok()) throw new IllegalStateException(fill.reason());
                ok &= row("warm", warm, warmInner, hyperfine(json, cmd, env, w.dir(), work, runs, 1, null));
                ok &= row("incremental", inc, incInner, hyperfine(json, cmd, env, w.dir(), work, runs, 1, edit));
            }
            System.out.println(ok ? "all ratios within 5%" : "a ratio is off by more than 5%");
            return ok ? 0 : 1;
        } finally {
            FileTrees.deleteBestEffort(work);
        }
    }

    private static Runtime.BuildOutcome build(NativeRuntime rt, Toolchain tc, Workload w, Runtime.BuildCache cache) throws Exception {
        Runtime.BuildOutcome o = rt.build(tc, w.dir(), w.buildTargets(), cache, TIMEOUT_MILLIS);
        if (!o.result().ok()) throw new IllegalStateException("go build failed: " + o.result().reason());
        return o;
    }

    /** The go build command line NativeRuntime runs (without the timing wrappers), for hyperfine's shell. */
    private static String shellCommand(Toolchain tc, Workload w) {
        List<String> cmd = new ArrayList<>(List.of(tc.goBinary().toString(), "build"));
        if (w.buildTargets().size() == 1 && !w.buildTargets().get(0).endsWith("...")) cmd.addAll(List.of("-o", "/dev/null"));
        cmd.addAll(w.buildTargets());
        return String.join(" ", cmd);
    }

    /** hyperfine's median in ms; {@code prepare} runs before each timed run (not timed), {@code warmup} runs are discarded. */
    private static double hyperfine(ObjectMapper json, String cmd, Map<String, String> env, Path dir, Path work, int runs,
                                    int warmup, String prepare) throws Exception {
        Path out = work.resolve("hyperfine.json");
        List<String> args = new ArrayList<>(List.of("hyperfine", "--style", "none", "--runs", Integer.toString(runs),
                "--warmup", Integer.toString(warmup), "--export-json", out.toString()));
        if (prepare != null) args.addAll(List.of("--prepare", prepare));
        args.add(cmd);
        Exec.Result r = Exec.run(args, dir, env, TIMEOUT_MILLIS);
        if (!r.ok()) throw new IllegalStateException("hyperfine failed (install it with ./probelab setup): " + r.reason());
        JsonNode doc = json.readTree(out.toFile());
        return doc.get("results").get(0).get("median").asDouble() * 1e3;
    }

    private static boolean row(String phase, List<Double> probe, List<Double> inner, double hyperfineMs) {
        double p = median(probe), ratio = p / hyperfineMs, in = median(inner);
        System.out.printf("%-12s %14.1f %14.1f %14.1f %8.3f %12.3f%n", phase, p, in, hyperfineMs, ratio, in / hyperfineMs);
        return Math.abs(ratio - 1) <= 0.05;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
