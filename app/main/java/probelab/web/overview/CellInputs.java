package probelab.web.overview;

import probelab.analysis.ValueSet;
import probelab.storage.ReportQueries;

import java.util.List;

/** What a set of cells reads, once: every value they need by size, and every failure of their families. */
record CellInputs(List<ValueSet> values, List<ReportQueries.FailureCount> failures, boolean truncated) {
    List<ValueSet> of(String metric) {
        return values.stream().filter(v -> v.metric().equals(metric)).toList();
    }
}
