package probelab.analysis;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MedianIntervalTest {
    static double[] oneTo(int n) {
        return IntStream.rangeClosed(1, n).asDoubleStream().toArray();
    }

    @Test
    void below_six_samples_there_is_no_95_percent_interval() {
        for (int n = 0; n < 6; n++) {
            assertTrue(MedianInterval.of(oneTo(n)).isEmpty(), "n=" + n);
        }
    }

    @Test
    void six_samples_give_the_whole_range_with_coverage_one_minus_two_sixty_fourths() {
        MedianInterval ci = MedianInterval.of(oneTo(6)).orElseThrow();
        assertEquals(1, ci.lowRank());
        assertEquals(6, ci.highRank());
        assertEquals(1 - 2.0 / 64, ci.coverage(), 1e-12);
    }

    @Test
    void the_ranks_match_the_published_table_of_order_statistics() {
        // Conover, Practical Nonparametric Statistics: n=10 -> (2, 9), n=20 -> (6, 15), n=50 -> (18, 33)
        assertEquals(2, MedianInterval.of(oneTo(10)).orElseThrow().lowRank());
        assertEquals(9, MedianInterval.of(oneTo(10)).orElseThrow().highRank());
        assertEquals(6, MedianInterval.of(oneTo(20)).orElseThrow().lowRank());
        assertEquals(15, MedianInterval.of(oneTo(20)).orElseThrow().highRank());
        assertEquals(18, MedianInterval.of(oneTo(50)).orElseThrow().lowRank());
        assertEquals(33, MedianInterval.of(oneTo(50)).orElseThrow().highRank());
    }

    @Test
    void large_samples_do_not_underflow_and_still_cover_at_least_95_percent() {
        MedianInterval ci = MedianInterval.of(oneTo(100_000)).orElseThrow();
        assertTrue(ci.coverage() >= 0.95 && ci.coverage() < 0.96, "coverage " + ci.coverage());
        // normal approximation: n/2 -+ 1.96 sqrt(n)/2 = 50000 -+ 310
        assertEquals(49_690, ci.lowRank(), 2);
        assertEquals(100_001 - ci.lowRank(), ci.highRank());
    }

    @Test
    void the_bounds_are_the_sample_values_at_those_ranks() {
        double[] v = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
        MedianInterval ci = MedianInterval.of(v).orElseThrow();
        assertEquals(11, ci.low());
        assertEquals(18, ci.high());
    }
}
