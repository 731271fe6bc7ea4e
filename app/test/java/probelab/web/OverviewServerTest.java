package probelab.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.JSON;
import static probelab.web.Http.get;
import static probelab.web.Http.json;

/** The notebook over a real DuckDB: pages vs fragments, filters in the URL, each cell's URL, .json twin and CSV. */
class OverviewServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    @Test
    void the_overview_is_a_whole_page_with_a_cell_per_metric_family_and_the_heatmap() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = get(client, "/?job=all");
            String html = r.body().string();
            assertEquals(200, r.code());
            assertTrue(html.startsWith("<!doctype html>"));
            for (String cell : List.of("rtt", "cold_start", "memory", "build", "heatmap")) {
                assertTrue(html.contains("id=\"cell-" + cell + "\""), "cell " + cell);
                assertTrue(html.contains("/cells/" + cell + ".json"), "json twin of " + cell);
                assertTrue(html.contains("/cells/" + cell + ".csv"), "csv of " + cell);
            }
            assertTrue(html.contains("id=\"report-header\""));
            assertTrue(html.contains("Test CPU"), "the environment fingerprint is in the header");
            assertTrue(r.headers().get("Vary").get(0).contains("HX-Request"));
            // one copy of each script
            assertEquals(1, count(html, "htmx.min.js"));
            assertEquals(1, count(html, "plotly-cartesian.min.js"));
        });
    }

    @Test
    void values_without_data_are_marked_and_linked_to_a_job_form_that_has_them_ticked() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String page = get(client, "/?job=all").body().string();
            // docker-rootless is a runtime of this machine with no run in the seeded database
            assertTrue(page.contains("docker-rootless · no data"), "the filter says which values have no data");
            assertFalse(page.contains(">docker · no data"), "docker has data");
            assertTrue(page.contains("Start a job for them"), page.substring(0, Math.min(page.length(), 400)));
            int at = page.indexOf("href=\"/jobs?runtime=");
            assertTrue(at > 0, "a link to the job form");
            String link = page.substring(at + 6, page.indexOf('"', at + 6)).replace("&amp;", "&");
            assertTrue(link.contains("runtime=docker-rootless"), link);
            String form = get(client, "/jobs?runtime=docker-rootless&size=small").body().string();
            assertTrue(form.contains("value=\"small\" checked"), "the size asked for is ticked");
            assertFalse(form.contains("value=\"tiny\" checked"), "and the default is not");
        });
    }

    @Test
    void the_baseline_offers_only_the_runtimes_shown_and_says_so_when_the_chosen_one_is_not_among_them() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String shown = get(client, "/?runtime=docker&runtime=podman&baseline=docker&job=" + app.syntheticJob()).body().string();
            String select = shown.substring(shown.indexOf("name=\"baseline\""), shown.indexOf("</select>", shown.indexOf("name=\"baseline\"")));
            assertTrue(select.contains("value=\"docker\""), select);
            assertTrue(select.contains("value=\"podman\""), select);
            assertFalse(select.contains("value=\"native\""), "native is filtered out, so it is no baseline: " + select);
            assertFalse(select.contains("not in this view"), select);

            // native is the default baseline, but the view shows docker only: the option says there are no ratios
            String narrowed = get(client, "/?runtime=docker&job=" + app.syntheticJob()).body().string();
            String select2 = narrowed.substring(narrowed.indexOf("name=\"baseline\""), narrowed.indexOf("</select>", narrowed.indexOf("name=\"baseline\"")));
            assertTrue(select2.contains("native (not in this view: no ratios)"), select2);
        });
    }

    @Test
    void the_runtimes_page_says_what_a_down_runtime_is_and_what_to_do() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/runtimes").body().string();
            assertTrue(html.contains("why down, and what to do"), "the column comes before the long ones");
            assertTrue(html.contains("Docker Desktop: Docker Engine in a VM on macOS or Windows"), "what it is and how to start it");
            assertTrue(html.contains("var/runtimes.json"), "how to add one's own");
            JsonNode api = json(get(client, "/api/runtimes"));
            boolean found = false;
            for (JsonNode r : api.isArray() ? api : api.get("runtimes")) {
                if (r.get("id").asText().equals("colima")) found = r.get("setup").asText().contains("colima start");
            }
            assertTrue(found, "the API has the hint too: " + api);
        });
    }

    @Test
    void the_heatmap_follows_the_metric_filter_unless_a_heatmap_metric_is_chosen() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String notes = json(get(client, "/cells/heatmap.json?metric=cold_start&job=all")).get("notes").toString();
            assertTrue(notes.contains("cold_start_ms"), "the filter's family, not RTT: " + notes);
            String chosen = json(get(client, "/cells/heatmap.json?metric=cold_start&heatmap=rtt_p50&job=all")).get("notes").toString();
            assertTrue(chosen.contains("rtt_p50_us"), "an explicit choice wins: " + chosen);
            String page = get(client, "/?metric=cold_start&job=all").body().string();
            assertFalse(page.contains("heatmap=cold_start"), "the derived choice stays out of the URL");
        });
    }

    @Test
    void the_page_links_the_parquet_export_of_the_view_it_shows() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/?runtime=docker&job=" + TestApp.HANDMADE_JOB).body().string();
            String href = "/samples.parquet?runtime=docker&amp;job=" + TestApp.HANDMADE_JOB;
            assertTrue(html.contains("href=\"" + href + "\""), "the export link carries the filter");
            Response parquet = get(client, href.replace("&amp;", "&"));
            assertEquals(200, parquet.code());
            assertTrue(parquet.body().string().startsWith("PAR1"), "a Parquet file");
        });
    }

    @Test
    void the_header_shows_each_runtimes_engine_configuration_from_its_latest_run() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/header?job=" + TestApp.HANDMADE_JOB, "HX-Request", "true").body().string();
            assertTrue(html.contains("Engine configuration"), html);
            assertTrue(html.contains("<td class=\"engine-storage\">overlay2</td>"), "the docker run's storage driver");
            assertTrue(html.contains("runc 1.1.5+ds1") && html.contains("docker 20.10.24+dfsg1") && html.contains("v2 (systemd)"));
            // a native-only selection has no engine, and no engine table
            String nativeOnly = get(client, "/header?runtime=native&job=" + TestApp.HANDMADE_JOB, "HX-Request", "true").body().string();
            assertFalse(nativeOnly.contains("Engine configuration"));
        });
    }

    @Test
    void the_runtimes_page_shows_the_engine_configuration_of_each_runtimes_latest_run() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/runtimes").body().string();
            assertTrue(html.contains("<td class=\"engine-storage\">overlay2</td>"), html);
            assertTrue(html.contains("docker 20.10.24+dfsg1"));
        });
    }

    @Test
    void an_htmx_request_gets_the_report_fragment_and_the_canonical_url_to_push() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = get(client, "/?runtime=docker&baseline=native&job=&from=&to=&runtime=native", "HX-Request", "true");
            String html = r.body().string();
            assertEquals(200, r.code());
            assertFalse(html.contains("<html"), "a fragment, not a page");
            assertTrue(html.startsWith("<div id=\"report\""));
            // canonical: the valid list's order, empty fields and defaults left out
            // an empty job (the form's "all jobs") pools every job on purpose, so the URL says so
            assertEquals("/?runtime=native&runtime=docker&job=all", r.headers().get("HX-Push-Url").get(0));
        });
    }

    @Test
    void a_history_restore_gets_the_whole_page_even_with_hx_request() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = get(client, "/?runtime=docker", "HX-Request", "true", "HX-History-Restore-Request", "true");
            assertTrue(r.body().string().startsWith("<!doctype html>"));
        });
    }

    @Test
    void filtering_by_runtime_narrows_the_tables_and_keeps_the_state_in_every_link() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/cells/rtt?runtime=docker&job=" + TestApp.HANDMADE_JOB, "HX-Request", "true").body().string();
            assertTrue(html.contains(">docker</td>"));
            assertFalse(html.contains(">native</td>"), "native is filtered out");
            assertFalse(html.contains(">podman</td>"));
            assertTrue(html.contains("/cells/rtt.json?runtime=docker&amp;job=" + TestApp.HANDMADE_JOB));
        });
    }

    @Test
    void the_rtt_table_shows_the_median_its_interval_and_the_ratio_to_the_baseline() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/cells/rtt?job=" + TestApp.HANDMADE_JOB, "HX-Request", "true").body().string();
            // native 100..107 us (median 103.5), docker 200..207 (median 203.5): 1.97x
            assertTrue(html.contains("<b>104 µs</b>") || html.contains("<b>103.5 µs</b>") || html.contains("<b>104 µs"), html);
            assertTrue(html.contains("1.97×"), "ratio to native");
            assertTrue(html.contains("baseline"));
        });
    }

    @Test
    void a_cell_has_its_own_page_and_an_htmx_fragment() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String page = get(client, "/cells/memory").body().string();
            assertTrue(page.startsWith("<!doctype html>"));
            assertTrue(page.contains("the whole report"));
            String fragment = get(client, "/cells/memory", "HX-Request", "true").body().string();
            assertTrue(fragment.startsWith("<section id=\"cell-memory\""));
        });
    }

    @Test
    void the_json_twin_holds_the_rows_failures_and_plotly_figures() throws Exception {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = get(client, "/cells/cold_start.json?job=" + TestApp.HANDMADE_JOB);
            assertEquals(200, r.code());
            JsonNode doc = JSON.readTree(r.body().string());
            assertEquals("cold_start", doc.get("cell").asText());
            assertEquals(2, doc.get("rows").size());
            assertEquals(1, doc.get("failures").get("total").asInt());
            assertTrue(doc.get("failures").get("reasons").get(0).get("error").asText().contains("<b>twice</b>"),
                    "JSON carries the text as data; escaping is the reader's business");
            JsonNode fig = doc.get("figures").get("box");
            assertEquals("box", fig.get("data").get(0).get("type").asText());
            assertNotNull(fig.get("layout").get("title").get("text"), "Plotly 3 title syntax");
        });
    }

    @Test
    void the_csv_download_is_the_aggregate_table() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = get(client, "/cells/rtt.csv?job=" + TestApp.HANDMADE_JOB);
            assertEquals(200, r.code());
            assertTrue(r.headers().get("Content-Disposition").get(0).contains("probelab-rtt.csv"));
            String[] lines = r.body().string().split("\n");
            assertTrue(lines[0].startsWith("runtime,go,size,metric,variant,workload_lines,n,median"));
            assertEquals(3, lines.length, "a header and one row per runtime");
        });
    }

    @Test
    void the_samples_csv_has_every_sample_ok_and_failed() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String csv = get(client, "/cells/cold_start/samples.csv?job=" + TestApp.HANDMADE_JOB).body().string();
            String[] lines = csv.split("\n");
            assertTrue(lines[0].startsWith("job_id,run_id,runtime"));
            assertEquals(1 + 16 + 1, lines.length, "16 ok cold starts and one failed one");
            assertTrue(csv.contains(",failed,server not ready after 30000 ms <b>twice</b>,"));
        });
    }

    @Test
    void the_heatmap_cell_shows_the_chosen_metric() throws Exception {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode doc = JSON.readTree(get(client, "/cells/heatmap.json?heatmap=cold_start&job=" + TestApp.HANDMADE_JOB).body().string());
            JsonNode trace = doc.get("figures").get("heatmap").get("data").get(0);
            assertEquals("heatmap", trace.get("type").asText());
            assertEquals("native", trace.get("y").get(0).asText(), "the baseline runtime comes first");
            assertEquals("Go 1.21", trace.get("x").get(0).asText());
        });
    }

    @Test
    void the_header_fragment_answers_alone() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/header?job=" + TestApp.HANDMADE_JOB, "HX-Request", "true").body().string();
            assertTrue(html.startsWith("<section id=\"report-header\""));
            assertTrue(html.contains("Job " + TestApp.HANDMADE_JOB));
        });
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }
}
