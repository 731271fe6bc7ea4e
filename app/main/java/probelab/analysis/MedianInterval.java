package probelab.analysis;

import java.util.Optional;

/**
 * A distribution-free confidence interval for a median from order statistics: with B ~ Binomial(n, 1/2), the
 * interval [x(j), x(n-j+1)] covers the true median with probability 1 - 2 P(B <= j-1). The largest j with
 * P(B <= j-1) <= alpha/2 gives the narrowest interval that still reaches the confidence. Below n = 6 no j exists
 * for 95%: the interval is then "too few samples", never a made-up number.
 *
 * @param lowRank  1-based rank of the lower bound in the sorted sample
 * @param highRank 1-based rank of the upper bound
 * @param coverage the exact coverage of these ranks (at least the asked confidence)
 */
public record MedianInterval(double low, double high, int lowRank, int highRank, double coverage) {
    public static final double CONFIDENCE = 0.95;
    /** The smallest sample that has a 95% interval: 2 x 0.5^6 = 0.031 <= 0.05, while 2 x 0.5^5 = 0.0625 is not. */
    public static final int MIN_SAMPLES = 6;

    /** The 95% interval of the median of {@code sorted} (ascending), or empty when there are too few values. */
    public static Optional<MedianInterval> of(double[] sorted) {
        return of(sorted, CONFIDENCE);
    }

    public static Optional<MedianInterval> of(double[] sorted, double confidence) {
        int n = sorted.length;
        int j = lowRank(n, confidence);
        if (j == 0) return Optional.empty();
        int k = n - j + 1;
        return Optional.of(new MedianInterval(sorted[j - 1], sorted[k - 1], j, k, 1 - 2 * binomialHalfCdf(n, j - 1)));
    }

    /** The 1-based rank j of the lower bound for a sample of {@code n}, or 0 when no rank reaches the confidence. */
    static int lowRank(int n, double confidence) {
        if (n < 1) return 0;
        double tail = (1 - confidence) / 2;
        // P(B <= i) term by term in log space: 0.5^n underflows a double beyond n = 1074
        double logPmf = n * Math.log(0.5);
        double cdf = 0;
        int j = 0;
        for (int i = 0; i <= n / 2; i++) {
            cdf += Math.exp(logPmf);
            if (cdf > tail) break;
            j = i + 1;
            logPmf += Math.log((double) (n - i) / (i + 1));
        }
        return j;
    }

    /** P(B <= m) for B ~ Binomial(n, 1/2). */
    static double binomialHalfCdf(int n, int m) {
        double logPmf = n * Math.log(0.5);
        double cdf = 0;
        for (int i = 0; i <= m; i++) {
            cdf += Math.exp(logPmf);
            logPmf += Math.log((double) (n - i) / (i + 1));
        }
        return cdf;
    }
}
