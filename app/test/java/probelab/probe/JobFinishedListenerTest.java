package probelab.probe;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.Config;
import probelab.Probelab;
import probelab.TestEnv;
import probelab.runtime.GoTime;
import probelab.runtime.NativeRuntime;
import probelab.storage.samples.SampleStore;
import probelab.storage.db.Database;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobFinishedListenerTest {
    @TempDir
    Path dir;
    HttpServer server;
    URI target;

    /** A server that is not ours, so the job needs no Go toolchain: target mode. */
    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        target = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** A target job of {@code repeat} 100 ms RTT iterations and no warmup, planned, queued and run by {@code runner}. */
    private String runAgainstTarget(JobRunner runner, int repeat, ProgressListener progress) {
        Plan plan = runner.plan(new JobRequest(Selection.target(target), Sampling.of(repeat, 0, 100L, null, null, null),
                Conditions.DEFAULT));
        runner.queue(plan);
        runner.run(plan, progress, new JobRunner.Control());
        return plan.jobId();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void a_finished_job_refreshes_the_snapshot_with_its_samples() throws Exception {
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            Path file = app.snapshot().file();
            assertFalse(Files.exists(file), "no snapshot before the first job");
            String jobId = runAgainstTarget(app.runner(), 2, ProgressListener.NONE);
            long ok = app.store().job(jobId).orElseThrow().okSamples();
            assertTrue(ok > 0);
            assertTrue(app.snapshot().lastRefresh().isPresent());
            try (Database snapshot = Database.openReadOnly(file); var conn = snapshot.connect();
                 PreparedStatement ps = conn.prepareStatement("SELECT count(*), any_value(j.status) FROM v_samples s "
                         + "JOIN jobs j USING (job_id) WHERE job_id = ? AND s.status = 'ok'")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(ok, rs.getLong(1), "every sample of the job is in the snapshot");
                    assertEquals(SampleStore.JOB_COMPLETED, rs.getString(2), "taken after the final status was stored");
                }
            }
        }
    }

    @Test
    void a_listener_that_fails_is_reported_and_leaves_the_job_completed() {
        Config config = TestEnv.config(dir);
        try (Probelab app = new Probelab(config)) {
            List<String> heard = new ArrayList<>();
            List<String> logged = new ArrayList<>();
            var runner = RunnerOver.runtimes(app, List.of(new NativeRuntime(config.scratchDir(), GoTime.NONE)),
                    (jobId, status) -> {
                        heard.add(jobId + " " + status);
                        throw new IllegalStateException("disk full");
                    });
            ProgressListener progress = new ProgressListener() {
                @Override
                public void step(long done, long total, String what) {
                }

                @Override
                public void log(String line) {
                    logged.add(line);
                }
            };
            String jobId = runAgainstTarget(runner, 1, progress);
            assertEquals(List.of(jobId + " " + SampleStore.JOB_COMPLETED), heard);
            assertEquals(SampleStore.JOB_COMPLETED, app.store().job(jobId).orElseThrow().status());
            assertTrue(logged.stream().anyMatch(l -> l.contains("disk full")), logged.toString());
        }
    }
}
