package probelab.web;

import probelab.web.common.Paths;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import probelab.catalog.Metric;
import probelab.storage.samples.Environment;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.get;
import static probelab.web.Http.json;

/** The report by scenario: the default scenario alone unless asked, each other scenario a series of its own. */
class ScenarioFilterServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.empty();
    private static final String JOB = "20260301-scenarios";
    private static final String CPUS = "cpus=0.5";

    /** Docker in the default scenario and under --cpus 0.5, eight iterations each. */
    private static synchronized void seed() {
        SampleStore store = app.probelab().store();
        if (store.job(JOB).isPresent()) return;
        store.createJob(JOB, "{}", Instant.now());
        store.markJobStarted(JOB);
        Environment env = new Environment("Test OS", "6.1", "Test CPU", 2, 1L << 34, "go version go1.23.5", "1.0", "test", "0.1.0", "test");
        int run = 0;
        for (String scenario : List.of("default", CPUS)) {
            String runId = JOB + "-" + run++;
            store.createRun(new RunRow(runId, JOB, "docker", "1.23.5", "tiny", Instant.now(), env, RunRow.WorkloadCounts.NONE, scenario));
            List<SampleRow> rows = new ArrayList<>();
            boolean limited = scenario.equals(CPUS);
            for (int i = 1; i <= 8; i++) {
                rows.add(SampleRow.ok(runId, Metric.RTT_P50_US, "", i, (limited ? 900 : 100) + i, "test"));
                rows.add(SampleRow.ok(runId, Metric.THROUGHPUT_RPS, "", i, (limited ? 3000 : 9000) + i, "test"));
                if (limited) rows.add(SampleRow.ok(runId, Metric.CPU_THROTTLED_PCT, "", i, 80 + i, "test"));
            }
            store.addSamples(rows);
            store.finishRun(runId, "completed");
        }
        store.markJobFinished(JOB, SampleStore.JOB_COMPLETED, null);
    }

    @Test
    void without_a_scenario_the_report_shows_the_default_one_and_offers_the_others_as_filters() {
        seed();
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = Http.body(get(client, "/?job=" + JOB));
            assertTrue(html.contains("<legend>Scenario</legend>"), "a scenario filter");
            assertTrue(html.contains("value=\"" + CPUS + "\""), "cpus=0.5 can be ticked");
            JsonNode rtt = json(get(client, "/cells/rtt.json?job=" + JOB));
            List<String> series = new ArrayList<>();
            rtt.get("rows").forEach(r -> series.add(r.get("runtime").asText()));
            assertEquals(List.of("docker"), series, "the default scenario alone: " + rtt.get("rows"));
        });
    }

    @Test
    void ticking_a_scenario_adds_it_as_a_series_that_can_be_the_baseline_and_the_limits_cell_shows_its_throttling() {
        seed();
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String both = "job=" + JOB + "&scenario=default&scenario=" + Paths.enc(CPUS);
            JsonNode rtt = json(get(client, "/cells/rtt.json?" + both + "&baseline=docker"));
            List<String> series = new ArrayList<>();
            rtt.get("rows").forEach(r -> series.add(r.get("runtime").asText()));
            assertTrue(series.containsAll(List.of("docker", "docker · " + CPUS)), series.toString());
            JsonNode limited = null;
            for (JsonNode r : rtt.get("rows")) if (r.get("runtime").asText().endsWith(CPUS)) limited = r;
            assertEquals(9.0, limited.get("ratio").get("value").asDouble(), 0.5, "the quota's RTT against docker's own: " + limited);

            String asBaseline = "job=" + JOB + "&scenario=" + Paths.enc(CPUS) + "&scenario=default&baseline=" + Paths.enc("docker · " + CPUS);
            assertEquals(200, get(client, "/?" + asBaseline).code(), "a scenario's series is a valid baseline");
            JsonNode limits = json(get(client, "/cells/limits.json?" + both));
            List<String> metrics = new ArrayList<>();
            limits.get("rows").forEach(r -> metrics.add(r.get("runtime").asText() + "/" + r.get("metric").asText()));
            assertTrue(metrics.contains("docker · " + CPUS + "/" + Metric.CPU_THROTTLED_PCT.id()), metrics.toString());
            assertTrue(metrics.contains("docker/" + Metric.THROUGHPUT_RPS.id()), metrics.toString());
        });
    }

    @Test
    void an_unknown_scenario_is_refused_with_the_valid_ones() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            var r = get(client, "/?scenario=cpus%3D9");
            assertEquals(400, r.code());
            String body = Http.body(r);
            assertTrue(body.contains("cpus=0.5,gomaxprocs=quota"), body);
            assertFalse(body.contains("Exception"), body);
        });
    }
}
