package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import probelab.analysis.MannWhitney;
import probelab.probe.Readiness;
import probelab.process.Exec;
import probelab.process.LoopbackPorts;
import probelab.runtime.OciCliRuntime;
import probelab.runtime.OciLabels;
import probelab.runtime.Runtime;
import probelab.toolchain.Toolchain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Probelab's cold start against an independent one, interleaved in rounds: a plain {@code run -d -p ...} timed by
 * a bash loop with {@code date +%s%N} and {@code curl}, outside probelab's code path. Both must agree within 5%
 * per runtime and rank the runtimes alike.
 */
@Command(name = "coldstart", description = "Compare probelab's cold start with a plain `run -d` timed by a bash/curl loop.")
public final class ColdStartBench implements Callable<Integer> {
    /**
     * The independent timer: $1 is the port, the rest is the run command as an argument list (never a string
     * pasted into the script). Prints nanoseconds from issuing the command to the first HTTP 200. Times come from
     * bash's $EPOCHREALTIME (no fork) and each poll is one curl process, so the loop adds as little as a shell can.
     */
    static final String TIMER_SCRIPT = """
            port=$1; shift
            t0=${EPOCHREALTIME/./}
            "$@" >/dev/null || exit 1
            until curl -s -f -o /dev/null -m 1 "http://127.0.0.1:$port/"; do
              (( ${EPOCHREALTIME/./} - t0 > 30000000 )) && exit 2
            done
            t1=${EPOCHREALTIME/./}
            echo $(( (t1 - t0) * 1000 ))
            """;
    private static final long TIMEOUT_MILLIS = 60_000;

    @Option(names = "--runtime", split = ",", defaultValue = "docker,podman,docker-rootless,podman-rootless",
            description = "container runtimes to compare (comma-separated)")
    List<String> runtimeIds;
    @Option(names = "--repeat", defaultValue = "15", description = "rounds (at least 7 for the 5%% check; podman's start times are bimodal, so more is steadier)")
    int repeat;
    @Option(names = "--go", description = "toolchain of the echo image (default newest)")
    String go;

    @Override
    public Integer call() throws Exception {
        BenchSetup setup = BenchSetup.of(go);
        Toolchain tc = setup.toolchain();
        Path echo = setup.echo();
        Map<String, OciCliRuntime> rts = new LinkedHashMap<>();
        for (String id : runtimeIds) {
            if (!(setup.runtimes().get(id) instanceof OciCliRuntime o)) throw new IllegalArgumentException(id + " is not a container runtime");
            rts.put(id, o);
        }
        String jobId = "bench-coldstart-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<Double>> probe = new LinkedHashMap<>();
        Map<String, List<Double>> plain = new LinkedHashMap<>();
        try {
            for (OciCliRuntime rt : rts.values()) {
                System.err.println("preparing " + rt.id());
                rt.prepare(tc, echo, jobId);
                probe.put(rt.id(), new ArrayList<>());
                plain.put(rt.id(), new ArrayList<>());
            }
            for (int round = 0; round <= repeat; round++) { // round 0 warms caches and is discarded
                for (OciCliRuntime rt : rts.values()) {
                    // alternate which goes first, so neither always follows the other's teardown
                    boolean probeFirst = round % 2 == 0;
                    double a = probeFirst ? probelab(rt, tc, echo, jobId) : independent(rt, tc, jobId);
                    double b = probeFirst ? independent(rt, tc, jobId) : probelab(rt, tc, echo, jobId);
                    if (round == 0) continue;
                    probe.get(rt.id()).add(probeFirst ? a : b);
                    plain.get(rt.id()).add(probeFirst ? b : a);
                    System.err.printf("round %d %-16s probelab %7.1f ms  run -d + curl %7.1f ms%n", round, rt.id(),
                            probe.get(rt.id()).get(round - 1), plain.get(rt.id()).get(round - 1));
                }
            }
        } finally {
            for (OciCliRuntime rt : rts.values()) rt.removeLeftovers(jobId);
        }
        return report(probe, plain);
    }

    private double probelab(OciCliRuntime rt, Toolchain tc, Path echo, String jobId) throws Exception {
        int port = LoopbackPorts.free();
        try (Runtime.Server s = rt.startServer(tc, echo, port, jobId)) {
            long ready = Readiness.awaitHttp200(port, 30_000, s::alive);
            return (ready - s.issuedAtNanos()) / 1e6;
        }
    }

    private double independent(OciCliRuntime rt, Toolchain tc, String jobId) throws Exception {
        int port = LoopbackPorts.free();
        String name = "probelab-bench-" + UUID.randomUUID().toString().substring(0, 12);
        String image = rt.echoImage(tc);
        List<String> run = rt.commandLine(List.of("run", "-d", "--name", name, "--label", OciLabels.LABEL + "=1",
                "--label", OciLabels.JOB_LABEL + "=" + jobId, "-p", "127.0.0.1:" + port + ":8080", image));
        List<String> argv = new ArrayList<>(List.of("bash", "-c", TIMER_SCRIPT, "coldstart-timer", Integer.toString(port)));
        argv.addAll(run);
        Exec.Result r = Exec.run(argv, TIMEOUT_MILLIS);
        Exec.run(rt.commandLine(List.of("rm", "-f", name)), TIMEOUT_MILLIS);
        if (!r.ok()) throw new IllegalStateException("independent run failed on " + rt.id() + ": " + r.reason());
        return Long.parseLong(r.stdout().strip()) / 1e6;
    }

    private static int report(Map<String, List<Double>> probe, Map<String, List<Double>> plain) {
        // the two timings of a round ran back to back, so the per-round ratio cancels the machine's drift between
        // rounds; its median is the agreement measure (the ratio of the medians is printed too: with starts that vary
        // by +/-20% it moves by several % on 15 rounds), and Mann-Whitney says whether the two could be told apart at all
        System.out.printf("%-16s %3s %14s %14s %15s %17s %10s%n", "runtime", "n", "probelab med.", "run -d+curl med.",
                "ratio of medians", "median round ratio", "MW p");
        boolean within = true;
        Map<String, Double> pm = new LinkedHashMap<>();
        Map<String, Double> im = new LinkedHashMap<>();
        for (String id : probe.keySet()) {
            double p = BenchCommand.median(probe.get(id));
            double i = BenchCommand.median(plain.get(id));
            pm.put(id, p);
            im.put(id, i);
            double paired = BenchCommand.medianPairedRatio(probe.get(id), plain.get(id));
            within &= Math.abs(paired - 1) <= 0.05;
            double mw = MannWhitney.test(array(probe.get(id)), array(plain.get(id))).pValue();
            System.out.printf("%-16s %3d %11.1f ms %14.1f ms %15.3f %17.3f %10.3g%n", id, probe.get(id).size(), p, i, p / i,
                    paired, mw);
        }
        List<String> pr = ranking(pm);
        List<String> ir = ranking(im);
        System.out.println("ranking, probelab:      " + String.join(" < ", pr));
        System.out.println("ranking, run -d + curl: " + String.join(" < ", ir));
        // two runtimes whose independent timings cannot be told apart (Mann-Whitney p >= 0.05) may come in either
        // order: what must agree is every pair the independent timer separates
        List<String> disagree = new ArrayList<>();
        List<String> ids = new ArrayList<>(probe.keySet());
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                String a = ids.get(i), b = ids.get(j);
                MannWhitney t = MannWhitney.test(array(plain.get(a)), array(plain.get(b)));
                boolean apart = t.pValue() < 0.05;
                boolean sameOrder = (pm.get(a) < pm.get(b)) == (im.get(a) < im.get(b));
                System.out.printf("  %s vs %s: run -d + curl p=%.3g (%s), %s%n", a, b, t.pValue(),
                        apart ? "apart" : "not apart", sameOrder ? "same order" : "order differs");
                if (apart && !sameOrder) disagree.add(a + "/" + b);
            }
        }
        System.out.println((within ? "every median round ratio within 5%" : "a median round ratio is outside 5%") + "; rankings "
                + (disagree.isEmpty() ? "agree on every pair the independent timer tells apart" : "DIFFER on " + disagree));
        return within && disagree.isEmpty() ? 0 : 1;
    }

    private static double[] array(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<String> ranking(Map<String, Double> medians) {
        return medians.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.naturalOrder())).map(Map.Entry::getKey).toList();
    }
}
