package probelab.report;

import probelab.storage.report.NotApplicableReads;
import probelab.storage.report.ReportQueries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A cell's failed samples: how many in all (never silently dropped) and the most common reasons, each with the
 * runtime it happened on and the metrics (with variants) it cost.
 */
public record CellFailures(long total, List<Reason> reasons, boolean more, List<NotApplicableReads.Mark> notApplicable) {
    public record Reason(String runtime, String metrics, String error, long count) {
    }

    /**
     * Groups the failure counts of {@code metrics} by runtime and reason, most frequent first, at most {@code limit};
     * the not-applicable marks of those metrics come along apart: they are not failures.
     */
    static CellFailures of(List<ReportQueries.FailureCount> counts, List<NotApplicableReads.Mark> marks, List<String> metrics,
                           int limit) {
        Map<String, long[]> totals = new LinkedHashMap<>();
        Map<String, TreeSet<String>> affected = new LinkedHashMap<>();
        Map<String, ReportQueries.FailureCount> firstOf = new LinkedHashMap<>();
        long total = 0;
        for (var c : counts) {
            if (!metrics.contains(c.metric())) continue;
            String key = c.runtime() + "\u0000" + c.reason();
            totals.computeIfAbsent(key, k -> new long[1])[0] += c.count();
            affected.computeIfAbsent(key, k -> new TreeSet<>()).add(c.metric() + (c.variant().isEmpty() ? "" : "[" + c.variant() + "]"));
            firstOf.putIfAbsent(key, c);
            total += c.count();
        }
        List<Reason> reasons = new ArrayList<>();
        for (var e : totals.entrySet()) {
            var first = firstOf.get(e.getKey());
            String list = String.join(", ", affected.get(e.getKey()));
            reasons.add(new Reason(first.runtime(), list.length() > 200 ? list.substring(0, 200) + "…" : list, first.reason(), e.getValue()[0]));
        }
        reasons.sort((a, b) -> Long.compare(b.count(), a.count()));
        boolean more = reasons.size() > limit;
        List<NotApplicableReads.Mark> na = marks.stream().filter(m -> metrics.contains(m.metric())).toList();
        return new CellFailures(total, more ? List.copyOf(reasons.subList(0, limit)) : List.copyOf(reasons), more, na);
    }
}
