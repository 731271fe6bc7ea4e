package probelab.analysis;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.DataFormatException;

/**
 * Request latency distributions from the stored HdrHistograms (values in nanoseconds). Percentiles over many
 * iterations come from merging their histograms: averaging per-iteration p99s understates the tail whenever
 * iterations differ, which is exactly when the tail matters.
 */
public final class LatencyHistograms {
    /** Same precision as the probe records with: 3 significant digits, at most 0.1% error. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private LatencyHistograms() {
    }

    /**
     * A histogram as its non-empty buckets only: a few hundred (value, count) pairs instead of tens of thousands of
     * counters, so that many runs' distributions can be kept in memory and merged quickly.
     * {@code values} are each bucket's highest equivalent value, which maps back to the same bucket when recorded.
     */
    public record Sparse(long[] values, long[] counts, long totalCount) {
        public static final Sparse EMPTY = new Sparse(new long[0], new long[0], 0);
    }

    /** Decodes one stored (compressed) histogram. */
    public static Histogram decode(byte[] compressed) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not a compressed HdrHistogram: " + e.getMessage(), e);
        }
    }

    /** Decodes and merges the histograms of one run into its sparse form. */
    public static Sparse sparseOf(Collection<byte[]> compressed) {
        Histogram merged = new Histogram(SIGNIFICANT_DIGITS);
        for (byte[] b : compressed) merged.add(decode(b));
        return sparse(merged);
    }

    public static Sparse sparse(Histogram h) {
        List<long[]> pairs = new ArrayList<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            pairs.add(new long[]{v.getValueIteratedTo(), v.getCountAddedInThisIterationStep()});
        }
        long[] values = new long[pairs.size()], counts = new long[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            values[i] = pairs.get(i)[0];
            counts[i] = pairs.get(i)[1];
        }
        return new Sparse(values, counts, h.getTotalCount());
    }

    /** One histogram holding every request of {@code parts}. */
    public static Histogram merge(Collection<Sparse> parts) {
        Histogram merged = new Histogram(SIGNIFICANT_DIGITS);
        for (Sparse s : parts) {
            for (int i = 0; i < s.values().length; i++) merged.recordValueWithCount(s.values()[i], s.counts()[i]);
        }
        return merged;
    }

    /** Request latency percentiles of a merged histogram, in microseconds. */
    public record Percentiles(long requests, double p50Us, double p90Us, double p99Us, double p999Us, double maxUs) {
    }

    public static Percentiles percentiles(Histogram h) {
        return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    /** A point of a cumulative distribution: {@code fraction} of requests took at most {@code latencyUs}. */
    public record CdfPoint(double latencyUs, double fraction) {
    }

    /**
     * The cumulative distribution of {@code h}, at most about {@code maxPoints} points: evenly spaced in fraction
     * below p99 and every bucket of the last percent, so the tail keeps its shape.
     */
    public static List<CdfPoint> cdf(Histogram h, int maxPoints) {
        List<CdfPoint> out = new ArrayList<>();
        long total = h.getTotalCount();
        if (total == 0) return out;
        double step = 1.0 / Math.max(1, maxPoints / 2);
        double nextFraction = 0;
        long cumulative = 0;
        List<CdfPoint> tail = new ArrayList<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            cumulative += v.getCountAddedInThisIterationStep();
            double fraction = (double) cumulative / total;
            CdfPoint p = new CdfPoint(h.highestEquivalentValue(v.getValueIteratedTo()) / 1e3, fraction);
            if (fraction >= 0.99) {
                tail.add(p);
            } else if (fraction >= nextFraction) {
                out.add(p);
                nextFraction = fraction + step;
            }
        }
        // the tail: keep at most maxPoints/2 of its buckets, always the last one (the maximum)
        int keepEvery = Math.max(1, (int) Math.ceil(tail.size() / (maxPoints / 2.0)));
        for (int i = 0; i < tail.size(); i++) {
            if (i % keepEvery == 0 || i == tail.size() - 1) out.add(tail.get(i));
        }
        return out;
    }
}
