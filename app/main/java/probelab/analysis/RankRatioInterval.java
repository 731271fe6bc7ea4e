package probelab.analysis;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The interval of the ratio that agrees with the verdict: the ratios {@code t} for which the verdict's own
 * Mann-Whitney test of {@code a / t} against {@code b} would not reject at the level the verdict used (Holm's, for that
 * comparison), i.e. the Hodges-Lehmann interval of the pairwise ratios {@code a_i / b_j}: from the K-th smallest to the
 * K-th largest, K from the test's null distribution (exact, or its normal approximation with the same tie and continuity
 * corrections). So it excludes 1 exactly when the verdict is decided. A crosswise division of the two medians'
 * intervals, which it replaces, answered another question and could exclude 1 beside a "~", or hold 1 beside "1.36x".
 * Computed without materialising the n x m ratios (a pooled cell may hold thousands a side): the K-th smallest is found
 * by bisection on its value, counting the ratios below with two pointers in O(n + m).
 */
final class RankRatioInterval {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private RankRatioInterval() {
    }

    /**
     * The level of one comparison's test as Holm decides it: the comparison is significant exactly when its raw p lies
     * below {@code alpha * p / pAdjusted} (for Holm's step-down, pAdjusted is the largest of the running products).
     */
    static double effectiveAlpha(double alpha, double p, double pAdjusted, int tests) {
        if (pAdjusted <= 0 || p <= 0) return alpha / Math.max(1, tests);
        double level = Math.min(alpha, alpha * p / pAdjusted);
        // undecided at exactly pAdjusted = alpha (exact p-values are fractions, and Holm multiplies them by whole
        // numbers), the level is p itself: a hair below keeps 1 inside however the last bit of either side rounds
        return pAdjusted >= alpha ? level * (1 - 1e-9) : level;
    }

    /**
     * The interval at confidence {@code 1 - alpha} for the ratio of {@code a} (sorted) to {@code b} (sorted), with
     * {@code test} the Mann-Whitney test of a against b; the ratio without an interval when a value of b is not positive,
     * a value of a is negative, or no K >= 1 exists (too few values to reject anything at this level).
     */
    static Ratio of(double value, double[] a, double[] b, MannWhitney test, double alpha) {
        return of(value, a, b, test, alpha, new ExactU.Tables());
    }

    /** As above, with the exact tables already computed for these sample sizes ({@code tables}, filled as needed). */
    static Ratio of(double value, double[] a, double[] b, MannWhitney test, double alpha, ExactU.Tables tables) {
        if (b[0] <= 0 || a[0] < 0) return new Ratio(value, null, null, null);
        long n = a.length, m = b.length, pairs = n * m;
        long k = test.exact() ? exactK(a.length, b.length, alpha, tables) : normalK(test, alpha);
        if (k < 1) return new Ratio(value, null, null, null);
        return new Ratio(value, kthRatio(a, b, k), kthRatio(a, b, pairs - k + 1), 1 - alpha);
    }

    /** The smallest c with 2 P(U <= c) >= alpha under the exact null distribution of U (no ties). */
    static long exactK(int n, int m, double alpha, ExactU.Tables tables) {
        double[] cdf = tables.toHalf(n, m);
        for (int c = 0; c < cdf.length; c++) {
            if (Math.min(1, 2 * cdf[c]) >= alpha) return c;
        }
        return cdf.length - 1;
    }

    /**
     * From the normal approximation: U is not rejected when |U - nm/2| <= 0.5 + z(alpha/2) sd, with sd the
     * tie-corrected one of the test; the first gap accepted is K = ceil(nm/2 - that).
     */
    static long normalK(MannWhitney test, double alpha) {
        long n = test.nA(), m = test.nB(), total = n + m;
        double variance = (n * m / 12.0) * ((total + 1.0) - test.tieSum() / total / (total - 1));
        double reach = 0.5 + STANDARD_NORMAL.inverseSurvivalProbability(alpha / 2) * Math.sqrt(Math.max(0, variance));
        return (long) Math.ceil(n * m / 2.0 - reach);
    }

    /** The k-th smallest (1-based) of the ratios a_i / b_j, both sorted ascending with b positive. */
    static double kthRatio(double[] a, double[] b, long k) {
        double lo = a[0] / b[b.length - 1], hi = a[a.length - 1] / b[0];
        if (countAtMost(a, b, lo) >= k) return lo;
        // count(lo) < k <= count(hi): halve until the two are neighbouring doubles
        while (true) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) break;
            if (countAtMost(a, b, mid) >= k) hi = mid;
            else lo = mid;
        }
        return largestAtMost(a, b, hi);
    }

    /** How many a_i / b_j are at most t: for growing a_i, the j whose ratio is small enough form a shrinking suffix. */
    static long countAtMost(double[] a, double[] b, double t) {
        long count = 0;
        int p = 0;
        for (double x : a) {
            while (p < b.length && x / b[p] > t) p++;
            count += b.length - p;
        }
        return count;
    }

    private static double largestAtMost(double[] a, double[] b, double t) {
        double best = Double.NEGATIVE_INFINITY;
        int p = 0;
        for (double x : a) {
            while (p < b.length && x / b[p] > t) p++;
            if (p < b.length) best = Math.max(best, x / b[p]);
        }
        return best;
    }
}
