package probelab.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a process from an argument list (never a shell string) and collects its output, with a time limit. */
public final class Exec {
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
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        Waited w = await(p, start, timeoutMillis);
        if (w.interrupted()) return new Result(command, -1, "", "interrupted", w.elapsedNanos(), true);
        return new Result(command, w.finished() ? p.exitValue() : -1, out.join(), err.join(), w.elapsedNanos(), !w.finished());
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
        reader.join();
        List<TimedLine> copy = List.copyOf(lines);
        String text = String.join("\n", copy.stream().map(TimedLine::line).toList());
        return new TimedResult(new Result(command, w.finished() ? p.exitValue() : -1, text, "", w.elapsedNanos(), !w.finished()),
                start, copy);
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
