package probelab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ReportFilterTest {
    private static ReportFilter sample() {
        return new ReportFilter(new ReportFilter.Selection(List.of("docker", "podman"), List.of("1.22"), List.of("tiny"),
                List.of("rtt"), List.of("cpus=0.5"), false, List.of("ci-1")),
                new ReportFilter.Scope("job-1", LocalDate.of(2026, 1, 2), null, null),
                new ReportFilter.View("docker", HeatMetric.DEFAULT, true));
    }

    @Test
    void the_json_twins_write_the_filter_as_one_flat_object_with_the_names_the_url_uses() throws Exception {
        JsonNode json = new ObjectMapper().findAndRegisterModules().valueToTree(sample());
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("runtimes", "go", "sizes", "metrics", "scenarios", "scenarioDefaulted", "machines", "job", "from",
                "to", "frozenShare", "baseline", "heat", "claims"), names);
        assertEquals("docker", json.get("runtimes").get(0).asText());
        assertEquals("job-1", json.get("job").asText());
        assertFalse(json.has("selection"), "the parts are not nested");
    }

    @Test
    void a_frozen_filter_keeps_its_selection_and_view_and_lives_under_the_share_link() {
        ReportFilter frozen = sample().frozenTo("tok");
        assertEquals(sample().selection(), frozen.selection());
        assertEquals(sample().view(), frozen.view());
        assertEquals("/r/tok/cells/rtt?x=1", frozen.url("/cells/rtt?x=1"));
        assertEquals(sample().query() + "#share=tok", frozen.cacheKey());
    }

    @Test
    void the_query_names_each_value_once_in_a_fixed_order_and_leaves_defaults_out() {
        assertEquals("runtime=docker&runtime=podman&go=1.22&size=tiny&metric=rtt&scenario=cpus%3D0.5&machine=ci-1&job=job-1"
                + "&from=2026-01-02&baseline=docker&claims=1", sample().query());
        assertEquals("", ReportFilter.defaults().query());
        assertEquals("runtimes docker, podman · Go 1.22 · sizes tiny · machines ci-1 · job job-1 · runs started from 2026-01-02 "
                + " · baseline docker", sample().inWords());
    }
}
