package probelab.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a process from an argument list (never a shell string) and collects its output, with a time limit. */
public final class Exec {
    /**
     * How long the output may go on after the process has ended or been killed. Its pipes close as it exits; a child it
     * left running (a daemon that inherited them) can hold them open for ever, and then the output read so far is it.
     */
    private static final long OUTPUT_GRACE_MILLIS = 10_000;

    private Exec() {
    }

    /** What a finished (or timed-out) process left behind. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr, long elapsedNanos,
                         boolean timedOut) {
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** A short reason for failure messages: the last lines of stderr (or stdout). */
        public String reason() {
            if (timedOut) return "timed out: " + String.join(" ", command);
            String text = stderr.isBlank() ? stdout : stderr;
            String[] lines = text.strip().split("\n");
            int from = Math.max(0, lines.length - 4);
            return "exit " + exitCode + " from " + command.get(0) + ": "
                    + String.join(" | ", List.of(lines).subList(from, lines.length));
        }
    }

    public static Result run(List<String> command, long timeoutMillis) {
        return run(command, null, Map.of(), timeoutMillis);
    }

    public static Result run(List<String> command, Path dir, Map<String, String> env, long timeoutMillis) {
        ProcessBuilder pb = builder(command, dir, env);
        long start = System.nanoTime();
        Process p;
        try {
            p = start(pb);
        } catch (IOException e) {
            return notStarted(command, e, start);
        }
        Drain out = Drain.of(p.getInputStream());
        Drain err = Drain.of(p.getErrorStream());
        Waited w = await(p, start, timeoutMillis);
        if (w.interrupted()) return new Result(command, -1, "", "interrupted", w.elapsedNanos(), true);
        return new Result(command, w.finished() ? p.exitValue() : -1, out.text(), err.text(), w.elapsedNanos(),
                !w.finished());
    }

    private static ProcessBuilder builder(List<String> command, Path dir, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
        if (dir != null) pb.directory(dir.toFile());
        pb.environment().putAll(env);
        return pb;
    }

    /** Starts the process with its stdin closed: nothing probelab runs reads input. */
    private static Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // the child may already have closed its stdin
        }
        return p;
    }

    private static Result notStarted(List<String> command, IOException e, long startNanos) {
        return new Result(command, 127, "", "cannot start " + command.get(0) + ": " + e.getMessage(),
                System.nanoTime() - startNanos, false);
    }

    /** How a wait ended; {@code elapsedNanos} is taken when the wait returned, before any kill. */
    private record Waited(boolean finished, boolean interrupted, long elapsedNanos) {
    }

    /** Waits up to {@code timeoutMillis}; a process still running then (or when interrupted) is killed with its children. */
    private static Waited await(Process p, long startNanos, long timeoutMillis) {
        try {
            boolean finished = p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
            long elapsed = System.nanoTime() - startNanos;
            if (!finished) kill(p);
            return new Waited(finished, false, elapsed);
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            return new Waited(false, true, System.nanoTime() - startNanos);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** One line of a process's output and {@link System#nanoTime()} when it was read. */
    public record TimedLine(long atNanos, String line) {
    }

    /**
     * A finished (or timed-out) process whose stdout and stderr were read together line by line, each line stamped as it
     * arrived; {@code startNanos} is right before the process was started, so a line's offset into the run is
     * {@code atNanos - startNanos}.
     */
    public record TimedResult(Result result, long startNanos, List<TimedLine> lines) {
    }

    /**
     * Runs {@code command} like {@link #run(List, Path, Map, long)}, with stderr merged into stdout (so the lines keep
     * their order) and every line stamped as it is read: for tools that report progress as they go.
     */
    public static TimedResult runTimed(List<String> command, Path dir, Map<String, String> env, long timeoutMillis) {
        ProcessBuilder pb = builder(command, dir, env);
        pb.redirectErrorStream(true);
        List<TimedLine> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        Process p;
        try {
            p = start(pb);
        } catch (IOException e) {
            return new TimedResult(notStarted(command, e, start), start, List.of());
        }
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) lines.add(new TimedLine(System.nanoTime(), line));
            } catch (IOException ignored) {
                // the process ended or was killed: the lines read so far are what there is
            }
        });
        Waited w = await(p, start, timeoutMillis);
        if (w.interrupted()) {
            return new TimedResult(new Result(command, -1, "", "interrupted", w.elapsedNanos(), true), start, List.of());
        }
        awaitEnd(reader);
        List<TimedLine> copy;
        synchronized (lines) {
            copy = List.copyOf(lines);
        }
        String text = String.join("\n", copy.stream().map(TimedLine::line).toList());
        return new TimedResult(new Result(command, w.finished() ? p.exitValue() : -1, text, "", w.elapsedNanos(), !w.finished()),
                start, copy);
    }

    /** Waits for a reader of a process's output to reach its end, at most {@link #OUTPUT_GRACE_MILLIS}. */
    private static void awaitEnd(CompletableFuture<?> reader) {
        try {
            reader.get(OUTPUT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // a child of the process holds the pipe open: what was read is all this caller gets
        } catch (ExecutionException e) {
            // the reader failed: what it read before is kept
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One output stream, read to its end on a thread of its own; {@link #text()} takes what arrived by then. */
    private record Drain(ByteArrayOutputStream bytes, CompletableFuture<Void> reader) {
        static Drain of(InputStream in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            return new Drain(bytes, CompletableFuture.runAsync(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    for (int n; (n = in.read(buffer)) != -1; ) bytes.write(buffer, 0, n); // synchronized, as toString
                } catch (IOException e) {
                    // the process was killed: what was read is what there is
                }
            }));
        }

        String text() {
            awaitEnd(reader);
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
