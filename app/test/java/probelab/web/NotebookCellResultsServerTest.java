package probelab.web;

import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import probelab.storage.notebooks.Notebooks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.body;
import static probelab.web.Http.get;
import static probelab.web.Http.json;

/** A notebook's SQL runs once per data version, and a slow cell delays only itself. */
class NotebookCellResultsServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();
    static Notebooks notebooks;

    @BeforeAll
    static void takeSnapshot() {
        notebooks = app.notebooksOnSnapshot();
    }

    static String randomShown(String html) {
        Matcher m = Pattern.compile("<td>(0\\.\\d+)</td>").matcher(html);
        assertTrue(m.find(), "the page shows the random value: " + html);
        return m.group(1);
    }

    @Test
    void a_cells_sql_runs_once_per_data_version_for_pages_and_their_twins() {
        Notebooks.Notebook nb = notebooks.create("cached");
        Notebooks.Cell cell = notebooks.addCell(nb.id(), Notebooks.SQL, "SELECT random() AS r");
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String page = "/notebooks/" + nb.id();
            String first = randomShown(Http.pageWithResults(client, page));
            assertEquals(first, randomShown(Http.pageWithResults(client, page)), "a second view shows the same run");
            String json = json(get(client, page + "/cells/" + cell.id() + ".json")).get("rows").get(0).get(0).asText();
            assertEquals(Double.parseDouble(first), Double.parseDouble(json), 1e-9, "the .json twin is that same run");

            app.probelab().snapshot().refresh(); // new data: the query runs again
            assertNotEquals(first, randomShown(Http.pageWithResults(client, page)));
        });
    }

    @Test
    void a_slow_cell_comes_as_a_placeholder_that_loads_its_own_result() {
        Notebooks.Notebook nb = notebooks.create("slow and fast");
        notebooks.addCell(nb.id(), Notebooks.SQL, "SELECT 42 AS answer");
        // about a second of work on the sandbox's one thread: past the page's 500 ms (TestApp gives queries 60 s, as a
        // busy 2-core machine took 150M rows past the default 5 s)
        Notebooks.Cell slow = notebooks.addCell(nb.id(), Notebooks.SQL,
                "SELECT sum(hash(i)) % 1000 AS h FROM range(150000000) t(i)");
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String base = "/notebooks/" + nb.id();
            String html = body(get(client, base));
            String resultUrl = base + "/cells/" + slow.id() + "/result";
            assertTrue(html.contains("hx-get=\"" + resultUrl + "\""), "the slow cell is a placeholder: " + html);
            Response r = get(client, resultUrl, "HX-Request", "true");
            assertEquals(200, r.code());
            String fragment = body(r);
            assertTrue(fragment.contains("<th>h</th>") && !fragment.contains("sql-pending"), fragment);
            assertFalse(fragment.contains("<html"), "a fragment, not a page");
        });
    }
}
