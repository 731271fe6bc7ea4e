package probelab.analysis;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MannWhitneyTest {
    /**
     * The independent computation of an exact two-sided p-value for samples without ties: under the null every
     * assignment of the ranks 1..N to a (n of them) is equally likely, so enumerate all C(N, n) of them (as bit
     * masks), take U = (sum of a's ranks) - n(n+1)/2 for each, and double the smaller tail at the observed U.
     */
    static double bruteForceP(double[] a, double[] b) {
        int n = a.length, big = a.length + b.length;
        double observed = bruteForceU(a, b);
        long atMost = 0, atLeast = 0, all = 0;
        for (int mask = 0; mask < 1 << big; mask++) {
            if (Integer.bitCount(mask) != n) continue;
            int rankSum = 0;
            for (int r = 1; r <= big; r++) if ((mask & 1 << (r - 1)) != 0) rankSum += r;
            double u = rankSum - n * (n + 1) / 2.0;
            all++;
            if (u <= observed) atMost++;
            if (u >= observed) atLeast++;
        }
        return Math.min(1, 2.0 * Math.min(atMost, atLeast) / all);
    }

    /** U of a by its definition: pairs (x from a, y from b) with x > y, a tie counting one half. */
    static double bruteForceU(double[] a, double[] b) {
        double u = 0;
        for (double x : a) for (double y : b) u += x > y ? 1 : x == y ? 0.5 : 0;
        return u;
    }

    @Test
    void exact_p_value_matches_brute_force_enumeration_of_every_assignment() {
        // 5 vs 6 and 4 vs 7 without ties (enumeration: U = 17, p = 0.79221; U = 24, p = 24/330 = 0.072727; SciPy
        // 1.17.1 mannwhitneyu(method='exact') gives the same)
        double[] a1 = {1.1, 2.3, 3.7, 4.2, 6.8}, b1 = {0.5, 1.9, 2.8, 3.1, 5.0, 5.5};
        double[] a2 = {3.1, 7.4, 8.0, 9.9}, b2 = {0.2, 1.5, 2.6, 4.4, 5.3, 6.1, 6.7};
        MannWhitney t1 = MannWhitney.test(a1, b1), t2 = MannWhitney.test(a2, b2);
        assertEquals(17, t1.u());
        assertEquals(24, t2.u());
        assertEquals(bruteForceP(a1, b1), t1.pValue(), 1e-12);
        assertEquals(bruteForceP(a2, b2), t2.pValue(), 1e-12);
        assertEquals(24.0 / 330, t2.pValue(), 1e-12);
        assertTrue(t1.exact() && t2.exact());
        // and seeded random samples of every size pair up to 6 vs 6, both orders, including extreme U
        SplittableRandom rng = new SplittableRandom(7);
        for (int n = 1; n <= 6; n++) {
            for (int m = 1; m <= 6; m++) {
                double[] a = rng.doubles(n).toArray(), b = rng.doubles(m).map(v -> v + 0.3).toArray();
                MannWhitney t = MannWhitney.test(a, b);
                assertEquals(bruteForceU(a, b), t.u(), 1e-12, n + " vs " + m);
                assertEquals(bruteForceP(a, b), t.pValue(), 1e-12, n + " vs " + m);
                assertEquals(t.pValue(), MannWhitney.test(b, a).pValue(), 1e-12, "two-sided: symmetric");
            }
        }
    }

    @Test
    void exact_p_value_matches_the_published_example() {
        // R's ?wilcox.test, from Hollander & Wolfe (1973), p. 69: permeability constants of the placental membrane at
        // term (x) and at 12-26 weeks (y). R reports W = 35 and p = 0.1272 for alternative = "greater", so the
        // two-sided p-value is 0.2544. Verified by enumerating all C(15, 5) = 3003 assignments of ranks to y: 382 of
        // them give y a U of at most 15 (= 50 - 35), so p = 2 x 382/3003 = 764/3003 = 0.254412 (SciPy 1.17.1 agrees).
        double[] x = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
        double[] y = {1.15, 0.88, 0.90, 0.74, 1.21};
        MannWhitney t = MannWhitney.test(x, y);
        assertEquals(35, t.u());
        assertEquals(764.0 / 3003, bruteForceP(x, y), 1e-15, "the enumeration reproduces the published value");
        assertEquals(764.0 / 3003, t.pValue(), 1e-12);
        assertEquals(0.2544, t.pValue(), 5e-5);
        assertTrue(t.exact());
        assertEquals(1, t.direction(), "x tends to be larger");
        assertEquals(-1, MannWhitney.test(y, x).direction());
        assertEquals(15, MannWhitney.test(y, x).u(), "U of y is n m - U of x");
    }

    @Test
    void ties_use_the_normal_approximation_with_tie_and_continuity_corrections() {
        // a = 1 2 2 4 6, b = 2 3 5 5 7 8 (n = 5, m = 6, N = 11). Mid-ranks: 1 -> 1; the three 2s -> 3; 3 -> 5;
        // 4 -> 6; the two 5s -> 7.5; 6 -> 9; 7 -> 10; 8 -> 11. Rank sum of a: 1 + 3 + 3 + 6 + 9 = 22, so
        // U = 22 - 5 x 6 / 2 = 7; mean n m / 2 = 15. Ties: groups of 3 and 2, sum(t^3 - t) = 24 + 6 = 30.
        // Variance: n m / 12 x ((N + 1) - 30 / (N (N - 1))) = 2.5 x (12 - 30/110) = 29.318182.
        // z = (|7 - 15| - 0.5) / sqrt(29.318182) = 7.5 / 5.414627 = 1.385137; p = 2 (1 - Phi(z)) = erfc(z / sqrt 2)
        // = 0.166011 (erfc from Python's math; SciPy 1.17.1 mannwhitneyu(method='asymptotic') gives 0.166011 too).
        MannWhitney t = MannWhitney.test(new double[]{1, 2, 2, 4, 6}, new double[]{2, 3, 5, 5, 7, 8});
        assertEquals(7, t.u());
        assertEquals(0.1660106, t.pValue(), 1e-6);
        assertFalse(t.exact(), "no exact distribution with ties");
    }

    @Test
    void fifty_values_or_more_use_the_normal_approximation_even_without_ties() {
        double[] a = MedianIntervalTest.oneTo(60), b = Arrays.stream(MedianIntervalTest.oneTo(60)).map(v -> v + 10.5).toArray();
        MannWhitney t = MannWhitney.test(a, b);
        assertFalse(t.exact());
        // no ties: a_i beats b_j = j + 10.5 when j <= i - 11, so U = 1 + 2 + ... + 49 = 1225; the mean is
        // 60 x 60 / 2 = 1800 and the variance n m (N + 1) / 12 = 3600 x 121 / 12 = 36300
        double u = bruteForceU(a, b);
        assertEquals(1225, u);
        assertEquals(u, t.u());
        double z = (Math.abs(u - 1800) - 0.5) / Math.sqrt(36300);
        assertEquals(3.015343, z, 1e-6);
        // 2 (1 - Phi(3.015343)) = 0.00256689 (Python: math.erfc(z / math.sqrt(2)); SciPy 1.17.1 agrees)
        assertEquals(0.00256689, t.pValue(), 1e-8);
    }

    @Test
    void identical_samples_give_p_one_rather_than_nan() {
        MannWhitney t = MannWhitney.test(new double[]{0, 0, 0}, new double[]{0, 0, 0, 0});
        assertEquals(1.0, t.pValue());
        assertEquals(0, t.direction());
    }

    @Test
    void one_value_each_is_a_defined_test_that_cannot_reject() {
        MannWhitney t = MannWhitney.test(new double[]{1}, new double[]{2});
        assertEquals(0, t.u());
        assertEquals(1.0, t.pValue(), 1e-12);
        assertTrue(t.exact());
    }

    @Test
    void a_side_without_values_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new double[0], new double[]{1, 2}));
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new double[]{1, 2}, new double[0]));
    }
}
