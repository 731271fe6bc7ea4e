package probelab.catalog;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

/**
 * The stored form of one iteration's latency distribution ({@code latency_histograms.histogram}): a compressed
 * HdrHistogram of nanoseconds. Part of the data contract, like the metric ids: probes write it, the report and
 * analysts' tools read it, and all of them go through here.
 */
public final class HistogramCodec {
    /** Three significant digits: at most 0.1% error on any recorded value. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private HistogramCodec() {
    }

    public static byte[] encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[len];
        buf.flip();
        buf.get(bytes);
        return bytes;
    }

    /** Decodes one stored histogram; bytes that are not one are an IllegalArgumentException. */
    public static Histogram decode(byte[] compressed) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not a compressed HdrHistogram: " + e.getMessage(), e);
        }
    }
}
