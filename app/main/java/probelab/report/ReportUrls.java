package probelab.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** How a report's URLs are spelled where the report itself needs them: query values, and the prefix of a share link. */
public final class ReportUrls {
    private ReportUrls() {
    }

    /** A query value or path segment, form-encoded. */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Where a share link's pages live: /r/{token}. */
    public static String share(String token) {
        return "/r/" + enc(token);
    }

    /** {@code path} (with its query) under {@code base}: "" for the live report, a share link's prefix inside one. */
    public static String under(String base, String path) {
        if (base == null || base.isEmpty()) return path;
        if (path.equals("/")) return base;
        if (path.startsWith("/?")) return base + path.substring(1);
        return base + path;
    }
}
