package probelab.web;

import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.get;
import static probelab.web.Http.postForm;

/** The jobs page: the form validates like the CLI, the progress widget polls while the job runs and then stops. */
class JobsPageServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    @Test
    void the_jobs_page_has_the_form_and_lists_past_jobs_with_their_counts() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/jobs").body().string();
            assertTrue(html.contains("id=\"job-form\""));
            assertTrue(html.contains("name=\"runtime\" value=\"native\""));
            assertTrue(html.contains(TestApp.HANDMADE_JOB));
            assertTrue(html.contains("/?job=" + TestApp.HANDMADE_JOB), "links to the report filtered to the job");
        });
    }

    @Test
    void the_form_refuses_an_unknown_runtime_with_the_clis_message_into_the_error_region() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = postForm(client, "/jobs", "runtime=dockr&repeat=1", "HX-Request", "true");
            assertEquals(400, r.code());
            assertEquals("#errors", r.headers().get("HX-Retarget").get(0));
            assertTrue(r.body().string().contains("unknown runtime &#39;dockr&#39;; valid: native")
                    || r.body().string().contains("unknown runtime"));
        });
    }

    @Test
    void the_form_refuses_a_repeat_that_is_not_a_number() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = postForm(client, "/jobs", "runtime=native&repeat=many", "HX-Request", "true");
            assertEquals(400, r.code());
            assertTrue(r.body().string().contains("repeat must be a whole number"));
        });
    }

    @Test
    void the_form_asks_for_precision_budget_and_runs_and_leaves_exactly_n_empty_for_adaptive() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/jobs").body().string();
            assertTrue(html.contains("name=\"precision_pct\" value=\"5\""), "precision defaults to 5%");
            assertTrue(html.contains("name=\"min_runs\" value=\"6\"") && html.contains("name=\"max_runs\" value=\"30\""));
            assertTrue(html.contains("name=\"budget\" value=\"\""), "no budget unless asked");
            assertTrue(html.contains("name=\"repeat\" value=\"\" placeholder=\"adaptive\""), "exactly N starts empty");
            assertTrue(html.contains("name=\"cache_mode\" value=\"host\""));
        });
    }

    @Test
    void the_form_offers_the_dev_loop_ways_with_the_watcher_ticked_and_refuses_an_unknown_way_queueing_nothing() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/jobs").body().string();
            for (String way : probelab.catalog.DevLoopWay.ids()) {
                assertTrue(html.contains("name=\"devloop_way\" value=\"" + way + "\""), way);
            }
            assertTrue(html.contains("name=\"devloop_way\" value=\"watch\" checked"), "the default way is ticked");
            int before = app.probelab().store().recentJobs(500).size();
            Response r = postForm(client, "/jobs", "runtime=native&metric=devloop&devloop_way=nodemon", "HX-Request", "true");
            assertEquals(400, r.code());
            String body = r.body().string();
            assertTrue(body.contains("unknown dev loop way") && body.contains("nodemon") && body.contains("valid: watch, entr, restart, image"), body);
            assertEquals(before, app.probelab().store().recentJobs(500).size(), "nothing was queued");
        });
    }

    @Test
    void the_form_refuses_a_bad_budget_or_min_runs_above_max_runs_with_the_message_and_queues_nothing() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            int before = app.probelab().store().recentJobs(500).size();
            Response budget = postForm(client, "/jobs", "runtime=native&budget=soon", "HX-Request", "true");
            assertEquals(400, budget.code());
            assertTrue(budget.body().string().contains("budget must be a duration such as 90s, 4m, 1m30s or PT4M"));
            Response runs = postForm(client, "/jobs", "runtime=native&min_runs=12&max_runs=8", "HX-Request", "true");
            assertEquals(400, runs.code());
            assertTrue(runs.body().string().contains("min runs (12) must not exceed max runs (8)"));
            Response precision = postForm(client, "/jobs", "runtime=native&precision_pct=abc", "HX-Request", "true");
            assertEquals(400, precision.code());
            assertTrue(precision.body().string().contains("precision_pct must be a number"));
            assertEquals(before, app.probelab().store().recentJobs(500).size(), "nothing was queued");
        });
    }

    @Test
    void a_started_job_gets_a_polling_widget_that_stops_polling_when_the_job_ends() throws Exception {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = postForm(client, "/jobs", "runtime=native&size=tiny&metric=rtt&repeat=1&warmup=0&rtt_duration_ms=100",
                    "HX-Request", "true");
            assertEquals(201, r.code());
            String widget = r.body().string();
            assertTrue(widget.contains("hx-trigger=\"every 1s\""), "polls while queued or running");
            Matcher m = Pattern.compile("id=\"job-([^\"]+)\"").matcher(widget);
            assertTrue(m.find());
            String id = m.group(1);

            ApiServerTest.awaitEnd(client, id, Duration.ofSeconds(180));
            String done = get(client, "/jobs/" + id + "/progress", "HX-Request", "true").body().string();
            assertFalse(done.contains("hx-trigger"), "no more polling once the job has ended");
            assertTrue(done.contains("data-status=\"completed\""), done);
            assertTrue(done.contains("href=\"/?job=" + id + "\""), "links to the report of the job");
            assertTrue(done.contains("value=\"100\""));
        });
    }

    @Test
    void the_form_estimates_a_job_before_it_starts_and_offers_presets_with_their_estimates() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String page = get(client, "/jobs").body().string();
            assertTrue(page.contains("Quick look") && page.contains("Decision grade"), "two presets");
            assertTrue(page.contains("hx-get=\"/jobs/estimate\""), "the form asks for its estimate on every change");
            int at = page.indexOf("Quick look");
            String presetUrl = page.substring(page.lastIndexOf("href=\"", at) + 6, page.indexOf('"', page.lastIndexOf("href=\"", at) + 6))
                    .replace("&amp;", "&");
            String filled = get(client, presetUrl).body().string();
            assertTrue(filled.contains("name=\"budget\" value=\"240\""), "the preset fills the budget in: " + presetUrl);
            assertTrue(filled.contains("name=\"min_runs\" value=\"10\""), presetUrl);

            // exactly N iterations: one figure, not a range; from this database's earlier native jobs when it has some
            String exact = get(client, "/jobs/estimate?runtime=native&metric=rtt&repeat=3&warmup=1").body().string();
            assertTrue(exact.contains("Measuring will take about "), exact);
            String adaptive = get(client, "/jobs/estimate?runtime=native&metric=rtt&min_runs=6&max_runs=30").body().string();
            assertTrue(adaptive.matches("(?s).*Measuring will take [0-9.]+ s – [0-9.]+ s.*|(?s).*Measuring will take [0-9.]+ s – [0-9]+ min.*"),
                    "a range from min to max runs: " + adaptive);
            String bad = get(client, "/jobs/estimate?runtime=native&precision_pct=99").body().string();
            assertTrue(bad.contains("No estimate: ") && bad.contains("precision"), bad);
        });
    }

    @Test
    void a_preset_url_fills_the_precision_in_as_given() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/jobs?runtime=native&precision_pct=2.5&min_runs=20&max_runs=60").body().string();
            assertTrue(html.contains("name=\"precision_pct\" value=\"2.5\""), "2.5 stays 2.5, not 2 or 5");
            assertTrue(html.contains("name=\"min_runs\" value=\"20\""));
        });
    }

    @Test
    void without_htmx_the_form_redirects_to_the_job_page() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = postForm(client, "/jobs", "runtime=native&size=tiny&metric=memory&repeat=1&warmup=0");
            assertEquals(303, r.code());
            String location = r.headers().get("Location").get(0);
            assertTrue(location.startsWith("/jobs/"));
            String page = get(client, location).body().string();
            assertTrue(page.contains("What it measures"));
            // in words first, the stored JSON behind a disclosure
            assertTrue(page.contains("<li>Runtimes: native</li>"), page);
            assertTrue(page.contains("<li>Exactly 1 iterations per cell, 0 warmup</li>"), page);
            assertTrue(page.contains("The request as stored (JSON)"), page);
        });
    }

    @Test
    void the_runtimes_page_shows_availability_and_toolchains() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = get(client, "/runtimes").body().string();
            assertTrue(html.contains("Runtimes on this machine"));
            assertTrue(html.contains("available"));
            assertTrue(html.contains("docker"), "runtimes only in the database are mentioned");
        });
    }
}
