package probelab.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import probelab.web.reportfile.JsonDiff;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.get;
import static probelab.web.Http.json;

/**
 * The report file's view of one filter state against the live report for the same query, field by field: each cell's
 * rows, notes, failures and figure data ({@code /cells/{id}.json}) and the verdict summary ({@code /api/verdict}).
 * The same comparison whether the file's scripts ran in Chromium or in Rhino.
 */
final class ReportFileParity {
    /**
     * A script function of a filter state ({@code runtime}, {@code go}, {@code size}, {@code metric}, {@code scenario}
     * lists, empty or absent for all, and a {@code baseline}): sets the file's filters and returns its view, each
     * answer with its words and sentence, as {@link #compare} reads it.
     */
    static final String VIEW = "function (s) { var P = window.ProbelabFile;"
            + " ['runtime', 'go', 'size', 'metric', 'scenario'].forEach(function (k) { P.state[k] = s[k] || []; });"
            + " P.state.baseline = s.baseline || P.data.meta.baseline;"
            + " var v = P.compute(); v.answers.forEach(function (a) { a.sentence = P.sentence(a);"
            + " a.runtimes.forEach(function (l) { l.words = P.words(a, l); }); });"
            + " Object.keys(v.cells).forEach(function (k) { delete v.cells[k].cell; });"
            + " return v; }";

    private ReportFileParity() {
    }

    /** What one comparison found: the differences, and how many rows and cells it compared. */
    record Outcome(List<String> differences, int rows, int cells) {
    }

    /** Fails unless {@code file}, the view {@link #VIEW} returned for {@code state}, is the live report's, and has rows. */
    static void assertAgrees(HttpClient client, String state, JsonNode file) {
        Outcome o = compare(client, state, file);
        assertEquals(List.of(), o.differences(), "the file against the live report for " + state + " (?" + file.get("query").asText() + ")");
        assertTrue(o.rows() > 0, "rows were compared for " + state);
    }

    /** Compares {@code file}, the view {@link #VIEW} returned for {@code state}, with the live report's JSON for its query. */
    static Outcome compare(HttpClient client, String state, JsonNode file) {
        String query = file.get("query").asText();
        List<String> diffs = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> cells = file.get("cells").fields();
        int compared = 0, cellCount = 0;
        while (cells.hasNext()) {
            var e = cells.next();
            cellCount++;
            JsonNode live = json(get(client, "/cells/" + e.getKey() + ".json?" + query));
            JsonNode mine = e.getValue();
            String where = state + " " + e.getKey();
            same(diffs, where + " rows", live.get("rows").size(), mine.get("rows").size());
            for (int i = 0; i < Math.min(live.get("rows").size(), mine.get("rows").size()); i++) {
                JsonNode l = live.get("rows").get(i), m = mine.get("rows").get(i);
                String at = where + " row " + i + " ";
                for (String k : List.of("runtime", "go", "size", "metric", "variant", "workloadLines", "baselineMedian")) {
                    same(diffs, at + k, l.get(k), m.get(k));
                }
                for (String k : List.of("n", "median", "p90", "p99", "mean", "stddev", "min", "max", "q1", "q3", "lowerFence", "upperFence")) {
                    same(diffs, at + k, l.get("summary").get(k), m.get("summary").get(k));
                }
                for (String ci : List.of("median95", "median975")) {
                    for (String k : List.of("low", "high")) same(diffs, at + ci + "." + k, l.get("summary").get(ci).path(k), m.get("summary").get(ci).path(k));
                }
                for (String k : List.of("value", "low", "high")) same(diffs, at + "ratio." + k, l.get("ratio").path(k), m.get("ratio").path(k));
                for (String k : List.of("pValue", "pAdjusted", "verdict", "significant", "extraRunsToDecide", "direction")) {
                    same(diffs, at + "comparison." + k, l.get("comparison").path(k), m.get("comparison").path(k));
                }
                compared++;
            }
            same(diffs, where + " notes", live.get("notes"), mine.get("notes"));
            same(diffs, where + " failures.total", live.get("failures").get("total"), mine.get("failures").get("total"));
            same(diffs, where + " failures.reasons", live.get("failures").get("reasons"), mine.get("failures").get("reasons"));
            same(diffs, where + " notApplicable", live.get("failures").get("notApplicable"), mine.get("failures").get("notApplicable"));
            Iterator<Map.Entry<String, JsonNode>> figures = live.get("figures").fields();
            while (figures.hasNext()) {
                var f = figures.next();
                same(diffs, where + " figure " + f.getKey(), f.getValue().get("data"), mine.get("figures").get(f.getKey()).get("data"));
            }
        }
        JsonNode verdict = json(get(client, "/api/verdict?" + query));
        same(diffs, state + " answers", verdict.get("answers").size(), file.get("answers").size());
        for (int i = 0; i < Math.min(verdict.get("answers").size(), file.get("answers").size()); i++) {
            JsonNode l = verdict.get("answers").get(i), m = file.get("answers").get(i);
            same(diffs, state + " answer " + i + " sentence", l.get("sentence"), m.get("sentence"));
            for (int j = 0; j < l.get("runtimes").size(); j++) {
                for (String k : List.of("runtime", "rank", "ratio", "ratioLow", "ratioHigh", "pAdjusted", "verdict", "words", "n")) {
                    same(diffs, state + " answer " + i + " line " + j + " " + k, l.get("runtimes").get(j).get(k), m.get("runtimes").path(j).get(k));
                }
            }
        }
        return new Outcome(diffs, compared, cellCount);
    }

    private static void same(List<String> diffs, String what, Object live, Object mine) {
        if (!equal(live, mine)) diffs.add(what + ": live " + live + ", file " + mine);
    }

    /** Equal JSON ({@link JsonDiff#equal}: numbers within a relative 1e-9, missing and null alike), or equal counts. */
    private static boolean equal(Object a, Object b) {
        if ((a == null || a instanceof JsonNode) && (b == null || b instanceof JsonNode)) return JsonDiff.equal((JsonNode) a, (JsonNode) b);
        return java.util.Objects.equals(a, b);
    }
}
