package probelab.cli;

import probelab.analysis.MannWhitney;
import probelab.analysis.MedianInterval;
import probelab.runtime.Runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * One phase of a bench that pairs probelab's run of a Go command ({@link Runtime.BuildOutcome}) with hyperfine's run
 * of the user's command, round by round; also go's own time inside probelab's runs.
 */
final class PairedSamples {
    /** One tool's turn in a round. */
    @FunctionalInterface
    interface Turn {
        void run() throws Exception;
    }

    final List<Double> probelabMillis = new ArrayList<>();
    final List<Double> innerMillis = new ArrayList<>();
    final List<Double> hyperfineMillis = new ArrayList<>();

    /**
     * Runs {@code rounds} rounds of both turns, probelab first in even rounds and second in odd ones, so that drift on a
     * busy machine (and whatever the first run of a round leaves behind) hits both tools alike.
     */
    static void alternate(int rounds, Turn probelab, Turn hyperfine) throws Exception {
        for (int round = 0; round < rounds; round++) {
            boolean probeFirst = round % 2 == 0;
            (probeFirst ? probelab : hyperfine).run();
            (probeFirst ? hyperfine : probelab).run();
        }
    }

    void add(Runtime.BuildOutcome o) {
        probelabMillis.add(o.wallNanos() / 1e6);
        if (o.innerNanos() >= 0) innerMillis.add(o.innerNanos() / 1e6);
    }

    /** The table's header; {@code probelabMetric} names probelab's column, {@code inner} the last one. */
    static void printHeader(String probelabMetric, String inner) {
        System.out.printf("%-16s %-12s %3s %12s %12s %7s %7s %13s %7s %14s%n", "runtime", "phase", "n", probelabMetric,
                "hyperfine ms", "ratio", "paired", "paired 95% CI", "MW p", inner);
    }

    /** Prints the row; true when the median of the per-round ratios (a round's two runs ran back to back) is within 5%. */
    boolean print(String runtime, String phase) {
        if (probelabMillis.isEmpty()) { // --cold-rounds 0 (or --rounds 0): the phase was asked away
            System.out.printf("%-16s %-12s not run (0 rounds)%n", runtime, phase);
            return true;
        }
        double p = BenchCommand.median(probelabMillis), h = BenchCommand.median(hyperfineMillis);
        List<Double> ratios = BenchCommand.pairedRatios(probelabMillis, hyperfineMillis);
        double paired = BenchCommand.median(ratios);
        String inner = innerMillis.isEmpty() ? "n/a" : String.format("%.0f ms", BenchCommand.median(innerMillis));
        // how sure that median is: its 95% interval (order statistics; none below 6 rounds), and whether the two
        // tools' samples can be told apart at all (Mann-Whitney)
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        String ci = MedianInterval.of(sorted).map(m -> String.format("%.3f-%.3f", m.low(), m.high())).orElse("n<6");
        double mw = MannWhitney.test(probelabMillis.stream().mapToDouble(Double::doubleValue).toArray(),
                hyperfineMillis.stream().mapToDouble(Double::doubleValue).toArray()).pValue();
        System.out.printf("%-16s %-12s %3d %12.1f %12.1f %7.3f %7.3f %13s %7.3f %14s%n", runtime, phase, probelabMillis.size(),
                p, h, p / h, paired, ci, mw, inner);
        return Math.abs(paired - 1) <= 0.05;
    }
}
