package probelab.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import probelab.Config;
import probelab.Probelab;
import probelab.TestEnv;
import probelab.jobs.JobStatus;
import probelab.process.Exec;
import probelab.storage.db.Database;
import probelab.web.WebOptions;
import probelab.web.WebServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database's disk fills up mid-job (a small tmpfs this test mounts): the job fails saying so, the server keeps
 * serving what is stored and refuses changes with the reason, and the file opens afterwards with every sample
 * committed before the fault.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@ResourceLock(TestEnv.MACHINE)
@ResourceLock(TestEnv.ENGINES)
class DiskFullJobTest {
    @TempDir
    Path dir;

    @Test
    void a_disk_that_fills_mid_job_fails_the_job_saying_so_keeps_every_committed_sample_and_the_server_still_serves_reads() throws Exception {
        Path disk = dir.resolve("small-disk");
        Files.createDirectories(disk);
        Exec.Result mount = Exec.run(List.of("mount", "-t", "tmpfs", "-o", "size=64m", "probelab-test-disk", disk.toString()), 20_000);
        TestEnv.require(mount.ok(), "mounting a tmpfs (root): " + mount.reason());
        try {
            Path file = disk.resolve("p.duckdb");
            String jobId;
            long committedBefore;
            long servedAfter;
            try (Probelab app = new Probelab(new Config(TestEnv.root(), TestEnv.sharedVar(), file))) {
                WebServer web = app.web(new WebOptions("127.0.0.1", 0, false, false, List.of())).start();
                // RTT natively, many short iterations: samples arrive every few hundred ms for a minute
                JobStatus job = app.jobs().submit(new JobRequest(Selection.of(List.of("native"),
                        List.of(app.toolchains().newest().minor()), List.of("tiny"), List.of("rtt"), null),
                        Sampling.of(200, 0, 150L, null, null, null), Conditions.DEFAULT));
                jobId = job.id();
                await(() -> okSamples(app.store().database(), jobId) >= 3, "three samples committed");

                fill(disk.resolve("filler"));
                committedBefore = okSamples(app.store().database(), jobId);
                JobStatus end = awaitEnd(app, jobId);
                assertEquals("failed", end.status(), end.toString());
                assertTrue(end.message() != null && end.message().contains("the disk that holds " + file + " is full")
                        && end.message().contains("Every sample committed before is kept"), String.valueOf(end.message()));

                // what is stored is still served, read from the file (DuckDB's state after the failed commit is not trusted)
                servedAfter = okSamples(app.store().database(), jobId);
                assertTrue(servedAfter >= committedBefore, servedAfter + " < " + committedBefore);
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + web.port();
                assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode(), "the report still renders");
                HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"runtimes\": [\"native\"], \"metrics\": [\"rtt\"]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(503, started.statusCode(), started.body());
                assertTrue(started.body().contains("is full"), started.body());
            }
            // space again: the file opens for writing, with every sample committed before the fault, and the job that
            // could not record its end reads aborted
            Files.delete(disk.resolve("filler"));
            try (Database db = Database.open(file)) {
                assertEquals(servedAfter, okSamples(db, jobId), "nothing the read-only server served was lost");
                try (var conn = db.connect(); var st = conn.createStatement();
                     ResultSet rs = st.executeQuery("SELECT status FROM jobs WHERE job_id = '" + jobId + "'")) {
                    assertTrue(rs.next());
                    assertEquals("aborted", rs.getString(1));
                }
            }
        } finally {
            Exec.run(List.of("umount", "-l", disk.toString()), 20_000);
        }
    }

    private static long okSamples(Database db, String jobId) throws Exception {
        try (var conn = db.connect(); var st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM samples JOIN runs USING (run_id) WHERE job_id = '" + jobId + "' AND samples.status = 'ok'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Takes every free byte of the file system {@code filler} is on. */
    private static void fill(Path filler) {
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) out.write(chunk);
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left on device"), full.toString());
        }
    }

    private static JobStatus awaitEnd(Probelab app, String id) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            JobStatus s = app.jobs().status(id);
            if (!s.status().equals("running") && !s.status().equals("queued")) return s;
            Thread.sleep(100);
        }
        throw new AssertionError("the job did not end within 2 minutes of the disk filling up");
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (check.holds()) return;
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
