package probelab.web.share;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import probelab.storage.shares.Shares;
import probelab.report.Format;
import probelab.web.common.Layout;
import probelab.web.common.NotFound;
import probelab.web.common.Pages;
import probelab.web.common.Paths;
import probelab.web.common.Query;
import probelab.web.common.JsonBody;
import probelab.report.FilterParser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only links. Every /r/{token} route goes through {@link #readReport}, {@link #readNotebook} or {@link #readPage}:
 * the token must open an active link (else 404) of the kind the route serves, so a notebook link opens its notebook
 * and that notebook's cells only, and a report link no notebook. The frozen run set then goes to the handler as a
 * {@link SharedView}; nothing else is reachable under /r/. Links are listed and revoked by their public id: the
 * server keeps no token, so only the creator's response ever shows one.
 */
public final class ShareController {
    private final Shares shares;
    private final FilterParser filters;
    private final Pages pages;
    private final ObjectMapper json;

    public ShareController(Shares shares, FilterParser filters, Pages pages, ObjectMapper json) {
        this.shares = shares;
        this.filters = filters;
        this.pages = pages;
        this.json = json;
    }

    /** A report route under /r/{token}: 404 unless the token opens an active report link. */
    public Handler readReport(Handler report) {
        return readOnly(Shares.REPORT, report);
    }

    /** A notebook route under /r/{token}: 404 unless the token opens an active link to a notebook. */
    public Handler readNotebook(Handler notebook) {
        return readOnly(Shares.NOTEBOOK, notebook);
    }

    /** /r/{token} itself: the report view or the notebook, whichever the link shows. */
    public Handler readPage(Handler report, Handler notebook) {
        return ctx -> {
            SharedView view = resolve(ctx);
            view.attachTo(ctx);
            (view.link().notebook() ? notebook : report).handle(ctx);
        };
    }

    private Handler readOnly(String kind, Handler handler) {
        return ctx -> {
            SharedView view = resolve(ctx);
            // the same 404 as an unknown token: a link reaches what it shows and nothing beside it
            if (!view.link().kind().equals(kind)) throw new NotFound(SharedView.NO_SUCH_LINK);
            view.attachTo(ctx);
            handler.handle(ctx);
        };
    }

    private SharedView resolve(Context ctx) {
        String token = ctx.pathParam("token");
        Shares.Share s = shares.active(token).orElseThrow(() -> new NotFound(SharedView.NO_SUCH_LINK));
        String live = s.notebook() ? Paths.notebook(s.notebookId()) : Paths.overview(s.query());
        return new SharedView(token, s, shares.newerRuns(token), live);
    }

    /** POST /api/shares {"query": "runtime=docker&..."} -> 201 {"url": "/r/...", "token": "...", "id": 7, ...} */
    public void create(Context ctx) {
        String raw = JsonBody.stringField(ctx, json, "query", false).strip();
        if (raw.startsWith("?")) raw = raw.substring(1);
        // the same strict decoding and validation as the report: a link never stores a query the report refuses
        String canonical = filters.parse(Query.parse(raw)).query();
        Shares.Created made = shares.create(Shares.REPORT, null, canonical);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", Paths.share(made.token()));
        body.put("token", made.token());
        body.put("id", made.share().id());
        body.put("query", made.share().query());
        body.put("frozenRuns", made.share().frozenRuns());
        ctx.status(HttpStatus.CREATED).header("Location", Paths.share(made.token())).json(body);
    }

    /** DELETE /api/shares/{id} (the public id, or the token itself) -> 204; 404 when there is no such active link. */
    public void revoke(Context ctx) {
        String ref = ctx.pathParam("id");
        boolean revoked = ref.matches("[0-9]{1,18}") ? shares.revoke(Long.parseLong(ref)) : shares.revokeToken(ref);
        if (!revoked) throw new NotFound("there is no such active link");
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /** GET /api/shares : every link by id; the URLs are not stored, so they are not here. */
    public void listJson(Context ctx) {
        ctx.json(shares.list().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("kind", s.kind());
            m.put("notebookId", s.notebookId());
            m.put("query", s.query());
            m.put("createdAt", s.createdAt());
            m.put("revokedAt", s.revokedAt());
            m.put("active", s.active());
            m.put("frozenRuns", s.frozenRuns());
            return m;
        }).toList());
    }

    /** GET /shares : every link, with revoke buttons where the server may change things. */
    public void listPage(Context ctx) {
        Layout layout = pages.layout("Links", Layout.Section.SHARES, false);
        List<ShareViews.Link> links = shares.list().stream().map(s -> new ShareViews.Link(s.id(), s.kind(),
                s.notebook() ? "notebook " + s.notebookId() : s.query().isEmpty() ? "the whole report" : s.query(),
                Format.instant(s.createdAt()), Format.count(s.frozenRuns()), s.active(),
                s.revokedAt() == null ? "" : Format.instant(s.revokedAt()), Paths.apiShare(s.id()),
                "share-" + s.id())).toList();
        ctx.html(pages.render("share/listPage.jte", new ShareViews.ListPage(layout, links, layout.controls())));
    }
}
