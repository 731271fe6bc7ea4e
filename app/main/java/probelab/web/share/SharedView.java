package probelab.web.share;

import io.javalin.http.Context;

/**
 * What a request under /r/{token} carries to the report controllers: the link's token (the frozen run set), the
 * query it was made with (used when the request has none), and whether newer data exists, with the live view's URL.
 */
public record SharedView(String token, String query, long newerRuns, String liveUrl, String createdAt) {
    private static final String ATTRIBUTE = "probelab.sharedView";

    /** The shared view this request is under, or null for the live report. */
    public static SharedView of(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    /** The query string the report shows: the request's own, or the link's when the request has none. */
    public String queryOf(Context ctx) {
        String q = ctx.queryString();
        return q == null || q.isEmpty() ? query : q;
    }
}
