package probelab.web;

import probelab.web.common.Paths;
import io.javalin.http.HandlerType;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import probelab.storage.notebooks.Notebooks;
import probelab.storage.shares.Shares;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.get;

/** {@code serve --read-only}: reports and links only; every mutating route of the full table is absent. */
class ReadOnlyServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    /** A route's path with its parameters filled in with things that exist, so only the method can refuse it. */
    static String concrete(String path, String token, String notebook, String cell, String job) {
        return path.replace("{token}", token).replace("{id}", path.startsWith("/notebooks") ? notebook : job)
                .replace("{cellId}", cell).replace("{cell}", "rtt");
    }

    @Test
    void every_mutating_route_of_the_full_table_is_refused_in_read_only_mode() {
        Shares.Created share = new Shares(app.probelab().store().database()).create(Shares.REPORT, null, "");
        Notebooks notebooks = new Notebooks(app.probelab().store().database());
        Notebooks.Notebook nb = notebooks.create("kept");
        Notebooks.Cell cell = notebooks.addCell(nb.id(), Notebooks.MARKDOWN, "unchanged");
        long jobsBefore = app.probelab().store().recentJobs(1000).size();

        List<WebServer.Route> full = app.web().routes();
        List<WebServer.Route> mutating = full.stream().filter(WebServer.Route::mutating).toList();
        assertTrue(mutating.size() >= 15, "the table lists the mutating routes: " + mutating.size());
        assertTrue(full.stream().allMatch(r -> r.method() == HandlerType.GET || r.mutating()),
                "every non-GET route is declared mutating");

        WebServer readOnly = app.fresh(new WebOptions("127.0.0.1", 0, false, true, List.of()));
        JavalinTest.test(readOnly.app(), (server, client) -> {
            List<String> answered = new ArrayList<>();
            var http = java.net.http.HttpClient.newHttpClient();
            for (WebServer.Route r : full) {
                if (r.access() == WebServer.Route.Access.READ) continue;
                String path = concrete(r.path(), share.token(), nb.id(), cell.id(), TestApp.HANDMADE_JOB);
                var request = HttpRequest.newBuilder(java.net.URI.create(client.getOrigin() + path))
                        .method(r.method().name(), r.method() == HandlerType.GET ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{\"query\":\"\",\"sql\":\"SELECT 1\"}"))
                        .header("Content-Type", "application/json").build();
                int code = http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                if (code != 404 && code != 405) answered.add(r.method() + " " + path + " -> " + code);
            }
            assertEquals(List.of(), answered, "routes a read-only server must not have");

            // reading still works: the report, a cell, a link, the list of links, the API's reads
            assertEquals(200, get(client, "/").code());
            assertEquals(200, get(client, "/cells/rtt.json").code());
            assertEquals(200, get(client, Paths.share(share.token())).code());
            assertEquals(200, get(client, "/shares").code());
            assertEquals(200, get(client, "/api/info").code());
            String page = get(client, "/").body().string();
            assertFalse(page.contains("data-share-api"), "no Share button on a read-only server");
            assertFalse(page.contains("href=\"/jobs\""), "no job controls on a read-only server");
            String nbPage = get(client, Paths.notebook(nb.id())).body().string();
            assertFalse(nbPage.contains("hx-post"), "a notebook is read-only on a read-only server");
        });
        // and nothing changed
        assertTrue(new Shares(app.probelab().store().database()).active(share.token()).isPresent());
        assertEquals("unchanged", notebooks.cells(nb.id()).get(0).source());
        assertEquals("kept", notebooks.find(nb.id()).orElseThrow().title());
        assertEquals(jobsBefore, app.probelab().store().recentJobs(1000).size());
    }
}
