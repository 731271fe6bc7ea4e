package probelab.analysis;

import probelab.catalog.Unit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {
    private static Comparison of(Double ratio, double pAdjusted) {
        int direction = ratio == null ? 1 : ratio > 1 ? 1 : ratio < 1 ? -1 : 0;
        return new Comparison(ratio, null, null, pAdjusted / 4, pAdjusted, direction, null);
    }

    @Test
    void a_significant_difference_reads_as_a_factor_with_the_direction_word_and_the_adjusted_p_value() {
        assertEquals("2.01x slower (p=0.002)", of(2.0137, 0.002).words("slower", "faster"));
        assertEquals("1.52x faster (p<0.001)", of(1 / 1.52, 0.0004).words("slower", "faster"));
        assertEquals("1.10x more (p=0.041)", of(1.1, 0.041).words("more", "less"));
        assertEquals("more", of(2.0, 0.002).verdict());
        assertEquals("less", of(0.5, 0.002).verdict());
    }

    @Test
    void a_difference_that_is_not_significant_reads_as_a_tilde_with_its_p_value() {
        Comparison c = of(1.3, 0.41);
        assertFalse(c.significant());
        assertEquals("~ (p=0.41)", c.words("slower", "faster"));
        assertEquals("same", c.verdict());
        assertFalse(of(1.3, 0.05).significant(), "significant means strictly below 0.05");
        assertTrue(of(1.3, 0.0499).significant());
    }

    @Test
    void p_values_show_two_significant_digits_and_everything_below_a_thousandth_as_less_than_it() {
        assertEquals("<0.001", Comparison.formatP(0.000999));
        assertEquals("<0.001", Comparison.formatP(0));
        assertEquals("=0.001", Comparison.formatP(0.001));
        assertEquals("=0.0024", Comparison.formatP(0.00243));
        assertEquals("=0.041", Comparison.formatP(0.041));
        assertEquals("=0.41", Comparison.formatP(0.41));
        assertEquals("=0.5", Comparison.formatP(0.5));
        assertEquals("=1", Comparison.formatP(1));
    }

    @Test
    void without_a_ratio_the_words_leave_the_factor_out() {
        // a baseline median of 0 (native runtime overhead) has no ratio, but the test still tells more from less
        assertEquals("more (p<0.001)", of(null, 0.0001).words("more", "less"));
        assertEquals("less (p=0.003)", new Comparison(0.0, null, null, 0.001, 0.003, -1, null).words("more", "less"));
    }

    @Test
    void the_direction_comes_from_the_medians_and_from_the_rank_test_when_the_medians_are_equal() {
        MannWhitney higherRanks = MannWhitney.test(new double[]{5, 5, 9, 9, 9}, new double[]{1, 1, 5, 5, 5});
        assertEquals(1, higherRanks.direction());
        assertEquals(1, Comparison.of(new Ratio(1.0, null, null, null), higherRanks, 0.01).direction());
        assertEquals(-1, Comparison.of(new Ratio(0.8, 0.7, 0.9, 0.95), higherRanks, 0.01).direction());
        Comparison noRatio = Comparison.of(null, higherRanks, 0.01);
        assertEquals(1, noRatio.direction());
        assertEquals(null, noRatio.ratio());
    }

    @Test
    void time_units_read_as_slower_bytes_as_more_and_rates_as_higher() {
        assertEquals("slower", Unit.US.moreWord());
        assertEquals("faster", Unit.MS.lessWord());
        assertEquals("more", Unit.BYTES.moreWord());
        assertEquals("less", Unit.BYTES.lessWord());
        assertEquals("higher", Unit.RPS.moreWord());
        assertEquals("lower", Unit.RPS.lessWord());
    }
}
