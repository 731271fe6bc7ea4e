package probelab.report;

import java.util.List;

/** claims/table.jte: the published claims that match a cell (same runtime and metric), shown under it. */
public record ClaimsTable(List<Row> rows, String note) {
    public record Row(String runtime, String metric, String statistic, String value, String article, String sourceFile,
                      String section, String originalText, String environment) {
    }
}
