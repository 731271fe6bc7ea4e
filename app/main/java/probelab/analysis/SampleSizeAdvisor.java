package probelab.analysis;

import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * How many more iterations per side would likely decide a comparison that is not yet significant, at its current
 * spread and difference of medians.
 *
 * <p>The normal approximation for two samples of n each, with power {@link #POWER} at two-sided level alpha:
 * <pre>
 *   n = (z(1 - alpha/2) + z(POWER))^2 * (sa^2 + sb^2) / d^2 / (3/pi)
 * </pre>
 * where d is the difference of the medians and sa, sb are robust standard deviations, 1.4826 x the median absolute
 * deviation of each side (equal to the standard deviation for normal data, and not inflated by a few slow outliers).
 * The first factor is the sample size a t-test needs; dividing by 3/pi, the asymptotic relative efficiency of the
 * Mann-Whitney test against the t-test for normal data, turns it into the Mann-Whitney test's need. It is a guide,
 * not a promise: the spread is itself estimated, and real iterations drift.
 *
 * <p>n is never less than the smallest sample that can reach alpha at all: the two-sided exact p-value of two fully
 * separated samples of n each is 2 / C(2n, n), so n = 4 for alpha = 0.05 (2/70 = 0.029).
 */
public final class SampleSizeAdvisor {
    /** The chance that the test decides, if the difference is as large as measured. */
    public static final double POWER = 0.80;
    /** Beyond this many extra iterations per side, more data will likely not decide it in any useful time. */
    public static final int CAP = 500;
    /** Converts a median absolute deviation to a standard deviation for normal data: 1 / Phi^-1(3/4). */
    static final double MAD_TO_SD = 1.4826;
    /** Pitman efficiency of Mann-Whitney relative to the t-test when the data are normal. */
    static final double EFFICIENCY = 3 / Math.PI;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private SampleSizeAdvisor() {
    }

    /**
     * The extra iterations per side that would likely make the comparison of {@code a} and {@code b} (any order)
     * significant at two-sided level {@code alpha}; empty when the medians are equal (no difference to find) or when
     * more than {@link #CAP} would be needed. Pass the level Holm gives the comparison: with k comparisons of the
     * family still undecided, the smallest of them faces alpha/k once the others are decided, so 0.05/k. The count
     * brings the smaller side up to n (an undecided comparison whose n is already reached gets 1: it is undecided
     * by chance, and a little more data likely decides it).
     */
    public static OptionalInt extraPerSide(double[] a, double[] b, double alpha) {
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must lie in (0, 1): " + alpha);
        if (a.length == 0 || b.length == 0) throw new IllegalArgumentException("both sides need values");
        double[] sa = sorted(a), sb = sorted(b);
        double d = PrecisionRule.median(sa) - PrecisionRule.median(sb);
        if (d == 0) return OptionalInt.empty();
        double spreadA = MAD_TO_SD * mad(sa), spreadB = MAD_TO_SD * mad(sb);
        double z = STANDARD_NORMAL.inverseSurvivalProbability(alpha / 2)
                + STANDARD_NORMAL.inverseCumulativeProbability(POWER);
        double n = z * z * (spreadA * spreadA + spreadB * spreadB) / (d * d) / EFFICIENCY;
        double needed = Math.max(Math.ceil(n), smallestDeciding(alpha));
        double extra = needed - Math.min(a.length, b.length);
        if (extra > CAP) return OptionalInt.empty();
        return OptionalInt.of((int) Math.max(1, extra));
    }

    /** The smallest n per side whose fully separated samples reach two-sided p < alpha: 2 / C(2n, n) < alpha. */
    static int smallestDeciding(double alpha) {
        double binom = 1;
        for (int n = 1; ; n++) {
            // C(2n, n) = C(2n - 2, n - 1) * (2n)(2n - 1) / n^2
            binom = binom * (2.0 * n) * (2.0 * n - 1) / ((double) n * n);
            if (2 / binom < alpha) return n;
        }
    }

    /** The median absolute deviation from the median of {@code sorted}. */
    static double mad(double[] sorted) {
        double m = PrecisionRule.median(sorted);
        double[] dev = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) dev[i] = Math.abs(sorted[i] - m);
        Arrays.sort(dev);
        return PrecisionRule.median(dev);
    }

    private static double[] sorted(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }
}
