package probelab.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import probelab.catalog.DevLoopWay;
import probelab.catalog.MetricFamily;
import probelab.catalog.Scenario;
import probelab.workload.ProjectSize;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request as the jobs table stores it ({@code spec_json}): one flat object in the field names every database so far
 * has, so that old jobs still read back (the job page describes them, "measure more" repeats them). A target job is
 * stored as {@code {target, repeat, warmup}} and is not read back: it cannot be repeated.
 */
public final class JobRequestJson {
    // readers and writers are immutable: safe to share
    private static final ObjectWriter WRITER = new ObjectMapper().writer();
    private static final ObjectReader READER = new ObjectMapper().reader();
    private static final Set<String> FIELDS = Set.of("runtimes", "goVersions", "sizes", "metrics", "repeat", "warmup",
            "rttDurationMillis", "precisionPct", "budgetMillis", "minRuns", "maxRuns", "cacheModes", "scenarios", "devLoopWays");

    private JobRequestJson() {
    }

    public static String write(JobRequest r) {
        Map<String, Object> spec = new LinkedHashMap<>();
        Sampling how = r.how();
        if (r.what().target() != null) {
            spec.put("target", r.what().target().toString());
            spec.put("repeat", how.repeat());
            spec.put("warmup", how.warmup());
        } else {
            spec.put("runtimes", r.what().runtimes());
            spec.put("goVersions", r.what().goVersions());
            spec.put("sizes", r.what().sizeIds());
            spec.put("metrics", r.what().metricIds());
            spec.put("repeat", how.repeat());
            spec.put("warmup", how.warmup());
            spec.put("rttDurationMillis", how.rttDurationMillis());
            spec.put("precisionPct", how.precisionPct());
            spec.put("budgetMillis", how.budgetMillis());
            spec.put("minRuns", how.runs().min());
            spec.put("maxRuns", how.runs().max());
            spec.put("cacheModes", r.where().cacheModes());
            spec.put("scenarios", r.where().scenarioIds());
            spec.put("devLoopWays", r.where().devLoopWayIds());
        }
        try {
            return WRITER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The request a stored spec asked for; empty for a target job, a job another tool wrote (with a field this class
     * does not write), or one that does not pass the checks. A spec stored before scenarios existed measured the
     * default scenario, one stored before dev loop ways existed the default ways.
     */
    public static Optional<JobRequest> read(String json) {
        try {
            JsonNode spec = READER.readTree(json);
            if (spec == null || !spec.isObject()) return Optional.empty();
            for (Iterator<String> names = spec.fieldNames(); names.hasNext(); ) {
                if (!FIELDS.contains(names.next())) return Optional.empty();
            }
            // a list left out or empty, or a number left out (read as 0) where 0 is out of range, is refused
            Selection what = new Selection(strings(spec, "runtimes"), strings(spec, "goVersions"),
                    strings(spec, "sizes").stream().map(ProjectSize::parse).distinct().toList(),
                    strings(spec, "metrics").stream().map(MetricFamily::parse).distinct().toList(), null);
            Sampling how = new Sampling(spec.path("repeat").isNumber() ? spec.path("repeat").asInt() : null,
                    spec.path("warmup").asInt(), spec.path("rttDurationMillis").asLong(), spec.path("precisionPct").asDouble(),
                    new Sampling.RunBounds(spec.path("minRuns").asInt(), spec.path("maxRuns").asInt()),
                    spec.path("budgetMillis").isNumber() ? spec.path("budgetMillis").asLong() : null);
            List<String> scenarios = strings(spec, "scenarios"), ways = strings(spec, "devLoopWays");
            Conditions where = new Conditions(scenarios.isEmpty() ? List.of(Scenario.DEFAULT)
                    : scenarios.stream().map(Scenario::parse).toList(),
                    spec.path("cacheModes").isArray() ? strings(spec, "cacheModes") : null,
                    ways.isEmpty() ? DevLoopWay.DEFAULTS : ways.stream().map(DevLoopWay::parse).toList());
            return Optional.of(new JobRequest(what, how, where));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<String> strings(JsonNode spec, String field) {
        List<String> out = new ArrayList<>();
        spec.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }
}
