package probelab.web;

import org.junit.jupiter.api.parallel.ResourceLock;
import probelab.web.common.Paths;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import probelab.TestEnv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Browser.WAIT;
import static probelab.web.Http.body;
import static probelab.web.Http.get;

/**
 * The report file opened from disk in Chromium with the network cut off: every request the browser would make goes to
 * a proxy on a closed port ({@code --proxy-server=127.0.0.1:9 --proxy-bypass-list=<-loopback>}, so not even loopback is
 * exempt), and the file's own CSP allows no fetch. Its figures are compared with the live report's .json twins.
 */
@Timeout(value = TestEnv.BROWSER_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(TestEnv.BROWSER)
class ReportFileBrowserTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    @TempDir
    Path dir;

    static Browser offline() {
        return Browser.start("--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>");
    }

    private Path download(HttpClient client, String query, String name) throws Exception {
        var r = get(client, "/report.html?" + query);
        assertEquals(200, r.code());
        Path file = dir.resolve(name);
        Files.writeString(file, body(r), StandardCharsets.UTF_8);
        return file;
    }

    private static void open(Browser b, Path file) {
        b.driver.get(file.toUri().toString());
        b.waitFor(WAIT, "the report is drawn", d -> !d.findElements(By.cssSelector("#cell-rtt table.agg")).isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static List<String> chartIds(Browser b) {
        return (List<String>) b.js("return Array.from(document.querySelectorAll('figure.chart')).map(function (e) { return e.id; });");
    }

    @Test
    void the_file_opened_from_disk_with_the_network_off_draws_every_chart_and_follows_its_filters() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Path file = download(client, "job=" + app.syntheticJob() + "&runtime=native&runtime=docker&runtime=podman", "synthetic.html");
            try (Browser b = offline()) {
                open(b, file);
                List<String> charts = chartIds(b);
                assertTrue(charts.containsAll(List.of("chart-rtt-box", "chart-rtt-cdf", "chart-cold_start-box", "chart-memory-bars",
                        "chart-build-lines", "chart-heatmap-heatmap")), charts.toString());
                for (String id : charts) {
                    b.waitFor(WAIT, id + " is drawn", d -> b.traces(id) != null && !b.traces(id).isEmpty());
                }
                assertEquals(List.of("native", "docker", "podman"), b.traces("chart-rtt-box"));
                assertTrue(b.driver.findElement(By.id("report-header")).getText().contains("probelab"), "machine and version");

                // untick podman: the table and the charts lose it
                b.driver.findElement(By.cssSelector("#filters input[name=runtime][value=podman]")).click();
                b.waitFor(WAIT, "the RTT chart drops podman", d -> List.of("native", "docker").equals(b.traces("chart-rtt-box")));
                assertFalse(b.tableRuntimes("cell-rtt").contains("podman"), b.tableRuntimes("cell-rtt").toString());
                assertEquals(List.of("native", "docker"), b.traces("chart-cold_start-box"));

                // docker as the baseline: docker's rows read 1x and native's ratio changes
                String nativeRatio = ratioOf(b, "native");
                new Select(b.driver.findElement(By.id("f-baseline-select"))).selectByValue("docker");
                b.waitFor(WAIT, "docker is the baseline", d -> "1×".equals(ratioOf(b, "docker")));
                assertNotEquals(nativeRatio, ratioOf(b, "native"));
                assertTrue(b.driver.findElement(By.id("verdict")).getText().contains("indistinguishable from docker")
                        || b.driver.findElement(By.id("verdict")).getText().contains("docker"), "the verdict follows the baseline");
                assertEquals(List.of(), b.severeLogs(), "no errors in the console (a blocked request would be one)");
                assertEquals(Boolean.TRUE, b.js("return Array.from(document.querySelectorAll('[src],[href]')).every(function (e) {"
                        + " var u = e.getAttribute('src') || e.getAttribute('href'); return !/^(https?:)?\\/\\//i.test(u); });"));
            }
        });
    }

    /** The ratio column of the first RTT row of {@code runtime}. */
    private static String ratioOf(Browser b, String runtime) {
        return (String) b.js("var rows = document.querySelectorAll('#cell-rtt table.agg tbody tr');"
                + "for (var i = 0; i < rows.length; i++) { var td = rows[i].querySelectorAll('td');"
                + " if (td[0].textContent.trim() === arguments[0]) return td[td.length - 3].textContent.trim(); } return null;", runtime);
    }

    @Test
    void the_files_figures_equal_the_live_reports_for_the_same_filter() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Path synthetic = download(client, "job=" + app.syntheticJob(), "s.html");
            Path handmade = download(client, "job=" + TestApp.HANDMADE_JOB, "h.html");
            Path pooled = download(client, "job=all", "all.html");
            try (Browser b = offline()) {
                open(b, synthetic);
                compare(b, client, "{}");
                compare(b, client, "{\"runtime\": [\"native\", \"docker\"]}");
                compare(b, client, "{\"baseline\": \"docker\", \"go\": [\"1.23\"]}");
                compare(b, client, "{\"size\": [\"small\"], \"metric\": [\"build\", \"memory\"]}");
                open(b, handmade);
                compare(b, client, "{}");
                compare(b, client, "{\"baseline\": \"docker\"}");
                open(b, pooled);
                compare(b, client, "{}");
                compare(b, client, "{\"runtime\": [\"podman\", \"native\"], \"baseline\": \"podman\"}");
                assertEquals(List.of(), b.severeLogs());
            }
        });
    }

    @Test
    void the_files_statistics_equal_the_java_ones_on_random_samples() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Path file = download(client, "job=" + TestApp.HANDMADE_JOB, "stats.html");
            java.util.Random random = new java.util.Random(12);
            try (Browser b = offline()) {
                open(b, file);
                // exact (no ties, under 50 a side), tied values (normal approximation), large samples, all equal
                int[][] sizes = {{6, 9}, {30, 45}, {49, 20}, {12, 12}, {80, 60}, {200, 150}};
                for (int[] n : sizes) {
                    for (boolean ties : new boolean[]{false, true}) {
                        double[] a = sample(random, n[0], ties, 100), x = sample(random, n[1], ties, 103);
                        var mw = probelab.analysis.MannWhitney.test(a, x);
                        var js = (Map<?, ?>) b.js("return ProbelabStats.mannWhitney(arguments[0], arguments[1]);", list(a), list(x));
                        assertEquals(mw.exact(), js.get("exact"), "exact for " + n[0] + "/" + n[1] + " ties " + ties);
                        assertEquals(mw.pValue(), ((Number) js.get("pValue")).doubleValue(), 1e-12 * Math.max(1e-300, mw.pValue()) + 1e-15,
                                "p for " + n[0] + "/" + n[1] + " ties " + ties);
                        var sum = probelab.analysis.Summary.of(a);
                        var jsSum = (Map<?, ?>) b.js("return ProbelabStats.summary(arguments[0]);", list(a));
                        assertEquals(sum.median(), ((Number) jsSum.get("median")).doubleValue(), 1e-12 * sum.median());
                        assertEquals(sum.mean(), ((Number) jsSum.get("mean")).doubleValue(), 1e-12 * sum.mean());
                        if (sum.p90() != null) assertEquals(sum.p90(), ((Number) jsSum.get("p90")).doubleValue(), 1e-12 * sum.p90());
                        if (sum.median95() != null) {
                            assertEquals(sum.median95().low(), ((Number) ((Map<?, ?>) jsSum.get("median95")).get("low")).doubleValue());
                        }
                    }
                }
                double[] same = {5, 5, 5, 5};
                var js = (Map<?, ?>) b.js("return ProbelabStats.mannWhitney(arguments[0], arguments[0]);", list(same));
                assertEquals(1.0, ((Number) js.get("pValue")).doubleValue());
            }
        });
    }

    /** Sorted values around {@code centre}; with {@code ties}, rounded to whole numbers so that many repeat. */
    private static double[] sample(java.util.Random random, int n, boolean ties, double centre) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = centre + random.nextGaussian() * 4;
            out[i] = ties ? Math.round(v) : v;
        }
        java.util.Arrays.sort(out);
        return out;
    }

    private static List<Double> list(double[] values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) out.add(v);
        return out;
    }

    private static final String SCENARIO_JOB = "20260301-file-scenarios";

    /** Native and docker in the default scenario, docker also under --cpus 0.5, eight iterations each. */
    private static void seedScenarios() {
        var store = app.probelab().store();
        store.createJob(SCENARIO_JOB, "{}", java.time.Instant.now());
        store.markJobStarted(SCENARIO_JOB);
        var env = new probelab.storage.samples.Environment("Test OS", "6.1", "Test CPU", 2, 1L << 34, "go version go1.23.5", "1.0",
                "test", "0.1.0", "test");
        int run = 0;
        for (String[] series : new String[][]{{"native", "default"}, {"docker", "default"}, {"docker", "cpus=0.5"}}) {
            String runId = SCENARIO_JOB + "-" + run++;
            store.createRun(new probelab.storage.samples.RunRow(runId, SCENARIO_JOB, series[0], "1.23.5", "tiny", java.time.Instant.now(),
                    env, probelab.storage.samples.RunRow.WorkloadCounts.NONE, series[1]));
            boolean limited = series[1].equals("cpus=0.5");
            double base = series[0].equals("native") ? 90 : limited ? 900 : 200;
            List<probelab.storage.samples.SampleRow> rows = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                rows.add(probelab.storage.samples.SampleRow.ok(runId, probelab.catalog.Metric.RTT_P50_US, "", i, base + i * 1.5, "test"));
                rows.add(probelab.storage.samples.SampleRow.ok(runId, probelab.catalog.Metric.THROUGHPUT_RPS, "", i, 1e6 / base + i, "test"));
                if (limited) rows.add(probelab.storage.samples.SampleRow.ok(runId, probelab.catalog.Metric.CPU_THROTTLED_PCT, "", i, 80 + i, "test"));
            }
            store.addSamples(rows);
            store.finishRun(runId, "completed");
        }
        store.markJobFinished(SCENARIO_JOB, probelab.storage.samples.SampleStore.JOB_COMPLETED, null);
    }

    @Test
    void a_file_of_several_scenarios_filters_and_compares_them_as_the_report_does() {
        seedScenarios();
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Path file = download(client, "job=" + SCENARIO_JOB + "&scenario=default&scenario=" + Paths.enc("cpus=0.5"), "sc.html");
            try (Browser b = offline()) {
                open(b, file);
                assertEquals(2, b.driver.findElements(By.cssSelector("#filters input[name=scenario]")).size(), "a scenario filter");
                assertEquals(List.of("native", "docker", "docker · cpus=0.5"), b.traces("chart-rtt-box"));
                compare(b, client, "{}");
                compare(b, client, "{\"scenario\": [\"cpus=0.5\"]}");
                compare(b, client, "{\"baseline\": \"docker · cpus=0.5\", \"metric\": [\"rtt\", \"limits\"]}");
                open(b, file);
                b.driver.findElement(By.cssSelector("#filters input[name=scenario][value='default']")).click();
                b.waitFor(WAIT, "only the limited series", d -> List.of("docker · cpus=0.5").equals(b.traces("chart-rtt-box")));
                assertEquals(List.of(), b.severeLogs());
            }
        });
    }

    /** Sets the file's filter to {@code state}, and checks each cell and the verdicts against the live report's JSON. */
    private static void compare(Browser b, HttpClient client, String state) throws Exception {
        String doc = (String) b.js("return JSON.stringify((" + ReportFileParity.VIEW + ")(JSON.parse(arguments[0])));", state);
        ReportFileParity.assertAgrees(client, state, Http.JSON.readTree(doc));
    }
}
