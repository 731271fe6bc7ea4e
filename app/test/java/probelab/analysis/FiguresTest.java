package probelab.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiguresTest {
    static List<AggregateRow> rows() {
        return Aggregates.summarize(List.of(
                new ValueSet("native", "1.22", "", "rtt_p50_us", "", 0, MedianIntervalTest.oneTo(20)),
                new ValueSet("docker", "1.22", "", "rtt_p50_us", "", 0, MedianIntervalTest.oneTo(40))), "native");
    }

    @Test
    void box_plots_use_precomputed_quartiles_and_each_runtimes_fixed_colour() {
        ObjectNode fig = Figures.boxes("t", "latency", Figures.Scale.of("us"), rows(), null);
        JsonNode data = fig.get("data");
        assertEquals(2, data.size());
        for (JsonNode trace : data) {
            assertEquals("box", trace.get("type").asText());
            assertEquals(RuntimeColors.of(trace.get("name").asText()), trace.get("marker").get("color").asText());
            assertTrue(trace.has("q1") && trace.has("median") && trace.has("q3") && trace.has("upperfence"));
            assertFalse(trace.has("y"), "no raw values shipped to the browser");
        }
    }

    @Test
    void layouts_use_plotly_3_syntax() {
        String json = Figures.boxes("A title", "y", Figures.Scale.of("ms"), rows(), null).toString();
        assertTrue(json.contains("\"title\":{\"text\":\"A title\""));
        assertFalse(json.contains("titlefont"), "removed in Plotly.js 3");
    }

    @Test
    void a_runtime_keeps_its_colour_in_every_figure() {
        String color = RuntimeColors.of("docker");
        assertEquals("#0072B2", color, "docker's own colour");
        var cdf = Figures.cdf("c", Map.of("docker", List.of(new LatencyHistograms.CdfPoint(1, 1))));
        assertEquals(color, cdf.get("data").get(0).get("line").get("color").asText());
        var mem = Figures.memory("m", List.of("docker"), List.of(1e6), List.of(2e6));
        assertEquals(color, mem.get("data").get(0).get("marker").get("color").get(0).asText());
        var builds = Figures.builds("b", Aggregates.summarize(List.of(
                new ValueSet("docker", "", "tiny", "build_ms", "cold/volume", 100, new double[]{1000})), "native"));
        assertEquals(color, builds.get("data").get(0).get("line").get("color").asText());
        var unknown = Figures.cdf("c", Map.of("someone-elses-runtime", List.of(new LatencyHistograms.CdfPoint(1, 1))));
        assertEquals("#661100", unknown.get("data").get(0).get("line").get("color").asText(),
                "a fixed pick for an unknown id");
    }

    @Test
    void an_empty_figure_says_so_instead_of_drawing_empty_axes() {
        var fig = Figures.boxes("t", "y", Figures.Scale.of("us"), List.of(), null);
        assertEquals("no samples match this filter", fig.get("layout").get("annotations").get(0).get("text").asText());
    }
}
