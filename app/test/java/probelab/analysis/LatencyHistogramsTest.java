package probelab.analysis;

import probelab.catalog.HistogramCodec;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyHistogramsTest {
    static byte[] compress(Histogram h) {
        return HistogramCodec.encode(h);
    }

    /** 1000 requests: {@code slow} of them took 10 ms, the rest 100 us (in nanoseconds). */
    static Histogram iteration(int slow) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(100_000, 1000 - slow);
        if (slow > 0) h.recordValueWithCount(10_000_000, slow);
        return h;
    }

    @Test
    void rtt_percentiles_come_from_merged_histograms_not_from_averaged_percentiles() {
        // iteration 1 has no slow request, iteration 2 has 30 (3%): together 1.5% are slow
        Histogram a = iteration(0), b = iteration(30);
        double averagedP99Us = (a.getValueAtPercentile(99) + b.getValueAtPercentile(99)) / 2 / 1e3;

        var one = LatencyHistograms.sparseOf(List.of(compress(a)));
        var two = LatencyHistograms.sparseOf(List.of(compress(b)));
        var merged = LatencyHistograms.percentiles(LatencyHistograms.merge(List.of(one, two)));

        assertEquals(2000, merged.requests());
        assertEquals(10_000, merged.p99Us(), 10_000 * 0.001, "1.5% of all requests took 10 ms, so p99 is 10 ms");
        assertEquals(100, merged.p90Us(), 100 * 0.001);
        assertTrue(Math.abs(averagedP99Us - merged.p99Us()) > 4_000, "averaging p99s would say " + averagedP99Us + " us");
    }

    @Test
    void merging_a_runs_compressed_histograms_equals_recording_every_value_in_one() {
        Histogram all = new Histogram(3);
        Histogram[] parts = new Histogram[5];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new Histogram(3);
            for (int k = 0; k < 2000; k++) {
                long v = (long) (80_000 * Math.exp(random.nextGaussian() * 0.4));
                parts[i].recordValue(v);
                all.recordValue(v);
            }
        }
        var sparse = LatencyHistograms.sparseOf(java.util.Arrays.stream(parts).map(LatencyHistogramsTest::compress).toList());
        var merged = LatencyHistograms.merge(List.of(sparse));
        for (double p : new double[]{0.1, 50, 90, 99, 99.9, 100}) {
            assertEquals(all.getValueAtPercentile(p), LatencyHistograms.valueAtPercentile(merged, p), "p" + p);
        }
        assertEquals(all.getTotalCount(), merged.totalCount());
    }

    @Test
    void merging_sparse_distributions_pairwise_equals_merging_the_histograms() {
        java.util.Random random = new java.util.Random(2);
        List<LatencyHistograms.Sparse> parts = new java.util.ArrayList<>();
        Histogram all = new Histogram(3);
        for (int i = 0; i < 7; i++) {
            Histogram h = new Histogram(3);
            for (int k = 0; k < 500; k++) h.recordValue((long) (50_000 + random.nextInt(5_000_000)));
            all.add(h);
            parts.add(LatencyHistograms.sparse(h));
        }
        var merged = LatencyHistograms.merge(parts);
        assertEquals(LatencyHistograms.sparse(all).values().length, merged.values().length);
        assertEquals(java.util.Arrays.toString(LatencyHistograms.sparse(all).counts()), java.util.Arrays.toString(merged.counts()));
    }

    @Test
    void the_cdf_rises_to_one_and_keeps_the_tail() {
        var cdf = LatencyHistograms.cdf(LatencyHistograms.sparse(iteration(30)), 100);
        // two latencies, so two points: 97% at 100 us, then the slow 3% up to one
        assertEquals(2, cdf.size(), cdf.toString());
        assertEquals(0.97, cdf.get(0).fraction(), 1e-12);
        for (int i = 1; i < cdf.size(); i++) {
            assertTrue(cdf.get(i).fraction() >= cdf.get(i - 1).fraction());
            assertTrue(cdf.get(i).latencyUs() >= cdf.get(i - 1).latencyUs());
        }
        assertEquals(1.0, cdf.get(cdf.size() - 1).fraction(), 1e-12);
        assertEquals(10_000, cdf.get(cdf.size() - 1).latencyUs(), 10);
        assertTrue(cdf.size() <= 101);
    }
}
