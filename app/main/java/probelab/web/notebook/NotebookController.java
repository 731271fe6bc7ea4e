package probelab.web.notebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import probelab.storage.Notebooks;
import probelab.storage.Shares;
import probelab.storage.SqlRejectedException;
import probelab.storage.SqlSandbox;
import probelab.web.BadRequest;
import probelab.web.Htmx;
import probelab.web.Ids;
import probelab.web.Layout;
import probelab.web.NotFound;
import probelab.web.Pages;
import probelab.web.Paths;
import probelab.web.overview.Csv;
import probelab.web.share.ShareController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notebooks besides the overview: markdown and SQL cells, added, edited, moved and deleted with htmx (every change
 * answers with the cells fragment). SQL cells run in the {@link SqlSandbox} on the snapshot. Under /r/{token} a
 * notebook is shown read-only: the shared handlers render no controls, and no mutating route exists under /r/.
 */
public final class NotebookController {
    /** The HTML table shows this many rows; the .csv and .json have every row the sandbox returned. */
    static final int SHOWN_ROWS = 200;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Notebooks notebooks;
    private final SqlSandbox sql;
    private final ShareController shares;
    private final Pages pages;
    private final ObjectMapper json;

    public NotebookController(Notebooks notebooks, SqlSandbox sql, ShareController shares, Pages pages, ObjectMapper json) {
        this.notebooks = notebooks;
        this.sql = sql;
        this.shares = shares;
        this.pages = pages;
        this.json = json;
    }

    // -- pages -----------------------------------------------------------------------------------------------------

    /** GET /notebooks */
    public void list(Context ctx) {
        Layout layout = pages.layout("Notebooks", Layout.Section.NOTEBOOKS, false);
        var items = notebooks.list().stream().map(n -> new NotebookViews.Item(n.title(), Paths.notebook(n.id()),
                Integer.toString(n.cells()), probelab.web.Format.instant(n.updatedAt()))).toList();
        ctx.html(pages.render("notebook/listPage.jte", new NotebookViews.ListPage(layout, items, layout.controls(), Paths.NOTEBOOKS)));
    }

    /** POST /notebooks (form: title) -> 303 to the new notebook. */
    public void create(Context ctx) {
        Notebooks.Notebook n = notebooks.create(ctx.formParam("title"));
        redirect(ctx, Paths.notebook(n.id()));
    }

    /** GET /notebooks/{id} */
    public void page(Context ctx) {
        Notebooks.Notebook n = notebook(ctx);
        Layout layout = pages.layout(n.title(), Layout.Section.NOTEBOOKS, true);
        boolean editable = layout.controls();
        ctx.html(pages.render("notebook/page.jte", new NotebookViews.Page(layout, n.title(), null, editable,
                Paths.notebook(n.id(), "/title"), Paths.notebook(n.id(), "/delete"), Paths.notebook(n.id(), "/share"),
                cells(n.id(), editable, null, null))));
    }

    /** GET /r/{token} for a notebook link: the notebook, read-only. */
    public void shared(Context ctx) {
        Shares.Share s = shares.share(ctx);
        Notebooks.Notebook n = notebooks.find(s.notebookId()).orElseThrow(() -> new NotFound("the shared notebook was deleted"));
        Layout layout = pages.layout(n.title(), Layout.Section.SHARED, true);
        ctx.html(pages.render("notebook/page.jte", new NotebookViews.Page(layout, n.title(),
                "A read-only notebook. Its SQL cells read the latest snapshot of the data.", false, null, null, null,
                cells(n.id(), false, null, s.token()))));
    }

    /** POST /notebooks/{id}/title (form: title) */
    public void rename(Context ctx) {
        Notebooks.Notebook n = notebook(ctx);
        notebooks.rename(n.id(), ctx.formParam("title"));
        redirect(ctx, Paths.notebook(n.id()));
    }

    /** POST /notebooks/{id}/delete */
    public void delete(Context ctx) {
        notebooks.delete(notebook(ctx).id());
        redirect(ctx, Paths.NOTEBOOKS);
    }

    /** POST /notebooks/{id}/share : a read-only link to the notebook. */
    public void share(Context ctx) {
        Shares.Share s = shares.createNotebookLink(notebook(ctx).id());
        if (Htmx.wantsFragment(ctx)) {
            ctx.status(HttpStatus.CREATED).html(pages.render("notebook/shareResult.jte", new NotebookViews.ShareLink(Paths.share(s.token()))));
        } else {
            redirect(ctx, Paths.SHARES);
        }
    }

    // -- cells -----------------------------------------------------------------------------------------------------

    /** POST /notebooks/{id}/cells (form: kind=markdown|sql, source) */
    public void addCell(Context ctx) {
        Notebooks.Notebook n = notebook(ctx);
        String kind = ctx.formParam("kind");
        if (kind == null) kind = Notebooks.MARKDOWN;
        String source = ctx.formParam("source");
        if (source == null || source.isBlank()) {
            source = kind.equals(Notebooks.SQL) ? "SELECT runtime, metric, count(*) AS n, median(value) AS median\n"
                    + "FROM v_samples WHERE status = 'ok' GROUP BY ALL ORDER BY ALL" : "Write *markdown* here.";
        }
        Notebooks.Cell c = notebooks.addCell(n.id(), kind, source);
        cellsResponse(ctx, n.id(), c.id());
    }

    /** GET /notebooks/{id}/cells/{cellId} : the cell's fragment (or the notebook, for a browser). */
    public void cell(Context ctx) {
        Notebooks.Notebook n = notebook(ctx);
        Notebooks.Cell c = cellOf(ctx, n.id());
        if (!Htmx.wantsFragment(ctx)) {
            redirect(ctx, Paths.notebook(n.id()) + "#" + Ids.notebookCell(c.id()));
            return;
        }
        Htmx.vary(ctx);
        ctx.html(pages.render("notebook/cell.jte", cellView(c, true, false, false, false, null)));
    }

    /** GET /notebooks/{id}/cells/{cellId}/edit : the cells with this one's editor open. */
    public void editForm(Context ctx) {
        Notebooks.Notebook n = notebook(ctx);
        Notebooks.Cell c = cellOf(ctx, n.id());
        Htmx.vary(ctx);
        ctx.html(pages.render("notebook/cells.jte", cells(n.id(), true, c.id(), null)));
    }

    /** POST /notebooks/{id}/cells/{cellId}/edit (form: source, chart_type, chart_x, chart_y, chart_series) */
    public void editCell(Context ctx) {
        Notebooks.Notebook n = notebook(ctx);
        Notebooks.Cell c = cellOf(ctx, n.id());
        String source = ctx.formParam("source");
        if (source == null) throw new BadRequest("source", "the form has no source field", List.of("source"));
        String type = blank(ctx.formParam("chart_type"));
        notebooks.editCell(n.id(), c.id(), source, c.isSql() ? new Notebooks.Chart(type, ctx.formParam("chart_x"),
                ctx.formParam("chart_y"), ctx.formParam("chart_series")) : Notebooks.Chart.NONE);
        cellsResponse(ctx, n.id(), null);
    }

    /** POST /notebooks/{id}/cells/{cellId}/move (form: direction=up|down) */
    public void moveCell(Context ctx) {
        Notebooks.Notebook n = notebook(ctx);
        Notebooks.Cell c = cellOf(ctx, n.id());
        String dir = ctx.formParam("direction");
        if (!"up".equals(dir) && !"down".equals(dir)) {
            throw new BadRequest("direction", "direction is up or down, got " + BadRequest.quote(String.valueOf(dir)), List.of("up", "down"));
        }
        notebooks.move(n.id(), c.id(), dir.equals("up") ? -1 : 1);
        cellsResponse(ctx, n.id(), null);
    }

    /** POST /notebooks/{id}/cells/{cellId}/delete */
    public void deleteCell(Context ctx) {
        Notebooks.Notebook n = notebook(ctx);
        notebooks.deleteCell(n.id(), cellOf(ctx, n.id()).id());
        cellsResponse(ctx, n.id(), null);
    }

    /** GET /notebooks/{id}/cells/{cellId}.json : the SQL cell's result and chart figure. */
    public void cellJson(Context ctx) throws java.io.IOException {
        Notebooks.Notebook n = notebook(ctx);
        writeJson(ctx, cellOf(ctx, n.id()));
    }

    /** GET /notebooks/{id}/cells/{cellId}.csv */
    public void cellCsv(Context ctx) {
        Notebooks.Notebook n = notebook(ctx);
        writeCsv(ctx, cellOf(ctx, n.id()));
    }

    /** GET /r/{token}/nbcells/{cellId}.json */
    public void sharedCellJson(Context ctx) throws java.io.IOException {
        writeJson(ctx, sharedCell(ctx));
    }

    /** GET /r/{token}/nbcells/{cellId}.csv */
    public void sharedCellCsv(Context ctx) {
        writeCsv(ctx, sharedCell(ctx));
    }

    // -- plumbing --------------------------------------------------------------------------------------------------

    private Notebooks.Cell sharedCell(Context ctx) {
        Shares.Share s = shares.share(ctx);
        if (s.notebookId() == null) throw new NotFound("this link shows a report, not a notebook");
        String cellId = stripExtension(ctx.pathParam("cellId"));
        return notebooks.cell(s.notebookId(), cellId).orElseThrow(() -> new NotFound("no such cell"));
    }

    private void writeJson(Context ctx, Notebooks.Cell c) throws java.io.IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("cell", c.id());
        doc.put("kind", c.kind());
        doc.put("source", c.source());
        if (c.isSql()) {
            SqlSandbox.Result r = run(c.source());
            doc.put("columns", r.columns());
            doc.put("rows", r.rows());
            doc.put("truncated", r.truncated());
            Map<String, Object> figures = new LinkedHashMap<>();
            ObjectNode fig = figure(c, r);
            if (fig != null) figures.put("chart", fig);
            doc.put("figures", figures);
        }
        ctx.contentType("application/json").result(json.writeValueAsBytes(doc));
    }

    private void writeCsv(Context ctx, Notebooks.Cell c) {
        if (!c.isSql()) throw new NotFound("a markdown cell has no data");
        SqlSandbox.Result r = run(c.source());
        StringBuilder out = new StringBuilder();
        out.append(Csv.row(r.columns().stream().map(SqlSandbox.Column::name).toArray(String[]::new)));
        for (List<Object> row : r.rows()) out.append(Csv.row(row.stream().map(NotebookController::text).toArray(String[]::new)));
        if (r.truncated()) out.append("# truncated after ").append(r.rows().size()).append(" rows\n");
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"probelab-cell-" + c.id() + ".csv\"");
        ctx.result(out.toString());
    }

    /** Runs a SQL cell; a refused or failing query throws, as the API does. */
    private SqlSandbox.Result run(String source) {
        if (sql == null) throw new NotFound("this server has no SQL sandbox");
        return sql.run(source);
    }

    private void cellsResponse(Context ctx, String notebookId, String editing) {
        if (Htmx.wantsFragment(ctx)) {
            ctx.html(pages.render("notebook/cells.jte", cells(notebookId, true, editing, null)));
        } else {
            redirect(ctx, Paths.notebook(notebookId));
        }
    }

    /** The cells of a notebook; {@code shareToken} set: read-only, with URLs under /r/{token}. */
    NotebookViews.Cells cells(String notebookId, boolean editable, String editing, String shareToken) {
        List<Notebooks.Cell> all = notebooks.cells(notebookId);
        List<NotebookViews.Cell> views = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Notebooks.Cell c = all.get(i);
            views.add(cellView(c, editable, i == 0, i == all.size() - 1, c.id().equals(editing), shareToken));
        }
        return new NotebookViews.Cells(Ids.NOTEBOOK_CELLS, views, editable, Paths.notebook(notebookId, "/cells"),
                Paths.notebook(notebookId));
    }

    private NotebookViews.Cell cellView(Notebooks.Cell c, boolean editable, boolean first, boolean last, boolean editing,
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

    private NotebookViews.Result result(Notebooks.Cell c, String jsonUrl) {
        if (sql == null) return new NotebookViews.Result("this server has no SQL sandbox", List.of(), List.of(), false, 0, 0, "", null, null);
        SqlSandbox.Result r;
        try {
            r = sql.run(c.source());
        } catch (SqlRejectedException e) {
            return new NotebookViews.Result(e.getMessage(), List.of(), List.of(), false, 0, 0, "", null, null);
        }
        List<String> cols = r.columns().stream().map(SqlSandbox.Column::name).toList();
        List<List<String>> rows = r.rows().stream().limit(SHOWN_ROWS)
                .map(row -> row.stream().map(NotebookController::text).toList()).toList();
        boolean chart = c.chartType() != null && figure(c, r) != null;
        return new NotebookViews.Result(null, cols, rows, r.truncated(), sql.limits().maxRows(),
                Math.max(0, r.rows().size() - SHOWN_ROWS), r.elapsedMillis() + " ms",
                chart ? "nb-chart-" + c.id() : null, chart ? jsonUrl : null);
    }

    /** The Plotly figure of a SQL cell with a chart: one trace per series value; null without a usable chart. */
    static ObjectNode figure(Notebooks.Cell c, SqlSandbox.Result r) {
        if (c.chartType() == null || c.chartX() == null || c.chartY() == null) return null;
        List<String> names = r.columns().stream().map(SqlSandbox.Column::name).toList();
        int xi = names.indexOf(c.chartX()), yi = names.indexOf(c.chartY());
        int si = c.chartSeries() == null ? -1 : names.indexOf(c.chartSeries());
        if (xi < 0 || yi < 0) return null;
        Map<String, ObjectNode> traces = new LinkedHashMap<>();
        for (List<Object> row : r.rows()) {
            String series = si < 0 ? c.chartY() : text(row.get(si));
            ObjectNode t = traces.computeIfAbsent(series, k -> {
                ObjectNode n = JSON.objectNode().put("name", k);
                switch (c.chartType()) {
                    case "bar" -> n.put("type", "bar");
                    case "line" -> n.put("type", "scatter").put("mode", "lines+markers");
                    default -> n.put("type", "scatter").put("mode", "markers");
                }
                n.putArray("x");
                n.putArray("y");
                return n;
            });
            ((ArrayNode) t.get("x")).addPOJO(row.get(xi));
            ((ArrayNode) t.get("y")).addPOJO(row.get(yi));
        }
        ObjectNode fig = JSON.objectNode();
        ArrayNode data = fig.putArray("data");
        traces.values().forEach(data::add);
        ObjectNode layout = fig.putObject("layout");
        layout.putObject("xaxis").putObject("title").put("text", c.chartX());
        layout.putObject("yaxis").putObject("title").put("text", c.chartY());
        layout.putObject("margin").put("t", 30).put("r", 20);
        if (c.chartType().equals("bar")) layout.put("barmode", "group");
        fig.putObject("config").put("responsive", true).put("displaylogo", false);
        return fig;
    }

    private Notebooks.Notebook notebook(Context ctx) {
        String id = ctx.pathParam("id");
        return notebooks.find(id).orElseThrow(() -> new NotFound("there is no notebook " + BadRequest.quote(id)));
    }

    private Notebooks.Cell cellOf(Context ctx, String notebookId) {
        String id = stripExtension(ctx.pathParam("cellId"));
        return notebooks.cell(notebookId, id).orElseThrow(() -> new NotFound("there is no cell " + BadRequest.quote(id)));
    }

    /** Javalin matches "/cells/{cellId}.json" with the extension outside the parameter; this is a guard only. */
    private static String stripExtension(String id) {
        return id;
    }

    private static void redirect(Context ctx, String url) {
        ctx.redirect(url, HttpStatus.SEE_OTHER);
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
