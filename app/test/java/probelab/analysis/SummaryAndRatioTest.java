package probelab.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryAndRatioTest {
    @Test
    void tablesaw_statistics_of_a_small_sample() {
        Summary s = Summary.of(new double[]{1, 2, 3, 4, 10});
        assertEquals(5, s.n());
        assertEquals(3, s.median());
        assertEquals(4, s.mean());
        assertEquals(1, s.min());
        assertEquals(10, s.max());
        assertEquals(Math.sqrt(12.5), s.stddev(), 1e-9);
        assertNull(s.p90(), "no p90 from 5 values");
        assertNull(s.p99());
        assertNull(s.median95(), "too few samples for a 95% interval");
    }

    @Test
    void percentiles_appear_once_the_sample_can_support_them() {
        double[] ten = MedianIntervalTest.oneTo(10);
        assertNotNull(Summary.of(ten).p90());
        assertNull(Summary.of(ten).p99());
        assertNotNull(Summary.of(MedianIntervalTest.oneTo(100)).p99());
    }

    @Test
    void whiskers_stop_at_the_last_value_within_one_and_a_half_iqr() {
        Summary s = Summary.of(new double[]{1, 2, 3, 4, 5, 6, 7, 8, 100});
        assertEquals(100, s.max());
        assertTrue(s.upperFence() < 100, "the outlier is beyond the whisker");
        assertEquals(1, s.lowerFence());
    }

    @Test
    void a_ratio_of_medians_alone_carries_no_interval_and_none_divides_by_a_zero_baseline() {
        Summary big = Summary.of(MedianIntervalTest.oneTo(30));
        Ratio r = Ratio.of(Summary.of(new double[]{1, 2, 3}), big);
        assertEquals(2 / 15.5, r.value(), 1e-12);
        assertFalse(r.hasInterval(), "the interval comes with a test (RankRatioInterval)");
        assertNull(Ratio.of(big, Summary.of(new double[]{0, 0, 0})), "nothing divides by a zero baseline");
    }

    @Test
    void rows_compare_with_the_baseline_of_the_same_go_size_metric_and_phase() {
        List<ValueSet> sets = List.of(
                new ValueSet("native", "1.22", "tiny", "build_ms", "cold", 100, new double[]{10, 10, 10, 10, 10, 10, 10}),
                new ValueSet("docker", "1.22", "tiny", "build_ms", "cold/volume", 100, new double[]{20, 20, 20, 20, 20, 20, 20}),
                new ValueSet("docker", "1.22", "tiny", "build_ms", "warm/volume", 100, new double[]{5, 5, 5, 5, 5, 5, 5}),
                new ValueSet("docker", "1.23", "tiny", "build_ms", "cold/volume", 100, new double[]{30, 30, 30, 30, 30, 30, 30}));
        List<AggregateRow> rows = Aggregates.summarize(sets, "native");
        assertTrue(rows.get(0).isBaseline());
        assertEquals(1.0, rows.get(0).ratio().value());
        assertEquals(2.0, rows.get(1).ratio().value(), 1e-12, "cold/volume compares with native cold");
        assertNull(rows.get(2).ratio(), "native has no warm build here");
        assertNull(rows.get(2).baselineMedian());
        assertNull(rows.get(3).ratio(), "no native Go 1.23 to compare with");
    }

    @Test
    void the_aggregate_table_is_a_tablesaw_table_with_missing_values_where_statistics_do_not_apply() {
        List<AggregateRow> rows = Aggregates.summarize(List.of(
                new ValueSet("native", "1.22", "", "rtt_p50_us", "", 0, new double[]{1, 2, 3})), "native");
        var table = Aggregates.toTable("rtt", rows);
        assertEquals(1, table.rowCount());
        assertTrue(table.doubleColumn("median_ci95_low").isMissing(0));
        assertTrue(table.booleanColumn("too_few_for_ci").get(0));
        assertEquals(2.0, table.doubleColumn("median").get(0));
    }

    @Test
    void pooling_merges_sorted_values_of_sets_that_share_a_key() {
        List<ValueSet> pooled = ValueSet.pool(List.of(
                new ValueSet("docker", "1.22", "tiny", "m", "", 10, new double[]{1, 4, 9}),
                new ValueSet("docker", "1.23", "tiny", "m", "", 20, new double[]{2, 3, 10})),
                s -> new ValueSet(s.runtime(), "", s.size(), s.metric(), s.variant(), s.workloadLines(), s.sorted()));
        assertEquals(1, pooled.size());
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 9.0, 10.0), java.util.Arrays.stream(pooled.get(0).sorted()).boxed().toList());
        assertEquals(20, pooled.get(0).workloadLines());
    }
}
