package probelab.web.share;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import probelab.storage.Shares;
import probelab.web.Format;
import probelab.web.Layout;
import probelab.web.NotFound;
import probelab.web.Pages;
import probelab.web.Paths;
import probelab.web.Query;
import probelab.web.api.JsonBody;
import probelab.web.overview.FilterParser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only links. {@link #read} wraps the report's GET handlers for the /r/{token} routes: it resolves the token
 * (unknown or revoked: 404) and hands the frozen run set to the handler; nothing else is reachable under /r/.
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

    /** A report handler under /r/{token}: the token must name an active link. */
    public Handler read(Handler report) {
        return ctx -> {
            resolve(ctx).attachTo(ctx);
            report.handle(ctx);
        };
    }

    /** The active link the request's {token} names, as the report controllers see it. */
    public SharedView resolve(Context ctx) {
        String token = ctx.pathParam("token");
        Shares.Share s = shares.active(token).orElseThrow(() -> new NotFound("there is no such link, or it was revoked"));
        long newer = shares.newerRuns(s.token());
        String live = s.kind().equals(Shares.NOTEBOOK) ? Paths.notebook(s.notebookId()) : Paths.overview(s.query());
        return new SharedView(s.token(), s.query(), newer, live, Format.instant(s.createdAt()));
    }

    /** The share link itself, once resolved: which kind of view it shows. */
    public Shares.Share share(Context ctx) {
        return shares.active(ctx.pathParam("token")).orElseThrow(() -> new NotFound("there is no such link, or it was revoked"));
    }

    /** POST /api/shares {"query": "runtime=docker&..."} -> 201 {"url": "/r/...", "token": "..."} */
    public void create(Context ctx) {
        String raw = JsonBody.stringField(ctx, json, "query", false).strip();
        if (raw.startsWith("?")) raw = raw.substring(1);
        // the same strict decoding and validation as the report: a link never stores a query the report refuses
        String canonical = filters.parse(Query.parse(raw)).query();
        Shares.Share s = shares.create(Shares.REPORT, null, canonical);
        respondCreated(ctx, s);
    }

    /** A notebook link (the notebooks controller checks the notebook exists). */
    public Shares.Share createNotebookLink(String notebookId) {
        return shares.create(Shares.NOTEBOOK, notebookId, "");
    }

    private void respondCreated(Context ctx, Shares.Share s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", Paths.share(s.token()));
        body.put("token", s.token());
        body.put("query", s.query());
        body.put("frozenRuns", s.frozenRuns());
        ctx.status(HttpStatus.CREATED).header("Location", Paths.share(s.token())).json(body);
    }

    /** DELETE /api/shares/{token} -> 204; 404 when there is no such active link. */
    public void revoke(Context ctx) {
        if (!shares.revoke(ctx.pathParam("token"))) throw new NotFound("there is no such active link");
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /** GET /api/shares */
    public void listJson(Context ctx) {
        ctx.json(shares.list().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", Paths.share(s.token()));
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
        List<ShareViews.Link> links = shares.list().stream().map(s -> new ShareViews.Link(s.token(), Paths.share(s.token()),
                s.kind(), s.kind().equals(Shares.NOTEBOOK) ? "notebook " + s.notebookId()
                        : s.query().isEmpty() ? "the whole report" : s.query(),
                Format.instant(s.createdAt()), Format.count(s.frozenRuns()), s.active(),
                s.revokedAt() == null ? "" : Format.instant(s.revokedAt()), Paths.apiShare(s.token()),
                "share-" + s.token())).toList();
        ctx.html(pages.render("share/listPage.jte", new ShareViews.ListPage(layout, links, layout.controls())));
    }
}
