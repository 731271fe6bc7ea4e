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

    /**
     * Summarises each set and divides its median by the baseline runtime's median for the same Go version, size,
     * metric and variant. Rows of the baseline itself get a ratio of exactly 1 with no interval.
     */
    public static List<AggregateRow> summarize(List<ValueSet> sets, String baseline) {
        List<Summary> summaries = new ArrayList<>();
        Map<String, Summary> baselines = new HashMap<>();
        for (ValueSet s : sets) {
            Summary sum = Summary.of(s.sorted());
            summaries.add(sum);
            if (s.runtime().equals(baseline)) baselines.put(s.comparableKey(), sum);
        }
        List<AggregateRow> rows = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            ValueSet s = sets.get(i);
            Summary sum = summaries.get(i);
            boolean isBaseline = s.runtime().equals(baseline);
            Summary base = baselines.get(s.comparableKey());
            Ratio ratio = isBaseline ? new Ratio(1.0, null, null) : base == null ? null : Ratio.of(sum, base);
            rows.add(new AggregateRow(s.runtime(), s.go(), s.size(), s.metric(), s.variant(), s.workloadLines(), sum,
                    ratio, base == null ? null : base.median(), isBaseline));
        }
        return rows;
    }

    /** The rows as a Tablesaw table, one column per statistic (missing values where a statistic does not apply). */
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
                ratioHigh = DoubleColumn.create("ratio_high");
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
        }
        return Table.create(name, runtime, go, size, metric, variant, lines, n, median, ciLow, ciHigh, tooFew, p90, p99,
                mean, stddev, min, max, ratio, ratioLow, ratioHigh);
    }

    private static void appendNullable(DoubleColumn c, Double v) {
        if (v == null) c.appendMissing(); else c.append(v);
    }
}
