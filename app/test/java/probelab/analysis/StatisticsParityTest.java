package probelab.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import probelab.analysis.GeneratedSamples.Relation;
import probelab.web.reportfile.Disagreements;
import probelab.web.reportfile.ReportScripts;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static probelab.analysis.GeneratedSamples.describe;
import static probelab.web.reportfile.Disagreements.java;
import static probelab.web.reportfile.Disagreements.js;

/**
 * The report file's statistics (static/js/reportfile/stats.js, run by Rhino) give the numbers of their Java twins on
 * thousands of generated samples: every size where a rule switches, ties, equal values, extreme magnitudes, and the
 * empty samples both must refuse. Each case draws from a Random of its own seed, which a failure names. The grouping
 * functions are compared in {@link AggregatesParityTest}, the cells built from all of them with the live report in
 * {@code probelab.web.ReportFileParityServerTest}.
 */
@Timeout(60)
class StatisticsParityTest {
    /** Rounds of every size in every shape: 1,920 summaries. */
    private static final int ROUNDS = 20;
    static ReportScripts scripts;

    @BeforeAll
    static void load() {
        scripts = ReportScripts.load();
    }

    @Test
    void every_function_stats_js_exports_has_its_java_twin_compared_in_these_classes() {
        // here: summary, plainMedian, mannWhitney, holm, extraPerSide; AggregatesParityTest: the rest
        JsonNode keys = scripts.call("function () { return Object.keys(ProbelabStats); }");
        List<String> exported = new ArrayList<>();
        keys.forEach(k -> exported.add(k.asText()));
        assertEquals(new TreeSet<>(List.of("summary", "plainMedian", "mannWhitney", "holm", "extraPerSide", "summarize", "pool",
                "phase", "compareGo", "compareText", "ALPHA")), new TreeSet<>(exported), "a new export needs its parity test");
    }

    @Test
    void summaries_and_median_intervals_agree_on_thousands_of_generated_samples() {
        Disagreements d = new Disagreements("Summary.of against ProbelabStats.summary");
        int cases = GeneratedSamples.samples(1_000, ROUNDS, 0, s -> {
            JsonNode java = java(() -> Summary.of(s.values()));
            // the file shows the intervals' ranks and bounds, not their exact coverage
            if (java instanceof ObjectNode o) {
                for (String ci : List.of("median95", "median975")) {
                    if (o.get(ci) instanceof ObjectNode interval) interval.remove("coverage");
                }
            }
            d.compare(s.label(), java, js(() -> scripts.call("ProbelabStats.summary", s.values())));
        });
        d.assertNone(cases);
        assertEquals(ROUNDS * GeneratedSamples.SIZES.length * GeneratedSamples.Shape.values().length, cases);
    }

    @Test
    void plain_medians_agree_with_the_precision_rules_median() {
        Disagreements d = new Disagreements("PrecisionRule.median against ProbelabStats.plainMedian");
        // PrecisionRule.median is only ever asked for the median of some values: no empty sample
        int cases = GeneratedSamples.samples(2_000, ROUNDS, 1, s -> d.compare(s.label(),
                java(() -> PrecisionRule.median(s.values())), js(() -> scripts.call("ProbelabStats.plainMedian", s.values()))));
        d.assertNone(cases);
        assertEquals(ROUNDS * (GeneratedSamples.SIZES.length - 1) * GeneratedSamples.Shape.values().length, cases);
    }

    @Test
    void mann_whitney_p_values_agree_on_thousands_of_generated_samples() {
        Disagreements d = new Disagreements("MannWhitney.test against ProbelabStats.mannWhitney");
        int cases = GeneratedSamples.pairs(3_000, List.of(Relation.values()), p -> d.compare(p.label(),
                java(() -> mannWhitney(p.a(), p.b())), js(() -> scripts.call("ProbelabStats.mannWhitney", p.a(), p.b()))));
        d.assertNone(cases);
        assertEquals(GeneratedSamples.pairCount(Relation.values().length), cases);
    }

    /** The test as the script returns it: the record and its direction. */
    private static JsonNode mannWhitney(double[] a, double[] b) {
        MannWhitney t = MannWhitney.test(a, b);
        return ((ObjectNode) java(() -> t)).put("direction", t.direction());
    }

    @Test
    void holm_adjusted_p_values_agree_on_thousands_of_generated_families() {
        Disagreements d = new Disagreements("Holm.adjust against ProbelabStats.holm");
        int families = 2_000;
        for (long seed = 4_000; seed < 4_000 + families; seed++) {
            Random r = new Random(seed);
            // empty and single families, then up to 60 tests: ties, exact 0 and 1, tiny and rounded p-values
            int m = (int) (seed % 7 == 0 ? seed % 2 : r.nextInt(61));
            double[] p = new double[m];
            for (int i = 0; i < m; i++) {
                double u = r.nextDouble();
                p[i] = switch (r.nextInt(6)) {
                    case 0 -> i > 0 ? p[r.nextInt(i)] : u;
                    case 1 -> r.nextBoolean() ? 0 : 1;
                    case 2 -> Math.pow(10, -300 * u);
                    case 3 -> Math.round(u * 100) / 100.0;
                    default -> u;
                };
            }
            d.compare("seed " + seed + ", " + m + " p-values " + describe(p), java(() -> Holm.adjust(p)),
                    js(() -> scripts.call("ProbelabStats.holm", p)));
        }
        d.assertNone(families);
    }

    @Test
    void sample_size_advice_agrees_on_thousands_of_generated_pairs() {
        Disagreements d = new Disagreements("SampleSizeAdvisor.extraPerSide against ProbelabStats.extraPerSide");
        // the levels Holm leaves an undecided comparison: 0.05 over 1, 2, 3, 7 and 40 undecided ones
        double[] alphas = {0.05, 0.025, 0.05 / 3, 0.05 / 7, 0.05 / 40};
        List<Relation> relations = List.of(Relation.INDEPENDENT, Relation.SHIFTED, Relation.IDENTICAL);
        int cases = GeneratedSamples.pairs(5_000, relations, p -> {
            double alpha = alphas[p.random().nextInt(alphas.length)];
            d.compare(p.label() + ", alpha " + alpha, java(() -> {
                var extra = SampleSizeAdvisor.extraPerSide(p.a(), p.b(), alpha);
                return extra.isPresent() ? extra.getAsInt() : null;
            }), js(() -> scripts.call("ProbelabStats.extraPerSide", p.a(), p.b(), alpha)));
        });
        d.assertNone(cases);
        assertEquals(GeneratedSamples.pairCount(relations.size()), cases);
    }
}
