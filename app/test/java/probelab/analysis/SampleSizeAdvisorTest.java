package probelab.analysis;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleSizeAdvisorTest {
    /** 95, 96, ..., 105: median 100, median absolute deviation 3. */
    private static final double[] BASE = IntStream.rangeClosed(95, 105).asDoubleStream().toArray();

    private static double[] shifted(double by) {
        return Arrays.stream(BASE).map(v -> v + by).toArray();
    }

    @Test
    void the_advice_follows_the_documented_formula() {
        // by hand: s = 1.4826 x 3 = 4.4478 on both sides, d = 3; z(0.975) + z(0.8) = 1.959964 + 0.841621 = 2.801585;
        // n = 2.801585^2 x 2 x 4.4478^2 / 3^2 / (3/pi) = 7.848879 x 39.56584 / 9 / 0.9549297 = 36.13 -> 37;
        // 11 values per side already, so 26 more
        assertEquals(OptionalInt.of(26), SampleSizeAdvisor.extraPerSide(shifted(3), BASE, 0.05));
    }

    @Test
    void a_smaller_difference_needs_more_iterations_and_a_stricter_level_too() {
        int large = SampleSizeAdvisor.extraPerSide(shifted(3), BASE, 0.05).orElseThrow();
        int small = SampleSizeAdvisor.extraPerSide(shifted(1.5), BASE, 0.05).orElseThrow();
        assertTrue(small > large, small + " > " + large);
        // about four times: n grows as 1/d^2
        assertTrue(small > 3.5 * (large + BASE.length) - BASE.length);
        int holmLevel = SampleSizeAdvisor.extraPerSide(shifted(3), BASE, 0.05 / 4).orElseThrow();
        assertTrue(holmLevel > large, "one of four undecided comparisons faces 0.0125");
    }

    @Test
    void equal_medians_give_no_advice() {
        assertTrue(SampleSizeAdvisor.extraPerSide(BASE, new double[]{90, 100, 110}, 0.05).isEmpty());
    }

    @Test
    void a_difference_lost_in_the_noise_needs_more_than_the_cap_and_gets_no_advice() {
        assertTrue(SampleSizeAdvisor.extraPerSide(shifted(0.2), BASE, 0.05).isEmpty());
    }

    @Test
    void without_spread_the_smallest_sample_that_can_decide_is_the_floor() {
        // 2 / C(8, 4) = 2/70 = 0.029 < 0.05 while 2 / C(6, 3) = 0.1 is not: four per side
        assertEquals(4, SampleSizeAdvisor.smallestDeciding(0.05));
        assertEquals(OptionalInt.of(2), SampleSizeAdvisor.extraPerSide(new double[]{5, 5}, new double[]{6, 6}, 0.05));
        assertThrows(IllegalArgumentException.class, () -> SampleSizeAdvisor.extraPerSide(BASE, BASE, 0));
    }
}
