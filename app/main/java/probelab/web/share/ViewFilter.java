package probelab.web.share;

import io.javalin.http.Context;
import probelab.web.common.Query;
import probelab.report.FilterParser;
import probelab.report.ReportFilter;

/** A request's report filter: the live one, or under /r/{token} the link's, inside its frozen run set. */
public final class ViewFilter {
    private ViewFilter() {
    }

    public static ReportFilter of(Context ctx, FilterParser filters) {
        SharedView shared = SharedView.of(ctx);
        if (shared == null) return filters.parse(Query.params(ctx));
        return filters.parse(Query.parse(shared.queryOf(ctx)), false).frozenTo(shared.token());
    }
}
