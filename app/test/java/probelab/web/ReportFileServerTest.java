package probelab.web;

import probelab.web.common.Ids;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.body;
import static probelab.web.Http.get;

/** GET /report.html: the report as one self-contained file, as a download, on every kind of server that reads. */
class ReportFileServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    /** A src or href that would load something from the network, in the markup outside the inline scripts. */
    static final Pattern EXTERNAL = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");
    static final long MAX_BYTES = 5L * 1024 * 1024;

    /** The document without the contents of its script elements (code and data are not markup). */
    static String markup(String html) {
        return html.replaceAll("(?s)(<script[^>]*>).*?(</script>)", "$1$2");
    }

    static void assertSelfContained(String html) {
        String markup = markup(html);
        assertFalse(EXTERNAL.matcher(markup).find(), "no external src or href in the markup");
        assertFalse(markup.toLowerCase(Locale.ROOT).contains("<link"), "no linked stylesheet or icon");
        assertFalse(Pattern.compile("(?i)<script[^>]*\\ssrc=").matcher(markup).find(), "no script loaded from a URL");
        assertTrue(html.contains("Plotly"), "Plotly is inline");
        assertTrue(html.contains("id=\"probelab-data\""), "the data is inline");
    }

    @Test
    void the_report_file_downloads_as_one_self_contained_html_file_under_5_mb() {
        long[] size = new long[1];
        JavalinTest.test(app.freshApp(), (server, client) -> {
            var r = get(client, "/report.html?job=" + app.syntheticJob());
            assertEquals(200, r.code());
            assertTrue(r.headers().get("Content-Type").get(0).startsWith("text/html"), r.headers().get("Content-Type").get(0));
            assertEquals("attachment; filename=\"probelab-report-" + app.syntheticJob() + ".html\"", r.headers().get("Content-Disposition").get(0));
            String html = body(r);
            long bytes = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            size[0] = bytes;
            assertTrue(bytes < MAX_BYTES, bytes + " bytes");
            assertSelfContained(html);
            assertTrue(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"), "its own CSP allows no fetch");
        });
        // outside the test server's block, which keeps what is printed inside it for failures only
        System.out.printf("report file of the seeded synthetic job: %,d bytes%n", size[0]);
    }

    @Test
    void the_filter_bar_and_the_share_menu_link_to_the_file_of_the_view() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String page = body(get(client, "/?runtime=docker&job=" + app.syntheticJob()));
            assertTrue(page.contains("href=\"/report.html?runtime=docker&amp;job=" + app.syntheticJob() + "\""), "filter bar link");
            assertTrue(page.contains("id=\"" + Ids.DOWNLOAD_REPORT + "\"") && page.contains("Download report"), "Share menu entry");
        });
    }

    @Test
    void read_only_servers_and_share_links_offer_it_and_bad_filters_are_400() {
        WebServer readOnly = app.fresh(new WebOptions("127.0.0.1", 0, false, true, List.of()));
        JavalinTest.test(readOnly.app(), (server, client) -> {
            var r = get(client, "/report.html?job=" + TestApp.HANDMADE_JOB);
            assertEquals(200, r.code());
            assertSelfContained(body(r));
            assertEquals(400, get(client, "/report.html?runtime=nosuch").code());
            assertEquals(400, get(client, "/report.html?colour=red").code());
        });
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String link = ShareServerTest.createLink(client, "job=" + TestApp.HANDMADE_JOB);
            var r = get(client, link + "/report.html");
            assertEquals(200, r.code());
            String html = body(r);
            assertSelfContained(html);
            assertFalse(html.contains(link.substring(3)), "the file does not carry the link's token");
            assertEquals(404, get(client, "/r/nosuchtoken/report.html").code());
        });
    }

    @Test
    void the_route_is_a_read() {
        List<WebServer.Route> routes = app.web().routes().stream().filter(r -> r.path().endsWith("report.html")).toList();
        assertEquals(2, routes.size());
        assertTrue(routes.stream().allMatch(r -> r.access() == WebServer.Route.Access.READ));
    }
}
