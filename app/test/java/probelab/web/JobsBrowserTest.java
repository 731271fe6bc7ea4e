package probelab.web;

import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Browser.WAIT;

/** Starting a tiny native job from the page and watching its progress bar reach the end. */
class JobsBrowserTest {
    @RegisterExtension
    static final TestApp app = TestApp.empty();

    @Test
    void a_tiny_native_job_started_from_the_page_runs_to_the_end_and_links_to_its_report() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            try (Browser b = Browser.start()) {
                b.driver.get(client.getOrigin() + "/jobs");
                // runtime native, the newest Go and size tiny are the defaults; keep only the rtt metric, one repetition
                assertTrue(b.driver.findElement(By.cssSelector("#job-form input[name=runtime][value=native]")).isSelected());
                // a runtime that is down is shown with its reason and cannot be ticked (no Docker Desktop VM runs here)
                WebElement desktop = b.driver.findElement(By.cssSelector("#job-form input[name=runtime][value=docker-desktop]"));
                assertFalse(desktop.isEnabled(), "docker-desktop is down here and not selectable");
                assertTrue(desktop.findElement(By.xpath("..")).getText().contains("down: "), "with the reason");
                String newest = app.probelab().toolchains().newest().minor();
                assertTrue(b.driver.findElement(By.cssSelector("#job-form input[name=go][value='" + newest + "']")).isSelected());
                assertTrue(b.driver.findElement(By.cssSelector("#job-form input[name=size][value=tiny]")).isSelected());
                for (String m : List.of("cold_start", "memory", "build")) {
                    WebElement box = b.driver.findElement(By.cssSelector("#job-form input[name=metric][value=" + m + "]"));
                    if (box.isSelected()) box.click();
                }
                set(b, "repeat", "1");
                set(b, "warmup", "0");
                set(b, "rtt_duration_ms", "300");
                b.driver.findElement(By.cssSelector("#job-form button[type=submit]")).click();

                WebElement job = b.waitFor(WAIT, "the job's progress widget appears",
                        d -> d.findElements(By.cssSelector("#active-jobs article.job")).stream().findFirst().orElse(null));
                String id = job.getAttribute("id");
                List<Integer> seen = new ArrayList<>();
                b.waitFor(Duration.ofMinutes(3), "the job completes", d -> {
                    // read in one script: htmx swaps the widget every second, so element references go stale
                    @SuppressWarnings("unchecked")
                    List<Object> state = (List<Object>) b.js("var w = document.getElementById(arguments[0]);"
                            + "return w ? [w.getAttribute('data-status'), w.querySelector('progress').getAttribute('value')] : null;", id);
                    if (state == null) return false;
                    seen.add(Integer.parseInt((String) state.get(1)));
                    return "completed".equals(state.get(0));
                });
                WebElement done = b.driver.findElement(By.id(id));
                assertEquals("100", done.findElement(By.tagName("progress")).getAttribute("value"), "the bar reaches the end");
                assertNull(done.getAttribute("hx-trigger"), "polling has stopped");
                for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i) >= seen.get(i - 1), "progress never goes back: " + seen);

                done.findElement(By.cssSelector("a.report-link")).click();
                b.waitFor(WAIT, "the report of the job opens", d -> d.getCurrentUrl().contains("/?job="));
                b.waitFor(WAIT, "its RTT row is there", d -> b.tableRuntimes("cell-rtt").contains("native"));
                assertEquals(List.of(), b.severeLogs(), "no errors in the browser console");
            }
        });
    }

    private static void set(Browser b, String name, String value) {
        WebElement input = b.driver.findElement(By.cssSelector("#job-form input[name=" + name + "]"));
        input.clear();
        input.sendKeys(value);
    }
}
