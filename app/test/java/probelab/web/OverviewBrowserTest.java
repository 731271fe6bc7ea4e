package probelab.web;

import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Browser.WAIT;

/** What a person sees in a real browser: charts drawn, filters that change the table, the chart and the URL, and back. */
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
}
