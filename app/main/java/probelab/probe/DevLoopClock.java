package probelab.probe;

import probelab.process.Exec;
import probelab.runtime.Runtime;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * Times one edit to serving of a running dev loop: from the write of the edited file, through the commands the
 * developer then runs (if the loop has any), to the first answer of the server that differs from the one before the
 * edit. Shared by the job's dev-loop probe and {@code probelab bench devloop}.
 */
public final class DevLoopClock {
    /** Longer than any incremental rebuild and restart: past it the watcher did not fire, or the build hangs. */
    public static final long EDIT_TIMEOUT_MILLIS = 120_000;
    private static final long POLL_NANOS = 5_000_000;
    private static final int MAX_BODY_BYTES = 1 << 16;

    private DevLoopClock() {
    }

    /** The server never answered with the edit, or never answered at all; the message says which and quotes the loop. */
    public static final class NoChange extends Exception {
        public NoChange(String message) {
            super(message);
        }
    }

    /**
     * Edits {@code w} (its literal becomes {@code edit + 1}) and returns the milliseconds from that write to the changed
     * answer on {@code port}. The answer before the edit is read first, outside the interval.
     */
    public static double editToServingMillis(WorkloadGenerator workloads, Workload w, int edit, int port, Runtime.DevLoop loop)
            throws NoChange {
        String before;
        try {
            before = body(port);
        } catch (IOException e) {
            throw new NoChange("the dev server does not answer before the edit: " + e.getMessage() + "; its output: "
                    + loop.recentOutput());
        }
        long began = System.nanoTime();
        workloads.applyEdit(w, edit);
        long deadline = began + EDIT_TIMEOUT_MILLIS * 1_000_000L;
        // the developer's own rebuild and restart (none where a watcher reacts): part of the wait, as at the keyboard
        for (Runtime.UserCommand c : loop.editCommands()) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            Exec.Result r = Exec.run(c.argv(), c.dir(), c.env(), left);
            if (!r.ok()) throw new NoChange("`" + String.join(" ", c.argv()) + "` failed after the edit: " + r.reason());
        }
        String last = "the old answer";
        int polls = 0;
        while (System.nanoTime() < deadline) {
            try {
                if (!body(port).equals(before)) return (System.nanoTime() - began) / 1e6;
            } catch (IOException e) {
                last = e.getMessage(); // restarting: nothing listens for a moment
            }
            // asking whether the watcher still runs may cost a CLI call: only now and then
            if (++polls % 200 == 0 && !loop.alive()) {
                throw new NoChange("the watcher exited; its output: " + loop.recentOutput());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new NoChange("the server did not answer with the change within " + EDIT_TIMEOUT_MILLIS / 1000
                + " s (the watcher never fired, or the rebuild failed; last: " + last + "); its output: " + loop.recentOutput());
    }

    /** Waits until the loop's server answers at all (its first build and start), asking every 100 ms. */
    public static void awaitFirstAnswer(int port, Runtime.DevLoop loop, long timeoutMillis) throws NoChange {
        try {
            Readiness.awaitHttp200("127.0.0.1", port, timeoutMillis, loop::alive, POLL_NANOS * 20);
        } catch (Readiness.NotReady e) {
            throw new NoChange("the dev loop never answered: " + e.getMessage() + "; its output: " + loop.recentOutput());
        }
    }

    /** The body of a 200 answer to {@code GET /} on 127.0.0.1:port (the generated servers close every connection). */
    public static String body(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(2_000);
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String text = new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 200")) {
                int nl = text.indexOf('\n');
                throw new IOException("not an HTTP 200: " + (nl < 0 ? text : text.substring(0, nl)).strip());
            }
            int at = text.indexOf("\r\n\r\n");
            return at < 0 ? "" : text.substring(at + 4);
        }
    }
}
