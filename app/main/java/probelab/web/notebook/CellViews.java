package probelab.web.notebook;

import probelab.analysis.NotebookCharts;
import probelab.storage.notebooks.Notebooks;
import probelab.storage.sandbox.SqlSandbox;
import probelab.web.common.Ids;
import probelab.web.common.Paths;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A notebook's cells as the templates show them: markdown rendered safe, SQL cells run with their result table (or
 * the sandbox's refusal, shown in the cell), URLs under /r/{token} for a shared notebook. A page runs its SQL cells
 * in parallel and shows the ones done within {@link #INLINE_MILLIS}; a slower cell comes as a placeholder that loads
 * its own result fragment, so it delays nobody but itself.
 */
final class CellViews {
    /** The HTML table shows this many rows; the .csv and .json have every row the sandbox returned. */
    static final int SHOWN_ROWS = 200;
    /** How long a page waits for its SQL cells before it sends the slow ones as placeholders. */
    static final long INLINE_MILLIS = 500;

    private final Notebooks notebooks;
    private final SqlResults sql;

    CellViews(Notebooks notebooks, SqlResults sql) {
        this.notebooks = notebooks;
        this.sql = sql;
    }

    /** The cells of a notebook; {@code shareToken} set: read-only, with URLs under /r/{token}. */
    NotebookViews.Cells cells(String notebookId, boolean editable, String editing, String shareToken) {
        List<Notebooks.Cell> all = notebooks.cells(notebookId);
        Map<String, CompletableFuture<SqlResults.Outcome>> running = new HashMap<>();
        if (sql.available()) {
            for (Notebooks.Cell c : all) if (c.isSql()) running.put(c.id(), sql.start(c.source()));
        }
        long deadline = System.nanoTime() + INLINE_MILLIS * 1_000_000;
        List<NotebookViews.Cell> views = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Notebooks.Cell c = all.get(i);
            var f = running.get(c.id());
            Optional<SqlResults.Outcome> ready = f == null ? Optional.empty() : SqlResults.await(f, deadline);
            views.add(cell(c, editable, i == 0, i == all.size() - 1, c.id().equals(editing), shareToken, ready, f != null));
        }
        return new NotebookViews.Cells(Ids.NOTEBOOK_CELLS, views, editable, Paths.notebook(notebookId, "/cells"),
                Paths.notebook(notebookId));
    }

    NotebookViews.Cell cell(Notebooks.Cell c, boolean editable, boolean first, boolean last, boolean editing,
                            String shareToken) {
        return cell(c, editable, first, last, editing, shareToken, sql.available() && c.isSql()
                ? Optional.of(sql.run(c.source())) : Optional.empty(), sql.available());
    }

    /** {@code ready} empty for a SQL cell that was started: a placeholder that loads its result fragment. */
    private NotebookViews.Cell cell(Notebooks.Cell c, boolean editable, boolean first, boolean last, boolean editing,
                                    String shareToken, Optional<SqlResults.Outcome> ready, boolean started) {
        String base = shareToken == null ? null : Paths.share(shareToken) + "/nbcells/" + Paths.enc(c.id());
        String cellPath = Paths.notebookCell(c.notebookId(), c.id(), "");
        String jsonUrl = base != null ? base + ".json" : cellPath + ".json";
        String csvUrl = base != null ? base + ".csv" : cellPath + ".csv";
        NotebookViews.Result result = null;
        List<String> columns = List.of();
        if (c.isSql()) {
            String resultUrl = base != null ? base + "/result" : cellPath + "/result";
            result = !sql.available() ? NotebookViews.Result.refused("this server has no SQL sandbox")
                    : ready.map(o -> result(c, o, jsonUrl)).orElseGet(() -> started
                    ? NotebookViews.Result.pending(resultUrl) : result(c, sql.run(c.source()), jsonUrl));
            columns = result.columns();
        }
        NotebookViews.Editor editor = editing && editable ? new NotebookViews.Editor(Ids.notebookCell(c.id()), c.kind(),
                c.source(), cellPath + "/edit", Paths.notebook(c.notebookId()), c.chartType() == null ? "" : c.chartType(),
                Notebooks.CHART_TYPES, nz(c.chartX()), nz(c.chartY()), nz(c.chartSeries()), columns) : null;
        return new NotebookViews.Cell(c.id(), Ids.notebookCell(c.id()), c.kind(),
                c.isSql() ? "" : Markdown.toSafeHtml(c.source()), c.source(), result, editable, first, last,
                cellPath + "/edit", cellPath + "/move", cellPath + "/delete", jsonUrl, csvUrl, editor);
    }

    /** A SQL cell's result fragment on its own (what a placeholder loads). */
    NotebookViews.Result result(Notebooks.Cell c, String shareToken) {
        if (!sql.available()) return NotebookViews.Result.refused("this server has no SQL sandbox");
        String base = shareToken == null ? null : Paths.share(shareToken) + "/nbcells/" + Paths.enc(c.id());
        String jsonUrl = base != null ? base + ".json" : Paths.notebookCell(c.notebookId(), c.id(), "") + ".json";
        return result(c, sql.run(c.source()), jsonUrl);
    }

    /** A SQL cell's result; refused SQL is shown in the cell rather than failing the whole notebook. */
    private NotebookViews.Result result(Notebooks.Cell c, SqlResults.Outcome o, String jsonUrl) {
        if (o.refusal() != null) return NotebookViews.Result.refused(o.refusal().getMessage());
        SqlSandbox.Result r = o.result();
        List<String> cols = names(r);
        List<List<String>> rows = r.rows().stream().limit(SHOWN_ROWS)
                .map(row -> row.stream().map(CellViews::text).toList()).toList();
        // the browser fetches the figure from the .json twin; only say there is one when it would draw
        boolean chart = c.chartType() != null && NotebookCharts.figure(CellViews.chartSpec(c), cols, r.rows()) != null;
        return new NotebookViews.Result(null, cols, rows, r.truncated(), sql.maxRows(),
                Math.max(0, r.rows().size() - SHOWN_ROWS), r.elapsedMillis() + " ms",
                chart ? "nb-chart-" + c.id() : null, chart ? jsonUrl : null, null);
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
