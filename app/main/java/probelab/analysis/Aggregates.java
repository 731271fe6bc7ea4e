package probelab.analysis;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pure functions from grouped values to aggregate rows and their Tablesaw table. */
public final class Aggregates {
    private Aggregates() {
    }

    /** Both sides of a comparison need this many values: with one value on a side no test can reject anything. */
    public static final int MIN_FOR_TEST = 2;

    /**
     * Summarises each set and divides its median by the baseline runtime's median for the same Go version, size,
     * metric and variant. Rows of the baseline itself get a ratio of exactly 1 with no interval. Every other row with
     * a baseline group and at least {@link #MIN_FOR_TEST} values on both sides gets a {@link Comparison}: the
     * Mann-Whitney p-value of its values against the baseline's, Holm-adjusted over all comparisons of {@code sets}.
     */
    public static List<AggregateRow> summarize(List<ValueSet> sets, String baseline) {
        return summarize(sets, baseline, new ExactU.Tables());
    }

    /** As {@link #summarize(List, String)}, reusing the exact tables of earlier calls (a simulation's thousands). */
    static List<AggregateRow> summarize(List<ValueSet> sets, String baseline, ExactU.Tables tables) {
        List<Summary> summaries = new ArrayList<>();
        Map<String, Integer> baselines = new HashMap<>();
        for (int i = 0; i < sets.size(); i++) {
            ValueSet s = sets.get(i);
            summaries.add(Summary.of(s.sorted()));
            if (s.runtime().equals(baseline)) baselines.put(s.comparableKey(), i);
        }
        MannWhitney[] tests = new MannWhitney[sets.size()];
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            ValueSet s = sets.get(i);
            Integer b = baselines.get(s.comparableKey());
            if (s.runtime().equals(baseline) || b == null) continue;
            double[] base = sets.get(b).sorted();
            if (s.sorted().length < MIN_FOR_TEST || base.length < MIN_FOR_TEST) continue;
            tests[i] = MannWhitney.test(s.sorted(), base);
            tested.add(i);
        }
        // A call gets the sets of one report cell, which is one metric family (its metrics, variants, Go versions and
        // sizes; a chart's pooled rows or the heat map's one metric are a part of one): adjusting over all of its
        // comparisons controls the family-wise error per metric family, so a cell of 40 comparisons of equal
        // runtimes does not call two of them significant, as 40 tests at 5% each would.
        double[] adjusted = Holm.adjust(tested.stream().mapToDouble(i -> tests[i].pValue()).toArray());
        Double[] pAdjusted = new Double[sets.size()];
        for (int k = 0; k < tested.size(); k++) pAdjusted[tested.get(k)] = adjusted[k];
        // the advisor plans for the level an undecided comparison would face among the undecided ones (Bonferroni
        // over them, Holm's first step): a count that, if anything, errs towards measuring a little more
        long undecided = tested.stream().filter(i -> pAdjusted[i] >= Comparison.ALPHA).count();
        double adviceAlpha = Comparison.ALPHA / Math.max(1, undecided);
        List<AggregateRow> rows = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            ValueSet s = sets.get(i);
            Summary sum = summaries.get(i);
            boolean isBaseline = s.runtime().equals(baseline);
            Integer b = baselines.get(s.comparableKey());
            Summary base = b == null ? null : summaries.get(b);
            Ratio ratio = isBaseline ? new Ratio(1.0, null, null, null) : base == null ? null : Ratio.of(sum, base);
            if (ratio != null && tests[i] != null) {
                double level = RankRatioInterval.effectiveAlpha(Comparison.ALPHA, tests[i].pValue(), pAdjusted[i], tested.size());
                ratio = RankRatioInterval.of(ratio.value(), s.sorted(), sets.get(b).sorted(), tests[i], level, tables);
            }
            Comparison comparison = tests[i] == null ? null : Comparison.of(ratio, tests[i], pAdjusted[i]);
            if (comparison != null && !comparison.significant()) {
                var advice = SampleSizeAdvisor.extraPerSide(s.sorted(), sets.get(b).sorted(), adviceAlpha);
                comparison = comparison.withAdvice(advice.isPresent() ? advice.getAsInt() : null);
            }
            rows.add(new AggregateRow(s.runtime(), s.go(), s.size(), s.metric(), s.variant(), s.workloadLines(), sum,
                    ratio, base == null ? null : base.median(), isBaseline, comparison));
        }
        return rows;
    }

    /**
     * The rows as a Tablesaw table, one column per statistic (missing values where a statistic does not apply);
     * {@code verdict} is "more", "less" or "same" ({@link Comparison#verdict()}).
     */
    public static Table toTable(String name, List<AggregateRow> rows) {
        StringColumn runtime = StringColumn.create("runtime"), go = StringColumn.create("go"),
                size = StringColumn.create("size"), metric = StringColumn.create("metric"),
                variant = StringColumn.create("variant");
        LongColumn lines = LongColumn.create("workload_lines");
        IntColumn n = IntColumn.create("n");
        DoubleColumn median = DoubleColumn.create("median"), ciLow = DoubleColumn.create("median_ci95_low"),
                ciHigh = DoubleColumn.create("median_ci95_high"), p90 = DoubleColumn.create("p90"),
                p99 = DoubleColumn.create("p99"), mean = DoubleColumn.create("mean"),
                stddev = DoubleColumn.create("stddev"), min = DoubleColumn.create("min"), max = DoubleColumn.create("max"),
                ratio = DoubleColumn.create("ratio_to_baseline"), ratioLow = DoubleColumn.create("ratio_low"),
                ratioHigh = DoubleColumn.create("ratio_high"), ratioConfidence = DoubleColumn.create("ratio_confidence"), pValue = DoubleColumn.create("p_value"),
                pAdjusted = DoubleColumn.create("p_adjusted");
        StringColumn verdict = StringColumn.create("verdict");
        BooleanColumn tooFew = BooleanColumn.create("too_few_for_ci");
        for (AggregateRow r : rows) {
            Summary s = r.summary();
            runtime.append(r.runtime());
            go.append(r.go());
            size.append(r.size());
            metric.append(r.metric());
            variant.append(r.variant());
            lines.append(r.workloadLines());
            n.append(s.n());
            median.append(s.median());
            appendNullable(ciLow, s.median95() == null ? null : s.median95().low());
            appendNullable(ciHigh, s.median95() == null ? null : s.median95().high());
            tooFew.append(s.median95() == null);
            appendNullable(p90, s.p90());
            appendNullable(p99, s.p99());
            mean.append(s.mean());
            appendNullable(stddev, s.stddev());
            min.append(s.min());
            max.append(s.max());
            appendNullable(ratio, r.ratio() == null ? null : r.ratio().value());
            appendNullable(ratioLow, r.ratio() == null ? null : r.ratio().low());
            appendNullable(ratioHigh, r.ratio() == null ? null : r.ratio().high());
            appendNullable(ratioConfidence, r.ratio() == null ? null : r.ratio().confidence());
            Comparison c = r.comparison();
            appendNullable(pValue, c == null ? null : c.pValue());
            appendNullable(pAdjusted, c == null ? null : c.pAdjusted());
            if (c == null) verdict.appendMissing(); else verdict.append(c.verdict());
        }
        return Table.create(name, runtime, go, size, metric, variant, lines, n, median, ciLow, ciHigh, tooFew, p90, p99,
                mean, stddev, min, max, ratio, ratioLow, ratioHigh, ratioConfidence, pValue, pAdjusted, verdict);
    }

    private static void appendNullable(DoubleColumn c, Double v) {
        if (v == null) c.appendMissing(); else c.append(v);
    }
}
