package probelab.web;

import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a web page in the user's own browser could try: DNS rebinding (its own host name resolving to 127.0.0.1),
 * cross-site posts, framing. Requests go over a plain socket, so the Host and Origin headers are exactly the ones a
 * browser would send (Java's HttpClient will not set Host).
 */
class RequestGuardServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.empty();

    /** Status code and headers (lower-case names) of one raw HTTP/1.1 request. */
    record Raw(int status, Map<String, String> headers) {
    }

    static Raw raw(int port, String method, String path, String... headers) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000); // a server that never answers fails the read instead of holding it for ever
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            for (int i = 0; i < headers.length; i += 2) req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            req.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            String status = in.readLine();
            Map<String, String> h = new LinkedHashMap<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                h.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
            return new Raw(Integer.parseInt(status.split(" ")[1]), h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_rebound_page_cannot_start_a_job_or_read_anything() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            int port = server.port();
            String evil = "evil.example:" + port;
            Raw post = raw(port, "POST", "/api/jobs", "Host", evil, "Origin", "http://" + evil, "Content-Type", "application/json");
            assertEquals(421, post.status(), "a POST naming another host");
            assertEquals(421, raw(port, "GET", "/", "Host", evil).status(), "the report");
            assertEquals(421, raw(port, "GET", "/api/info", "Host", evil).status(), "the API");
            assertEquals(421, raw(port, "GET", "/static/js/app.js", "Host", evil).status(), "a static file");
            assertEquals(0, Http.json(Http.get(client, "/api/jobs")).size(), "no job was started");
        });
    }

    @Test
    void loopback_names_are_answered() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            int port = server.port();
            for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port, "127.0.0.1")) {
                assertEquals(200, raw(port, "GET", "/api/info", "Host", host).status(), host);
            }
        });
    }

    @Test
    void a_post_from_another_scheme_port_or_host_is_refused_and_the_servers_own_origin_is_not() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            int port = server.port();
            String host = "127.0.0.1:" + port;
            String path = "/api/jobs/nope/cancel";
            assertEquals(403, raw(port, "POST", path, "Host", host, "Origin", "https://127.0.0.1:" + port).status(), "https");
            assertEquals(403, raw(port, "POST", path, "Host", host, "Origin", "http://127.0.0.1:" + (port + 1)).status(), "other port");
            assertEquals(403, raw(port, "POST", path, "Host", host, "Origin", "http://evil.example:" + port).status(), "other host");
            assertEquals(403, raw(port, "POST", path, "Host", host, "Origin", "null").status(), "opaque origin");
            // past the guard, the handler answers: there is no such job
            assertEquals(404, raw(port, "POST", path, "Host", host, "Origin", "http://localhost:" + port).status(), "own origin");
        });
    }

    @Test
    void every_response_carries_the_security_headers() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            int port = server.port();
            String host = "127.0.0.1:" + port;
            for (String path : List.of("/", "/api/info", "/static/js/app.js", "/nowhere", "/r/not-a-token")) {
                Raw r = raw(port, "GET", path, "Host", host);
                String csp = r.headers().get("content-security-policy");
                assertNotNull(csp, path + " has a CSP");
                assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), path + ": " + csp);
                assertEquals("DENY", r.headers().get("x-frame-options"), path);
                assertEquals("nosniff", r.headers().get("x-content-type-options"), path);
                assertEquals("no-referrer", r.headers().get("referrer-policy"), path);
            }
            assertNotNull(raw(port, "GET", "/", "Host", "evil.example").headers().get("content-security-policy"),
                    "a refused request has them too");
        });
    }

    @Test
    void a_name_added_with_allow_host_is_answered() {
        var web = app.fresh(new WebOptions("127.0.0.1", 0, false, false, List.of("probelab.lan")));
        JavalinTest.test(web.app(), (server, client) -> {
            int port = server.port();
            assertEquals(200, raw(port, "GET", "/api/info", "Host", "probelab.lan:" + port).status());
            assertEquals(421, raw(port, "GET", "/api/info", "Host", "other.lan:" + port).status());
        });
    }
}
