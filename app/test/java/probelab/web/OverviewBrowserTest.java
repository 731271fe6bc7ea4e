package probelab.web;

import org.junit.jupiter.api.parallel.ResourceLock;
import probelab.web.common.Ids;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import probelab.TestEnv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Browser.WAIT;

/** What a person sees in a real browser: charts drawn, filters that change the table, the chart and the URL, and back. */
@Timeout(value = TestEnv.BROWSER_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(TestEnv.BROWSER)
class OverviewBrowserTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    @Test
    void changing_a_filter_updates_table_chart_and_url_and_back_restores_the_earlier_state() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            try (Browser b = Browser.start()) {
                String origin = client.getOrigin();
                b.driver.get(origin + "/");
                List<String> all = List.of("native", "docker", "podman");
                b.waitFor(WAIT, "the RTT box plot shows every runtime", d -> all.equals(b.traces("chart-rtt-box")));
                b.waitFor(WAIT, "the CDF is drawn", d -> b.traces("chart-rtt-cdf") != null);
                assertTrue(b.tableRuntimes("cell-rtt").containsAll(all));

                // the default view is the latest job, not every job pooled
                assertEquals(app.syntheticJob(), b.driver.findElement(By.cssSelector("#filters select[name=job]")).getAttribute("value"));

                b.driver.findElement(By.cssSelector("#filters input[name=runtime][value=docker]")).click();
                b.waitFor(WAIT, "the URL holds the filter", d -> d.getCurrentUrl().endsWith("/?runtime=docker&job=" + app.syntheticJob()));
                b.waitFor(WAIT, "the table shows docker only", d -> {
                    List<String> rows = b.tableRuntimes("cell-rtt");
                    return !rows.isEmpty() && rows.stream().allMatch("docker"::equals);
                });
                b.waitFor(WAIT, "the chart shows docker only", d -> List.of("docker").equals(b.traces("chart-rtt-box")));
                assertTrue(b.driver.findElement(By.cssSelector("#filters input[value=docker]")).isSelected());
                // the report was swapped, and the keyboard focus is still on the checkbox just toggled
                assertEquals(Ids.filterInput("runtime", "docker"), b.driver.switchTo().activeElement().getAttribute("id"),
                        "focus stays on the filter that changed");

                b.driver.navigate().back();
                b.waitFor(WAIT, "back restores the URL", d -> d.getCurrentUrl().equals(origin + "/"));
                b.waitFor(WAIT, "back restores the table", d -> b.tableRuntimes("cell-rtt").containsAll(all));
                b.waitFor(WAIT, "back redraws the chart with every runtime", d -> all.equals(b.traces("chart-rtt-box")));
                assertFalse(b.driver.findElement(By.cssSelector("#filters input[value=docker]")).isSelected());

                b.driver.navigate().forward();
                b.waitFor(WAIT, "forward shows the filtered view again", d -> List.of("docker").equals(b.traces("chart-rtt-box")));

                assertEquals(List.of(), b.severeLogs(), "no errors in the browser console");
            }
        });
    }

    @Test
    void reloading_a_filtered_url_restores_the_whole_view() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            try (Browser b = Browser.start()) {
                b.driver.get(client.getOrigin() + "/?runtime=podman&metric=memory&baseline=docker");
                b.waitFor(WAIT, "the memory chart is drawn", d -> b.traces("chart-memory-bars") != null);
                assertTrue(b.driver.findElements(By.id("cell-rtt")).isEmpty(), "only the memory family is shown");
                assertTrue(b.driver.findElement(By.cssSelector("#filters input[value=podman]")).isSelected());
                assertEquals("docker", b.driver.findElement(By.cssSelector("#filters select[name=baseline]")).getAttribute("value"));
                assertEquals(List.of(), b.severeLogs());
            }
        });
    }

    @Test
    void at_800_px_the_ratio_and_verdict_stay_in_view_failure_reasons_wrap_in_their_box_and_log_axes_read_in_order() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            try (Browser b = Browser.start()) {
                b.driver.manage().window().setSize(new Dimension(800, 1000));
                b.driver.get(client.getOrigin() + "/");
                b.waitFor(WAIT, "the build chart is drawn", d -> b.traces("chart-build-lines") != null);
                b.waitFor(WAIT, "the CDF is drawn", d -> b.traces("chart-rtt-cdf") != null);

                long viewport = ((Number) b.js("return document.documentElement.clientWidth;")).longValue();
                assertTrue(viewport <= 800, "the window is narrow: " + viewport);
                Object wide = b.js("var w = document.documentElement.clientWidth, out = [];"
                        + "document.querySelectorAll('body *').forEach(function (e) { var r = e.getBoundingClientRect();"
                        + "  if (r.right > w + 1 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 1))"
                        + "    out.push(e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(r.right)); });"
                        + "return out.slice(0, 8).join(', ');");
                assertTrue(((Number) b.js("return document.documentElement.scrollWidth;")).longValue() <= viewport,
                        "the page does not scroll sideways at 800 px; too wide: " + wide);
                // the ratio, its interval and the verdict columns are inside the visible part of the RTT table
                @SuppressWarnings("unchecked")
                Map<String, Object> header = (Map<String, Object>) b.js("var t = document.querySelector('#cell-rtt table.agg');"
                        + "var wrap = t.closest('.table-wrap').getBoundingClientRect();"
                        + "var out = {};"
                        + "t.querySelectorAll('thead th').forEach(function (th) { var r = th.getBoundingClientRect();"
                        + "  if (r.width > 0) out[th.textContent.trim()] = r.right <= wrap.right + 1 && r.right <= window.innerWidth; });"
                        + "return out;");
                for (String column : List.of("ratio interval", "verdict")) {
                    assertEquals(Boolean.TRUE, header.get(column), column + " in view at 800 px: " + header);
                }
                assertTrue(header.keySet().stream().anyMatch(h -> h.startsWith("×")), "the ratio column is shown: " + header);
                assertFalse(header.containsKey("stddev"), "the descriptive columns give way: " + header);

                // failure reasons: the table scrolls inside its own box and a reason is not one word per line
                @SuppressWarnings("unchecked")
                List<Number> reasonWidths = (List<Number>) b.js("return Array.from(document.querySelectorAll('#cell-rtt td.reason'))"
                        + ".map(function (td) { return td.getBoundingClientRect().width; });");
                assertFalse(reasonWidths.isEmpty(), "the synthetic job has failed RTT samples");
                for (Number w : reasonWidths) assertTrue(w.doubleValue() >= 150, "a reason column of readable width: " + reasonWidths);

                // every log axis reads in increasing order, each tick with its whole value
                for (String chart : List.of("chart-build-lines", "chart-rtt-cdf")) {
                    @SuppressWarnings("unchecked")
                    List<List<String>> axes = (List<List<String>>) b.js("var gd = document.getElementById(arguments[0]);"
                            + "return Array.from(gd.querySelectorAll('g.xaxislayer-above, g.yaxislayer-above')).map(function (g) {"
                            + "  return Array.from(g.querySelectorAll('text')).map(function (t) { return t.textContent; }); });", chart);
                    assertFalse(axes.isEmpty(), chart + " has axes");
                    for (List<String> ticks : axes) {
                        List<Double> values = new ArrayList<>();
                        for (String t : ticks) values.add(tickValue(t));
                        for (int i = 1; i < values.size(); i++) {
                            assertTrue(values.get(i) > values.get(i - 1), chart + " ticks in order: " + ticks);
                        }
                    }
                }
                // the build chart's title promises intervals: its traces carry them as error bars
                @SuppressWarnings("unchecked")
                List<Number> errorBars = (List<Number>) b.js("return document.getElementById('chart-build-lines').data"
                        + ".map(function (t) { return t.error_y && t.error_y.array ? t.error_y.array.length : 0; });");
                assertTrue(errorBars.stream().allMatch(n -> n.intValue() > 0), "every build line has its error bars: " + errorBars);
                assertFalse(b.driver.findElements(By.cssSelector("#chart-build-lines g.errorbar")).isEmpty(), "and they are drawn");
                assertEquals(List.of(), b.severeLogs(), "no errors in the browser console");
            }
        });
    }

    /** A Plotly tick label as a number: "0.2", "1k", "2M", "−1". */
    private static double tickValue(String label) {
        String t = label.trim().replace('\u2212', '-');
        double scale = 1;
        if (t.endsWith("k")) scale = 1e3;
        else if (t.endsWith("M")) scale = 1e6;
        else if (t.endsWith("G")) scale = 1e9;
        else if (t.endsWith("m")) scale = 1e-3;
        else if (t.endsWith("µ") || t.endsWith("μ")) scale = 1e-6;
        if (scale != 1) t = t.substring(0, t.length() - 1);
        return Double.parseDouble(t) * scale;
    }
}
