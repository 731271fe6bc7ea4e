package probelab.web.share;

import probelab.web.common.Layout;

import java.util.List;

/** The typed records the share templates take. */
public final class ShareViews {
    private ShareViews() {
    }

    /** share/listPage.jte */
    public record ListPage(Layout layout, List<Link> links, boolean canRevoke) {
    }

    /** One row of the list: by public id, since the server cannot show a link's URL again. */
    public record Link(long id, String kind, String what, String createdAt, String frozenRuns, boolean active,
                       String revokedAt, String revokeUrl, String domId) {
    }
}
