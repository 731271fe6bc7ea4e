package probelab.web.claims;

import probelab.web.common.Layout;

import java.util.List;

/**
 * claims/check.jte: every published claim against this machine's measurements. {@code verdicts} and
 * {@code articles} are the filter links with their counts (over all claims); {@code rows} are the claims the filter
 * keeps, each with its verdict, or the reason it is not comparable.
 */
public record ClaimCheckPage(Layout layout, int total, List<Link> verdicts, List<Link> articles, List<ReasonCount> reasons,
                             String rule, String filterSummary, String allUrl, String jsonUrl, boolean truncated,
                             List<Row> rows) {
    /** A filter link: its label, how many claims it keeps, and whether it is the current choice. */
    public record Link(String id, String label, int count, String url, boolean selected) {
    }

    /** One reason of the fixed list, how many claims it decides, and the link that shows them. */
    public record ReasonCount(String id, String label, String description, int count, String url) {
    }

    /**
     * One claim's row. {@code measured}/{@code where}/{@code jobs} are empty without a measurement;
     * {@code reportUrl} links to the report cell the verdict comes from, {@code jobFormUrl} to a pre-filled job form
     * for a claim that only lacks a measurement (null on read-only servers).
     */
    public record Row(String claimId, String rowId, String article, String sourceFile, String section, String claimed,
                      String statistic, String runtime, String metric, String variant, String originalText,
                      String environment, String verdict, String verdictLabel, String reasonLabel, String detail,
                      String otherReasons, String basis, String measured, String where, String jobs, String factor,
                      String reportUrl, String jobFormUrl) {
    }
}
