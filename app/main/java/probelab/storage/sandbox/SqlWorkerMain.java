package probelab.storage.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A SQL worker process: the main class the {@link WorkerPool} starts in a child JVM. It reads {@link Request}s as
 * frames on stdin, runs each with {@link QueryRunner} on one thread with a very large stack, and writes the answer as
 * frames on stdout; it logs to stderr only.
 *
 * <p>It exits as soon as stdin closes, even in the middle of a query: the server closed the pipe, or died and the
 * kernel closed it, and a worker must never outlive its server.
 */
public final class SqlWorkerMain {
    /** DuckDB's binder and planner recurse on the calling thread: a few hundred UNIONs overflow a 1 MB stack. */
    static final long DUCKDB_STACK_BYTES = 256L << 20;
    /** A request is the SQL (at most a few hundred KB) and a few numbers. */
    private static final int MAX_REQUEST_BYTES = 16 << 20;

    /**
     * DuckDB's parse of a deep query (json_serialize_sql) nests deeper than Jackson's default limit of 1000; the
     * tree is built without recursion, and this runs on a thread with a large stack anyway.
     */
    private final ObjectMapper json = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1_000_000).build()).build());
    private final DataOutputStream out;
    private final DataInputStream in;
    private final ExecutorService duckdb = Executors.newSingleThreadExecutor(
            r -> daemon(new Thread(null, r, "sql-worker-duckdb", DUCKDB_STACK_BYTES)));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(new Thread(r, "sql-worker-timer")));

    private SqlWorkerMain(DataInputStream in, DataOutputStream out) {
        this.in = in;
        this.out = out;
    }

    public static void main(String[] args) {
        // stdout carries frames only: anything printed by accident goes to stderr instead of corrupting them
        var frames = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        var requests = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        int status = new SqlWorkerMain(requests, frames).serve();
        Runtime.getRuntime().halt(status);
    }

    /** Serves until stdin closes; returns the exit status. */
    private int serve() {
        try {
            duckdb.submit(() -> {
                warmUp();
                return null;
            }).get();
            send(Header.readyNow(), null);
            while (true) {
                byte[] frame = Frames.read(in, MAX_REQUEST_BYTES);
                if (frame == null) return 0; // the server is gone or done with us
                JsonNode message = json.readTree(frame);
                long id = message.path("id").asLong();
                Request request = json.treeToValue(message.path("request"), Request.class);
                duckdb.execute(() -> answer(id, request));
            }
        } catch (Exception e) {
            System.err.println("probelab sql worker: " + e);
            return 2;
        }
    }

    /** Runs on the big-stack thread, one request at a time. */
    private void answer(long id, Request request) {
        QueryRunner runner = new QueryRunner(request, json);
        ScheduledFuture<?> watchdog = timer.schedule(runner::cancel, request.timeoutMillis(), TimeUnit.MILLISECONDS);
        QueryRunner.Outcome o;
        boolean retire = false;
        try {
            o = runner.run();
        } catch (OutOfMemoryError e) {
            // the heap is the worker's own; say what happened, then let the server start a fresh worker
            o = QueryRunner.Outcome.refused(Status.FAILED, "the result needed more memory than a query's worker has");
            retire = true;
        } catch (RuntimeException e) {
            // e.g. the driver failing to build a huge chunk: this worker's state is unknown, so it is replaced
            o = QueryRunner.Outcome.refused(Status.FAILED, "the query's worker failed: " + e);
            retire = true;
        } finally {
            watchdog.cancel(false);
        }
        Header h = new Header(false, id, o.status().name(), o.message(), o.names(), o.types(), o.truncated(),
                o.elapsedMillis(), o.dataAsOf() == null ? null : o.dataAsOf().toString(), retire);
        try {
            send(h, o.rows());
        } catch (IOException e) {
            Runtime.getRuntime().halt(3); // the pipe is gone: so is the server
        }
        if (retire) Runtime.getRuntime().halt(4);
    }

    private void send(Header h, byte[] rows) throws IOException {
        synchronized (out) {
            Frames.write(out, json.writeValueAsBytes(h));
            if (rows != null) Frames.write(out, rows);
        }
    }

    /**
     * Loads DuckDB's native library before the first query, so that query does not pay for it, and deletes the
     * copy the driver unpacked into the temp directory: the library stays mapped, and a worker that is killed
     * later leaves no 60 MB file behind.
     */
    private void warmUp() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT json_serialize_sql('SELECT 1')")) {
            rs.next();
        }
        deleteUnpackedLibrary();
    }

    private static void deleteUnpackedLibrary() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        try {
            List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
            // only the driver's own temp copy (Files.createTempFile adds digits), never an installed library
            maps.stream().map(line -> line.indexOf('/') < 0 ? "" : line.substring(line.indexOf('/')))
                    .filter(p -> p.matches(".*/libduckdb_java[0-9]+\\.so")).distinct()
                    .filter(p -> tmp.equals(Path.of(p).getParent()))
                    .forEach(p -> {
                        try {
                            Files.deleteIfExists(Path.of(p));
                        } catch (IOException e) {
                            System.err.println("probelab sql worker: cannot delete " + p + ": " + e);
                        }
                    });
        } catch (IOException e) {
            // not Linux: the driver's deleteOnExit removes it when the worker exits normally
        }
    }

    private static Thread daemon(Thread t) {
        t.setDaemon(true);
        return t;
    }
}
