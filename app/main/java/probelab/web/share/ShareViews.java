package probelab.web.share;

import probelab.web.Layout;
import probelab.web.overview.Views;

import java.util.List;

/** The typed records the share templates take. */
public final class ShareViews {
    private ShareViews() {
    }

    /** share/reportPage.jte: a report frozen to a link's run set, with the newer-data banner above it. */
    public record ReportPage(Layout layout, Banner banner, Views.Report report) {
    }

    /** Null fields leave the banner out. */
    public record Banner(String createdAt, String newerRuns, String liveUrl) {
    }

    /** share/listPage.jte */
    public record ListPage(Layout layout, List<Link> links, boolean canRevoke) {
    }

    /** One row of the list: by public id, since the server cannot show a link's URL again. */
    public record Link(long id, String kind, String what, String createdAt, String frozenRuns, boolean active,
                       String revokedAt, String revokeUrl, String domId) {
    }
}
