package probelab.analysis;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HolmTest {
    @Test
    void the_textbook_example_is_adjusted_step_down_in_the_original_order() {
        // By hand, m = 4: sorted 0.005, 0.01, 0.03, 0.04 are multiplied by 4, 3, 2, 1: 0.02, 0.03, 0.06, 0.04;
        // the running maximum makes the last 0.06. Back in the given order (0.01, 0.04, 0.03, 0.005):
        // 0.03, 0.06, 0.06, 0.02 (what R's p.adjust(..., "holm") defines; computed by hand here, R was not at hand).
        assertArrayEquals(new double[]{0.03, 0.06, 0.06, 0.02}, Holm.adjust(new double[]{0.01, 0.04, 0.03, 0.005}), 1e-15);
    }

    @Test
    void adjusted_values_keep_the_order_of_the_raw_ones_and_never_fall_below_them() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            double[] p = rng.doubles(1 + rng.nextInt(12)).map(v -> v * v * 0.2).toArray();
            double[] adjusted = Holm.adjust(p);
            for (int i = 0; i < p.length; i++) {
                assertTrue(adjusted[i] >= p[i]);
                assertTrue(adjusted[i] <= Math.min(1, p.length * p[i]) + 1e-15, "never more than Bonferroni");
                for (int j = 0; j < p.length; j++) {
                    if (p[i] < p[j]) assertTrue(adjusted[i] <= adjusted[j], "monotone in the raw p-values");
                }
            }
        }
    }

    @Test
    void adjusted_values_are_capped_at_one() {
        assertArrayEquals(new double[]{1, 1, 1}, Holm.adjust(new double[]{0.5, 0.6, 0.9}), 1e-15);
        // the largest p-value is multiplied by 1: it stays below the cap
        assertArrayEquals(new double[]{0.03, 0.7}, Holm.adjust(new double[]{0.015, 0.7}), 1e-15);
    }

    @Test
    void a_single_p_value_is_its_own_adjustment_and_none_give_none() {
        assertArrayEquals(new double[]{0.041}, Holm.adjust(new double[]{0.041}));
        assertEquals(0, Holm.adjust(new double[0]).length);
    }

    @Test
    void nan_and_values_outside_zero_to_one_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[]{0.01, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[]{1.5}));
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[]{-0.1}));
    }
}
