package probelab.probe;

import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;
import probelab.process.LoopbackPorts;
import probelab.runtime.RuntimeFailure;
import probelab.workload.WorkloadGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The development loop of one cell: edit one file of the project and time until its running server answers with the
 * change. The loop (watcher and server) starts in the task's warmup, waits for its first answer (a cold go run), and
 * runs until the cell's end; each stored iteration is one edit.
 */
final class DevLoopProbe {
    /** A cold {@code go run} of the largest project in a container on a busy machine. */
    static final long FIRST_ANSWER_TIMEOUT_MILLIS = 10 * 60_000;
    /** Longer than any incremental rebuild and restart: past it the watcher did not fire, or the build hangs. */
    static final long EDIT_TIMEOUT_MILLIS = 120_000;
    /** The dev loop's revisions start here, so that they never equal one a rebuild compiled into the shared cache. */
    static final int EDIT_BASE = 1_000_000;
    private static final long POLL_NANOS = 5_000_000;
    private static final int MAX_BODY_BYTES = 1 << 16;

    private final WorkloadGenerator workloads;

    DevLoopProbe(WorkloadGenerator workloads) {
        this.workloads = workloads;
    }

    /** Why the cell's dev loop cannot run at all, or null (the task is then scheduled as unusable). */
    static String unusable(Cell cell) {
        if (cell.unusable != null) return cell.unusable;
        if (cell.devWorkload == null) return "the " + cell.size.id() + " workload could not be generated";
        return null;
    }

    /**
     * One iteration: in a warmup (iteration 0) the loop is started and its first answer awaited; a stored iteration
     * edits the file and records the time to the changed answer, starting the loop first if no warmup did.
     */
    void measure(Cell cell, String mode, Recorder rec) {
        String why = unusable(cell);
        if (why == null) why = cell.devLoopBroken;
        if (why == null && cell.devLoop == null) why = start(cell, mode);
        if (why != null) {
            rec.failed(Metric.EDIT_TO_SERVING_MS, Metric.WATCH, why);
            return;
        }
        if (!rec.stored()) return;
        try {
            String before = body(cell.devPort);
            long began = System.nanoTime();
            workloads.applyEdit(cell.devWorkload, EDIT_BASE + rec.iteration());
            long answered = awaitChange(cell, before, began + EDIT_TIMEOUT_MILLIS * 1_000_000L);
            rec.ok(Metric.EDIT_TO_SERVING_MS, Metric.WATCH, (answered - began) / 1e6, cell.devLoop.command());
        } catch (IOException e) {
            rec.failed(Metric.EDIT_TO_SERVING_MS, Metric.WATCH, "the dev server does not answer before the edit: "
                    + e.getMessage() + "; its output: " + cell.devLoop.recentOutput());
        } catch (NoChange e) {
            rec.failed(Metric.EDIT_TO_SERVING_MS, Metric.WATCH, e.getMessage());
        }
    }

    /** Starts the loop and waits for its first answer; returns why it could not, or null. */
    private String start(Cell cell, String mode) {
        try {
            cell.devPort = LoopbackPorts.free();
            cell.devLoop = cell.runtime.startDevLoop(cell.toolchain, cell.devWorkload.dir(), cell.devWorkload.serveTarget(),
                    cell.warmCache(mode), cell.devPort, cell.jobId);
            long deadline = System.nanoTime() + FIRST_ANSWER_TIMEOUT_MILLIS * 1_000_000L;
            while (true) {
                try {
                    body(cell.devPort);
                    cell.warmCacheFilled = true;
                    return null;
                } catch (IOException e) {
                    if (!cell.devLoop.alive() || System.nanoTime() > deadline) {
                        cell.devLoopBroken = "the dev loop never answered (" + e.getMessage() + ") within "
                                + FIRST_ANSWER_TIMEOUT_MILLIS / 1000 + " s; its output: " + cell.devLoop.recentOutput();
                        return cell.devLoopBroken;
                    }
                    LockSupport.parkNanos(POLL_NANOS * 20);
                }
            }
        } catch (IOException | RuntimeFailure e) {
            cell.devLoopBroken = "cannot start the dev loop: " + e.getMessage();
            return cell.devLoopBroken;
        }
    }

    /** Polls until the server answers with something else than {@code before}; returns that moment's nanoTime. */
    private static long awaitChange(Cell cell, String before, long deadlineNanos) throws NoChange {
        String last = "the old answer";
        int polls = 0;
        while (System.nanoTime() < deadlineNanos) {
            try {
                String now = body(cell.devPort);
                if (!now.equals(before)) return System.nanoTime();
            } catch (IOException e) {
                last = e.getMessage(); // restarting: nothing listens for a moment
            }
            // the watcher's container or process is asked about only now and then: that costs a CLI call
            if (++polls % 200 == 0 && !cell.devLoop.alive()) {
                throw new NoChange("the watcher exited; its output: " + cell.devLoop.recentOutput());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new NoChange("the server did not answer with the change within " + EDIT_TIMEOUT_MILLIS / 1000
                + " s (the watcher never fired, or the rebuild failed; last: " + last + "); its output: "
                + cell.devLoop.recentOutput());
    }

    /** The body of {@code GET /} on 127.0.0.1:port (the generated servers close every connection). */
    static String body(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(2_000);
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] all = in.readNBytes(MAX_BODY_BYTES);
            String text = new String(all, StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 200")) throw new IOException("not an HTTP 200: " + firstLine(text));
            int at = text.indexOf("\r\n\r\n");
            return at < 0 ? "" : text.substring(at + 4);
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    /** The metrics that can never apply where the family is asked for in a scenario other than the default. */
    static List<Metric> metrics() {
        return MetricFamily.DEVLOOP.metrics();
    }

    /** The server never answered with the edit. */
    private static final class NoChange extends Exception {
        NoChange(String message) {
            super(message);
        }
    }
}
