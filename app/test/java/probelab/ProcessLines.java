package probelab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A child process's output, read line by line on a thread of its own, so that a test waits for a line with a deadline:
 * a read from a pipe ignores interrupts, and a child that hangs without writing would hold a plain readLine for ever.
 */
public final class ProcessLines {
    /** Lines kept for the failure message: what the process said last. */
    private static final int TAIL = 20;

    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>(); // empty: the output ended
    private final Deque<String> tail = new ArrayDeque<>();
    private boolean ended;

    private ProcessLines(InputStream in, String name) {
        Thread reader = new Thread(() -> {
            try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(Optional.of(line));
            } catch (IOException e) {
                // the process was killed or the stream closed: its output ends here
            } finally {
                lines.add(Optional.empty());
            }
        }, "lines-of-" + name);
        reader.setDaemon(true); // stuck on a child that never writes, it must not keep the test JVM alive
        reader.start();
    }

    /** Starts reading {@code process}'s stdout (with stderr, if the builder merged it). */
    public static ProcessLines of(Process process) {
        return new ProcessLines(process.getInputStream(), Long.toString(process.pid()));
    }

    /** The next line; fails the test when none comes within {@code limit} or the output ends first. */
    public String next(Duration limit, String what) throws InterruptedException {
        return await(line -> true, limit, what);
    }

    /**
     * Skips lines until one matches and returns it; fails the test, with the last lines read, when none matches
     * within {@code limit} or the output ends first.
     */
    public String await(Predicate<String> wanted, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            Optional<String> line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) fail("no line (" + what + ") within " + limit + "; the last lines: " + tail);
            if (line.isEmpty()) {
                ended = true;
                break;
            }
            remember(line.get());
            if (wanted.test(line.get())) return line.get();
        }
        return fail("the output ended before " + what + "; the last lines: " + tail);
    }

    private void remember(String line) {
        if (tail.size() == TAIL) tail.removeFirst();
        tail.addLast(line);
    }
}
