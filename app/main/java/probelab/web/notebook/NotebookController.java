package probelab.web.notebook;

import probelab.catalog.BadInput;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import probelab.storage.notebooks.Notebooks;
import probelab.storage.shares.Shares;
import probelab.web.common.Htmx;
import probelab.web.common.Ids;
import probelab.web.common.Layout;
import probelab.web.common.NotFound;
import probelab.web.common.Pages;
import probelab.web.common.Paths;
import probelab.web.share.SharedView;

import java.util.List;

/**
 * Notebooks besides the overview: markdown and SQL cells, added, edited, moved and deleted with htmx (every change
 * answers with the cells fragment). SQL cells run in the sandbox on the snapshot, once per data version ({@link SqlResults}). Under /r/{token} a
 * notebook is shown read-only: the shared handlers render no controls, and no mutating route exists under /r/.
 * A cell's .json and .csv are {@link CellExport}'s; what a cell shows is {@link CellViews}'.
 */
public final class NotebookController {
    /** Reads the public views and their columns for the schema panel; {@link #schema()} keeps what it read. */
    private final java.util.function.Supplier<List<probelab.storage.db.SchemaViews.View>> schemaSource;
    private volatile List<probelab.storage.db.SchemaViews.View> schema;
    private final Notebooks notebooks;
    private final Shares shares;
    private final Pages pages;
    private final NotebookRequests requests;
    private final CellViews views;

    /** {@code shares}: the links the notebook's share button makes, the same the links page lists and revokes. */
    public NotebookController(Notebooks notebooks, SqlResults sql, Shares shares, Pages pages,
                              java.util.function.Supplier<List<probelab.storage.db.SchemaViews.View>> schema) {
        this.schemaSource = schema;
        this.notebooks = notebooks;
        this.shares = shares;
        this.pages = pages;
        this.requests = new NotebookRequests(notebooks);
        this.views = new CellViews(notebooks, sql);
    }

    // -- pages -----------------------------------------------------------------------------------------------------

    /** GET /notebooks */
    public void list(Context ctx) {
        Layout layout = pages.layout("Notebooks", Layout.Section.NOTEBOOKS, false);
        var items = notebooks.list().stream().map(n -> new NotebookViews.Item(n.title(), Paths.notebook(n.id()),
                Integer.toString(n.cells()), probelab.report.Format.instant(n.updatedAt()))).toList();
        ctx.html(pages.render("notebook/listPage.jte", new NotebookViews.ListPage(layout, items, layout.controls(), Paths.NOTEBOOKS)));
    }

    /** POST /notebooks (form: title) -> 303 to the new notebook. */
    public void create(Context ctx) {
        Notebooks.Notebook n = notebooks.create(ctx.formParam("title"));
        redirect(ctx, Paths.notebook(n.id()));
    }

    /** GET /notebooks/{id} */
    public void page(Context ctx) {
        Notebooks.Notebook n = requests.notebook(ctx);
        Layout layout = pages.layout(n.title(), Layout.Section.NOTEBOOKS, true);
        boolean editable = layout.controls();
        ctx.html(pages.render("notebook/page.jte", new NotebookViews.Page(layout, n.title(), null, editable,
                Paths.notebook(n.id(), "/title"), Paths.notebook(n.id(), "/delete"), Paths.notebook(n.id(), "/share"),
                views.cells(n.id(), editable, null, null), schema())));
    }

    /** GET /r/{token} for a notebook link: the notebook, read-only. */
    public void shared(Context ctx) {
        SharedView view = SharedView.required(ctx);
        Notebooks.Notebook n = notebooks.find(view.link().notebookId()).orElseThrow(() -> new NotFound("the shared notebook was deleted"));
        Layout layout = pages.layout(n.title(), Layout.Section.SHARED, true);
        ctx.html(pages.render("notebook/page.jte", new NotebookViews.Page(layout, n.title(),
                "A read-only notebook. Its SQL cells read the latest snapshot of the data.", false, null, null, null,
                views.cells(n.id(), false, null, view.token()), schema())));
    }

    /** The schema panel's views: read on the first page that shows them (not while the server is built), then kept. */
    private List<probelab.storage.db.SchemaViews.View> schema() {
        List<probelab.storage.db.SchemaViews.View> s = schema;
        if (s == null) {
            synchronized (this) {
                if (schema == null) schema = List.copyOf(schemaSource.get());
                s = schema;
            }
        }
        return s;
    }

    /** POST /notebooks/{id}/title (form: title) */
    public void rename(Context ctx) {
        Notebooks.Notebook n = requests.notebook(ctx);
        notebooks.rename(n.id(), ctx.formParam("title"));
        redirect(ctx, Paths.notebook(n.id()));
    }

    /** POST /notebooks/{id}/delete */
    public void delete(Context ctx) {
        notebooks.delete(requests.notebook(ctx).id());
        redirect(ctx, Paths.NOTEBOOKS);
    }

    /** POST /notebooks/{id}/share : a read-only link to the notebook. */
    public void share(Context ctx) {
        // the notebook is found first: a link to a notebook that does not exist is never made
        Shares.Created made = shares.create(Shares.NOTEBOOK, requests.notebook(ctx).id(), "");
        if (Htmx.wantsFragment(ctx)) {
            ctx.status(HttpStatus.CREATED).html(pages.render("notebook/shareResult.jte", new NotebookViews.ShareLink(Paths.share(made.token()))));
        } else {
            redirect(ctx, Paths.SHARES);
        }
    }

    // -- cells -----------------------------------------------------------------------------------------------------

    /** POST /notebooks/{id}/cells (form: kind=markdown|sql, source) */
    public void addCell(Context ctx) {
        Notebooks.Notebook n = requests.notebook(ctx);
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
        Notebooks.Notebook n = requests.notebook(ctx);
        Notebooks.Cell c = requests.cell(ctx, n.id());
        if (!Htmx.wantsFragment(ctx)) {
            redirect(ctx, Paths.notebook(n.id()) + "#" + Ids.notebookCell(c.id()));
            return;
        }
        Htmx.vary(ctx);
        ctx.html(pages.render("notebook/cell.jte", views.cell(c, true, false, false, false, null)));
    }

    /** GET /notebooks/{id}/cells/{cellId}/result : one SQL cell's result fragment (what its placeholder loads). */
    public void cellResult(Context ctx) {
        Notebooks.Notebook n = requests.notebook(ctx);
        renderResult(ctx, requests.cell(ctx, n.id()), null);
    }

    /** GET /r/{token}/nbcells/{cellId}/result : the same under a notebook link. */
    public void sharedCellResult(Context ctx) {
        renderResult(ctx, requests.sharedCell(ctx), ctx.pathParam("token"));
    }

    private void renderResult(Context ctx, Notebooks.Cell c, String shareToken) {
        if (!c.isSql()) throw new NotFound("a markdown cell has no result");
        Htmx.vary(ctx);
        ctx.html(pages.render("notebook/result.jte", views.result(c, shareToken)));
    }

    /** GET /notebooks/{id}/cells/{cellId}/edit : the cells with this one's editor open. */
    public void editForm(Context ctx) {
        Notebooks.Notebook n = requests.notebook(ctx);
        Notebooks.Cell c = requests.cell(ctx, n.id());
        Htmx.vary(ctx);
        ctx.html(pages.render("notebook/cells.jte", views.cells(n.id(), true, c.id(), null)));
    }

    /** POST /notebooks/{id}/cells/{cellId}/edit (form: source, chart_type, chart_x, chart_y, chart_series) */
    public void editCell(Context ctx) {
        Notebooks.Notebook n = requests.notebook(ctx);
        Notebooks.Cell c = requests.cell(ctx, n.id());
        String source = ctx.formParam("source");
        if (source == null) throw new BadInput("source", "the form has no source field", List.of("source"));
        String type = blank(ctx.formParam("chart_type"));
        notebooks.editCell(n.id(), c.id(), source, c.isSql() ? new Notebooks.Chart(type, ctx.formParam("chart_x"),
                ctx.formParam("chart_y"), ctx.formParam("chart_series")) : Notebooks.Chart.NONE);
        cellsResponse(ctx, n.id(), null);
    }

    /** POST /notebooks/{id}/cells/{cellId}/move (form: direction=up|down) */
    public void moveCell(Context ctx) {
        Notebooks.Notebook n = requests.notebook(ctx);
        Notebooks.Cell c = requests.cell(ctx, n.id());
        String dir = ctx.formParam("direction");
        if (!"up".equals(dir) && !"down".equals(dir)) {
            throw new BadInput("direction", "direction is up or down, got " + BadInput.quote(String.valueOf(dir)), List.of("up", "down"));
        }
        notebooks.move(n.id(), c.id(), dir.equals("up") ? -1 : 1);
        cellsResponse(ctx, n.id(), null);
    }

    /** POST /notebooks/{id}/cells/{cellId}/delete */
    public void deleteCell(Context ctx) {
        Notebooks.Notebook n = requests.notebook(ctx);
        notebooks.deleteCell(n.id(), requests.cell(ctx, n.id()).id());
        cellsResponse(ctx, n.id(), null);
    }

    // -- plumbing --------------------------------------------------------------------------------------------------

    private void cellsResponse(Context ctx, String notebookId, String editing) {
        if (Htmx.wantsFragment(ctx)) {
            ctx.html(pages.render("notebook/cells.jte", views.cells(notebookId, true, editing, null)));
        } else {
            redirect(ctx, Paths.notebook(notebookId));
        }
    }

    private static void redirect(Context ctx, String url) {
        ctx.redirect(url, HttpStatus.SEE_OTHER);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
