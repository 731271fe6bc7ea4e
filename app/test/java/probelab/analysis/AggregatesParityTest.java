package probelab.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import probelab.analysis.GeneratedSamples.Shape;
import probelab.catalog.GoVersion;
import probelab.web.reportfile.Disagreements;
import probelab.web.reportfile.ReportScripts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToIntBiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static probelab.web.reportfile.Disagreements.java;
import static probelab.web.reportfile.Disagreements.js;

/**
 * The report file's grouping and ordering (stats.js: summarize, pool, phase, compareGo, compareText, ALPHA) against
 * Aggregates, ValueSet, GoVersion and Comparison on generated cells: several runtimes, Go versions, sizes, metrics and
 * build variants, each group drawn in one of the shapes of {@link GeneratedSamples}, and a baseline that is sometimes
 * missing. Each cell comes from a Random of its own seed, which a failure names.
 */
@Timeout(60)
class AggregatesParityTest {
    private static final List<String> RUNTIMES = List.of("native", "docker", "podman", "docker · cpus=0.5");
    private static final List<String> GO = List.of("1.21", "1.22", "1.23");
    private static final List<String> SIZES = List.of("tiny", "small", "");
    private static final Map<String, List<String>> VARIANTS = Map.of("rtt_p50_us", List.of(""),
            "runtime_overhead_bytes", List.of(""), "build_ms", List.of("cold", "cold/volume", "cold/bind", "warm/none", "incremental"));
    /** Group sizes: those where a rule switches, without the exact 49 x 49 test that costs the script most. */
    private static final int[] GROUP_SIZES = {1, 2, 3, 5, 6, 7, 20, 50, 51};
    /** The pooling keys the report uses, by name; the script gets the same functions by the same names. */
    private static final Map<String, Function<ValueSet, ValueSet>> KEYS = Map.of(
            "sizes", s -> new ValueSet(s.runtime(), s.go(), "", s.metric(), s.variant(), 0, s.sorted()),
            "go", s -> new ValueSet(s.runtime(), "", s.size(), s.metric(), s.variant(), 0, s.sorted()),
            "runtime", s -> new ValueSet(s.runtime(), "", "", s.metric(), "", 0, s.sorted()),
            "phase", s -> new ValueSet(s.runtime(), "", "", s.metric(), ValueSet.phase(s.variant()), 0, s.sorted()));
    private static final String POOL = "function (sets, kind) { var keys = {"
            + " sizes: function (s) { return { runtime: s.runtime, go: s.go, size: '', metric: s.metric, variant: s.variant }; },"
            + " go: function (s) { return { runtime: s.runtime, go: '', size: s.size, metric: s.metric, variant: s.variant }; },"
            + " runtime: function (s) { return { runtime: s.runtime, go: '', size: '', metric: s.metric, variant: '' }; },"
            + " phase: function (s) { return { runtime: s.runtime, go: '', size: '', metric: s.metric, variant: ProbelabStats.phase(s.variant) }; } };"
            + " return ProbelabStats.pool(sets, keys[kind]); }";

    static ReportScripts scripts;

    @BeforeAll
    static void load() {
        scripts = ReportScripts.load();
    }

    /** A generated cell of one metric: a few of its Go versions, sizes and variants, each runtime's group kept or not. */
    private static List<ValueSet> cell(Random r) {
        List<String> metrics = new ArrayList<>(VARIANTS.keySet());
        metrics.sort(null);
        String metric = metrics.get(r.nextInt(metrics.size()));
        List<ValueSet> sets = new ArrayList<>();
        double keep = 0.4 + 0.5 * r.nextDouble();
        for (String go : some(r, GO)) {
            for (String size : some(r, SIZES)) {
                for (String variant : some(r, VARIANTS.get(metric))) {
                    // one magnitude per comparable group, so that the runtimes compare as equal, a little or far apart
                    Shape shape = Shape.values()[r.nextInt(Shape.values().length)];
                    double scale = GeneratedSamples.scale(r, shape);
                    for (String runtime : RUNTIMES) {
                        if (r.nextDouble() > keep) continue;
                        int n = GROUP_SIZES[r.nextInt(GROUP_SIZES.length)];
                        double shift = r.nextInt(3) == 0 ? 1 : 1 + 0.3 * r.nextDouble();
                        sets.add(new ValueSet(runtime, go, size, metric, variant, size.isEmpty() ? 0 : 180 + r.nextInt(5000),
                                GeneratedSamples.sample(r, n, shape, scale * shift)));
                    }
                }
            }
        }
        return sets;
    }

    /** One to three of {@code values}, in their order. */
    private static List<String> some(Random r, List<String> values) {
        List<String> out = new ArrayList<>();
        int wanted = 1 + r.nextInt(Math.min(3, values.size()));
        for (int i = 0; i < values.size(); i++) {
            if (r.nextInt(values.size() - i) < wanted - out.size()) out.add(values.get(i));
        }
        return out;
    }

    @Test
    void summarize_gives_the_rows_and_comparisons_of_aggregates_on_hundreds_of_generated_cells() {
        Disagreements d = new Disagreements("Aggregates.summarize against ProbelabStats.summarize");
        int cells = 150;
        for (long seed = 6_000; seed < 6_000 + cells; seed++) {
            Random r = new Random(seed);
            List<ValueSet> sets = cell(r);
            // now and then a baseline with no group at all: no ratio, no comparison
            String baseline = r.nextInt(8) == 0 ? "nerdctl" : RUNTIMES.get(r.nextInt(RUNTIMES.size()));
            JsonNode java = java(() -> Aggregates.summarize(sets, baseline));
            // the file shows the intervals' ranks and bounds, not their exact coverage
            java.forEach(row -> {
                for (String ci : List.of("median95", "median975")) {
                    if (row.get("summary").get(ci) instanceof ObjectNode interval) interval.remove("coverage");
                }
            });
            d.compare("seed " + seed + ", " + sets.size() + " groups, baseline " + baseline, java,
                    js(() -> scripts.call("ProbelabStats.summarize", sets, baseline)));
        }
        d.assertNone(cells);
    }

    @Test
    void pooling_merges_groups_as_value_set_pool_does() {
        Disagreements d = new Disagreements("ValueSet.pool against ProbelabStats.pool");
        int cells = 200;
        List<String> kinds = List.of("sizes", "go", "runtime", "phase");
        for (long seed = 7_000; seed < 7_000 + cells; seed++) {
            List<ValueSet> sets = cell(new Random(seed));
            String kind = kinds.get((int) (seed % kinds.size()));
            d.compare("seed " + seed + ", " + sets.size() + " groups pooled by " + kind, java(() -> ValueSet.pool(sets, KEYS.get(kind))),
                    js(() -> scripts.call(POOL, sets, kind)));
        }
        d.assertNone(cells);
    }

    @Test
    void phases_go_versions_and_text_order_as_java_orders_them() {
        Random r = new Random(8_000);
        List<String> variants = new ArrayList<>(), versions = new ArrayList<>(), texts = new ArrayList<>();
        String[] parts = {"", "cold", "warm", "incremental", "cachemount", "volume", "bind", "none", "/", "//"};
        String[] oddVersions = {"unknown", "", "devel", "go1.22", "1.22.x", "1..2", ".1", "1.", "1.22rc", "1.22RC1", "1.22-rc1",
                "01.22", "1.022", "1.22.0", "1.22"};
        String[] alphabet = {"a", "b", "B", "z", "0", "9", " ", "·", "é", "\u0000", "\uffff", "😀", "=", ",", "."};
        for (int i = 0; i < 3_000; i++) {
            variants.add(parts[r.nextInt(parts.length)] + (r.nextBoolean() ? "/" + parts[r.nextInt(parts.length)] : ""));
            versions.add(r.nextInt(5) == 0 ? oddVersions[r.nextInt(oddVersions.length)] : version(r));
            StringBuilder t = new StringBuilder();
            for (int k = r.nextInt(5); k > 0; k--) t.append(alphabet[r.nextInt(alphabet.length)]);
            texts.add(t.toString());
        }
        Disagreements d = new Disagreements("ValueSet.phase against ProbelabStats.phase");
        JsonNode phases = scripts.call("function (vs) { return vs.map(ProbelabStats.phase); }", variants);
        for (int i = 0; i < variants.size(); i++) {
            String v = variants.get(i);
            d.compare("variant \"" + v + "\"", java(() -> ValueSet.phase(v)), phases.get(i));
        }
        d.assertNone(variants.size());
        compareOrder("GoVersion.compare against ProbelabStats.compareGo", "ProbelabStats.compareGo", versions, GoVersion::compare);
        compareOrder("String.compareTo against ProbelabStats.compareText", "ProbelabStats.compareText", texts, String::compareTo);
        assertEquals(Comparison.ALPHA, scripts.call("function () { return ProbelabStats.ALPHA; }").asDouble());
    }

    /** Each string against the next one and against itself: the sign of the order must be the same. */
    private static void compareOrder(String what, String function, List<String> values, ToIntBiFunction<String, String> java) {
        List<List<String>> pairs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            pairs.add(List.of(values.get(i), values.get((i + 1) % values.size())));
            if (i % 10 == 0) pairs.add(List.of(values.get(i), values.get(i)));
        }
        JsonNode signs = scripts.call("function (pairs) { return pairs.map(function (p) { return Math.sign(" + function
                + "(p[0], p[1])); }); }", pairs);
        Disagreements d = new Disagreements(what);
        for (int i = 0; i < pairs.size(); i++) {
            List<String> p = pairs.get(i);
            d.compare("\"" + p.get(0) + "\" against \"" + p.get(1) + "\"",
                    IntNode.valueOf(Integer.signum(java.applyAsInt(p.get(0), p.get(1)))), signs.get(i));
        }
        d.assertNone(pairs.size());
    }

    /** A Go version as toolchains name them, now and then with a pre-release, a long or a zero-padded component. */
    private static String version(Random r) {
        int[] components = {0, 1, 2, 9, 10, 12, 19, 21, 22, 23, 123};
        StringBuilder v = new StringBuilder();
        for (int k = 1 + r.nextInt(4); k > 0; k--) {
            if (v.length() > 0) v.append('.');
            v.append(r.nextInt(30) == 0 ? "1234567890123456" : r.nextInt(30) == 0 ? "07" : String.valueOf(components[r.nextInt(components.length)]));
        }
        if (r.nextInt(4) == 0) v.append(List.of("alpha", "beta", "rc").get(r.nextInt(3))).append(r.nextBoolean() ? "" : r.nextInt(3));
        return v.toString();
    }
}
