package probelab.web;

import probelab.web.common.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.get;
import static probelab.web.Http.json;

/**
 * The answer at the top of the report over a real DuckDB: the handmade job has native RTT medians 100..107 us and
 * docker 200..207 us (8 iterations each), so docker is 1.97x slower and an exact Mann-Whitney p is 2/C(16,8).
 */
class VerdictServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    private static JsonNode answer(JsonNode doc, String id) {
        for (JsonNode a : doc.get("answers")) {
            if (a.get("id").asText().equals(id)) return a;
        }
        throw new AssertionError("no answer " + id + " in " + doc);
    }

    private static JsonNode line(JsonNode answer, String runtime) {
        for (JsonNode l : answer.get("runtimes")) {
            if (l.get("runtime").asText().equals(runtime)) return l;
        }
        throw new AssertionError("no line for " + runtime + " in " + answer);
    }

    @Test
    void the_verdict_api_ranks_docker_behind_native_with_its_factor_interval_and_exact_p_value() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode doc = json(get(client, "/api/verdict?job=" + TestApp.HANDMADE_JOB));
            assertEquals("native", doc.get("baseline").asText());
            JsonNode rtt = answer(doc, "rtt");
            JsonNode docker = line(rtt, "docker");
            assertEquals(2, docker.get("rank").asInt());
            assertEquals(1, line(rtt, "native").get("rank").asInt());
            assertEquals("more", docker.get("verdict").asText());
            assertEquals(203.5 / 103.5, docker.get("ratio").asDouble(), 1e-9);
            assertTrue(docker.get("ratioLow").asDouble() > 1, "the interval excludes 1: " + docker);
            // complete separation of 8 vs 8: two of the C(16,8) = 12870 assignments are as extreme
            assertEquals(2.0 / 12870, docker.get("pValue").asDouble(), 1e-12);
            assertEquals("1.97x slower (p<0.001)", docker.get("words").asText());
            assertEquals("Request latency (median per iteration): docker adds about 100 µs (1.97x slower, p<0.001).",
                    rtt.get("sentence").asText());
            assertEquals("more", line(answer(doc, "cold_start"), "docker").get("verdict").asText());
        });
    }

    @Test
    void the_report_shows_the_answer_above_the_cells_and_every_table_row_has_its_verdict() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/?job=" + TestApp.HANDMADE_JOB).body().string();
            int verdict = html.indexOf("id=\"" + Ids.VERDICT + "\"");
            assertTrue(verdict > 0, "the verdict cell is on the page");
            assertTrue(verdict < html.indexOf("id=\"cell-rtt\""), "above the cells");
            assertTrue(html.contains("docker adds about 100 µs (1.97x slower, p&lt;0.001)"), "the sentence");
            assertTrue(html.contains("<td class=\"verdict\">1.97x slower (p&lt;0.001)</td>"), "the RTT table's verdict column");
            JsonNode cell = json(get(client, "/cells/rtt.json?job=" + TestApp.HANDMADE_JOB));
            int dockerRows = 0;
            for (JsonNode row : cell.get("rows")) {
                if (!row.get("runtime").asText().equals("docker")) continue;
                dockerRows++;
                JsonNode c = row.get("comparison");
                for (String field : new String[]{"ratio", "ratioLow", "ratioHigh", "pValue", "pAdjusted", "verdict"}) {
                    assertTrue(c.has(field), field + " in " + c);
                }
                assertEquals("more", c.get("verdict").asText());
            }
            assertEquals(1, dockerRows, "the hand-made job's one docker row: " + cell.get("rows"));
        });
    }

    @Test
    void the_verdict_follows_the_filters_and_works_under_a_share_link() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode nativeOnly = json(get(client, "/api/verdict?runtime=native&job=" + TestApp.HANDMADE_JOB));
            JsonNode rtt = answer(nativeOnly, "rtt");
            assertEquals(1, rtt.get("runtimes").size(), "only the filtered runtime");
            assertTrue(rtt.get("sentence").asText().contains("only native was measured"), rtt.toString());
            JsonNode rttOnly = json(get(client, "/api/verdict?metric=rtt&job=" + TestApp.HANDMADE_JOB));
            assertEquals(1, rttOnly.get("answers").size(), "one answer, RTT's: " + rttOnly.get("answers"));
            assertEquals("rtt", rttOnly.get("answers").get(0).get("id").asText());

            String link = ShareServerTest.createLink(client, "job=" + TestApp.HANDMADE_JOB);
            JsonNode shared = json(get(client, link + "/api/verdict"));
            assertEquals("1.97x slower (p<0.001)", line(answer(shared, "rtt"), "docker").get("words").asText());
            String page = get(client, link).body().string();
            assertTrue(page.contains("href=\"" + link + "/api/verdict?"), "the shared page links its own verdict JSON");
            assertFalse(page.contains("href=\"/api/verdict"), "and not the live one");
        });
    }

    @Test
    void each_cell_says_how_far_sampling_got_and_why_it_stopped() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode cell = json(get(client, "/cells/rtt.json?job=" + TestApp.HANDMADE_JOB));
            String notes = cell.get("notes").toString();
            assertTrue(notes.contains("How far sampling got: docker 8 iterations, precise enough, widest interval ±2.0% "
                    + "(rtt_p50_us) against ±5% asked; native 8 iterations, stopped by the budget, widest interval ±7.5%"), notes);
            String html = get(client, "/?job=" + TestApp.HANDMADE_JOB).body().string();
            assertTrue(html.contains("stopped by the budget"), "the note is on the page");
        });
    }
}
