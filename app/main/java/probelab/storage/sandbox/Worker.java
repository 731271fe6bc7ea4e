package probelab.storage.sandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The server's handle on one worker process: sends it a request, reads its answer on a thread of its own, kills it.
 * The reader thread is the only one that reads the worker's stdout; when the stream ends (the worker exited, crashed
 * or was killed) or carries something malformed, the worker is dead for good: the pending query fails with
 * {@link Died} and the pool is told so it can start a replacement.
 */
final class Worker {
    /** Column names and types, or a message: never near this, unless the worker is confused. */
    private static final int MAX_HEADER_BYTES = 8 << 20;

    /** A reply, and whether the worker asked to be replaced after it. */
    record Answer(Reply reply, boolean retire) {
    }

    /** The worker died before answering; the message says how (exit status or signal). */
    static final class Died extends Exception {
        Died(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Pending(long id, long maxBytes, CompletableFuture<Answer> answer) {
    }

    private final Process process;
    private final ObjectMapper json;
    private final DataOutputStream stdin;
    private final DataInputStream stdout;
    private final AtomicReference<Pending> pending = new AtomicReference<>();
    private final Consumer<Worker> onReady;
    private final Consumer<Worker> onDeath;
    private volatile boolean ready;
    private volatile boolean dead;
    private volatile String deathCause = "it stopped";
    private long nextId;

    private Worker(Process process, ObjectMapper json, Consumer<Worker> onReady, Consumer<Worker> onDeath) {
        this.process = process;
        this.json = json;
        this.stdin = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.stdout = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.onReady = onReady;
        this.onDeath = onDeath;
    }

    /** Starts the process (an argument list, never a shell line) and its reader thread. */
    static Worker start(List<String> command, ObjectMapper json, Consumer<Worker> onReady, Consumer<Worker> onDeath)
            throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Worker w = new Worker(p, json, onReady, onDeath);
        Thread reader = new Thread(w::readAnswers, "sql-worker-reader-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        return w;
    }

    long pid() {
        return process.pid();
    }

    boolean ready() {
        return ready;
    }

    boolean alive() {
        return !dead && process.isAlive();
    }

    /** Whether a request was sent and its answer has not come yet. */
    boolean busy() {
        return pending.get() != null;
    }

    /** Sends one request; the future completes with the answer or fails with {@link Died}. One at a time. */
    synchronized CompletableFuture<Answer> submit(Request request) {
        Pending p = new Pending(++nextId, request.maxBytes(), new CompletableFuture<>());
        if (!pending.compareAndSet(null, p)) throw new IllegalStateException("worker " + pid() + " is busy");
        if (dead) { // the reader may have finished before the pending query was visible to it
            p.answer().completeExceptionally(new Died(deathCause, null));
            return p.answer();
        }
        try {
            ObjectNode message = json.createObjectNode();
            message.put("id", p.id());
            message.set("request", json.valueToTree(request));
            Frames.write(stdin, json.writeValueAsBytes(message));
        } catch (IOException e) {
            kill();
            p.answer().completeExceptionally(new Died("the request could not be sent: " + e.getMessage(), e));
        }
        return p.answer();
    }

    /** Resident memory of the worker process, from /proc; -1 when it cannot be read. */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return -1;
    }

    /** Kills the process at once, whatever it is doing; the reader then sees the end of its output. */
    void kill() {
        process.destroyForcibly();
    }

    /** Waits for the process to be gone, at most {@code millis}. */
    void awaitExit(long millis) throws InterruptedException {
        process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    private void readAnswers() {
        Throwable failure = null;
        try {
            byte[] frame;
            while ((frame = Frames.read(stdout, MAX_HEADER_BYTES)) != null) {
                Header h = json.readValue(frame, Header.class);
                if (h.ready()) {
                    ready = true;
                    onReady.accept(this);
                    continue;
                }
                Pending p = pending.get();
                if (p == null || p.id() != h.id()) throw new Frames.ProtocolException("an answer to no pending request");
                Status status = Status.parse(h.status());
                List<List<Object>> rows = List.of();
                if (status == Status.OK) {
                    byte[] payload = Frames.read(stdout, (int) Math.min(Integer.MAX_VALUE - 64, p.maxBytes() + 64));
                    if (payload == null) throw new Frames.ProtocolException("the rows of an answer are missing");
                    try (JsonParser parser = json.getFactory().createParser(payload)) {
                        rows = ValueCodec.readRows(parser);
                    }
                }
                Reply reply = new Reply(status, h.message(), orEmpty(h.columnNames()), orEmpty(h.columnTypes()), rows,
                        h.truncated(), h.elapsedMillis(), h.dataAsOf() == null ? null : Instant.parse(h.dataAsOf()));
                pending.set(null);
                p.answer().complete(new Answer(reply, h.retire()));
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            dead = true;
            process.destroyForcibly(); // a worker that said something malformed is not trusted with another query
            deathCause = describeDeath(failure);
            Pending p = pending.getAndSet(null);
            if (p != null) p.answer().completeExceptionally(new Died(deathCause, failure));
            onDeath.accept(this);
        }
    }

    private String describeDeath(Throwable failure) {
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) return "it stopped answering";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "it stopped answering";
        }
        if (failure instanceof Frames.ProtocolException) return "it sent a malformed answer (" + failure.getMessage() + ")";
        int code = process.exitValue();
        // a JVM crash (SIGSEGV in native code) ends in abort(): 128 + 6; a kill -9 is 128 + 9
        return code > 128 ? "killed by signal " + (code - 128) : "exit status " + code;
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : List.copyOf(l);
    }
}
