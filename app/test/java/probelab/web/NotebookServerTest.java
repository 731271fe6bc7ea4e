package probelab.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import probelab.storage.notebooks.Notebooks;

import java.net.http.HttpRequest;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.body;
import static probelab.web.Http.get;
import static probelab.web.Http.json;
import static probelab.web.Http.postForm;

/** Notebooks: create, add, edit, reorder and delete cells; SQL results and charts; markdown rendered safely. */
class NotebookServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();
    static Notebooks notebooks;

    @BeforeAll
    static void takeSnapshot() {
        notebooks = app.notebooksOnSnapshot();
    }

    /** A form post as htmx sends it: every notebook change answers with the cells fragment. */
    static Response form(HttpClient c, String path, String body) {
        return postForm(c, path, body, "HX-Request", "true");
    }

    static List<String> sources(String notebookId) {
        return notebooks.cells(notebookId).stream().map(Notebooks.Cell::source).toList();
    }

    @Test
    void cells_are_added_edited_reordered_and_deleted_and_persist() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response created = client.request("/notebooks", b -> b.header("Content-Type", "application/x-www-form-urlencoded")
                    .post(HttpRequest.BodyPublishers.ofString("title=RTT+notes")));
            assertEquals(303, created.code());
            Notebooks.Notebook nb = notebooks.list().stream().filter(n -> n.title().equals("RTT notes")).findFirst().orElseThrow();
            String base = "/notebooks/" + nb.id();
            assertEquals(base, created.headers().get("Location").get(0));

            assertEquals(200, form(client, base + "/cells", "kind=markdown&source=first").code());
            assertEquals(200, form(client, base + "/cells", "kind=sql&source=SELECT+1+AS+one").code());
            assertEquals(200, form(client, base + "/cells", "kind=markdown&source=third").code());
            assertEquals(List.of("first", "SELECT 1 AS one", "third"), sources(nb.id()));

            String third = notebooks.cells(nb.id()).get(2).id();
            form(client, base + "/cells/" + third + "/move", "direction=up");
            assertEquals(List.of("first", "third", "SELECT 1 AS one"), sources(nb.id()));
            form(client, base + "/cells/" + third + "/move", "direction=up");
            form(client, base + "/cells/" + third + "/move", "direction=up"); // already first: nothing moves
            assertEquals(List.of("third", "first", "SELECT 1 AS one"), sources(nb.id()));
            assertEquals(400, form(client, base + "/cells/" + third + "/move", "direction=sideways").code());

            String first = notebooks.cells(nb.id()).get(1).id();
            Response edited = form(client, base + "/cells/" + first + "/edit", "source=%23+Heading+*edited*");
            assertEquals(200, edited.code());
            assertTrue(body(edited).contains("<h1>Heading <em>edited</em></h1>"), "markdown is rendered");
            assertEquals(200, form(client, base + "/cells/" + third + "/delete", "").code());
            assertEquals(List.of("# Heading *edited*", "SELECT 1 AS one"), sources(nb.id()));

            assertEquals(404, get(client, "/notebooks/nope").code());
            assertEquals(400, form(client, base + "/cells", "kind=python&source=x").code());
        });
    }

    @Test
    void a_sql_cell_shows_its_result_table_chart_and_exports() {
        Notebooks.Notebook nb = notebooks.create("sql");
        Notebooks.Cell cell = notebooks.addCell(nb.id(), Notebooks.SQL, "SELECT runtime, iteration, value FROM v_samples "
                + "WHERE job_id = '" + TestApp.HANDMADE_JOB + "' AND metric = 'rtt_p50_us' ORDER BY runtime, iteration");
        Notebooks.Cell big = notebooks.addCell(nb.id(), Notebooks.SQL, "SELECT * FROM range(20000)");
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String base = "/notebooks/" + nb.id() + "/cells/" + cell.id();
            form(client, base + "/edit", "source=" + java.net.URLEncoder.encode(cell.source(), "UTF-8")
                    + "&chart_type=line&chart_x=iteration&chart_y=value&chart_series=runtime");
            String page = Http.pageWithResults(client, "/notebooks/" + nb.id());
            assertTrue(page.contains("<th>runtime</th>") && page.contains("<th>value</th>"), "the result's columns");
            assertTrue(page.contains("<td>native</td>"), "the result's rows");
            assertTrue(page.contains("data-figure=\"chart\""), "a chart is drawn from the cell's .json");
            assertTrue(page.contains("Truncated"), "the 20000-row cell says it was truncated");

            JsonNode doc = json(get(client, base + ".json"));
            assertEquals(16, doc.get("rows").size());
            JsonNode fig = doc.get("figures").get("chart");
            assertEquals(2, fig.get("data").size(), "one trace per series value");
            assertEquals("scatter", fig.get("data").get(0).get("type").asText());
            assertEquals("lines+markers", fig.get("data").get(0).get("mode").asText());
            String csv = body(get(client, base + ".csv"));
            assertTrue(csv.startsWith("runtime,iteration,value\n"), csv);
            assertEquals(17, csv.lines().count());
            assertTrue(json(get(client, "/notebooks/" + nb.id() + "/cells/" + big.id() + ".json")).get("truncated").asBoolean());
            assertEquals(400, form(client, base + "/edit", "source=x&chart_type=pie").code());
        });
    }

    @Test
    void raw_html_in_markdown_is_escaped_and_never_becomes_a_tag() {
        Notebooks.Notebook nb = notebooks.create("xss");
        notebooks.addCell(nb.id(), Notebooks.MARKDOWN, "Hi <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n"
                + "[click](javascript:alert(3))\n\n<div onclick=\"x\">block</div>");
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String page = Http.pageWithResults(client, "/notebooks/" + nb.id());
            assertFalse(page.contains("<script>alert"), "no script tag");
            assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the markup shows as text");
            assertFalse(page.contains("<img src=\"x\""), "no img tag");
            assertFalse(page.contains("<div onclick"), "no raw block");
            assertFalse(page.contains("javascript:alert"), "no javascript: link");
        });
    }

    @Test
    void a_shared_notebook_is_read_only() {
        Notebooks.Notebook nb = notebooks.create("shared one");
        Notebooks.Cell cell = notebooks.addCell(nb.id(), Notebooks.SQL, "SELECT 42 AS answer");
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response made = form(client, "/notebooks/" + nb.id() + "/share", "");
            assertEquals(201, made.code());
            String html = body(made);
            String link = html.substring(html.indexOf("href=\"") + 6, html.indexOf("\">"));
            assertTrue(link.startsWith("/r/"), link);
            String page = Http.pageWithResults(client, link);
            assertTrue(page.contains("<td>42</td>"));
            assertFalse(page.contains("hx-post"), "no editing controls");
            assertFalse(page.contains("/edit"), "no edit links");
            assertEquals(200, get(client, link + "/nbcells/" + cell.id() + ".json").code());
            assertEquals(200, get(client, link + "/nbcells/" + cell.id() + ".csv").code());
            assertEquals(404, client.request(link + "/nbcells/" + cell.id() + "/edit",
                    b -> b.post(HttpRequest.BodyPublishers.ofString("source=x"))).code());
            assertEquals("SELECT 42 AS answer", sources(nb.id()).get(0));
            assertNotNull(link);
        });
    }
}
