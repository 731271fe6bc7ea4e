package probelab.web;

import probelab.web.common.Paths;
import io.javalin.http.HandlerType;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every GET route of the table, with hostile path parameters and hostile query values: nothing may answer 5xx.
 * The counts per status are printed, so a run says what was tried and what came back.
 */
class HostileUrlServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    static final List<String> VALUES = List.of("", "x".repeat(5000), "'\"<script>alert(1)</script>", "../../etc/passwd",
            "%00\u0000\uD83D\uDE00", "99999999999999999999", "+999999999-12-31", "docker,docker,docker",
            "\r\nX-Injected: 1");
    static final List<String> PARAMS = List.of("runtime", "go", "size", "metric", "machine", "job", "from", "to", "baseline",
            "heatmap", "claims");
    /**
     * Filters are parsed by one parser: these routes (a page and a data twin) stand for every report route that takes
     * them, each hostile value in each parameter alone; every route gets all parameters at once.
     */
    static final List<String> FILTERED = List.of(Paths.OVERVIEW, Paths.CELL_JSON);

    @Test
    void hostile_urls_on_every_get_route_never_answer_5xx() {
        List<WebServer.Route> gets = app.web().routes().stream().filter(r -> r.method() == HandlerType.GET).toList();
        Map<Integer, Integer> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        JavalinTest.test(app.freshApp(), (server, client) -> {
            for (WebServer.Route route : gets) {
                for (String v : VALUES) {
                    String enc = URLEncoder.encode(v, StandardCharsets.UTF_8);
                    List<String> urls = new ArrayList<>();
                    urls.add(route.path().replaceAll("\\{[^}]+}", enc.isEmpty() ? "x" : enc));
                    String concrete = route.path().replace("{cell}", "rtt").replaceAll("\\{[^}]+}", "x");
                    urls.add(concrete + "?" + String.join("&", PARAMS.stream().map(p -> p + "=" + enc).toList()));
                    if (FILTERED.contains(route.path())) {
                        for (String p : PARAMS) urls.add(concrete + "?" + p + "=" + enc);
                    }
                    for (String url : urls) {
                        int code = Http.get(client, url, "HX-Request", v.length() % 2 == 0 ? "true" : "false").code();
                        counts.merge(code, 1, Integer::sum);
                        if (code >= 500) failures.add(code + " " + url.substring(0, Math.min(200, url.length())));
                    }
                }
            }
        });
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("hostile URLs: " + total + " requests over " + gets.size() + " GET routes, by status " + counts);
        assertTrue(total > 500, "enough requests were tried: " + total);
        assertTrue(failures.isEmpty(), failures.size() + " answered 5xx, e.g. " + failures.subList(0, Math.min(10, failures.size())));
    }
}
