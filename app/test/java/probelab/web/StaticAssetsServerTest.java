package probelab.web;

import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** htmx and plotly come from their webjars, gzip-compressed and cached; our own static files from the jar. */
class StaticAssetsServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.empty();

    @Test
    void plotly_is_served_gzip_compressed_with_a_long_cache_lifetime() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = Http.get(client, "/").body().string();
            int at = html.indexOf("/webjars/plotly.js-dist/");
            String path = html.substring(at, html.indexOf('"', at));
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(client.getOrigin() + path))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
            assertTrue(r.body().length < 4_000_000, "compressed plotly is " + r.body().length + " bytes");
            assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("max-age=31536000"));
        });
    }

    @Test
    void htmx_and_our_css_are_served_from_the_class_path() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = Http.get(client, "/").body().string();
            for (String prefix : new String[]{"/webjars/htmx.org/", "/static/css/app.css", "/static/js/app.js", "/static/js/charts.js"}) {
                int at = html.indexOf(prefix);
                assertTrue(at > 0, prefix + " is linked");
                String path = html.substring(at, html.indexOf('"', at)).replace("&amp;", "&");
                Response r = Http.get(client, path);
                assertEquals(200, r.code(), path);
            }
        });
    }

    @Test
    void an_empty_database_still_renders_every_cell_with_an_empty_state() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = Http.get(client, "/");
            assertEquals(200, r.code());
            assertTrue(r.body().string().contains("No ok samples match this filter."));
        });
    }
}
