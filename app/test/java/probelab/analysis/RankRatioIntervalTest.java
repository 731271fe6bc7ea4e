package probelab.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ratio interval inverts the verdict's own test: it excludes 1 exactly when the test rejects at the same level. */
class RankRatioIntervalTest {
    private static double[] sample(Random rnd, int n, double scale, boolean ties) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double x = scale * Math.exp(0.3 * rnd.nextGaussian());
            v[i] = ties ? Math.round(x * 4) / 4.0 + 0.25 : x;
        }
        Arrays.sort(v);
        return v;
    }

    @Test
    void the_kth_ratio_is_the_kth_of_all_pairwise_ratios_sorted_with_ties_and_zeros() {
        Random rnd = new Random(7);
        for (int c = 0; c < 500; c++) {
            double[] a = sample(rnd, 1 + rnd.nextInt(12), 1 + rnd.nextInt(3), c % 2 == 0);
            double[] b = sample(rnd, 1 + rnd.nextInt(12), 1 + rnd.nextInt(3), c % 3 == 0);
            if (c % 5 == 0) a[0] = 0;
            List<Double> all = new ArrayList<>();
            for (double x : a) for (double y : b) all.add(x / y);
            all.sort(Double::compare);
            for (int k = 1; k <= all.size(); k++) {
                assertEquals(all.get(k - 1), RankRatioInterval.kthRatio(a, b, k), 0.0, "case " + c + " k " + k);
            }
        }
    }

    @Test
    void on_thousands_of_generated_samples_the_interval_excludes_1_exactly_when_the_test_rejects_at_its_level() {
        Random rnd = new Random(11);
        int rejected = 0, kept = 0;
        for (int c = 0; c < 3000; c++) {
            boolean ties = c % 2 == 1;
            // exact below 50 a side without ties, the normal approximation above or with ties
            int n = 2 + rnd.nextInt(c % 3 == 0 ? 70 : 25), m = 2 + rnd.nextInt(c % 3 == 0 ? 70 : 25);
            double shift = 1 + (rnd.nextInt(5) - 2) * 0.1;
            double[] a = sample(rnd, n, shift, ties), b = sample(rnd, m, 1, ties);
            MannWhitney test = MannWhitney.test(a, b);
            double alpha = List.of(0.05, 0.025, 0.01, 0.05 / 7).get(c % 4);
            Ratio r = RankRatioInterval.of(1, a, b, test, alpha);
            boolean rejects = test.pValue() < alpha;
            if (!r.hasInterval()) {
                assertFalse(rejects, "no interval only where nothing can be rejected: case " + c + " p " + test.pValue());
                continue;
            }
            assertEquals(1 - alpha, r.confidence(), 1e-12);
            assertTrue(r.low() <= r.high());
            // with ties exactly at ratio 1 (x = y across the samples) the test at 1 counts halves; elsewhere it is exact
            boolean crossTieAtOne = false;
            for (double x : a) crossTieAtOne |= Arrays.binarySearch(b, x) >= 0;
            if (!crossTieAtOne) {
                assertEquals(rejects, r.significant(), "case " + c + ": p " + test.pValue() + " at " + alpha + " (exact "
                        + test.exact() + ") against [" + r.low() + ", " + r.high() + "]");
            }
            if (rejects) rejected++;
            else kept++;
        }
        assertTrue(rejected > 300 && kept > 300, "both outcomes were tried: " + rejected + " rejected, " + kept + " kept");
    }

    @Test
    void a_sample_twice_the_other_is_bracketed_around_one_half_and_three_values_a_side_give_no_interval_at_5_percent() {
        double[] a = new double[30], b = new double[30];
        for (int i = 0; i < 30; i++) {
            a[i] = 10 + i * 0.01;
            b[i] = 2 * a[i];
        }
        Ratio r = RankRatioInterval.of(0.5, a, b, MannWhitney.test(a, b), 0.05);
        assertTrue(r.low() < 0.5 && r.high() > 0.5 && r.high() < 1, r.toString());
        assertTrue(r.significant());
        // 3 against 3: the smallest exact two-sided p is 0.1, so no ratio is ever rejected
        double[] x = {1, 2, 3}, y = {10, 11, 12};
        assertNull(RankRatioInterval.of(0.2, x, y, MannWhitney.test(x, y), 0.05).low());
    }

    @Test
    void holms_level_for_a_comparison_is_the_one_its_adjusted_p_is_decided_at() {
        // p = 0.03 and 0.04 among two: Holm adjusts both to 0.06, so neither is decided, and the second's level is 0.0333
        double[] p = {0.03, 0.04};
        double[] adj = Holm.adjust(p);
        for (int i = 0; i < 2; i++) {
            double level = RankRatioInterval.effectiveAlpha(0.05, p[i], adj[i], 2);
            assertEquals(adj[i] < 0.05, p[i] < level);
        }
        assertEquals(0.05 * 0.04 / 0.06, RankRatioInterval.effectiveAlpha(0.05, 0.04, 0.06, 2), 1e-10);
        // undecided at exactly the limit (1/60 three times is 0.05): the level stays below p, so 1 stays inside
        assertTrue(RankRatioInterval.effectiveAlpha(0.05, 1.0 / 60, 0.05, 3) < 1.0 / 60);
        assertEquals(0.025, RankRatioInterval.effectiveAlpha(0.05, 0, 0, 2), "an underflowed p falls back on Bonferroni");
    }

    @Test
    void in_a_cell_every_decided_row_has_an_interval_without_1_and_every_undecided_one_an_interval_with_1() {
        Random rnd = new Random(3);
        List<ValueSet> sets = new ArrayList<>();
        sets.add(new ValueSet("native", "1.23", "tiny", "rtt_p50_us", "", 0, sample(rnd, 20, 1, false)));
        for (int i = 0; i < 6; i++) {
            sets.add(new ValueSet("rt" + i, "1.23", "tiny", "rtt_p50_us", "", 0, sample(rnd, 20, 1 + i * 0.06, false)));
        }
        int decided = 0;
        for (AggregateRow row : Aggregates.summarize(sets, "native")) {
            if (row.isBaseline()) continue;
            Comparison c = row.comparison();
            assertNotNull(c);
            assertEquals(row.ratio().low(), c.ratioLow());
            if (row.ratio().hasInterval()) {
                assertEquals(c.significant(), row.ratio().significant(), row.runtime() + ": " + c + " " + row.ratio());
                assertTrue(row.ratio().confidence() >= 0.95, "Holm's level is 5% or stricter");
            } else {
                assertFalse(c.significant());
            }
            if (c.significant()) decided++;
        }
        assertTrue(decided >= 2 && decided < 6, "the cell holds both kinds: " + decided + " decided");
    }
}
