package probelab.web.notebook;

import probelab.analysis.NotebookCharts;
import probelab.storage.Notebooks;
import probelab.storage.SqlRejectedException;
import probelab.storage.SqlSandbox;
import probelab.web.Ids;
import probelab.web.Paths;

import java.util.ArrayList;
import java.util.List;

/**
 * A notebook's cells as the templates show them: markdown rendered safe, SQL cells run with their result table (or
 * the sandbox's refusal, shown in the cell), URLs under /r/{token} for a shared notebook.
 */
final class CellViews {
    /** The HTML table shows this many rows; the .csv and .json have every row the sandbox returned. */
    static final int SHOWN_ROWS = 200;

    private final Notebooks notebooks;
    private final SqlSandbox sql;

    CellViews(Notebooks notebooks, SqlSandbox sql) {
        this.notebooks = notebooks;
        this.sql = sql;
    }

    /** The cells of a notebook; {@code shareToken} set: read-only, with URLs under /r/{token}. */
    NotebookViews.Cells cells(String notebookId, boolean editable, String editing, String shareToken) {
        List<Notebooks.Cell> all = notebooks.cells(notebookId);
        List<NotebookViews.Cell> views = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Notebooks.Cell c = all.get(i);
            views.add(cell(c, editable, i == 0, i == all.size() - 1, c.id().equals(editing), shareToken));
        }
        return new NotebookViews.Cells(Ids.NOTEBOOK_CELLS, views, editable, Paths.notebook(notebookId, "/cells"),
                Paths.notebook(notebookId));
    }

    NotebookViews.Cell cell(Notebooks.Cell c, boolean editable, boolean first, boolean last, boolean editing,
                            String shareToken) {
        String base = shareToken == null ? null : Paths.share(shareToken) + "/nbcells/" + Paths.enc(c.id());
        String cellPath = Paths.notebookCell(c.notebookId(), c.id(), "");
        String jsonUrl = base != null ? base + ".json" : cellPath + ".json";
        String csvUrl = base != null ? base + ".csv" : cellPath + ".csv";
        NotebookViews.Result result = null;
        List<String> columns = List.of();
        if (c.isSql()) {
            result = result(c, jsonUrl);
            columns = result.columns();
        }
        NotebookViews.Editor editor = editing && editable ? new NotebookViews.Editor(Ids.notebookCell(c.id()), c.kind(),
                c.source(), cellPath + "/edit", Paths.notebook(c.notebookId()), c.chartType() == null ? "" : c.chartType(),
                Notebooks.CHART_TYPES, nz(c.chartX()), nz(c.chartY()), nz(c.chartSeries()), columns) : null;
        return new NotebookViews.Cell(c.id(), Ids.notebookCell(c.id()), c.kind(),
                c.isSql() ? "" : Markdown.toSafeHtml(c.source()), c.source(), result, editable, first, last,
                cellPath + "/edit", cellPath + "/move", cellPath + "/delete", jsonUrl, csvUrl, editor);
    }

    /** A SQL cell's result; refused SQL is shown in the cell rather than failing the whole notebook. */
    private NotebookViews.Result result(Notebooks.Cell c, String jsonUrl) {
        if (sql == null) return new NotebookViews.Result("this server has no SQL sandbox", List.of(), List.of(), false, 0, 0, "", null, null);
        SqlSandbox.Result r;
        try {
            r = sql.run(c.source());
        } catch (SqlRejectedException e) {
            return new NotebookViews.Result(e.getMessage(), List.of(), List.of(), false, 0, 0, "", null, null);
        }
        List<String> cols = names(r);
        List<List<String>> rows = r.rows().stream().limit(SHOWN_ROWS)
                .map(row -> row.stream().map(CellViews::text).toList()).toList();
        // the browser fetches the figure from the .json twin; only say there is one when it would draw
        boolean chart = c.chartType() != null && NotebookCharts.figure(CellViews.chartSpec(c), cols, r.rows()) != null;
        return new NotebookViews.Result(null, cols, rows, r.truncated(), sql.limits().maxRows(),
                Math.max(0, r.rows().size() - SHOWN_ROWS), r.elapsedMillis() + " ms",
                chart ? "nb-chart-" + c.id() : null, chart ? jsonUrl : null);
    }

    static List<String> names(SqlSandbox.Result r) {
        return r.columns().stream().map(SqlSandbox.Column::name).toList();
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The cell's chart settings as the analysis layer takes them. */
    static NotebookCharts.Spec chartSpec(Notebooks.Cell c) {
        return new NotebookCharts.Spec(c.chart().type(), c.chart().x(), c.chart().y(), c.chart().series());
    }
}
