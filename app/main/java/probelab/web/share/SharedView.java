package probelab.web.share;

import io.javalin.http.Context;
import probelab.storage.shares.Shares;
import probelab.report.Format;
import probelab.web.common.NotFound;

/**
 * What a request under /r/{token} carries to the report and notebook controllers: the token from the URL (the links
 * it renders stay under it), the link it opens (what it shows; its query is used when the request has none), and
 * whether newer data exists, with the live view's URL.
 */
public record SharedView(String token, Shares.Share link, long newerRuns, String liveUrl) {
    private static final String ATTRIBUTE = "probelab.sharedView";
    /** What a token that opens nothing (unknown, revoked, or a link of the other kind) gets, always the same. */
    static final String NO_SUCH_LINK = "there is no such link, or it was revoked";

    /** The shared view this request is under, or null for the live report. */
    public static SharedView of(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    /** The link a handler wrapped by one of {@link ShareController}'s read methods runs under; 404 outside one. */
    public static SharedView required(Context ctx) {
        SharedView view = of(ctx);
        if (view == null) throw new NotFound(NO_SUCH_LINK);
        return view;
    }

    void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    public String query() {
        return link.query();
    }

    public String createdAt() {
        return Format.instant(link.createdAt());
    }

    /** The query string the report shows: the request's own, or the link's when the request has none. */
    public String queryOf(Context ctx) {
        String q = ctx.queryString();
        return q == null || q.isEmpty() ? query() : q;
    }
}
