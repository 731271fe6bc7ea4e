package probelab.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.JSON;
import static probelab.web.Http.get;

/** Unknown or malformed input gets a clear 400/404 as a page, a fragment or JSON, with nothing reflected raw. */
class BadInputServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String QUOTES = "\"'><img src=x onerror=alert(2)>";

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void an_unknown_parameter_is_refused_with_the_valid_names() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = get(client, "/?color=blue");
            String html = r.body().string();
            assertEquals(400, r.code());
            assertTrue(html.contains("unknown parameter 'color'"), html);
            assertTrue(html.contains("<code>runtime</code>") && html.contains("<code>baseline</code>"));
        });
    }

    @Test
    void an_unknown_runtime_is_refused_with_the_valid_runtimes() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = get(client, "/?runtime=dockr");
            assertEquals(400, r.code());
            String html = r.body().string();
            assertTrue(html.contains("unknown runtime"));
            assertTrue(html.contains("<code>docker</code>") && html.contains("<code>native</code>"), "lists the valid ones");
        });
    }

    @Test
    void markup_in_a_value_comes_back_escaped_in_pages_fragments_and_json() throws Exception {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            for (String evil : new String[]{SCRIPT, QUOTES}) {
                String page = get(client, "/?runtime=" + enc(evil)).body().string();
                assertFalse(page.contains(evil), "page reflects raw: " + evil);
                assertFalse(page.contains("<img src=x") || page.contains("<script>alert"), page);
                assertTrue(page.contains("&lt;"), "escaped");

                Response fragment = get(client, "/?go=" + enc(evil), "HX-Request", "true");
                assertEquals(400, fragment.code());
                assertEquals("#errors", fragment.headers().get("HX-Retarget").get(0), "htmx errors go to the error region");
                assertFalse(fragment.body().string().contains(evil));

                Response json = get(client, "/cells/rtt.json?size=" + enc(evil));
                assertEquals(400, json.code());
                JsonNode doc = JSON.readTree(json.body().string());
                assertEquals("size", doc.get("param").asText());
                assertTrue(doc.get("valid").toString().contains("tiny"));
                assertTrue(doc.get("message").asText().contains("unknown size"));
            }
        });
    }

    @Test
    void a_value_in_an_unknown_parameter_name_is_escaped_too() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/?" + enc(SCRIPT) + "=1").body().string();
            assertFalse(html.contains(SCRIPT));
        });
    }

    @Test
    void malformed_dates_and_empty_ranges_are_bad_requests() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = get(client, "/?from=yesterday");
            assertEquals(400, r.code());
            assertTrue(r.body().string().contains("expected YYYY-MM-DD"));
            assertEquals(400, get(client, "/?from=2025-02-01&to=2025-01-01").code());
        });
    }

    @Test
    void a_single_valued_parameter_given_twice_is_a_bad_request() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = get(client, "/?baseline=native&baseline=docker");
            assertEquals(400, r.code());
            assertTrue(r.body().string().contains("takes one value"));
        });
    }

    @Test
    void broken_percent_encoding_is_a_bad_request_not_silently_all() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            // java's HttpClient refuses to send such a URL, so speak HTTP on a socket
            try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(30_000); // a server that never closes fails the read instead of holding it for ever
                socket.getOutputStream().write("GET /?runtime=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 400"), response.lines().findFirst().orElse(""));
                assertTrue(response.contains("malformed query string"));
            }
        });
    }

    @Test
    void an_unknown_job_in_the_filter_is_a_bad_request_listing_recent_jobs() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = get(client, "/?job=nope");
            assertEquals(400, r.code());
            assertTrue(r.body().string().contains(TestApp.HANDMADE_JOB));
        });
    }

    @Test
    void an_unknown_job_page_is_a_404_page_fragment_or_json() throws Exception {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response page = get(client, "/jobs/" + enc(SCRIPT));
            assertEquals(404, page.code());
            String html = page.body().string();
            assertTrue(html.startsWith("<!doctype html>"));
            assertFalse(html.contains(SCRIPT));

            Response fragment = get(client, "/jobs/nope/progress", "HX-Request", "true");
            assertEquals(404, fragment.code());
            assertTrue(fragment.body().string().startsWith("<div class=\"error-box\""));

            Response json = get(client, "/api/jobs/nope");
            assertEquals(404, json.code());
            assertEquals("there is no job 'nope'", JSON.readTree(json.body().string()).get("message").asText());
        });
    }

    @Test
    void an_unknown_cell_and_an_unknown_route_are_404_pages() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response cell = get(client, "/cells/latency");
            assertEquals(404, cell.code());
            assertTrue(cell.body().string().contains("there is no cell named"));
            Response route = get(client, "/nowhere");
            assertEquals(404, route.code());
            assertTrue(route.body().string().contains("<!doctype html>"));
        });
    }

    @Test
    void a_cross_site_post_is_refused() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = client.request("/api/jobs/whatever/cancel", b -> b.header("Origin", "http://evil.example")
                    .post(java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertEquals(403, r.code());
        });
    }

    @Test
    void dates_no_run_can_have_are_refused_with_a_message_not_a_500() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            for (String q : new String[]{"from=%2B999999999-12-31", "to=%2B999999999-12-31", "to=-999999999-01-01",
                    "from=0001-01-01", "to=10000-01-01"}) {
                Response r = get(client, "/?" + q);
                assertEquals(400, r.code(), q);
                assertTrue(r.body().string().contains("out of range") || q.contains("10000"), q);
                assertEquals(400, get(client, "/cells/rtt.json?" + q).code(), q + " on a cell's JSON");
            }
        });
    }

    @Test
    void a_malformed_multipart_post_is_refused_with_415() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            for (String path : new String[]{"/jobs", "/notebooks", "/api/sql"}) {
                Response r = client.request(path, b -> b.header("Content-Type", "multipart/form-data; boundary=\"x")
                        .post(java.net.http.HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data; na")));
                assertEquals(415, r.code(), path);
            }
        });
    }
}
