package probelab.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import probelab.catalog.EngineConfig;
import probelab.storage.samples.Environment;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleStore;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.get;
import static probelab.web.Http.json;

/** The diagnostics cell's .json twin: the rows of v_diagnostics for the filtered runs, over a real DuckDB. */
class DiagnosticsJsonServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.empty();

    static final String JOB = "20250202-diagnosed";

    /** A docker run behind a userland proxy, a podman run without one, and a native run (no engine at all). */
    @BeforeAll
    static void runsWithAndWithoutAProxy() {
        SampleStore store = app.probelab().store();
        Instant at = Instant.parse("2025-02-02T10:00:00Z");
        store.createJob(JOB, "{}", at);
        store.markJobStarted(JOB);
        Environment env = new Environment("Test OS", "6.1", "Test CPU", 4, 1L << 34, "go version go1.22.12", "1.0", "test", "0.1.0", "test");
        int n = 0;
        for (String runtime : List.of("native", "docker", "podman")) {
            String runId = JOB + "-" + n++;
            store.createRun(new RunRow(runId, JOB, runtime, "1.22.12", "tiny", at, env, RunRow.WorkloadCounts.NONE));
            if (!runtime.equals("native")) {
                store.setEngineConfig(runId, new EngineConfig("overlay2", "2", "systemd", "runc 1.1.5+ds1", "bridge",
                        runtime.equals("docker"), "seccomp", runtime + " 1.0"));
            }
            store.finishRun(runId, "completed");
        }
        store.markJobFinished(JOB, SampleStore.JOB_COMPLETED, null);
    }

    @Test
    void the_diagnostics_json_lists_the_userland_proxy_of_the_docker_run_only() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode doc = json(get(client, "/cells/diagnostics.json?job=" + JOB));
            assertEquals("diagnostics", doc.get("cell").asText());
            JsonNode rows = doc.get("rows");
            assertEquals(1, rows.size(), rows.toString());
            JsonNode d = rows.get(0);
            assertEquals(JOB + "-1", d.get("runId").asText());
            assertEquals("docker", d.get("runtime").asText());
            assertEquals("userland_proxy", d.get("rule").asText());
            assertEquals("medium", d.get("severity").asText());
            assertTrue(d.get("evidence").asText().contains("bridge"));
            assertFalse(d.get("fix").asText().isEmpty());
            assertFalse(doc.get("truncated").asBoolean());
        });
    }

    @Test
    void the_diagnostics_json_follows_the_filter() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode doc = json(get(client, "/cells/diagnostics.json?runtime=podman&runtime=native&job=" + JOB));
            assertEquals(0, doc.get("rows").size(), doc.toString());
        });
    }

    @Test
    void the_report_links_the_diagnostics_cell_to_its_json_twin() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/?job=" + JOB).body().string();
            assertTrue(html.contains("id=\"diagnostics\""));
            assertTrue(html.contains("/cells/diagnostics.json?job=" + JOB), "the .json link keeps the filter");
        });
    }
}
