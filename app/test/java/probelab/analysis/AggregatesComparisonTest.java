package probelab.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AggregatesComparisonTest {
    private static ValueSet set(String runtime, String go, double... sorted) {
        return new ValueSet(runtime, go, "", "cold_start_ms", "", 0, sorted);
    }

    private static final double[] NATIVE = {10, 11, 12, 13, 14, 15, 16, 17};

    private static List<AggregateRow> rows() {
        return Aggregates.summarize(List.of(
                set("native", "1.22", NATIVE),
                set("docker", "1.22", 20, 22, 24, 26, 28, 30, 32, 34),
                set("podman", "1.22", 10.5, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5, 17.5),
                set("nerdctl", "1.22", 40),
                set("docker", "1.23", 20, 21, 22, 23, 24, 25)), "native");
    }

    @Test
    void non_baseline_rows_get_a_comparison_with_holm_adjusted_p_values_and_the_baseline_none() {
        List<AggregateRow> rows = rows();
        assertNull(rows.get(0).comparison(), "the baseline is not compared with itself");
        Comparison docker = rows.get(1).comparison(), podman = rows.get(2).comparison();
        assertNotNull(docker);
        assertNotNull(podman);
        assertNull(rows.get(3).comparison(), "one value is too few to test");
        assertNull(rows.get(4).comparison(), "no native Go 1.23 to compare with");
        // the two tests of this cell are adjusted together
        double pDocker = MannWhitney.test(new double[]{20, 22, 24, 26, 28, 30, 32, 34}, NATIVE).pValue();
        double pPodman = MannWhitney.test(new double[]{10.5, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5, 17.5}, NATIVE).pValue();
        assertEquals(pDocker, docker.pValue(), 1e-15);
        assertArrayEquals(Holm.adjust(new double[]{pDocker, pPodman}), new double[]{docker.pAdjusted(), podman.pAdjusted()}, 1e-15);
        // docker: all 8 above all 8 native, exact p = 2 / C(16, 8) = 2/12870; times 2 for Holm
        assertEquals(4.0 / 12870, docker.pAdjusted(), 1e-12);
        assertEquals("more", docker.verdict());
        assertEquals("2.00x slower (p<0.001)", docker.words("slower", "faster"));
        assertEquals("same", podman.verdict());
        assertEquals(rows.get(1).ratio().value(), docker.ratio());
    }

    @Test
    void the_table_has_p_value_p_adjusted_and_verdict_columns() {
        var table = Aggregates.toTable("cold_start", rows());
        assertTrue(table.columnNames().containsAll(List.of("p_value", "p_adjusted", "verdict")));
        assertTrue(table.doubleColumn("p_value").isMissing(0), "no test for the baseline");
        assertEquals(4.0 / 12870, table.doubleColumn("p_adjusted").get(1), 1e-12);
        assertEquals("more", table.stringColumn("verdict").get(1));
        assertEquals("same", table.stringColumn("verdict").get(2));
        assertTrue(table.stringColumn("verdict").isMissing(3));
    }

    @Test
    void with_summary_keeps_the_comparison() {
        AggregateRow docker = rows().get(1);
        assertEquals(docker.comparison(), docker.withSummary(Summary.of(NATIVE)).comparison());
    }
}
