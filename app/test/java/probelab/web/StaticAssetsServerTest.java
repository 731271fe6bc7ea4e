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
    void plotly_is_the_minified_partial_bundle_served_gzip_compressed_with_a_long_cache_lifetime() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = Http.get(client, "/").body().string();
            int at = html.indexOf("/webjars/plotly.js-cartesian-dist-min/");
            assertTrue(at > 0, "the page loads the cartesian partial bundle");
            String path = html.substring(at, html.indexOf('"', at));
            assertTrue(path.endsWith("/plotly-cartesian.min.js"), path);
            HttpResponse<byte[]> r = gzipped(client.getOrigin() + path);
            assertEquals(200, r.statusCode());
            assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
            assertTrue(r.body().length < 600_000, "compressed plotly is " + r.body().length + " bytes");
            assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("max-age=31536000"));
        });
    }

    @Test
    void a_first_page_view_transfers_less_than_a_megabyte_compressed() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            HttpResponse<byte[]> page = gzipped(client.getOrigin() + "/");
            long total = page.body().length;
            String html = new String(Http.get(client, "/").body().string().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:src|href)=\"(/(?:webjars|static)/[^\"]+)\"").matcher(html);
            int assets = 0;
            while (m.find()) {
                HttpResponse<byte[]> r = gzipped(client.getOrigin() + m.group(1).replace("&amp;", "&"));
                assertEquals(200, r.statusCode(), m.group(1));
                total += r.body().length;
                assets++;
            }
            assertTrue(assets >= 4, "htmx, plotly, css and scripts: " + assets);
            assertTrue(total < 1_000_000, "first view: " + total + " bytes over the wire");
        });
    }

    private static HttpResponse<byte[]> gzipped(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
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
