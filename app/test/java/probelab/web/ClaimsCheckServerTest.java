package probelab.web;

import probelab.web.common.Ids;
import probelab.web.common.Paths;
import probelab.report.Format;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import probelab.catalog.Metric;
import probelab.catalog.Unit;
import probelab.storage.samples.Environment;
import probelab.storage.claims.PublishedClaims;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.body;
import static probelab.web.Http.get;
import static probelab.web.Http.json;

/**
 * The fact-check over a real DuckDB with four claims of its own: docker cold starts at Go 1.22 measured here at
 * 290..308 ms (10 iterations), a claim of 300 ms (agrees), one of 900 ms (disagrees, 0.33x), a podman one at Go 1.21
 * (no measurement: the job form pre-filled) and a Docker Desktop one (not present on this machine).
 */
class ClaimsCheckServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.empty();

    static final String JOB = "20250301-claims";
    static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

    static PublishedClaims.Claim claim(String id, String runtime, String go, String size, String statistic, String variant,
                                       double value, String text) {
        return new PublishedClaims.Claim(id, "900_test.txt", "a test section", runtime, go, size, Metric.COLD_START_MS.id(),
                statistic, variant, "", value, null, "ms", Format.num(value), "ms", text + " " + Format.num(value) + " ms",
                "not stated", "");
    }

    @BeforeAll
    static void seed() {
        SampleStore store = app.probelab().store();
        PublishedClaims.replaceAll(store.database(), List.of(
                claim("t900-001", "docker", "1.22", "tiny", "unspecified", "multi-stage/scratch", 300, "starts in"),
                claim("t900-002", "docker", "", "", "unspecified", "static-linking/scratch", 900, "starts in"),
                claim("t900-003", "podman", "1.21", "tiny", "mean", "", 250, "podman starts in"),
                claim("t900-004", "docker-desktop", "", "", "mean", "wsl-backend", 820, "Docker Desktop starts in")));
        store.createJob(JOB, "{\"test\":true}", AT);
        store.markJobStarted(JOB);
        String runId = JOB + "-0";
        store.createRun(new RunRow(runId, JOB, "docker", "1.22.12", "tiny", AT,
                new Environment("Test OS", "6.1", "Test CPU", 2, 1L << 34, "go version go1.22.12", "20.10", "test", "0.1.0", "test"),
                RunRow.WorkloadCounts.NONE));
        List<SampleRow> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new SampleRow(runId, Metric.COLD_START_MS.id(), "", i + 1, 290.0 + 2 * i, Unit.MS.symbol(), SampleRow.OK,
                    null, "test", AT.plusSeconds(i)));
        }
        // a failed sample is no value: it must not move the median
        rows.add(new SampleRow(runId, Metric.COLD_START_MS.id(), "", 11, null, Unit.MS.symbol(), SampleRow.FAILED,
                "server not ready", null, AT.plusSeconds(11)));
        store.addSamples(rows);
        store.finishRun(runId, "completed");
        store.markJobFinished(JOB, SampleStore.JOB_COMPLETED, null);
    }

    static JsonNode row(JsonNode doc, String id) {
        for (JsonNode r : doc.get("rows")) if (r.get("claimId").asText().equals(id)) return r;
        throw new AssertionError("no row " + id + " in " + doc);
    }

    @Test
    void the_json_gives_each_claim_its_verdict_the_factor_the_missing_cell_and_the_absent_runtime() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode doc = json(get(client, Paths.API_CLAIMS_CHECK));
            assertEquals(4, doc.get("total").asInt());
            assertEquals(1, doc.get("counts").get("agrees").asInt());
            assertEquals(1, doc.get("counts").get("disagrees").asInt());
            assertEquals(2, doc.get("counts").get("not_comparable").asInt());
            assertEquals(1.25, doc.get("toleranceFactor").asDouble());

            JsonNode agrees = row(doc, "t900-001");
            assertEquals("agrees", agrees.get("verdict").asText());
            assertTrue(agrees.get("reason").isNull());
            JsonNode m = agrees.get("measurement");
            assertEquals(10, m.get("n").asInt(), "ok samples only");
            assertEquals(299, m.get("median").asDouble(), 1e-9);
            assertEquals(292, m.get("low").asDouble(), 1e-9);
            assertEquals(306, m.get("high").asDouble(), 1e-9);
            assertEquals("1.22.12", m.get("goVersion").asText());
            assertEquals(List.of(JOB), List.of(m.get("jobIds").get(0).asText()));
            assertEquals("/?runtime=docker&go=1.22&size=tiny&metric=cold_start&scenario=default&job=all#cell-cold_start",
                    agrees.get("reportUrl").asText());

            JsonNode disagrees = row(doc, "t900-002");
            assertEquals("disagrees", disagrees.get("verdict").asText());
            assertEquals(299 / 900.0, disagrees.get("factor").asDouble(), 1e-9, "ours / theirs");
            assertTrue(disagrees.get("detail").asText().contains("0.33×"), disagrees.get("detail").asText());

            JsonNode missing = row(doc, "t900-003");
            assertEquals("not_comparable", missing.get("verdict").asText());
            assertEquals("no_measurement", missing.get("reason").asText());
            assertEquals("podman", missing.get("needed").get("runtime").asText());
            assertEquals("1.21", missing.get("needed").get("go").asText());
            assertEquals("default", missing.get("needed").get("scenario").asText());
            assertEquals("cold_start_ms", missing.get("needed").get("metric").asText());
            assertEquals("/jobs?runtime=podman&go=1.21&size=tiny", missing.get("jobFormUrl").asText());
            assertTrue(missing.get("reportUrl").isNull());

            JsonNode absent = row(doc, "t900-004");
            assertEquals("not_comparable", absent.get("verdict").asText());
            assertEquals("runtime_not_here", absent.get("reason").asText());
            assertTrue(absent.get("detail").asText().contains("Docker Desktop"), absent.get("detail").asText());
            assertTrue(absent.get("jobFormUrl").isNull(), "no job can measure it here");

            // the report link of a verdict opens a report the filter parser accepts
            assertEquals(200, get(client, agrees.get("reportUrl").asText().replaceAll("#.*", "")).code());
        });
    }

    @Test
    void the_page_shows_the_counts_the_verdicts_the_reasons_and_links_to_the_report_cell_and_the_job_form() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = body(get(client, Paths.CLAIMS_CHECK));
            assertTrue(html.contains("<b>1</b> agrees"), "counts at the top");
            assertTrue(html.contains("<b>1</b> disagrees"));
            assertTrue(html.contains("<b>2</b> not comparable"));
            String disagrees = rowHtml(html, "t900-002");
            assertTrue(disagrees.contains("verdict-badge verdict-disagrees"), disagrees);
            assertTrue(disagrees.contains("0.33×"), disagrees);
            assertTrue(disagrees.contains("href=\"/?runtime=docker&amp;go=1.22&amp;size=tiny&amp;metric=cold_start&amp;scenario=default&amp;job=all#cell-cold_start\""), disagrees);
            assertTrue(rowHtml(html, "t900-001").contains("verdict-badge verdict-agrees"));
            String missing = rowHtml(html, "t900-003");
            assertTrue(missing.contains("no measurement yet"), missing);
            assertTrue(missing.contains("href=\"/jobs?runtime=podman&amp;go=1.21&amp;size=tiny\""), missing);
            String absent = rowHtml(html, "t900-004");
            assertTrue(absent.contains("runtime not present here"), absent);
            assertTrue(absent.contains("Docker Desktop runs a VM"), absent);
            assertFalse(html.contains("<script>"), "no inline script: the CSP forbids it");

            String onlyDisagreeing = body(get(client, Paths.CLAIMS_CHECK + "?verdict=disagrees"));
            assertTrue(onlyDisagreeing.contains("id=\"claim-t900-002\""));
            assertFalse(onlyDisagreeing.contains("id=\"claim-t900-001\""));
            String absentOnly = body(get(client, Paths.CLAIMS_CHECK + "?reason=runtime_not_here"));
            assertTrue(absentOnly.contains("id=\"claim-t900-004\"") && !absentOnly.contains("id=\"claim-t900-003\""));
            assertEquals(4, json(get(client, Paths.API_CLAIMS_CHECK + "?article=900")).get("rows").size());
            assertEquals(1, json(get(client, Paths.API_CLAIMS_CHECK + "?verdict=agrees")).get("rows").size());

            assertTrue(body(get(client, "/")).contains("href=\"" + Paths.CLAIMS_CHECK + "\""), "the report links to it");
        });
    }

    @Test
    void an_unknown_filter_value_or_parameter_is_a_400_that_lists_what_is_valid() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            var page = get(client, Paths.CLAIMS_CHECK + "?verdict=maybe");
            assertEquals(400, page.code());
            assertTrue(body(page).contains("agrees, disagrees, not_comparable"));
            var api = json(get(client, Paths.API_CLAIMS_CHECK + "?article=999"));
            assertEquals(400, api.get("status").asInt());
            assertTrue(api.toString().contains("900"), api.toString());
            assertEquals(400, get(client, Paths.API_CLAIMS_CHECK + "?reason=because").code());
            assertEquals(400, get(client, Paths.API_CLAIMS_CHECK + "?runtime=docker").code());
            assertEquals(400, get(client, Paths.API_CLAIMS_CHECK + "?verdict=agrees&verdict=disagrees").code());
        });
    }

    @Test
    void a_read_only_server_serves_the_fact_check_without_links_to_the_job_form() {
        JavalinTest.test(app.fresh(new WebOptions("127.0.0.1", 0, false, true, List.of())).app(), (server, client) -> {
            String html = body(get(client, Paths.CLAIMS_CHECK));
            assertTrue(html.contains("id=\"claim-t900-003\""));
            assertFalse(html.contains("href=\"/jobs"), "a read-only server has no job form");
            assertFalse(html.contains("hx-post") || html.contains("method=\"post\""), "nothing on the page changes anything");
            JsonNode doc = json(get(client, Paths.API_CLAIMS_CHECK));
            assertTrue(row(doc, "t900-003").get("jobFormUrl").isNull());
            assertEquals("agrees", row(doc, "t900-001").get("verdict").asText());
        });
    }

    /** The HTML of one claim's table row. */
    static String rowHtml(String html, String claimId) {
        int start = html.indexOf("id=\"" + Ids.claim(claimId) + "\"");
        assertTrue(start >= 0, "no row for " + claimId);
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
