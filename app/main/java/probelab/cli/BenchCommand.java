package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import probelab.catalog.Metric;
import probelab.Config;
import probelab.OpenDatabase;
import probelab.probe.HttpClosedLoop;
import probelab.process.FileTrees;
import probelab.storage.samples.Environment;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;
import probelab.workload.ProjectSize;
import probelab.workload.WorkloadGenerator;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

/** Benchmarks of probelab itself against references, as ratios measured in one run. */
@Command(name = "bench", description = "Benchmark probelab against references (wrk, a plain run -d) and its own store.",
        subcommands = {BenchCommand.Rtt.class, LoadBench.class, ColdStartBench.class, BuildsBench.class, GoTestBench.class, DevLoopBench.class, FilesBench.class, BenchCommand.Ingest.class, BenchCommand.Workloads.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /**
     * Probe vs wrk -t1 -c1 on the same native echo server, interleaved in rounds whose order alternates (wrk first in
     * odd rounds, the probe first in even ones): whichever runs second in a round meets a server the first just
     * loaded, so a fixed order would bias the ratio.
     */
    @Command(name = "rtt", description = "Compare the probe's closed-loop p50 and throughput with wrk -t1 -c1.")
    public static final class Rtt implements Callable<Integer> {
        @Option(names = "--rounds", defaultValue = "8", description = "rounds, each one window of each tool (default 8)")
        int rounds;
        @Option(names = "--seconds", defaultValue = "5")
        int seconds;
        @Option(names = "--go", description = "toolchain that builds the echo server (default newest)")
        String go;

        @Override
        public Integer call() throws Exception {
            try (BenchSetup.RunningEcho server = BenchSetup.of(go).startEcho()) {
                URI url = server.url("/");
                HttpClosedLoop.run(url, 1000); // warmup, discarded
                System.out.printf("%-6s %-6s %12s %12s %12s %12s %8s %8s%n", "round", "first", "probe p50", "wrk p50",
                        "probe rps", "wrk rps", "p50 ratio", "rps ratio");
                List<Double> p50Ratios = new ArrayList<>();
                List<Double> rpsRatios = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    boolean wrkFirst = r % 2 == 1;
                    var wrk = wrkFirst ? Wrk.run(url, 1, 1, seconds) : null;
                    var probe = HttpClosedLoop.run(url, seconds * 1000L);
                    if (!wrkFirst) wrk = Wrk.run(url, 1, 1, seconds);
                    double probeP50 = probe.latencyNanos().getValueAtPercentile(50) / 1e3;
                    double p50Ratio = probeP50 / wrk.p50Micros();
                    double rpsRatio = probe.throughputRps() / wrk.rps();
                    p50Ratios.add(p50Ratio);
                    rpsRatios.add(rpsRatio);
                    System.out.printf("%-6d %-6s %10.1fus %10.1fus %12.0f %12.0f %8.3f %8.3f%n", r, wrkFirst ? "wrk" : "probe",
                            probeP50, wrk.p50Micros(),
                            probe.throughputRps(), wrk.rps(), p50Ratio, rpsRatio);
                }
                double p50 = median(p50Ratios), rps = median(rpsRatios);
                System.out.printf("median p50 ratio (probe/wrk) %.3f (target 0.90-1.10); median throughput ratio %.3f (target 0.90-1.10)%n",
                        p50, rps);
                return p50 >= 0.90 && p50 <= 1.10 && rps >= 0.90 && rps <= 1.10 ? 0 : 1;
            }
        }
    }

    /** Rows per second through SampleStore: one-by-one committed inserts and appender batches. */
    @Command(name = "ingest", description = "Measure sample ingest rate into a scratch DuckDB file.")
    public static final class Ingest implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "200000")
        int rows;
        @Option(names = "--single-rows", defaultValue = "2000")
        int singleRows;

        @Override
        public Integer call() throws Exception {
            Path dir = Files.createTempDirectory("probelab-ingest");
            try (OpenDatabase data = new OpenDatabase(Config.fromEnvironment(dir.resolve("bench.duckdb")), OpenDatabase.Mode.CREATE)) {
                SampleStore store = data.store();
                store.createJob("bench", "{}", Instant.now());
                Environment env = new Environment("bench", "", "", 0, 0, "", "", "", Config.VERSION, "");
                store.createRun(new RunRow("bench-0", "bench", "native", "1.23.5", "tiny", Instant.now(), env,
                        RunRow.WorkloadCounts.NONE));
                Random rnd = new Random(42);
                long t0 = System.nanoTime();
                for (int i = 0; i < singleRows; i++) {
                    store.addSample(SampleRow.ok("bench-0", Metric.RTT_P50_US, "", i + 1, 50 + rnd.nextGaussian() * 5, null));
                }
                double singleRate = singleRows / ((System.nanoTime() - t0) / 1e9);
                List<SampleRow> batch = new ArrayList<>(rows);
                for (int i = 0; i < rows; i++) {
                    batch.add(SampleRow.ok("bench-0", Metric.RTT_P99_US, "", i + 1, 200 + rnd.nextGaussian() * 20, null));
                }
                long t1 = System.nanoTime();
                store.addSamples(batch);
                double batchRate = rows / ((System.nanoTime() - t1) / 1e9);
                System.out.printf("committed one at a time (as a job writes): %,.0f rows/s over %,d rows%n", singleRate, singleRows);
                System.out.printf("appender batch: %,.0f rows/s over %,d rows%n", batchRate, rows);
            } finally {
                FileTrees.deleteBestEffort(dir);
            }
            return 0;
        }
    }

    /** Time to generate each workload size from scratch, with its real counts. */
    @Command(name = "workloads", description = "Time the generation of each project size.")
    public static final class Workloads implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Path dir = Files.createTempDirectory("probelab-workloads");
            try {
                // the module proxy trees go beside it, in the same temp dir, and their making is part of the time
                WorkloadGenerator gen = new WorkloadGenerator(dir.resolve("workloads"));
                System.out.printf("%-9s %9s %8s %8s %8s %9s%n", "size", "gen ms", "modules", "packages", "files", "lines");
                for (ProjectSize size : ProjectSize.values()) {
                    long t0 = System.nanoTime();
                    var w = gen.ensure(size);
                    System.out.printf("%-9s %9.0f %8d %8d %8d %9d%n", size.id(), (System.nanoTime() - t0) / 1e6,
                            w.modules(), w.packages(), w.files(), w.lines());
                }
            } finally {
                FileTrees.deleteBestEffort(dir);
            }
            return 0;
        }
    }

    /**
     * The median of {@code a[i] / b[i]}: each pair was measured back to back, so the ratio cancels the machine's drift
     * between rounds.
     */
    static double medianPairedRatio(List<Double> a, List<Double> b) {
        return median(pairedRatios(a, b));
    }

    static List<Double> pairedRatios(List<Double> a, List<Double> b) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) ratios.add(a.get(i) / b.get(i));
        return ratios;
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
