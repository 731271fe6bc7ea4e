package probelab.web;

import probelab.web.common.Paths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import probelab.catalog.Metric;
import probelab.catalog.Unit;
import probelab.probe.Conditions;
import probelab.probe.JobRequest;
import probelab.probe.JobRequestJson;
import probelab.probe.Sampling;
import probelab.probe.Selection;
import probelab.storage.samples.Environment;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;
import probelab.toolchain.Toolchains;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.get;
import static probelab.web.Http.json;
import static probelab.web.Http.postJson;

/** "Measure more": a finished job's undecided comparisons get a follow-up job whose samples join that job's report. */
class ExtendJobServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    /** A finished RTT job where docker's values lie {@code shift} µs above native's, in a spread of ±4 µs. */
    private static String rttJob(double shift) throws Exception {
        SampleStore store = app.probelab().store();
        String go = Toolchains.discover().newest().version();
        String id = "20250301-undecided-" + System.nanoTime();
        JobRequest spec = new JobRequest(Selection.of(List.of("native", "docker"), List.of(Toolchains.discover().newest().minor()),
                List.of("tiny"), List.of("rtt"), null), new Sampling(null, 1, 100, 5, new Sampling.RunBounds(6, 8), null),
                Conditions.DEFAULT);
        store.createJob(id, JobRequestJson.write(spec), Instant.now());
        store.markJobStarted(id);
        Environment env = new Environment("Test OS", "6.1", "Test CPU", 2, 1L << 34, "go version go" + go, "1.0", "test", "0.1.0", "test");
        double[] values = {100, 103, 98, 101, 99, 102, 104, 97};
        int run = 0;
        for (String runtime : List.of("native", "docker")) {
            String runId = id + "-" + run++;
            store.createRun(new RunRow(runId, id, runtime, go, "tiny", Instant.now(), env, RunRow.WorkloadCounts.NONE));
            List<SampleRow> rows = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                rows.add(new SampleRow(runId, Metric.RTT_P50_US.id(), "", i + 1, values[i] + (runtime.equals("docker") ? shift : 0),
                        Unit.US.symbol(), SampleRow.OK, null, "test", Instant.now()));
            }
            store.addSamples(rows);
            store.finishRun(runId, "completed");
        }
        store.markJobFinished(id, SampleStore.JOB_COMPLETED, null);
        return id;
    }

    /**
     * Waits until the follow-up has stopped and the snapshot its end triggers is written, so that nothing writes into
     * the class's directory while it is deleted.
     */
    private static void awaitEnd(io.javalin.testtools.HttpClient client, String jobId) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            String status = json(get(client, "/api/jobs/" + jobId)).get("status").asText();
            boolean writing;
            try (var files = java.nio.file.Files.list(app.dir())) {
                writing = files.anyMatch(f -> f.getFileName().toString().contains(".tmp-"));
            }
            if (!status.equals("queued") && !status.equals("running") && !writing) return;
            Thread.sleep(200);
        }
        throw new AssertionError("job " + jobId + " did not stop");
    }

    @Test
    void an_undecided_comparison_gets_a_button_and_a_follow_up_job_that_joins_the_report() throws Exception {
        String job = rttJob(1); // 1 µs in ±4 µs: undecided
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode row = null;
            for (JsonNode r : json(get(client, "/cells/rtt.json?job=" + job)).get("rows")) {
                if (r.get("runtime").asText().equals("docker")) row = r.get("comparison");
            }
            assertEquals("same", row.get("verdict").asText(), "1 µs in ±4 µs is not decided by 8 samples: " + row);
            assertTrue(row.get("extraRunsToDecide").asInt() > 0, "the advisor says how many more would: " + row);

            String page = get(client, "/?job=" + job).body().string();
            assertTrue(page.contains("action=\"" + Paths.jobExtend(job) + "\""), "the verdict cell has the button");
            assertTrue(page.contains("Measure more: 50 more iterations of native, docker would likely decide 1 undecided comparison"), page);

            Response r = postJson(client, "/api/jobs/" + job + "/extend", "");
            assertEquals(202, r.code(), r.body().string());
            JsonNode queued = json(r);
            String followUp = queued.get("id").asText();
            JsonNode spec = new ObjectMapper().readTree(queued.get("specJson").asText());
            assertEquals(List.of("native", "docker"), List.of(spec.get("runtimes").get(0).asText(), spec.get("runtimes").get(1).asText()));
            assertEquals(50, spec.get("repeat").asInt(), "exactly the advised iterations, capped");
            assertEquals("[\"rtt\"]", spec.get("metrics").toString(), "only the undecided family");
            assertEquals(100, spec.get("rttDurationMillis").asInt(), "measured like the job it extends");
            postJson(client, "/api/jobs/" + followUp + "/cancel", "");
            awaitEnd(client, followUp);

            // the follow-up's runs belong to the extended job's report
            var store = app.probelab().store();
            store.createRun(new RunRow(followUp + "-x", followUp, "native", Toolchains.discover().newest().version(), "tiny",
                    Instant.now(), new Environment("Test OS", "6.1", "Test CPU", 2, 1L << 34, "go", "1.0", "test", "0.1.0", "test"),
                    RunRow.WorkloadCounts.NONE));
            store.addSamples(List.of(new SampleRow(followUp + "-x", Metric.RTT_P50_US.id(), "", 1, 100.0, Unit.US.symbol(),
                    SampleRow.OK, null, "test", Instant.now())));
            int n = 0;
            for (JsonNode rr : json(get(client, "/cells/rtt.json?job=" + job)).get("rows")) {
                if (rr.get("runtime").asText().equals("native")) n = rr.get("summary").get("n").asInt();
            }
            assertEquals(9, n, "8 of the job and 1 of its follow-up");
        });
    }

    @Test
    void a_job_with_every_comparison_decided_is_a_conflict_and_an_unknown_job_is_not_found() throws Exception {
        String decidedJob = rttJob(50);
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response decided = postJson(client, "/api/jobs/" + decidedJob + "/extend", "");
            assertEquals(409, decided.code());
            assertTrue(decided.body().string().contains("nothing to measure more of"));
            assertFalse(get(client, "/?job=" + decidedJob).body().string().contains("Measure more"),
                    "no button when nothing is undecided");
            Response handmade = postJson(client, "/api/jobs/" + TestApp.HANDMADE_JOB + "/extend", "");
            assertEquals(409, handmade.code(), "a job without a runnable spec");
            assertEquals(404, postJson(client, "/api/jobs/no-such-job/extend", "").code());
        });
    }
}
