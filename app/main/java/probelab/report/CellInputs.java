package probelab.report;

import probelab.analysis.ValueSet;
import probelab.storage.report.ReportQueries;
import probelab.storage.report.NotApplicableReads;
import probelab.storage.report.SamplingReads;

import java.util.List;

/**
 * What a set of cells reads, once: every value they need by size, every failure of their families, and how far the
 * sampling of the selected runs got.
 */
record CellInputs(List<ValueSet> values, List<ReportQueries.FailureCount> failures, boolean truncated,
                  List<SamplingReads.TaskOutcome> sampling, List<NotApplicableReads.Mark> notApplicable) {
    List<ValueSet> of(String metric) {
        return values.stream().filter(v -> v.metric().equals(metric)).toList();
    }
}
