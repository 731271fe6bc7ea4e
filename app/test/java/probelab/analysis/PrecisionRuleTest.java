package probelab.analysis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stopping rule of adaptive sampling, on series small enough to work out by hand. */
class PrecisionRuleTest {
    static final double P = PrecisionRule.DEFAULT_PRECISION;

    @Test
    void the_default_target_is_plus_or_minus_five_percent() {
        assertEquals(0.05, P);
    }

    @Test
    void below_six_values_there_is_no_interval_so_even_identical_values_are_not_precise() {
        double[] five = {100, 100, 100, 100, 100};
        assertEquals(Double.POSITIVE_INFINITY, PrecisionRule.relativeHalfWidth(five));
        assertFalse(PrecisionRule.reached(five, P));
        assertFalse(PrecisionRule.reached(new double[0], P));
    }

    @Test
    void six_values_are_judged_by_their_whole_range_around_the_median() {
        // n = 6: the 95% interval of the median is [min, max]; median 100, 4 below and 4 above: +/- 4%
        double[] values = {96, 98, 100, 100, 102, 104};
        assertEquals(0.04, PrecisionRule.relativeHalfWidth(values), 1e-12);
        assertTrue(PrecisionRule.reached(values, P));
        assertFalse(PrecisionRule.reached(values, 0.03));
    }

    @Test
    void exactly_at_the_target_is_precise_enough() {
        double[] values = {95, 100, 100, 100, 100, 105};
        assertEquals(0.05, PrecisionRule.relativeHalfWidth(values));
        assertTrue(PrecisionRule.reached(values, 0.05));
    }

    @Test
    void the_wider_side_of_the_interval_decides_not_the_average_of_both() {
        // 10 below the median, 2 above: +/- 10%, where the mean of the sides would say 6%
        double[] values = {90, 99, 100, 100, 101, 102};
        assertEquals(0.10, PrecisionRule.relativeHalfWidth(values), 1e-12);
        assertFalse(PrecisionRule.reached(values, 0.06));
    }

    @Test
    void with_more_values_the_interval_leaves_the_extremes_out() {
        // n = 10: ranks 2 and 9 bound the interval (90 and 120), so 80 and 130 do not count; median 100: +20%
        double[] values = {80, 90, 95, 100, 100, 100, 105, 110, 120, 130};
        assertEquals(0.20, PrecisionRule.relativeHalfWidth(values), 1e-12);
    }

    @Test
    void the_order_of_the_values_does_not_matter_and_the_callers_array_is_left_as_it_was() {
        double[] shuffled = {104, 100, 96, 102, 98, 100};
        double[] copy = shuffled.clone();
        assertEquals(0.04, PrecisionRule.relativeHalfWidth(shuffled), 1e-12);
        assertArrayEquals(copy, shuffled, "measuring order is the caller's to keep");
    }

    @Test
    void a_negative_median_is_measured_by_its_size() {
        double[] values = {-104, -102, -100, -100, -98, -96};
        assertEquals(0.04, PrecisionRule.relativeHalfWidth(values), 1e-12);
        assertTrue(PrecisionRule.reached(values, P));
    }

    @Test
    void a_series_of_zeros_is_precise_but_a_zero_median_with_any_spread_never_is() {
        // native runtime overhead: 0 bytes every time
        double[] zeros = {0, 0, 0, 0, 0, 0};
        assertEquals(0.0, PrecisionRule.relativeHalfWidth(zeros));
        assertTrue(PrecisionRule.reached(zeros, 0.0));
        assertEquals(Double.POSITIVE_INFINITY, PrecisionRule.relativeHalfWidth(new double[]{0, 0, 0, 0, 0, 5}));
        assertEquals(Double.POSITIVE_INFINITY, PrecisionRule.relativeHalfWidth(new double[]{-1, 0, 0, 0, 0, 1}));
    }

    @Test
    void runs_needed_start_at_six_and_never_pass_the_maximum() {
        assertEquals(6, PrecisionRule.estimatedRunsNeeded(new double[]{1, 2, 3}, P, 100), "the first interval needs six");
        assertEquals(4, PrecisionRule.estimatedRunsNeeded(new double[]{1, 2, 3}, P, 4), "unless max runs is lower");
        assertEquals(6, PrecisionRule.estimatedRunsNeeded(new double[0], P, 30));
    }

    @Test
    void a_precise_series_needs_no_more_runs_and_one_without_a_finite_width_needs_the_maximum() {
        assertEquals(6, PrecisionRule.estimatedRunsNeeded(new double[]{96, 98, 100, 100, 102, 104}, P, 100));
        assertEquals(100, PrecisionRule.estimatedRunsNeeded(new double[]{0, 0, 0, 0, 0, 5}, P, 100));
    }

    @Test
    void runs_needed_grow_with_the_square_of_the_width_over_the_target() {
        // +/- 10% at n = 6 against 5%: the interval narrows as 1/sqrt(n), so 6 x (10/5)^2 = 24 values
        double[] tenPercent = {90, 99, 100, 100, 101, 102};
        assertEquals(24, PrecisionRule.estimatedRunsNeeded(tenPercent, P, 100));
        assertEquals(20, PrecisionRule.estimatedRunsNeeded(tenPercent, P, 20), "capped at max runs");
        // +/- 6%: 6 x 1.44 = 8.64, rounded up
        assertEquals(9, PrecisionRule.estimatedRunsNeeded(new double[]{94, 100, 100, 100, 100, 106}, P, 100));
    }
}
