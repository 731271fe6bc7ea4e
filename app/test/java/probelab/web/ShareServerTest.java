package probelab.web;

import probelab.catalog.Metric;
import probelab.catalog.Unit;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import probelab.storage.samples.Environment;
import probelab.storage.notebooks.Notebooks;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.body;
import static probelab.web.Http.get;
import static probelab.web.Http.json;
import static probelab.web.Http.postForm;
import static probelab.web.Http.postJson;

/**
 * Read-only share links: create, view, frozen when new data arrives, filters inside the frozen set, revoke (by id or
 * token), and each link opening only what it shows.
 */
class ShareServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    static String createLink(HttpClient c, String query) {
        Response r = postJson(c, "/api/shares", "{\"query\": \"" + query + "\"}");
        assertEquals(201, r.code());
        String url = json(r).get("url").asText();
        assertTrue(url.startsWith("/r/"), url);
        return url;
    }

    /** The n of the RTT row of {@code runtime} in a cell's .json twin. */
    static int rttN(HttpClient c, String jsonUrl, String runtime) {
        JsonNode doc = json(get(c, jsonUrl));
        for (JsonNode row : doc.get("rows")) {
            if (row.get("runtime").asText().equals(runtime)) return row.get("summary").get("n").asInt();
        }
        return 0;
    }

    /** A later job: native, Go 1.21.13, tiny, 5 RTT samples; returns its job id. */
    static String laterJob(SampleStore store, String id) {
        Instant at = Instant.now();
        store.createJob(id, "{\"later\":true}", at);
        store.markJobStarted(id);
        Environment env = new Environment("Test OS", "6.1", "Test CPU", 2, 1L << 34, "go version go1.21.13", "1.0", "test", "0.1.0", "test");
        String runId = id + "-0";
        store.createRun(new RunRow(runId, id, "native", "1.21.13", "tiny", at, env, RunRow.WorkloadCounts.NONE));
        List<SampleRow> rows = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            rows.add(new SampleRow(runId, Metric.RTT_P50_US.id(), "", i, 5000.0 + i, Unit.US.symbol(), SampleRow.OK, null, "test", at));
        }
        store.addSamples(rows);
        store.finishRun(runId, "completed");
        store.markJobFinished(id, SampleStore.JOB_COMPLETED, null);
        return id;
    }

    @Test
    void a_share_link_shows_the_filtered_view_frozen_to_its_runs_until_it_is_revoked() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String query = "runtime=native&runtime=docker&go=1.21&job=all";
            String link = createLink(client, query);

            Response page = get(client, link);
            assertEquals(200, page.code());
            String html = body(page);
            assertTrue(html.contains("read-only shared view"), "the page says it is a shared view");
            assertTrue(html.contains("action=\"" + link + "\""), "the filter bar keeps the /r/{token} base path");
            assertFalse(html.contains("href=\"/jobs\""), "no job controls on a shared page");
            assertFalse(html.contains("data-share-api"), "no Share button on a shared page");
            assertFalse(html.contains("id=\"share-banner\""), "no newer data yet");
            assertTrue(html.contains(link + "/cells/rtt.json?" + query.replace("&", "&amp;")), "charts read the frozen data");
            assertEquals(8, rttN(client, link + "/cells/rtt.json?" + query, "native"));

            // new data arrives after the link was made: the live view shows it, the link does not
            laterJob(app.probelab().store(), "20990101-later");
            assertEquals(13, rttN(client, "/cells/rtt.json?" + query, "native"));
            assertEquals(8, rttN(client, link + "/cells/rtt.json?" + query, "native"));
            String after = body(get(client, link));
            assertTrue(after.contains("id=\"share-banner\""), "the banner says newer data exists");
            assertTrue(after.contains("href=\"/?" + query.replace("&", "&amp;") + "\""), "with a link to the live view");

            // filters still work inside the frozen run set, and the pushed URL stays under the link
            Response narrowed = get(client, link + "?runtime=native&go=1.21", "HX-Request", "true");
            assertEquals(link + "?runtime=native&go=1.21", narrowed.headers().get("HX-Push-Url").get(0));
            assertEquals(8, rttN(client, link + "/cells/rtt.json?runtime=native&go=1.21", "native"));
            assertEquals(0, rttN(client, link + "/cells/rtt.json?runtime=native&go=1.21", "docker"));

            // revoked: every route of the link answers 404
            String token = link.substring("/r/".length());
            assertEquals(204, client.request("/api/shares/" + token, b -> b.delete(java.net.http.HttpRequest.BodyPublishers.noBody())).code());
            assertEquals(404, get(client, link).code());
            assertEquals(404, get(client, link + "/cells/rtt.json").code());
            assertEquals(404, get(client, link + "/cells/rtt.csv").code());
            assertEquals(404, client.request("/api/shares/" + token, b -> b.delete(java.net.http.HttpRequest.BodyPublishers.noBody())).code());
        });
    }

    @Test
    void nothing_under_a_share_link_accepts_anything_but_a_read() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String link = createLink(client, "");
            for (String path : List.of(link, link + "/cells/rtt", link + "/jobs", link + "/api/jobs", link + "/nbcells/x")) {
                int post = client.request(path, b -> b.post(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))).code();
                int delete = client.request(path, b -> b.delete(java.net.http.HttpRequest.BodyPublishers.noBody())).code();
                assertTrue(post == 404 || post == 405, "POST " + path + " answered " + post);
                assertTrue(delete == 404 || delete == 405, "DELETE " + path + " answered " + delete);
            }
            // every route under /r/ in the table is a GET
            int shared = 0;
            for (WebServer.Route r : app.web().routes()) {
                if (!r.path().startsWith("/r/")) continue;
                shared++;
                assertFalse(r.mutating(), r.method() + " " + r.path());
            }
            assertTrue(shared > 0, "the route table has the share routes");
        });
    }

    @Test
    void a_share_refuses_a_query_the_report_refuses_and_unknown_tokens_are_404() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response bad = postJson(client, "/api/shares", "{\"query\": \"runtime=<script>\"}");
            assertEquals(400, bad.code());
            assertTrue(json(bad).get("message").asText().contains("unknown runtime"));
            assertEquals(400, postJson(client, "/api/shares", "{\"query\": 3}").code());
            assertEquals(400, postJson(client, "/api/shares", "{\"query\": \"\", \"admin\": true}").code());
            assertEquals(404, get(client, "/r/AAAAAAAAAAAAAAAAAAAAAA").code());
            assertEquals(404, get(client, "/r/'%3Cb%3E").code());
        });
    }

    @Test
    void tokens_are_22_url_safe_characters_and_never_repeat() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                String token = createLink(client, "go=1.21").substring(3);
                assertTrue(token.matches("[A-Za-z0-9_-]{22}"), token);
                assertTrue(seen.add(token));
            }
            JsonNode list = json(get(client, "/api/shares"));
            assertTrue(list.size() >= 20);
            // the server keeps no token, so the list shows links by id and can no longer show their URLs
            String page = body(get(client, "/shares"));
            assertTrue(page.contains("#" + list.get(0).get("id").asLong()), "links are listed by id");
            for (String token : seen) assertFalse(page.contains(token), "the list shows no token");
        });
    }

    static int delete(HttpClient c, String path) {
        return c.request(path, b -> b.delete(java.net.http.HttpRequest.BodyPublishers.noBody())).code();
    }

    /** A notebook link made as the notebook page makes it (htmx form post); returns "/r/{token}". */
    static String notebookLink(HttpClient c, String notebookId) {
        Response made = postForm(c, "/notebooks/" + notebookId + "/share", "", "HX-Request", "true");
        assertEquals(201, made.code());
        String html = body(made);
        String link = html.substring(html.indexOf("href=\"") + 6, html.indexOf("\">"));
        assertTrue(link.startsWith("/r/"), link);
        return link;
    }

    @Test
    void a_link_is_listed_and_revoked_by_its_id_and_the_list_never_shows_a_token() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response made = postJson(client, "/api/shares", "{\"query\": \"go=1.21&job=all\"}");
            assertEquals(201, made.code());
            JsonNode created = json(made);
            String token = created.get("token").asText();
            long id = created.get("id").asLong();
            assertEquals("/r/" + token, created.get("url").asText(), "the creator gets the URL, once");

            Response listed = get(client, "/api/shares");
            String listText = body(listed);
            assertFalse(listText.contains(token), "the list holds no token");
            assertFalse(listText.contains(probelab.storage.shares.Shares.tokenHash(token)), "nor its hash");
            JsonNode entry = null;
            for (JsonNode e : json(get(client, "/api/shares"))) if (e.get("id").asLong() == id) entry = e;
            assertTrue(entry != null && entry.get("active").asBoolean() && entry.get("query").asText().equals("go=1.21&job=all"));
            assertFalse(entry.has("url") || entry.has("token"));
            assertTrue(body(get(client, "/shares")).contains("hx-delete=\"/api/shares/" + id + "\""), "revoked by id");

            assertEquals(204, delete(client, "/api/shares/" + id));
            assertEquals(404, get(client, "/r/" + token).code());
            assertEquals(404, delete(client, "/api/shares/" + id), "already revoked");
            assertEquals(404, delete(client, "/api/shares/999999"), "no such id");
            assertEquals(404, delete(client, "/api/shares/not-a-token"));
            JsonNode revoked = null;
            for (JsonNode e : json(get(client, "/api/shares"))) if (e.get("id").asLong() == id) revoked = e;
            assertTrue(revoked != null && !revoked.get("active").asBoolean(), "still listed, as revoked: " + revoked);
        });
    }

    @Test
    void a_notebook_link_opens_its_notebook_and_its_cells_but_nothing_of_the_report() {
        Notebooks notebooks = new Notebooks(app.probelab().store().database());
        Notebooks.Notebook nb = notebooks.create("scoped");
        Notebooks.Cell cell = notebooks.addCell(nb.id(), Notebooks.SQL, "SELECT 42 AS answer");
        Notebooks.Notebook other = notebooks.create("not shared");
        Notebooks.Cell otherCell = notebooks.addCell(other.id(), Notebooks.SQL, "SELECT 7 AS secret");
        app.probelab().snapshot().refresh();
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String link = notebookLink(client, nb.id());
            assertTrue(Http.pageWithResults(client, link).contains("<td>42</td>"), "the notebook itself");
            assertEquals(200, get(client, link + "/nbcells/" + cell.id() + ".json").code());
            assertEquals(200, get(client, link + "/nbcells/" + cell.id() + ".csv").code());
            assertEquals(404, get(client, link + "/nbcells/" + otherCell.id() + ".json").code(), "another notebook's cell");
            for (String report : List.of("/header", "/cells/rtt", "/cells/rtt.json", "/cells/rtt.csv",
                    "/cells/rtt/samples.csv", "/samples.parquet")) {
                assertEquals(404, get(client, link + report).code(), link + report);
            }
            assertFalse(body(get(client, link + "?runtime=native")).contains("id=\"filters\""), "a query opens no report");
        });
    }

    @Test
    void a_report_link_opens_no_notebook_cells() {
        Notebooks notebooks = new Notebooks(app.probelab().store().database());
        Notebooks.Notebook nb = notebooks.create("not reachable from a report link");
        Notebooks.Cell cell = notebooks.addCell(nb.id(), Notebooks.SQL, "SELECT 1 AS one");
        app.probelab().snapshot().refresh();
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String link = createLink(client, "");
            assertEquals(200, get(client, link + "/cells/rtt.json").code(), "the report's own data");
            assertEquals(404, get(client, link + "/nbcells/" + cell.id() + ".json").code());
            assertEquals(404, get(client, link + "/nbcells/" + cell.id() + ".csv").code());
        });
    }

    @Test
    void the_parquet_export_streams_the_filtered_samples_live_and_under_a_link() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            var http = java.net.http.HttpClient.newHttpClient();
            var live = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(client.getOrigin()
                    + "/samples.parquet?runtime=native&go=1.21&job=all")).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, live.statusCode());
            byte[] bytes = live.body();
            assertTrue(bytes.length > 4 && new String(bytes, 0, 4).equals("PAR1"), "a Parquet file");
            assertTrue(Long.parseLong(live.headers().firstValue("X-Probelab-Rows").orElseThrow()) >= 16);
            String link = createLink(client, "runtime=native&go=1.21&job=all");
            Response shared = get(client, link + "/samples.parquet");
            assertEquals(200, shared.code());
            assertEquals(400, get(client, "/samples.parquet?from=2025-01-01").code());
        });
    }

    @Test
    void claims_1_overlays_published_claims_as_a_separate_trace_and_table_kept_in_the_url() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode doc = json(get(client, "/cells/cold_start.json?claims=1&job=all"));
            boolean claimTrace = false;
            for (JsonNode t : doc.get("figures").get("box").get("data")) {
                if (t.get("name").asText().startsWith("published claim (article ")) {
                    claimTrace = true;
                    assertEquals("scatter", t.get("type").asText());
                }
            }
            assertTrue(doc.get("publishedClaims").size() > 0, "the dataset has cold start claims");
            assertTrue(claimTrace, "claims are drawn as their own trace");
            for (JsonNode c : doc.get("publishedClaims")) {
                assertTrue(probelab.storage.claims.PublishedClaims.PROBELAB_RUNTIMES.contains(c.get("runtime").asText()));
            }
            String page = body(get(client, "/?claims=1&metric=cold_start&job=all"));
            assertTrue(page.contains("not measurements"), "the table says what they are");
            assertTrue(page.contains("cold_start.json?metric=cold_start&amp;job=all&amp;claims=1"), "charts keep claims=1");
            assertFalse(body(get(client, "/?metric=cold_start")).contains("<b>Published claims</b>"), "off by default: no claims table");
        });
    }

    @Test
    void api_info_names_the_snapshot_beside_the_database() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode info = json(get(client, "/api/info"));
            assertEquals(app.probelab().snapshot().file().toString(), info.get("snapshot").asText());
            assertFalse(info.get("readOnly").asBoolean());
        });
    }
}
