package probelab.analysis;

import java.math.BigInteger;

/**
 * The exact null distribution of the Mann-Whitney U without ties, as a cumulative table: what Commons Statistics
 * computes inside its exact p-value, needed here for the critical count of {@link RankRatioInterval}. f(m, n, k), the
 * subsets of {0..n} with m elements summing to k, by f(m, n, k) = f(m-1, n, k-n) + f(m, n-1, k), one n at a time.
 */
final class ExactU {
    private ExactU() {
    }

    /**
     * The tables already computed, by sample sizes: one for 45 values a side costs about 2 ms and is the same for every
     * comparison of those sizes, so a report cell's comparisons share one of these, and a caller that summarises
     * thousands of cells (a simulation) keeps one across its calls.
     */
    static final class Tables {
        private final java.util.Map<Long, double[]> bySizes = new java.util.HashMap<>();

        /** P(U <= c) for c = 0..floor(nm/2), with n and m values on the two sides (either order). */
        double[] toHalf(int n, int m) {
            int lo = Math.min(n, m), hi = Math.max(n, m);
            return bySizes.computeIfAbsent((long) lo << 32 | hi, key -> cdf(lo, hi, (int) ((long) lo * hi / 2)));
        }
    }

    /** P(U <= c) for c = 0..k, with m <= n values on the two sides. */
    static double[] cdf(int m, int n, int k) {
        int width = k + 1;
        double[] prev = new double[(m + 1) * width], cur = new double[(m + 1) * width];
        for (int nn = 0; nn <= n; nn++) {
            double[] swap = prev;
            prev = cur;
            cur = swap;
            for (int mm = 0; mm <= m; mm++) {
                int row = mm * width, below = row - width, top = Math.min(k, mm * nn), split = Math.min(top, nn - 1);
                java.util.Arrays.fill(cur, row, row + width, 0);
                cur[row] = 1;
                for (int kk = 1; kk <= split; kk++) cur[row + kk] = prev[row + kk];
                for (int kk = Math.max(1, nn); kk <= top; kk++) cur[row + kk] = cur[below + kk - nn] + prev[row + kk];
            }
        }
        double all = binomial(n + m, m);
        double[] out = new double[width];
        double sum = 0, compensation = 0;
        for (int c = 0; c <= k; c++) {
            // Kahan: the terms span many orders of magnitude
            double y = cur[m * width + c] - compensation, t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
            out[c] = sum / all;
        }
        return out;
    }

    private static double binomial(int n, int k) {
        BigInteger r = BigInteger.ONE;
        for (int i = 1; i <= k; i++) r = r.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        return r.doubleValue();
    }
}
