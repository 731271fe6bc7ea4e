package probelab.web;

import org.junit.jupiter.api.parallel.ResourceLock;
import probelab.web.common.Ids;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.util.List;
import java.util.concurrent.TimeUnit;

import probelab.TestEnv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Browser.WAIT;

/** Sharing a filtered view in one browser and opening the link in another (a fresh profile: no cookies, no cache). */
@Timeout(value = TestEnv.BROWSER_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(TestEnv.BROWSER)
class ShareBrowserTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    @Test
    void a_shared_filtered_view_opens_in_a_fresh_browser_the_same_and_without_controls() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String origin = client.getOrigin();
            String link;
            try (Browser author = Browser.start()) {
                author.driver.get(origin + "/");
                author.waitFor(WAIT, "the RTT chart is drawn", d -> author.traces("chart-rtt-box") != null);
                author.driver.findElement(By.cssSelector("#filters input[name=runtime][value=docker]")).click();
                author.waitFor(WAIT, "the URL holds the filter", d -> d.getCurrentUrl().endsWith("/?runtime=docker&job=" + app.syntheticJob()));
                author.waitFor(WAIT, "the chart shows docker only", d -> List.of("docker").equals(author.traces("chart-rtt-box")));
                author.driver.findElement(By.id(Ids.SHARE_BUTTON)).click();
                link = author.waitFor(WAIT, "the link appears", d -> {
                    var found = d.findElements(By.id("share-link"));
                    return found.isEmpty() ? null : found.get(0).getAttribute("href");
                });
                assertEquals(List.of(), author.severeLogs());
            }
            assertTrue(link.startsWith(origin + "/r/"), link);

            try (Browser reader = Browser.start()) {
                reader.driver.get(link);
                reader.waitFor(WAIT, "the shared chart shows docker only", d -> List.of("docker").equals(reader.traces("chart-rtt-box")));
                List<String> rows = reader.tableRuntimes("cell-rtt");
                assertFalse(rows.isEmpty());
                assertTrue(rows.stream().allMatch("docker"::equals), rows.toString());
                assertTrue(reader.driver.findElement(By.cssSelector("#filters input[value=docker]")).isSelected());
                assertTrue(reader.driver.findElements(By.cssSelector("a[href='/jobs'], [data-share-api], form[action='/jobs'], button[hx-post]")).isEmpty(),
                        "no job controls, no Share button, nothing that posts");
                assertTrue(reader.driver.getPageSource().contains("read-only shared view"));

                // a filter changed inside the link stays under the link
                reader.driver.findElement(By.cssSelector("#filters input[name=runtime][value=native]")).click();
                reader.waitFor(WAIT, "the URL stays under /r/", d -> d.getCurrentUrl().startsWith(link.split("\\?")[0] + "?")
                        && d.getCurrentUrl().contains("runtime=native"));
                reader.waitFor(WAIT, "both runtimes are drawn", d -> {
                    List<String> t = reader.traces("chart-rtt-box");
                    return t != null && t.containsAll(List.of("native", "docker"));
                });
                assertEquals(List.of(), reader.severeLogs(), "no errors in the browser console");
            }
        });
    }
}
