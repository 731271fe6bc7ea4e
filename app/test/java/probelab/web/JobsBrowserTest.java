package probelab.web;

import org.junit.jupiter.api.parallel.ResourceLock;
import probelab.web.common.Paths;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import probelab.TestEnv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Browser.WAIT;

/** Starting a tiny native job from the page and watching its progress bar reach the end. */
@Timeout(value = TestEnv.BROWSER_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(TestEnv.MACHINE)
@ResourceLock(TestEnv.ENGINES)
@ResourceLock(TestEnv.BROWSER)
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
                // the widget is read as soon as it appears and the job then runs for at least its 300 ms RTT window
                assertTrue(seen.size() >= 2, "progress read while the job ran, then at its end: " + seen);
                for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i) >= seen.get(i - 1), "progress never goes back: " + seen);

                done.findElement(By.cssSelector("a.report-link")).click();
                b.waitFor(WAIT, "the report of the job opens", d -> d.getCurrentUrl().contains("/?job="));
                b.waitFor(WAIT, "its RTT row is there", d -> b.tableRuntimes("cell-rtt").contains("native"));
                assertEquals(List.of(), b.severeLogs(), "no errors in the browser console");
            }
        });
    }

    @Test
    void a_running_job_says_about_how_long_it_has_left_until_it_is_cancelled() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            // long enough that it cannot end before the page has shown it: 200 RTT windows of 400 ms (80 s); the test
            // cancels it once it has seen the estimate
            String body = "{\"runtimes\": [\"native\"], \"metrics\": [\"rtt\"], \"warmup\": 0, \"rttDurationMs\": 400,"
                    + " \"repeat\": 200}";
            var created = Http.postJson(client, "/api/jobs", body);
            assertEquals(202, created.code(), "job accepted");
            String id = Http.json(created).get("id").asText();
            try (Browser b = Browser.start()) {
                b.driver.get(client.getOrigin() + Paths.job(id));
                String left = b.waitFor(Duration.ofMinutes(2), "the running job shows its time left", d -> {
                    Object text = b.js("var e = document.querySelector('article.job .time-left');"
                            + "return e && e.closest('article.job').getAttribute('data-status') === 'running' ? e.textContent : null;");
                    return text == null ? null : (String) text;
                });
                assertTrue(left.matches("about \\d+ (s|min) left"), left);
                // 200 windows of 400 ms cannot be over in a few seconds: the estimate is well above zero
                long seconds = Long.parseLong(left.replaceAll("\\D", "")) * (left.contains("min") ? 60 : 1);
                assertTrue(seconds >= 5, "a long job's estimate: " + left);
                assertEquals(List.of(), b.severeLogs(), "no errors in the browser console");
            } finally {
                Http.postJson(client, Paths.apiJob(id) + "/cancel", "{}");
                awaitStopped(client, id);
            }
        });
    }

    /** The job must have stopped before the class's directory is deleted. */
    private static void awaitStopped(io.javalin.testtools.HttpClient client, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            String status = Http.json(Http.get(client, Paths.apiJob(id))).get("status").asText();
            if (!status.equals("queued") && !status.equals("running")) return;
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not stop after its cancel");
    }

    private static void set(Browser b, String name, String value) {
        WebElement input = b.driver.findElement(By.cssSelector("#job-form input[name=" + name + "]"));
        input.clear();
        input.sendKeys(value);
    }
}
