package probelab.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.get;
import static probelab.web.Http.json;
import static probelab.web.Http.postJson;

/** The JSON API, including real native jobs through the queue. */
class ApiServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    /** Polls GET /api/jobs/{id} until the job has ended. */
    static JsonNode awaitEnd(HttpClient c, String id, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            JsonNode s = json(get(c, "/api/jobs/" + id));
            String status = s.get("status").asText();
            if (!status.equals("queued") && !status.equals("running")) return s;
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not end within " + limit);
    }

    @Test
    void runtimes_lists_each_runtime_with_its_availability() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode list = json(get(client, "/api/runtimes"));
            JsonNode nativeRt = list.get(0);
            assertEquals("native", nativeRt.get("id").asText());
            assertTrue(nativeRt.get("available").asBoolean());
            assertTrue(nativeRt.has("reason") && nativeRt.has("engineVersion") && nativeRt.has("color"));
        });
    }

    @Test
    void toolchains_lists_the_go_versions_found() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode list = json(get(client, "/api/toolchains"));
            assertTrue(list.size() >= 1);
            assertTrue(list.get(0).get("version").asText().matches("\\d+\\.\\d+.*"));
        });
    }

    @Test
    void info_says_the_version_and_the_database_path() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode info = json(get(client, "/api/info"));
            assertEquals(probelab.Config.VERSION, info.get("version").asText());
            assertEquals(app.probelab().config().dbFile().toString(), info.get("database").asText());
            assertTrue(info.get("samples").asLong() > 0);
        });
    }

    @Test
    void a_job_with_an_unknown_runtime_is_refused_with_the_clis_message() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = postJson(client, "/api/jobs", "{\"runtimes\": [\"dockr\"], \"repeat\": 1}");
            assertEquals(400, r.code());
            assertEquals("unknown runtime 'dockr'; valid: " + String.join(", ", app.probelab().runtimes().ids()),
                    json(r).get("message").asText());
        });
    }

    @Test
    void a_job_with_bad_numbers_or_fields_or_body_is_refused() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response repeat = postJson(client, "/api/jobs", "{\"repeat\": 0}");
            assertEquals(400, repeat.code());
            assertEquals("repeat must be between 1 and 1000, got 0", json(repeat).get("message").asText());
            Response field = postJson(client, "/api/jobs", "{\"repeats\": 2}");
            assertEquals(400, field.code());
            assertEquals("repeats", json(field).get("param").asText());
            assertEquals(400, postJson(client, "/api/jobs", "{not json").code());
            assertEquals(400, postJson(client, "/api/jobs", "{\"sizes\": [\"huge\"]}").code());
            assertEquals(400, postJson(client, "/api/jobs", "{\"go\": [\"0.1\"]}").code());
            Response notJson = client.request("/api/jobs", b -> b.header("Content-Type", "text/plain")
                    .post(HttpRequest.BodyPublishers.ofString("runtimes=native")));
            assertEquals(400, notJson.code());
        });
    }

    @Test
    void sampling_fields_are_validated_like_the_cli_and_a_bad_one_queues_nothing() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            int before = app.probelab().store().recentJobs(500).size();
            Response budget = postJson(client, "/api/jobs", "{\"budget\": \"soon\"}");
            assertEquals(400, budget.code());
            assertTrue(json(budget).get("message").asText().startsWith("budget must be a duration such as 90s"));
            Response zero = postJson(client, "/api/jobs", "{\"budgetSeconds\": 0}");
            assertEquals("budget must be more than 0 s and at most 7 days, got 0 ms", json(zero).get("message").asText());
            Response both = postJson(client, "/api/jobs", "{\"budgetSeconds\": 60, \"budget\": \"1m\"}");
            assertEquals(400, both.code());
            Response runs = postJson(client, "/api/jobs", "{\"minRuns\": 12, \"maxRuns\": 8}");
            assertEquals("min runs (12) must not exceed max runs (8)", json(runs).get("message").asText());
            Response precision = postJson(client, "/api/jobs", "{\"precisionPct\": 0}");
            assertEquals(400, precision.code());
            Response mode = postJson(client, "/api/jobs", "{\"cacheModes\": [\"volumee\"]}");
            assertTrue(json(mode).get("message").asText().startsWith("unknown cache mode 'volumee'"));
            Response field = postJson(client, "/api/jobs", "{\"budgetSecs\": 60}");
            assertTrue(json(field).get("message").asText().contains("precisionPct, budgetSeconds, budget, minRuns, maxRuns, cacheModes"));
            assertEquals(before, app.probelab().store().recentJobs(500).size(), "nothing was queued");
        });
    }

    @Test
    void a_job_posted_while_another_runs_is_queued_and_both_can_be_cancelled() throws Exception {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String spec = "{\"runtimes\": [\"native\"], \"sizes\": [\"tiny\"], \"metrics\": [\"rtt\"], \"repeat\": 20, "
                    + "\"warmup\": 0, \"rttDurationMs\": 200}";
            Response first = postJson(client, "/api/jobs", spec);
            assertEquals(202, first.code());
            String a = json(first).get("id").asText();
            assertEquals("/api/jobs/" + a, first.headers().get("Location").get(0));
            Response second = postJson(client, "/api/jobs", spec);
            String b = json(second).get("id").asText();
            JsonNode queued = json(get(client, "/api/jobs/" + b));
            assertEquals("queued", queued.get("status").asText());
            assertEquals(1, queued.get("queuePosition").asInt());

            JsonNode cancelledB = json(client.request("/api/jobs/" + b + "/cancel", r -> r.post(HttpRequest.BodyPublishers.noBody())));
            assertEquals(b, cancelledB.get("id").asText());
            client.request("/api/jobs/" + a + "/cancel", r -> r.post(HttpRequest.BodyPublishers.noBody()));
            JsonNode endA = awaitEnd(client, a, Duration.ofSeconds(120));
            JsonNode endB = awaitEnd(client, b, Duration.ofSeconds(30));
            assertTrue(endA.get("status").asText().matches("cancelled|completed"), endA.toString());
            assertEquals("cancelled", endB.get("status").asText());
            assertEquals("cancelled before it started", endB.get("message").asText());
        });
    }

    @Test
    void a_tiny_native_job_runs_to_the_end_and_stores_samples() throws Exception {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = postJson(client, "/api/jobs", "{\"runtimes\": [\"native\"], \"sizes\": [\"tiny\"], "
                    + "\"metrics\": [\"rtt\", \"memory\"], \"repeat\": 1, \"warmup\": 0, \"rttDurationMs\": 100}");
            assertEquals(202, r.code());
            String id = json(r).get("id").asText();
            JsonNode end = awaitEnd(client, id, Duration.ofSeconds(180));
            assertEquals("completed", end.get("status").asText(), end.toString());
            assertEquals(100, end.get("percent").asInt());
            assertTrue(end.has("estimatedMillisLeft") && end.get("estimatedMillisLeft").isNull(), "no time left once ended");
            assertTrue(end.get("okSamples").asLong() >= 5, end.toString());
            assertEquals("/?job=" + id, end.get("reportUrl").asText());
            // and the report of that job has it
            String html = get(client, "/cells/rtt?job=" + id, "HX-Request", "true").body().string();
            assertTrue(html.contains(">native</td>"));
        });
    }
}
