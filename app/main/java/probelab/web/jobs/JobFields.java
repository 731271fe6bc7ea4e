package probelab.web.jobs;

import probelab.catalog.BadInput;
import com.fasterxml.jackson.databind.JsonNode;
import probelab.probe.Budgets;
import probelab.probe.Conditions;
import probelab.probe.JobRequest;
import probelab.probe.Sampling;
import probelab.probe.Selection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job request as the jobs page's form and {@code POST /api/jobs} spell it, read into one {@link JobRequest}: the two
 * public names of each field side by side, and one reading for both. Whatever is left out takes the CLI's defaults;
 * the checks are the request's own. The budget is {@code budget} (seconds, or a duration such as {@code 4m} or
 * {@code PT4M}) or, in JSON, {@code budgetSeconds} (a number), not both.
 */
public final class JobFields {
    /** Each field and its name in the form and in the JSON body (null: not in the form). */
    enum Field {
        RUNTIMES("runtime", "runtimes"), GO("go", "go"), SIZES("size", "sizes"), METRICS("metric", "metrics"),
        REPEAT("repeat", "repeat"), WARMUP("warmup", "warmup"), RTT_DURATION_MS("rtt_duration_ms", "rttDurationMs"),
        PRECISION_PCT("precision_pct", "precisionPct"), BUDGET_SECONDS(null, "budgetSeconds"), BUDGET("budget", "budget"),
        MIN_RUNS("min_runs", "minRuns"), MAX_RUNS("max_runs", "maxRuns"), CACHE_MODES("cache_mode", "cacheModes"),
        SCENARIOS("scenario", "scenarios"), DEVLOOP_WAYS("devloop_way", "devLoopWays");

        final String form;
        final String json;

        Field(String form, String json) {
            this.form = form;
            this.json = json;
        }
    }

    /** The form's field names, sorted, as the message that refuses an unknown one lists them. */
    private static final List<String> FORM_FIELDS = Arrays.stream(Field.values()).map(f -> f.form).filter(Objects::nonNull).sorted().toList();
    /** The JSON body's field names, in the order the message that refuses an unknown one lists them. */
    private static final List<String> JSON_FIELDS = Arrays.stream(Field.values()).map(f -> f.json).toList();

    private JobFields() {
    }

    /** The form's fields (several values of a name: the ticked boxes); {@code newestGo} is the default Go. */
    static JobRequest fromForm(Map<String, List<String>> fields, String newestGo) {
        return read(new FormValues(fields), FORM_FIELDS, newestGo);
    }

    /** The API's JSON object; {@code newestGo} is the default Go. */
    public static JobRequest fromJson(JsonNode body, String newestGo) {
        if (body == null || !body.isObject()) {
            throw new BadInput(null, "the body is not a job in JSON: send an object, {\"runtimes\": [...], ...}", List.of());
        }
        return read(new JsonValues(body), JSON_FIELDS, newestGo);
    }

    private static JobRequest read(Values v, List<String> valid, String newestGo) {
        for (String name : v.names()) {
            if (!valid.contains(name)) {
                throw new BadInput(name, "unknown field " + BadInput.quote(name) + "; valid: " + String.join(", ", valid), valid);
            }
        }
        // every value is read before any is checked: a malformed one is refused first
        Integer repeat = integer(v, Field.REPEAT), warmup = integer(v, Field.WARMUP), minRuns = integer(v, Field.MIN_RUNS),
                maxRuns = integer(v, Field.MAX_RUNS);
        Long rtt = v.whole(Field.RTT_DURATION_MS);
        Double precision = v.number(Field.PRECISION_PCT);
        Long budgetMillis = budgetMillis(v.text(Field.BUDGET), v.number(Field.BUDGET_SECONDS));
        Selection what = Selection.of(v.list(Field.RUNTIMES), v.list(Field.GO), v.list(Field.SIZES), v.list(Field.METRICS),
                newestGo);
        Sampling how = Sampling.of(repeat, warmup, rtt, precision, Sampling.RunBounds.of(minRuns, maxRuns), budgetMillis);
        return new JobRequest(what, how, Conditions.of(v.list(Field.SCENARIOS), v.list(Field.CACHE_MODES), v.list(Field.DEVLOOP_WAYS)));
    }

    private static Long budgetMillis(String text, Double seconds) {
        if (text != null && seconds != null) {
            throw new BadInput("budget", "give the budget once: budgetSeconds or budget, not both", List.of());
        }
        if (text != null) return Budgets.parseMillis(text);
        if (seconds == null) return null;
        // a huge number stays out of range (Sampling refuses it) instead of wrapping around
        return (long) Math.min(Long.MAX_VALUE / 2, Math.round(seconds * 1000));
    }

    private static Integer integer(Values v, Field f) {
        Long n = v.whole(f);
        if (n == null) return null;
        String name = v.name(f);
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) throw new BadInput(name, name + " is out of range: " + n, List.of());
        return n.intValue();
    }

    /**
     * The values of one request as its edge sends them, each kind read the way that edge writes it; null for a field
     * that is absent, blank, or not one this edge has. Messages name the field as the edge does.
     */
    private interface Values {
        Iterable<String> names();

        String name(Field f);

        List<String> list(Field f);

        String text(Field f);

        Long whole(Field f);

        Double number(Field f);
    }

    /** The form's fields: every value is text, one per name but for the ticked boxes. */
    private record FormValues(Map<String, List<String>> fields) implements Values {
        @Override
        public Iterable<String> names() {
            return fields.keySet();
        }

        @Override
        public String name(Field f) {
            return f.form;
        }

        @Override
        public List<String> list(Field f) {
            return f.form == null ? null : fields.get(f.form);
        }

        @Override
        public String text(Field f) {
            return f.form == null ? null : text(f.form);
        }

        String text(String name) {
            List<String> values = fields.getOrDefault(name, List.of());
            if (values.size() > 1) throw new BadInput(name, name + " takes one value, got " + values.size(), List.of());
            if (values.isEmpty() || values.get(0).isBlank()) return null;
            return values.get(0).strip();
        }

        @Override
        public Long whole(Field f) {
            return f.form == null ? null : whole(f.form);
        }

        Long whole(String name) {
            String v = text(name);
            if (v == null) return null;
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new BadInput(name, name + " must be a whole number, got " + BadInput.quote(v), List.of());
            }
        }

        @Override
        public Double number(Field f) {
            return f.form == null ? null : number(f.form);
        }

        Double number(String name) {
            String v = text(name);
            if (v == null) return null;
            try {
                double d = Double.parseDouble(v);
                if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException();
                return d;
            } catch (NumberFormatException e) {
                throw new BadInput(name, name + " must be a number, got " + BadInput.quote(v), List.of());
            }
        }
    }

    /** The API's JSON object: lists are arrays, numbers are numbers (or text that reads as one), null is left out. */
    private record JsonValues(JsonNode body) implements Values {
        @Override
        public Iterable<String> names() {
            return body::fieldNames;
        }

        @Override
        public String name(Field f) {
            return f.json;
        }

        private JsonNode value(Field f) {
            JsonNode v = body.get(f.json);
            return v == null || v.isNull() ? null : v;
        }

        @Override
        public List<String> list(Field f) {
            String name = f.json;
            JsonNode v = value(f);
            if (v == null) return null;
            if (!v.isArray()) throw new BadInput(name, name + " must be a list, e.g. [\"a\", \"b\"]", List.of());
            List<String> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (e.isContainerNode()) throw new BadInput(name, name + " must be a list of names", List.of());
                if (!e.isNull()) out.add(e.asText());
            }
            return out;
        }

        @Override
        public String text(Field f) {
            String name = f.json;
            JsonNode v = value(f);
            if (v == null) return null;
            if (v.isContainerNode()) throw new BadInput(name, name + " must be a string", List.of());
            return v.asText().isBlank() ? null : v.asText().strip();
        }

        @Override
        public Long whole(Field f) {
            String name = f.json;
            JsonNode v = value(f);
            if (v == null) return null;
            if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
            if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()) && v.canConvertToLong()) return v.longValue();
            if (v.isTextual()) return new FormValues(Map.of(name, List.of(v.asText()))).whole(name);
            throw new BadInput(name, name + " must be a whole number, got " + BadInput.quote(v.toString()), List.of());
        }

        @Override
        public Double number(Field f) {
            String name = f.json;
            JsonNode v = value(f);
            if (v == null) return null;
            if (v.isNumber()) return v.doubleValue();
            if (v.isTextual()) return new FormValues(Map.of(name, List.of(v.asText()))).number(name);
            throw new BadInput(name, name + " must be a number, got " + BadInput.quote(v.toString()), List.of());
        }
    }
}
