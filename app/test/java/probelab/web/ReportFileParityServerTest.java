package probelab.web;

import probelab.web.common.Paths;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import probelab.web.reportfile.ReportScripts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static probelab.web.Http.body;
import static probelab.web.Http.get;

/**
 * Report files downloaded from the real server over generated jobs, their cells and verdicts computed by the file's
 * own scripts under Rhino from the file's data block, equal the live report's JSON for the same query, for many filter
 * states drawn at random (runtime, Go, size, metric family and scenario subsets, other baselines): the browser test's
 * comparison, without a browser and on data made to break it.
 */
@Timeout(120)
class ReportFileParityServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.empty();

    private static final int JOBS = 3;
    /** Filter states per file, the file's own view first. */
    private static final int STATES = 5;
    private static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"probelab-data\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("<script>(.*?)</script>\n", Pattern.DOTALL);

    static ReportScripts scripts;
    static final List<GeneratedJobs.Job> jobs = new ArrayList<>();

    @BeforeAll
    static void seed() {
        scripts = ReportScripts.load();
        Instant first = Instant.parse("2026-03-01T10:00:00Z");
        for (int i = 0; i < JOBS; i++) jobs.add(GeneratedJobs.write(app.probelab().store(), 100 + i, first.plus(i, ChronoUnit.DAYS)));
    }

    /** The file of each generated job with every scenario it measured, and one of all jobs pooled. */
    private static List<String> files() {
        List<String> out = new ArrayList<>();
        for (GeneratedJobs.Job j : jobs) {
            StringBuilder q = new StringBuilder("job=" + j.id());
            j.scenarios().forEach(s -> q.append("&scenario=").append(Paths.enc(s)));
            out.add(q.toString());
        }
        out.add("job=all&scenario=default&scenario=" + Paths.enc(GeneratedJobs.LIMITED));
        return out;
    }

    @Test
    void the_files_cells_and_verdicts_equal_the_live_reports_on_generated_jobs_for_many_filters() {
        List<String> diffs = new ArrayList<>();
        int[] counts = new int[3];
        JavalinTest.test(app.freshApp(), (server, client) -> {
            for (String file : files()) {
                var page = scripts.page(dataBlock(body(get(client, "/report.html?" + file))));
                JsonNode choices = page.call("function () { return window.ProbelabFile.choices; }");
                Random random = new Random(file.hashCode());
                for (int i = 0; i < STATES; i++) {
                    Map<String, Object> state = i == 0 ? Map.of() : state(random, choices);
                    String label = "file ?" + file + ", state " + Http.JSON.writeValueAsString(state);
                    var outcome = ReportFileParity.compare(client, label, page.call(ReportFileParity.VIEW, state));
                    diffs.addAll(outcome.differences());
                    counts[0]++;
                    counts[1] += outcome.cells();
                    counts[2] += outcome.rows();
                }
            }
        });
        if (!diffs.isEmpty()) fail(diffs.size() + " differences; the first ones:\n  " + String.join("\n  ", diffs.subList(0, Math.min(15, diffs.size()))));
        assertEquals((JOBS + 1) * STATES, counts[0], "filter states compared");
        assertTrue(counts[1] >= counts[0] * 3, "cells compared: " + counts[1]);
        assertTrue(counts[2] >= counts[1] * 3, "rows compared: " + counts[2]);
        // outside the test server's block, which keeps what is printed inside it for failures only
        System.out.printf("report file parity: %d filter states, %d cells, %d rows%n", counts[0], counts[1], counts[2]);
    }

    @Test
    void a_downloaded_file_inlines_the_very_scripts_these_tests_run() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String html = body(get(client, "/report.html?job=" + jobs.get(0).id()));
            List<String> inline = new ArrayList<>();
            Matcher m = INLINE.matcher(html);
            while (m.find()) inline.add(m.group(1));
            List<String> own = ReportScripts.scripts();
            // Plotly first, then the file's own scripts in their order
            assertEquals(own.size() + 1, inline.size(), "inline scripts");
            for (int i = 0; i < own.size(); i++) assertEquals(ReportScripts.source(own.get(i)), inline.get(i + 1), own.get(i));
        });
    }

    /** The text of the file's {@code #probelab-data} block. */
    private static String dataBlock(String html) {
        Matcher m = DATA.matcher(html);
        assertTrue(m.find(), "the file has its data block");
        return m.group(1);
    }

    /** A filter state drawn from the file's choices: subsets (or all) of each filter and a baseline. */
    private static Map<String, Object> state(Random random, JsonNode choices) {
        Map<String, Object> state = new LinkedHashMap<>();
        for (String filter : List.of("runtime", "go", "size", "metric", "scenario")) {
            List<String> values = new ArrayList<>();
            choices.get(filter).forEach(v -> values.add(v.asText()));
            List<String> picked = values.stream().filter(v -> random.nextInt(3) > 0).toList();
            // an empty pick means every value, as in the file's filter bar
            if (random.nextInt(3) > 0) state.put(filter, picked);
        }
        List<String> baselines = new ArrayList<>();
        choices.get("runtime").forEach(v -> {
            baselines.add(v.asText());
            if (!v.asText().equals("native")) baselines.add(v.asText() + " · " + GeneratedJobs.LIMITED);
        });
        if (random.nextInt(4) > 0) state.put("baseline", baselines.get(random.nextInt(baselines.size())));
        return state;
    }
}
