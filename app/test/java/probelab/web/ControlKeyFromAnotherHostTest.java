package probelab.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import probelab.Probelab;
import probelab.TestEnv;
import probelab.process.Exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server bound beyond loopback, reached from another host: a network namespace joined to this one by a veth pair
 * that the test makes, so each request really arrives from another address (curl runs inside the namespace).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ControlKeyFromAnotherHostTest {
    @TempDir
    Path dir;

    @Test
    void beyond_loopback_control_and_write_routes_need_the_key_from_another_host_and_reads_and_share_links_do_not() throws Exception {
        TestEnv.require(Files.isExecutable(Path.of("/usr/sbin/ip")) && Files.isExecutable(Path.of("/usr/bin/curl")),
                "ip (iproute2) and curl");
        try (Neighbour other = Neighbour.make();
             Probelab app = new Probelab(TestEnv.config(dir))) {
            WebServer web = app.web(new WebOptions(other.serverAddress(), 0, false, false, List.of())).start();
            assertTrue(web.needsControlKey());
            String base = "http://" + other.serverAddress() + ":" + web.port();
            String key = web.startUrl().substring(web.startUrl().indexOf("?key=") + 5);
            assertTrue(key.length() >= 40, "32 random bytes: " + key);
            String sql = "{\"sql\": \"select 42 as answer\"}";

            // reads are open: whoever reaches the address sees the report
            assertEquals(200, other.curl("-X", "GET", base + "/").status());
            // every control or write route refuses a request without the key, saying what to do; nothing happens
            int jobsBefore = app.store().recentJobs(100).size();
            Reply job = other.curl("-X", "POST", "-H", "Content-Type: application/json", "--data", "{}", base + "/api/jobs");
            assertEquals(403, job.status(), job.raw());
            assertTrue(job.body().contains("Authorization: Bearer"), job.body());
            assertEquals(jobsBefore, app.store().recentJobs(100).size(), "no job was queued");
            assertEquals(403, other.curl("-X", "POST", "-H", "Content-Type: application/json", "--data", sql, base + "/api/sql").status());
            assertEquals(403, other.curl("-X", "GET", base + "/jobs").status(), "the job form is a control page");
            assertEquals(403, other.curl("-X", "POST", "-H", "Content-Type: application/json", "--data", sql,
                    "-H", "Authorization: Bearer " + key.substring(1) + "x", base + "/api/sql").status(), "a wrong key");
            assertEquals(403, other.curl("-X", "GET", base + "/?key=wrong").status(), "a wrong key in the URL");

            // an API client sends the key as a header
            Reply answered = other.curl("-X", "POST", "-H", "Content-Type: application/json", "--data", sql,
                    "-H", "Authorization: Bearer " + key, base + "/api/sql");
            assertEquals(200, answered.status(), answered.raw());
            assertTrue(answered.body().contains("42"), answered.body());

            // a browser opens the start-up URL once: the key moves into an HttpOnly SameSite cookie and out of the URL
            Path jar = dir.resolve("cookies");
            Reply opened = other.curl("-c", jar.toString(), "-X", "GET", base + "/?key=" + key + "&runtime=native");
            assertEquals(303, opened.status(), opened.raw());
            assertEquals("/?runtime=native", opened.header("location"));
            String cookie = opened.header("set-cookie");
            assertTrue(cookie.startsWith(ControlKey.COOKIE + "=" + key) && cookie.contains("HttpOnly")
                    && cookie.toLowerCase(Locale.ROOT).contains("samesite=strict"), cookie);
            assertEquals(200, other.curl("-b", jar.toString(), "-X", "GET", base + "/jobs").status());
            Reply elsewhere = other.curl("--path-as-is", "-X", "GET", base + "//example.org/?key=" + key);
            String location = elsewhere.header("location");
            assertTrue(location.startsWith("/") && !location.startsWith("//"), "the redirect never leaves this server: " + elsewhere.raw());
            Reply share = other.curl("-b", jar.toString(), "-X", "POST", "-H", "Content-Type: application/json",
                    "--data", "{\"query\": \"runtime=native\"}", base + "/api/shares");
            assertEquals(201, share.status(), share.raw());
            String link = share.body().replaceFirst("(?s).*\"url\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            assertTrue(link.startsWith("/r/"), share.body());

            // a colleague with the share link and nothing else reads it, and still cannot change anything
            assertEquals(200, other.curl("-X", "GET", base + link).status());
            assertEquals(403, other.curl("-X", "DELETE", base + "/api/shares/1").status());
        }
    }

    @Test
    void a_loopback_or_read_only_server_needs_no_key_and_any_other_bind_gets_a_fresh_one() {
        SecureRandom random = new SecureRandom();
        for (String host : List.of("127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]")) {
            assertFalse(ControlKey.forServer(new WebOptions(host, 0, false, false, List.of()), random).required(), host);
        }
        assertFalse(ControlKey.forServer(new WebOptions("0.0.0.0", 0, false, true, List.of()), random).required(),
                "a read-only server has no control routes");
        ControlKey a = ControlKey.forServer(new WebOptions("0.0.0.0", 0, false, false, List.of()), random);
        ControlKey b = ControlKey.forServer(new WebOptions("192.168.1.5", 0, false, false, List.of()), random);
        assertTrue(a.required() && b.required());
        assertFalse(a.startQuery().equals(b.startQuery()), "each start makes its own key");
        assertEquals("", ControlKey.NONE.startQuery());
    }

    /** A curl answer: status, headers (lower-case names) and body. */
    record Reply(int status, List<String[]> headers, String body, String raw) {
        String header(String name) {
            return headers.stream().filter(h -> h[0].equals(name)).map(h -> h[1]).findFirst().orElse("");
        }
    }

    /** A network namespace with one end of a veth pair; the other end stays here with the server's address. */
    record Neighbour(String namespace, String hostLink, String serverAddress) implements AutoCloseable {
        static Neighbour make() {
            long pid = ProcessHandle.current().pid();
            // names of at most 15 characters, and a /30 of their own, both from this process's pid
            String ns = "plk-ns-" + pid;
            String hostLink = "plk" + (pid % 1_000_000) + "h";
            String nsLink = "plk" + (pid % 1_000_000) + "n";
            int third = (int) (pid % 250);
            String server = "10.231." + third + ".1", client = "10.231." + third + ".2";
            Neighbour n = new Neighbour(ns, hostLink, server);
            // a run killed before its cleanup left these behind: remove them first (no output when absent)
            n.close();
            try {
                ip("netns", "add", ns);
                ip("link", "add", hostLink, "type", "veth", "peer", "name", nsLink);
                ip("link", "set", nsLink, "netns", ns);
                ip("addr", "add", server + "/30", "dev", hostLink);
                ip("link", "set", hostLink, "up");
                ip("netns", "exec", ns, "ip", "addr", "add", client + "/30", "dev", nsLink);
                ip("netns", "exec", ns, "ip", "link", "set", nsLink, "up");
            } catch (RuntimeException | AssertionError e) {
                n.close();
                throw e;
            }
            return n;
        }

        private static void ip(String... args) {
            List<String> argv = new ArrayList<>(List.of("ip"));
            argv.addAll(List.of(args));
            Exec.Result r = Exec.run(argv, 20_000);
            // without CAP_NET_ADMIN no other host can be made: a skip, or a failure under CI=true
            TestEnv.require(r.ok(), String.join(" ", argv) + " (root with CAP_NET_ADMIN): " + r.reason());
        }

        /** curl inside the namespace: the request leaves from {@code client}, another address than the server's. */
        Reply curl(String... args) {
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "curl", "-s", "-i", "-m", "60"));
            argv.addAll(List.of(args));
            Exec.Result r = Exec.run(argv, 90_000);
            assertTrue(r.ok(), r.reason());
            String raw = r.stdout();
            int split = raw.indexOf("\r\n\r\n");
            String head = split < 0 ? raw : raw.substring(0, split);
            String body = split < 0 ? "" : raw.substring(split + 4);
            String[] lines = head.split("\r\n");
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) headers.add(new String[]{lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip()});
            }
            return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, body, raw);
        }

        @Override
        public void close() {
            // deleting the namespace deletes its end of the pair, and with it this end
            Exec.run(List.of("ip", "netns", "del", namespace), 20_000);
            Exec.run(List.of("ip", "link", "del", hostLink), 20_000);
        }
    }
}
