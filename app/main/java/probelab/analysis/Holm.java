package probelab.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm-Bonferroni adjusted p-values (Holm 1979): rejecting where the adjusted p-value is below alpha keeps the chance
 * of any false rejection in the family at most alpha, whatever the dependence between the tests.
 */
public final class Holm {
    private Holm() {
    }

    /**
     * The adjusted p-values, in the order given. Step-down: with p sorted ascending, p(1) <= ... <= p(m), the i-th
     * adjusted value is {@code max over j <= i of min(1, (m - j + 1) p(j))}: the running maximum keeps the adjusted
     * values in the same order as the raw ones. Each p must be a number in [0, 1] (no NaN: callers pass only tests
     * that were made), else an IllegalArgumentException. An empty array gives an empty array.
     */
    public static double[] adjust(double[] pValues) {
        for (double p : pValues) {
            if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("not a p-value: " + p);
        }
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        // stable sort: equal p-values keep their order, which does not change the result but keeps it reproducible
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double runningMax = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            runningMax = Math.max(runningMax, Math.min(1, (m - rank) * pValues[i]));
            adjusted[i] = runningMax;
        }
        return adjusted;
    }
}
