package probelab.cli;

import probelab.analysis.AggregateRow;
import probelab.analysis.Aggregates;
import probelab.analysis.ValueSet;
import probelab.catalog.Metric;
import probelab.catalog.Unit;
import probelab.storage.samples.SampleStore;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table printed after a job: per cell and metric (in the catalog's order), n ok/failed, median and spread, and
 * the same comparison with the baseline as the report (ratio of medians, Mann-Whitney with Holm over the metric's
 * family, in words). The baseline is native when the job measured it, else the first runtime.
 */
final class SummaryTable {
    private SummaryTable() {
    }

    static void print(List<SampleStore.MetricSummary> rows, PrintStream out) {
        List<SampleStore.MetricSummary> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt((SampleStore.MetricSummary r) -> rank(r.metric()))
                .thenComparing(SampleStore.MetricSummary::runtime).thenComparing(SampleStore.MetricSummary::goVersion)
                .thenComparing(SampleStore.MetricSummary::projectSize).thenComparingInt(r -> phaseRank(r.variant()))
                .thenComparing(SampleStore.MetricSummary::variant));
        String baseline = rows.stream().anyMatch(r -> r.runtime().equals("native")) ? "native"
                : rows.isEmpty() ? "" : sorted.get(0).runtime();
        Map<String, String> verdicts = verdicts(rows, baseline);
        // a runtime in a scenario reads "docker · cpus=0.5": the column is as wide as the longest
        int width = Math.max(16, rows.stream().mapToInt(r -> r.runtime().length()).max().orElse(0));
        String row = "%-" + width + "s %-8s %-9s %-22s %-18s %4d %4d %12s %12s %12s  %s%n";
        out.printf(row.replace("%4d", "%4s"),
                "RUNTIME", "GO", "SIZE", "METRIC", "VARIANT", "OK", "FAIL", "MEDIAN", "MIN", "MAX", "VS " + baseline.toUpperCase(Locale.ROOT));
        for (var r : sorted) {
            out.printf(row, r.runtime(), r.goVersion(),
                    r.projectSize(), r.metric(), r.variant(), r.okCount(), r.failedCount(),
                    fmt(r.median(), r.unit()), fmt(r.min(), r.unit()), fmt(r.max(), r.unit()),
                    verdicts.getOrDefault(key(r.runtime(), r.goVersion(), r.projectSize(), r.metric(), r.variant()), ""));
            if (r.failedCount() > 0 && r.firstError() != null) {
                String e = r.firstError();
                out.println("    failed: " + (e.length() > 160 ? e.substring(0, 160) + "..." : e));
            }
        }
    }

    /** Per row key, "baseline", "2.01x slower (p=0.002)", "~ (p=0.41)" or "" (no test possible). */
    private static Map<String, String> verdicts(List<SampleStore.MetricSummary> rows, String baseline) {
        Map<String, List<ValueSet>> byFamily = new HashMap<>();
        for (var r : rows) {
            if (r.sortedValues().length == 0) continue;
            String family = Metric.find(r.metric()).map(m -> m.family().id()).orElse(r.metric());
            byFamily.computeIfAbsent(family, k -> new ArrayList<>()).add(new ValueSet(r.runtime(), r.goVersion(),
                    r.projectSize(), r.metric(), r.variant(), 0, r.sortedValues()));
        }
        Map<String, String> out = new HashMap<>();
        for (List<ValueSet> sets : byFamily.values()) {
            for (AggregateRow a : Aggregates.summarize(sets, baseline)) {
                String k = key(a.runtime(), a.go(), a.size(), a.metric(), a.variant());
                if (a.isBaseline()) out.put(k, "baseline");
                else if (a.comparison() != null) {
                    Unit u = Metric.find(a.metric()).map(Metric::unit).orElse(Unit.MS);
                    out.put(k, a.comparison().words(u.moreWord(), u.lessWord()));
                }
            }
        }
        return out;
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }

    private static int rank(String metric) {
        return Metric.find(metric).map(Enum::ordinal).orElse(Integer.MAX_VALUE);
    }

    /** Variants in the catalog's phase order (cold before warm, until_go before go_init), then by name. */
    private static int phaseRank(String variant) {
        int slash = variant.indexOf('/');
        int i = Metric.phaseOrder().indexOf(slash < 0 ? variant : variant.substring(0, slash));
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    static String fmt(Double v, String unit) {
        if (v == null) return "-";
        if (unit.equals("bytes")) return String.format(Locale.ROOT, "%.1f MiB", v / (1024 * 1024));
        String label;
        try {
            label = Unit.ofSymbol(unit).label();
        } catch (IllegalArgumentException e) {
            label = unit;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, label);
    }
}
