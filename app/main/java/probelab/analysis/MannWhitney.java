package probelab.analysis;

import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;

import java.util.Arrays;

/**
 * The two-sided Mann-Whitney U test (Wilcoxon rank-sum test) of sample a against sample b, computed by Apache
 * Commons Statistics' {@link MannWhitneyUTest}: does one tend to give larger values than the other?
 *
 * <p>The p-value is exact (the permutation distribution of U, as R's {@code wilcox.test(exact = TRUE)}) when
 * there are no ties and both samples have fewer than {@link #EXACT_LIMIT} values. Otherwise it is the normal
 * approximation, with the tie correction of the variance and a continuity correction of 0.5 towards the mean:
 * {@code z = (|U - nm/2| - 0.5) / sqrt(nm/12 * ((N + 1) - sum(t^3 - t) / (N (N - 1))))}, {@code p = 2 (1 - Phi(z))}.
 * When every value of both samples is the same, that variance is 0 and there is no evidence of a difference:
 * the p-value is 1.
 *
 * @param u      U of sample a: the number of pairs (x from a, y from b) with x > y, ties counting one half;
 *               b's U is {@code nA * nB - u}
 * @param pValue the two-sided p-value, in [0, 1]
 * @param exact  whether {@code pValue} is exact rather than the normal approximation
 * @param tieSum sum(t^3 - t) over the groups of t equal values of both samples together: 0 without ties, else the
 *               variance's tie correction above (what the ratio interval of the same test needs, RankRatioInterval)
 */
public record MannWhitney(double u, double pValue, boolean exact, int nA, int nB, double tieSum) {
    /**
     * Samples of this size or more use the normal approximation. It is Commons Statistics' own limit for its
     * automatic choice; the exact tabulation grows as n x m x U and stays under about 23 MiB below it.
     */
    public static final int EXACT_LIMIT = 50;

    private static final MannWhitneyUTest EXACT = MannWhitneyUTest.withDefaults().with(PValueMethod.EXACT);
    // defaults: two-sided, with continuity correction
    private static final MannWhitneyUTest ASYMPTOTIC = MannWhitneyUTest.withDefaults().with(PValueMethod.ASYMPTOTIC);

    /**
     * Tests {@code a} against {@code b} (any order). Each needs at least one value and no NaN, else an
     * IllegalArgumentException. With one value each the test cannot reject anything (the exact p-value is 1), but
     * it is defined; callers decide how many values make a comparison worth reporting.
     */
    public static MannWhitney test(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("the Mann-Whitney test needs at least one value on each side");
        }
        double tieSum = tieSum(a, b);
        // the method is chosen here rather than by the library's AUTO, so that "exact" is known, not guessed
        boolean exact = tieSum == 0 && Math.max(a.length, b.length) < EXACT_LIMIT;
        MannWhitneyUTest.Result r = (exact ? EXACT : ASYMPTOTIC).test(a, b);
        double p = r.getPValue();
        // all values equal: the tie-corrected variance is 0 and the library's z is 0/0
        if (Double.isNaN(p) && allEqual(a, b)) p = 1;
        return new MannWhitney(r.getStatistic(), p, exact, a.length, b.length, tieSum);
    }

    /** +1 when a tends to give larger values than b (U above its null mean nm/2), -1 when smaller, 0 neither. */
    public int direction() {
        return (int) Math.signum(u - (double) nA * nB / 2);
    }

    private static double tieSum(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        double sum = 0;
        for (int i = 0; i < all.length; ) {
            int j = i;
            while (j + 1 < all.length && all[j + 1] == all[i]) j++;
            double t = j - i + 1;
            sum += t * t * t - t;
            i = j + 1;
        }
        return sum;
    }

    private static boolean allEqual(double[] a, double[] b) {
        double first = a[0];
        for (double v : a) if (v != first) return false;
        for (double v : b) if (v != first) return false;
        return true;
    }
}
