package probelab.storage.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A few worker processes ({@link SqlWorkerMain}, child JVMs from this JVM's own binary and class path) that run
 * user SQL, one query per worker at a time, so that nothing a query does to DuckDB can reach the server.
 *
 * <p>The caller's own thread enforces its query's limits: it waits for the answer in short steps and kills the
 * worker when the time limit plus a grace period has passed (the worker cancels at the limit itself; the kill is for
 * DuckDB work that does not listen, such as constant folding while a query is planned) or when the worker's resident
 * memory passes the cap (DuckDB's memory_limit does not cover all of its allocations). There is no shared watchdog
 * to fall behind. A worker that dies, however, costs its one query: the pool starts a fresh one in the background.
 * While queries run, at most {@code maxQueued} callers wait for a free worker; more are turned away at once.
 */
public final class WorkerPool implements AutoCloseable {
    /** How often a waiting caller checks its worker's memory. */
    private static final long POLL_MILLIS = 50;
    /**
     * How long a caller waits for workers that are still starting (a JVM, then DuckDB's 60 MB native library: about
     * half a second on an idle machine, seconds on a loaded one) before it gives up: starting is not being busy.
     */
    private static final long START_WAIT_MILLIS = 30_000;

    /**
     * @param workers     worker processes, each running one query at a time
     * @param maxQueued   callers that may wait for a free worker
     * @param rssLimit    resident memory, in bytes, past which a worker is killed
     * @param graceMillis how long after the time limit a worker may take to answer before it is killed
     */
    public record Settings(int workers, int maxQueued, long rssLimit, long graceMillis) {
        public Settings {
            if (workers < 1) throw new IllegalArgumentException("workers must be positive");
            if (maxQueued < 0) throw new IllegalArgumentException("maxQueued must not be negative");
            if (rssLimit < (64L << 20)) throw new IllegalArgumentException("rssLimit below 64 MB: " + rssLimit);
            if (graceMillis < 0) throw new IllegalArgumentException("graceMillis must not be negative");
        }
    }

    private final Settings settings;
    private final ObjectMapper json;
    private final BlockingQueue<Worker> idle = new LinkedBlockingQueue<>();
    private final Set<Worker> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger failedStarts = new AtomicInteger();
    private final ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sql-worker-starter");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private volatile boolean warm;
    private volatile String startFailure;
    private Path tmpDir;
    private int starting; // guarded by this: scheduled starts whose process is not in live yet

    public WorkerPool(Settings settings) {
        this.settings = settings;
        // a result may hold one string as long as the byte cap; Jackson's default stops at 20 M characters
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build();
        this.json = new ObjectMapper(factory);
    }

    /** What the pool was made with, so a caller handed a pool can check it is the one it needs. */
    public Settings settings() {
        return settings;
    }

    /** Starts all the workers in the background, if they are not running yet; returns at once. */
    public void warmUp() {
        warm = true;
        topUp(0);
    }

    /**
     * Schedules starts for the workers missing from the pool: one place counts, so the pool never overshoots.
     * Before {@link #warmUp()}, the pool grows only as far as queries need (a command that runs one query starts
     * one JVM); after it, to its full size.
     */
    private synchronized void topUp(long delayMillis) {
        if (closed) return;
        int wanted = warm ? settings.workers() : Math.min(settings.workers(), running.get() + waiting.get() + 1);
        int missing = wanted - live.size() - starting;
        for (int i = 0; i < missing; i++) {
            starting++;
            try {
                starter.schedule(this::start, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) { // closed meanwhile
                starting--;
            }
        }
    }

    /**
     * Runs one request on a free worker, waiting at most {@code waitMillis} for one. Never throws for anything the
     * query does: a refusal, a failure, a timeout, a crash and a full queue all come back as a {@link Reply}.
     *
     * When no worker can be started at all, the reply is {@link Status#SETUP_FAILED}.
     *
     * @throws IllegalStateException when the pool is closed
     */
    public Reply run(Request request, long waitMillis) {
        if (closed) throw new IllegalStateException("the SQL worker pool is closed");
        Worker w = idle.poll();
        if (w == null || !w.alive()) {
            // the queue bounds callers waiting for busy workers; waiting for workers that are starting is no queue
            if (waiting.incrementAndGet() > settings.maxQueued() && running.get() > 0) {
                waiting.decrementAndGet();
                return busy("and " + settings.maxQueued() + " waiting already");
            }
            topUp(0); // a worker for this caller, if the pool has not reached its size
            try {
                w = awaitWorker(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Reply.refused(Status.BUSY, "interrupted while waiting for a free SQL worker");
            } finally {
                waiting.decrementAndGet();
            }
            if (w == null) {
                String failure = startFailure;
                if (live.isEmpty() && failure != null) {
                    return Reply.refused(Status.SETUP_FAILED, "no SQL worker process can start: " + failure);
                }
                return busy("for the " + waitMillis + " ms this one waited");
            }
        }
        return runOn(w, request);
    }

    private Reply busy(String detail) {
        return Reply.refused(Status.BUSY, settings.workers() + (settings.workers() == 1 ? " query was" : " queries were")
                + " running " + detail + "; try again when one has finished");
    }

    /**
     * A free worker within {@code waitMillis}, or null. While a worker is starting (or restarting) the pool is not
     * busy but slow, and the wait extends to {@link #START_WAIT_MILLIS}.
     */
    private Worker awaitWorker(long waitMillis) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        long startDeadline = t0 + TimeUnit.MILLISECONDS.toNanos(Math.max(waitMillis, START_WAIT_MILLIS));
        while (true) {
            long now = System.nanoTime();
            long left = (anyStarting() ? startDeadline : deadline) - now;
            if (left <= 0) return null;
            Worker w = idle.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS * 4)), TimeUnit.NANOSECONDS);
            if (w != null && w.alive()) return w; // a dead one was taken off the queue as it died; this catches the race
        }
    }

    private synchronized boolean anyStarting() {
        if (closed || startFailure != null) return false; // a pool whose workers fail to start is not starting
        return starting > 0 || live.stream().anyMatch(w -> !w.ready());
    }

    private Reply runOn(Worker w, Request request) {
        running.incrementAndGet();
        try {
            return runAndWatch(w, request);
        } finally {
            running.decrementAndGet();
        }
    }

    private Reply runAndWatch(Worker w, Request request) {
        var answer = w.submit(request);
        long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(request.timeoutMillis() + settings.graceMillis());
        while (true) {
            long left = killAt - System.nanoTime();
            if (left <= 0) {
                w.kill(); // DuckDB did not stop when the worker cancelled: the process goes, the server stays
                return Reply.refused(Status.TIMEOUT, "");
            }
            try {
                Worker.Answer a = answer.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS);
                if (a.retire() || closed) w.kill();
                else idle.offer(w);
                return a.reply();
            } catch (TimeoutException e) {
                long rss = w.rssBytes();
                if (rss > settings.rssLimit()) {
                    w.kill();
                    return Reply.refused(Status.FAILED, "the query needed more than " + (settings.rssLimit() >> 20)
                            + " MB of memory and was stopped");
                }
            } catch (ExecutionException e) {
                return Reply.refused(Status.FAILED, "the query crashed its worker process (" + e.getCause().getMessage()
                        + "); the server is unaffected and a fresh worker takes the next query");
            } catch (InterruptedException e) {
                w.kill();
                Thread.currentThread().interrupt();
                return Reply.refused(Status.FAILED, "interrupted while the query ran; it was stopped");
            }
        }
    }

    private void start() {
        Worker w = null;
        try {
            if (!closed) w = Worker.start(command(), json, this::onReady, this::onDeath);
        } catch (IOException | UncheckedIOException e) {
            startFailure = e.getMessage();
        }
        synchronized (this) {
            starting--;
            if (w != null) live.add(w);
        }
        if (w == null) {
            topUp(backoff(failedStarts.incrementAndGet()));
        } else if (closed) {
            w.kill();
        }
    }

    private void onReady(Worker w) {
        failedStarts.set(0);
        startFailure = null;
        if (closed) w.kill();
        else idle.offer(w);
    }

    /** Every worker that ends comes through here: killed, crashed, or failed to start. */
    private void onDeath(Worker w) {
        synchronized (this) {
            live.remove(w);
        }
        idle.remove(w);
        if (w.ready()) {
            topUp(0); // its replacement
        } else {
            startFailure = "worker process " + w.pid() + " exited before it was ready (see the server's stderr)";
            topUp(backoff(failedStarts.incrementAndGet())); // a worker that cannot start must not restart in a tight loop
        }
    }

    private static long backoff(int failures) {
        return Math.min(30_000, 250L << Math.min(failures, 7));
    }

    /** The worker's command line: the same java binary and class path as this JVM, flags for a small, quick JVM. */
    private List<String> command() throws IOException {
        Path tmp = tmpDir();
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.add("-Xss64m");
        cmd.add("-Xmx256m");
        cmd.add("-XX:+UseSerialGC");
        // no -XX:TieredStopAtLevel=1: a worker lives for many queries and encodes every value it returns, which C2
        // does twice as fast; its start is spent loading DuckDB, not compiling
        cmd.add("-XX:-UsePerfData"); // no /tmp/hsperfdata file left behind by a killed worker
        cmd.add("-XX:+DisplayVMOutputToStderr"); // a crash report must not land in the frames on stdout
        cmd.add("-XX:-CreateCoredumpOnCrash");
        cmd.add("-XX:ErrorFile=" + tmp.resolve("hs_err_pid%p.log"));
        cmd.add("-Djava.io.tmpdir=" + tmp); // where the driver unpacks its native library; removed on close
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SqlWorkerMain.class.getName());
        return cmd;
    }

    private synchronized Path tmpDir() throws IOException {
        if (tmpDir == null) tmpDir = Files.createTempDirectory("probelab-sql-workers-");
        return tmpDir;
    }

    private static String javaBinary() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) return fromHome.toString();
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Process ids of the live workers (for tests and diagnostics). */
    public List<Long> pids() {
        return live.stream().map(Worker::pid).sorted().toList();
    }

    /** How many live workers have started and can take queries (busy or not). */
    public int readyWorkers() {
        return (int) live.stream().filter(w -> w.ready() && w.alive()).count();
    }

    /** How many live workers have a query and have not answered it yet (for tests and diagnostics). */
    public int busyWorkers() {
        return (int) live.stream().filter(Worker::busy).count();
    }

    /** Kills every worker and removes their temp directory. */
    @Override
    public void close() {
        List<Worker> all;
        synchronized (this) {
            closed = true;
            starter.shutdownNow();
            all = new ArrayList<>(live);
        }
        all.forEach(Worker::kill);
        try {
            for (Worker w : all) w.awaitExit(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTmpDir();
    }

    private synchronized void deleteTmpDir() {
        if (tmpDir == null) return;
        try (Stream<Path> files = Files.walk(tmpDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temp directory
                }
            });
        } catch (IOException e) {
            // already gone
        }
    }
}
