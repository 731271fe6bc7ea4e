package probelab.analysis;

import probelab.catalog.HistogramCodec;

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
    public static final int SIGNIFICANT_DIGITS = HistogramCodec.SIGNIFICANT_DIGITS;

    private LatencyHistograms() {
    }

    /**
     * A histogram as its non-empty buckets only: a few hundred (value, count) pairs instead of tens of thousands of
     * counters, so that many runs' distributions can be kept in memory and merged quickly.
     * {@code values} are each bucket's highest equivalent value, sorted ascending; every histogram recorded with the
     * same precision shares the bucket boundaries, so merging is adding counts of equal values.
     */
    public record Sparse(long[] values, long[] counts, long totalCount) {
        public static final Sparse EMPTY = new Sparse(new long[0], new long[0], 0);
    }

    /** Decodes one stored (compressed) histogram. */
    public static Histogram decode(byte[] compressed) {
        return HistogramCodec.decode(compressed);
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
            pairs.add(new long[]{h.highestEquivalentValue(v.getValueIteratedTo()), v.getCountAddedInThisIterationStep()});
        }
        long[] values = new long[pairs.size()], counts = new long[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            values[i] = pairs.get(i)[0];
            counts[i] = pairs.get(i)[1];
        }
        return new Sparse(values, counts, h.getTotalCount());
    }

    /**
     * One distribution holding every request of {@code parts}. Counts are added into a dense array indexed the way
     * HdrHistogram indexes a 3-significant-digit histogram (2048 sub-buckets per power of two), so the result has
     * exactly the buckets {@link Histogram#add} would give, at a fraction of the cost: recording bucket by bucket into
     * a Histogram costs a compare-and-set per bucket, and that dominated the report's RTT cell.
     */
    public static Sparse merge(Collection<Sparse> parts) {
        if (parts.isEmpty()) return Sparse.EMPTY;
        if (parts.size() == 1) return parts.iterator().next();
        long max = 0, total = 0;
        for (Sparse s : parts) {
            if (s.values().length > 0) max = Math.max(max, s.values()[s.values().length - 1]);
            total += s.totalCount();
        }
        int size = bucketIndex(max) + 1;
        long[] counts = new long[size], values = new long[size];
        for (Sparse s : parts) {
            for (int i = 0; i < s.values().length; i++) {
                int at = bucketIndex(s.values()[i]);
                counts[at] += s.counts()[i];
                values[at] = Math.max(values[at], s.values()[i]);
            }
        }
        int n = 0;
        for (long c : counts) if (c != 0) n++;
        long[] outValues = new long[n], outCounts = new long[n];
        for (int i = 0, k = 0; i < size; i++) {
            if (counts[i] != 0) {
                outValues[k] = values[i];
                outCounts[k++] = counts[i];
            }
        }
        return new Sparse(outValues, outCounts, total);
    }

    /** HdrHistogram's counts index of {@code value} for 3 significant digits and a lowest discernible value of 1. */
    static int bucketIndex(long value) {
        int bucket = 53 - Long.numberOfLeadingZeros(value | 2047);
        int sub = (int) (value >>> bucket);
        return ((bucket + 1) << 10) + (sub - 1024);
    }

    /**
     * The value at a percentile, as {@link Histogram#getValueAtPercentile} computes it: the first bucket whose
     * cumulative count reaches ceil(p/100 x total), reported as the bucket's highest equivalent value.
     */
    public static long valueAtPercentile(Sparse s, double percentile) {
        if (s.totalCount() == 0) return 0;
        double requested = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0), 100.0);
        long countAt = Math.max(1, (long) Math.ceil(requested * s.totalCount() / 100.0));
        long cumulative = 0;
        for (int i = 0; i < s.values().length; i++) {
            cumulative += s.counts()[i];
            if (cumulative >= countAt) return s.values()[i];
        }
        return s.values()[s.values().length - 1];
    }

    /** Request latency percentiles of a merged distribution, in microseconds. */
    public record Percentiles(long requests, double p50Us, double p90Us, double p99Us, double p999Us, double maxUs) {
    }

    public static Percentiles percentiles(Sparse s) {
        return new Percentiles(s.totalCount(), valueAtPercentile(s, 50) / 1e3, valueAtPercentile(s, 90) / 1e3,
                valueAtPercentile(s, 99) / 1e3, valueAtPercentile(s, 99.9) / 1e3,
                s.values().length == 0 ? 0 : s.values()[s.values().length - 1] / 1e3);
    }

    /** A point of a cumulative distribution: {@code fraction} of requests took at most {@code latencyUs}. */
    public record CdfPoint(double latencyUs, double fraction) {
    }

    /**
     * The cumulative distribution of {@code s}, at most about {@code maxPoints} points: evenly spaced in fraction
     * below p99 and every bucket of the last percent (thinned evenly if there are many), so the tail keeps its shape.
     */
    public static List<CdfPoint> cdf(Sparse s, int maxPoints) {
        List<CdfPoint> out = new ArrayList<>();
        long total = s.totalCount();
        if (total == 0) return out;
        double step = 1.0 / Math.max(1, maxPoints / 2);
        double nextFraction = 0;
        long cumulative = 0;
        List<CdfPoint> tail = new ArrayList<>();
        for (int i = 0; i < s.values().length; i++) {
            cumulative += s.counts()[i];
            double fraction = (double) cumulative / total;
            CdfPoint p = new CdfPoint(s.values()[i] / 1e3, fraction);
            if (fraction >= 0.99) {
                tail.add(p);
            } else if (fraction >= nextFraction) {
                out.add(p);
                nextFraction = fraction + step;
            }
        }
        int keepEvery = Math.max(1, (int) Math.ceil(tail.size() / (maxPoints / 2.0)));
        for (int i = 0; i < tail.size(); i++) {
            if (i % keepEvery == 0 || i == tail.size() - 1) out.add(tail.get(i));
        }
        return out;
    }
}
