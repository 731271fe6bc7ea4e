package probelab.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import probelab.analysis.AggregateRow;
import probelab.storage.report.ReportQueries;

import java.util.List;
import java.util.Map;

/**
 * What one cell computed for one filter: the aggregate rows, the Plotly figures (the .json twin serves them), the
 * failures, and notes that say how the figures were made. {@code unit} is the stored unit of the table's values;
 * {@code truncated} says a read limit was hit.
 */
public record CellResult(CellKind kind, String unit, List<AggregateRow> rows, Map<String, ObjectNode> figures,
                         CellFailures failures, List<String> notes, boolean truncated) {
    /** The same result with {@code more} notes after its own. */
    public CellResult withNotes(List<String> more) {
        if (more.isEmpty()) return this;
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return new CellResult(kind, unit, rows, figures, failures, List.copyOf(all), truncated);
    }
}
