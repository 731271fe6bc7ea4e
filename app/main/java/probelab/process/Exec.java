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
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
        if (dir != null) pb.directory(dir.toFile());
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(command, 127, "", "cannot start " + command.get(0) + ": " + e.getMessage(),
                    System.nanoTime() - start, false);
        }
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // the child may already have closed its stdin
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        boolean finished;
        try {
            finished = p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(command, -1, "", "interrupted", System.nanoTime() - start, true);
        }
        long elapsed = System.nanoTime() - start;
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return new Result(command, finished ? p.exitValue() : -1, out.join(), err.join(), elapsed, !finished);
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
