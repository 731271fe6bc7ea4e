package probelab.storage.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A byte buffer that refuses to grow past a cap: the write that would pass it throws {@link Full}, so a result is
 * cut at the byte cap before it is ever held whole, and the buffer never allocates more than the cap.
 */
final class CappedBuffer extends OutputStream {
    private final int cap;
    private byte[] data = new byte[8192];
    private int size;

    CappedBuffer(int cap) {
        this.cap = cap;
    }

    @Override
    public void write(int b) throws IOException {
        ensure(1);
        data[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensure(len);
        System.arraycopy(b, off, data, size, len);
        size += len;
    }

    private void ensure(int more) throws Full {
        if ((long) size + more > cap) throw new Full();
        if (size + more > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(cap, Math.max((long) data.length * 2, (long) size + more)));
        }
    }

    int size() {
        return size;
    }

    /** Forgets everything written after {@code mark} (a size this buffer had). */
    void truncate(int mark) {
        if (mark < 0 || mark > size) throw new IllegalArgumentException("mark " + mark + " outside 0.." + size);
        size = mark;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(data, size);
    }

    /** The cap was reached; what was written before the failing write is intact. */
    static final class Full extends IOException {
        Full() {
            super("the byte cap was reached");
        }
    }
}
