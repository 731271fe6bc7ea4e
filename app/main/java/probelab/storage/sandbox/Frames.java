package probelab.storage.sandbox;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * Length-prefixed frames on a worker's stdin and stdout: a magic number, a length, then that many bytes of JSON.
 * The magic number makes anything else that reaches the pipe (a JVM crash banner, a stray print) a protocol error
 * instead of a bogus length, and the length is checked against a limit before anything is allocated.
 */
final class Frames {
    /** "PLSQ". */
    static final int MAGIC = 0x504C5351;

    private Frames() {
    }

    /** Writes one frame and flushes it. */
    static void write(DataOutputStream out, byte[] payload) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    /** The next frame's payload; null at a clean end of stream (the other side closed the pipe between frames). */
    static byte[] read(DataInputStream in, int maxBytes) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (magic != MAGIC) throw new ProtocolException("not a frame (magic " + Integer.toHexString(magic) + ")");
        int length = in.readInt();
        if (length < 0 || length > maxBytes) {
            throw new ProtocolException("a frame of " + length + " bytes; at most " + maxBytes + " are accepted");
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    /** The other side sent something that is not a well-formed frame or message. */
    static final class ProtocolException extends IOException {
        ProtocolException(String message) {
            super(message);
        }
    }
}
