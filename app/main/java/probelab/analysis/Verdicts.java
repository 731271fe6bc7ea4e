package probelab.analysis;

import probelab.catalog.Better;
import probelab.catalog.DevLoopWay;
import probelab.catalog.Metric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer at the top of the report: for each headline question (a metric, and for builds one phase), every
 * runtime against the baseline, ranked, from the cell's comparisons. Numbers only: the words are the web layer's.
 * A runtime compared in several groups (Go versions, sizes, cache modes) is one line: decided only when every
 * comparison is decided in the same direction, "mixed" when they disagree.
 */
public final class Verdicts {
    public static final String MORE = "more";
    public static final String LESS = "less";
    public static final String SAME = "same";
    public static final String MIXED = "mixed";
    public static final String NONE = "none";

    /** A question the summary answers: a metric, and for a phased metric (builds) one phase. */
    public record Headline(String id, String question, Metric metric, String phase) {
    }

    /** The headline questions, in the order a developer asks them. */
    public static final List<Headline> HEADLINES = List.of(
            new Headline("rtt", "Request latency (median per iteration)", Metric.RTT_P50_US, null),
            new Headline("cold_start", "Cold start", Metric.COLD_START_MS, null),
            new Headline("build_incremental", "Rebuild after editing one file", Metric.BUILD_MS, Metric.INCREMENTAL),
            new Headline("edit_to_serving", "Edit to serving (file watcher, rebuild, restart)", Metric.EDIT_TO_SERVING_MS, DevLoopWay.WATCH.id()),
            new Headline("build_warm", "Rebuild with nothing changed", Metric.BUILD_MS, Metric.WARM),
            new Headline("build_cold", "Build from an empty cache", Metric.BUILD_MS, Metric.COLD),
            new Headline("go_test_warm", "go test with a warm cache", Metric.GO_TEST_MS, Metric.WARM),
            new Headline("server_memory", "Server memory", Metric.SERVER_RSS_BYTES, null),
            // which part of it differs: what the program allocated, or the binary's pages mapped from where its file lies
            new Headline("server_memory_anon", "Server memory the program allocated (anonymous pages)",
                    Metric.SERVER_RSS_ANON_BYTES, null),
            new Headline("server_memory_file", "Server memory mapped from the binary's file", Metric.SERVER_RSS_FILE_BYTES, null),
            new Headline("runtime_overhead", "Memory of the runtime's own processes", Metric.RUNTIME_OVERHEAD_BYTES, null));

    /**
     * One runtime's answer. {@code ratio} is the geometric mean of its ratios to the baseline (null when none has a
     * ratio, e.g. against a baseline of 0); {@code ratioLow}/{@code ratioHigh} the interval at the verdict's level (Ratio) when there is exactly
     * one comparison; {@code pAdjusted} the largest adjusted p of a decided line (the weakest evidence), the smallest
     * otherwise; {@code difference} the median of (median - baseline median) in the metric's stored unit.
     */
    public record RuntimeLine(String runtime, int rank, boolean baseline, Double ratio, Double ratioLow, Double ratioHigh,
                              Double pValue, Double pAdjusted, String verdict, Double difference, int comparisons,
                              int decided, int n) {
    }

    /** One question's answer over the rows of a cell. */
    public record Answer(Headline headline, String baseline, List<RuntimeLine> runtimes) {
        public List<RuntimeLine> of(String verdict) {
            return runtimes.stream().filter(r -> !r.baseline() && r.verdict().equals(verdict)).toList();
        }
    }

    private Verdicts() {
    }

    /** The answer to {@code h} from a cell's aggregate rows, or empty when the rows hold no value of it. */
    public static Optional<Answer> answer(Headline h, List<AggregateRow> rows, String baseline) {
        Map<String, List<AggregateRow>> byRuntime = new LinkedHashMap<>();
        for (AggregateRow r : rows) {
            if (!r.metric().equals(h.metric().id())) continue;
            if (h.phase() != null && !ValueSet.phase(r.variant()).equals(h.phase())) continue;
            byRuntime.computeIfAbsent(r.runtime(), k -> new ArrayList<>()).add(r);
        }
        if (byRuntime.isEmpty()) return Optional.empty();
        List<RuntimeLine> lines = new ArrayList<>();
        byRuntime.forEach((runtime, rs) -> lines.add(line(runtime, rs)));
        // best first: the direction that is better for this metric; runtimes without a comparison last
        Comparator<RuntimeLine> byRatio = Comparator.comparingDouble(l -> l.ratio() == null ? Double.NaN : l.ratio());
        if (h.metric().better() == Better.HIGHER) byRatio = byRatio.reversed();
        Comparator<RuntimeLine> order = Comparator.<RuntimeLine, Boolean>comparing(l -> l.ratio() == null && !l.baseline())
                .thenComparing(byRatio);
        lines.sort(order);
        List<RuntimeLine> ranked = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            RuntimeLine l = lines.get(i);
            ranked.add(new RuntimeLine(l.runtime(), i + 1, l.baseline(), l.ratio(), l.ratioLow(), l.ratioHigh(), l.pValue(),
                    l.pAdjusted(), l.verdict(), l.difference(), l.comparisons(), l.decided(), l.n()));
        }
        return Optional.of(new Answer(h, baseline, ranked));
    }

    private static RuntimeLine line(String runtime, List<AggregateRow> rs) {
        int n = rs.stream().mapToInt(r -> r.summary().n()).sum();
        if (rs.stream().anyMatch(AggregateRow::isBaseline)) {
            return new RuntimeLine(runtime, 0, true, 1.0, null, null, null, null, SAME, 0.0, 0, 0, n);
        }
        List<AggregateRow> compared = rs.stream().filter(r -> r.comparison() != null).toList();
        List<Double> differences = rs.stream().filter(r -> r.baselineMedian() != null)
                .map(r -> r.summary().median() - r.baselineMedian()).sorted().toList();
        Double difference = differences.isEmpty() ? null : PrecisionRule.median(differences.stream().mapToDouble(d -> d).toArray());
        if (compared.isEmpty()) return new RuntimeLine(runtime, 0, false, null, null, null, null, null, NONE, difference, 0, 0, n);
        double logSum = 0;
        int withRatio = 0;
        for (AggregateRow r : compared) {
            if (r.ratio() == null || r.ratio().value() <= 0) continue;
            logSum += Math.log(r.ratio().value());
            withRatio++;
        }
        Double ratio = withRatio == 0 ? null : Math.exp(logSum / withRatio);
        int more = 0, less = 0;
        double maxP = 0, minP = 1;
        for (AggregateRow r : compared) {
            Comparison c = r.comparison();
            if (c.verdict().equals(MORE)) more++;
            else if (c.verdict().equals(LESS)) less++;
            maxP = Math.max(maxP, c.pAdjusted());
            minP = Math.min(minP, c.pAdjusted());
        }
        int decided = more + less;
        String verdict = decided == 0 ? SAME : more == compared.size() ? MORE : less == compared.size() ? LESS : MIXED;
        boolean one = compared.size() == 1;
        Comparison only = one ? compared.get(0).comparison() : null;
        Double pAdjusted = verdict.equals(MORE) || verdict.equals(LESS) ? maxP : minP;
        return new RuntimeLine(runtime, 0, false, ratio, one ? only.ratioLow() : null, one ? only.ratioHigh() : null,
                one ? only.pValue() : null, pAdjusted, verdict, difference, compared.size(), decided, n);
    }
}
