package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import probelab.catalog.Scenario;
import probelab.probe.HttpClosedLoop;
import probelab.probe.HttpLoad;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The probe's multi-connection closed loop against {@code wrk -cN} on one native echo server, alternating round by
 * round (order swapped each round, so drift and warm-up touch both alike); then the open loop at half the measured
 * maximum, whose latency (from each request's intended send time) should sit near the unloaded one.
 */
@Command(name = "load", description = "Compare the probe's N-connection closed loop with wrk -cN (throughput, p50, p99), "
        + "then show the open loop at half the maximum.")
final class LoadBench implements Callable<Integer> {
    @Option(names = "--connections", defaultValue = "16", description = "connections of both loads (default: ${DEFAULT-VALUE})")
    int connections;
    @Option(names = "--threads", defaultValue = "2", description = "wrk's threads (default: ${DEFAULT-VALUE}, one per core here)")
    int threads;
    @Option(names = "--rounds", defaultValue = "5")
    int rounds;
    @Option(names = "--seconds", defaultValue = "3")
    int seconds;
    @Option(names = "--endpoint", defaultValue = "ECHO", description = "ECHO (/) or JSON (/json) (default: ${DEFAULT-VALUE})")
    Scenario.Endpoint endpoint;
    @Option(names = "--go", description = "toolchain that builds the echo server (default newest)")
    String go;

    @Override
    public Integer call() throws Exception {
        try (BenchSetup.RunningEcho server = BenchSetup.of(go).startEcho()) {
            URI url = server.url(endpoint.path);
            HttpLoad.closed(url, connections, 2000); // warm-up of the JIT and the server, discarded
            Wrk.run(url, threads, connections, 1);
            System.out.printf("%-6s %12s %12s %10s %10s %10s %10s %8s %8s %8s%n", "round", "probe rps", "wrk rps",
                    "probe p50", "wrk p50", "probe p99", "wrk p99", "rps", "p50", "p99");
            List<Double> pr = new ArrayList<>(), wr = new ArrayList<>(), p50 = new ArrayList<>(), w50 = new ArrayList<>(),
                    p99 = new ArrayList<>(), w99 = new ArrayList<>(), pm = new ArrayList<>(), wm = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                HttpClosedLoop.Outcome probe;
                Wrk.Result wrk;
                if (r % 2 == 1) {
                    probe = HttpLoad.closed(url, connections, seconds * 1000L);
                    wrk = Wrk.run(url, threads, connections, seconds);
                } else {
                    wrk = Wrk.run(url, threads, connections, seconds);
                    probe = HttpLoad.closed(url, connections, seconds * 1000L);
                }
                pr.add(probe.throughputRps());
                wr.add(wrk.rps());
                p50.add(probe.latencyNanos().getValueAtPercentile(50) / 1e3);
                w50.add(wrk.p50Micros());
                p99.add(probe.latencyNanos().getValueAtPercentile(99) / 1e3);
                w99.add(wrk.p99Micros());
                pm.add(probe.latencyNanos().getMean() / 1e3);
                wm.add(wrk.meanMicros());
                System.out.printf("%-6d %12.0f %12.0f %8.1fus %8.1fus %8.1fus %8.1fus %8.3f %8.3f %8.3f%n", r, pr.get(r - 1),
                        wr.get(r - 1), p50.get(r - 1), w50.get(r - 1), p99.get(r - 1), w99.get(r - 1),
                        pr.get(r - 1) / wr.get(r - 1), p50.get(r - 1) / w50.get(r - 1), p99.get(r - 1) / w99.get(r - 1));
            }
            double rps = BenchCommand.medianPairedRatio(pr, wr);
            double ratio50 = BenchCommand.medianPairedRatio(p50, w50);
            double ratio99 = BenchCommand.medianPairedRatio(p99, w99);
            double ratioMean = BenchCommand.medianPairedRatio(pm, wm);
            System.out.printf("median round ratios (probe/wrk, -c%d): throughput %.3f, mean latency %.3f, p50 %.3f, p99 %.3f "
                            + "(medians of the means: probe %.1fus, wrk %.1fus; Little's law at %.0f req/s: %.1fus)%n",
                    connections, rps, ratioMean, ratio50, ratio99, BenchCommand.median(pm), BenchCommand.median(wm),
                    BenchCommand.median(pr), connections / BenchCommand.median(pr) * 1e6);

            // the open loop at half the closed-loop maximum, against one connection's unloaded latency
            double max = BenchCommand.median(pr);
            HttpClosedLoop.Outcome open = HttpLoad.open(url, connections, max / 2, seconds * 1000L);
            HttpClosedLoop.Outcome single = HttpLoad.closed(url, 1, seconds * 1000L);
            System.out.printf("open loop at %.0f req/s (half of %.0f): achieved %.0f req/s, p50 %.1fus, p99 %.1fus, p99.9 %.1fus "
                            + "(from intended send times); one connection unloaded: p50 %.1fus, p99 %.1fus%n",
                    max / 2, max, open.throughputRps(), open.latencyNanos().getValueAtPercentile(50) / 1e3,
                    open.latencyNanos().getValueAtPercentile(99) / 1e3, open.latencyNanos().getValueAtPercentile(99.9) / 1e3,
                    single.latencyNanos().getValueAtPercentile(50) / 1e3, single.latencyNanos().getValueAtPercentile(99) / 1e3);
            // Little's law: with N connections always busy, the mean latency is N / throughput; a load generator whose
            // mean is off that bound mis-times its requests (wrk's own mean at -c16 here is, by a factor of 4)
            List<Double> little = new ArrayList<>();
            for (int i = 0; i < pr.size(); i++) little.add(connections / pr.get(i) * 1e6);
            double littleRatio = BenchCommand.medianPairedRatio(pm, little);
            System.out.printf("probe mean latency / Little's law bound (N / throughput, round by round): %.3f (target within 5%%)%n", littleRatio);
            return Math.abs(rps - 1) <= 0.10 && Math.abs(littleRatio - 1) <= 0.05 ? 0 : 1;
        }
    }
}
