package probelab.probe;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for the first HTTP 200 from a starting server, polling every 250 microseconds unless told otherwise. */
public final class Readiness {
    private static final long POLL_NANOS = 250_000;

    private Readiness() {
    }

    /** Thrown when the server never answered 200 in time, or died first. */
    public static final class NotReady extends Exception {
        public NotReady(String message) {
            super(message);
        }
    }

    /** Returns System.nanoTime() at the first 200 received. */
    public static long awaitHttp200(int port, long timeoutMillis, BooleanSupplier alive) throws NotReady {
        return awaitHttp200("127.0.0.1", port, timeoutMillis, alive);
    }

    /** The same for a server at {@code host} (a container's own address on a bridge). */
    public static long awaitHttp200(String host, int port, long timeoutMillis, BooleanSupplier alive) throws NotReady {
        return awaitHttp200(host, port, timeoutMillis, alive, POLL_NANOS);
    }

    /**
     * The same, polling every {@code pollNanos}: for a start that compiles first (a dev loop's go run), where asking
     * every 250 microseconds for seconds would take CPU from the compile, and {@code alive} may cost a CLI call.
     */
    public static long awaitHttp200(String host, int port, long timeoutMillis, BooleanSupplier alive, long pollNanos)
            throws NotReady {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                int status = HttpClosedLoop.probeOnce(host, port, 1_000);
                if (status == 200) return System.nanoTime();
                last = "HTTP " + status;
            } catch (IOException e) {
                last = e.getMessage();
            }
            if (!alive.getAsBoolean()) throw new NotReady("server exited before answering (last: " + last + ")");
            LockSupport.parkNanos(pollNanos);
        }
        throw new NotReady("server not ready after " + timeoutMillis + " ms (last: " + last + ")");
    }
}
