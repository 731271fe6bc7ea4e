package probelab.web.reportfile;

import probelab.report.ReportFileData;
import io.javalin.http.Context;
import probelab.storage.report.ReportFileReads;
import probelab.storage.report.ReportQueries;
import probelab.report.FilterParser;
import probelab.report.HistogramCache;
import probelab.report.ReportFilter;
import probelab.web.share.ViewFilter;

/**
 * GET /report.html (and /r/{token}/report.html): the report of the request's filter as one self-contained HTML file,
 * sent as a download. It only reads, so read-only servers and share links offer it too.
 */
public final class ReportFileController {
    private final FilterParser filters;
    private final ReportQueries queries;
    private final HistogramCache histograms;
    private final ReportFileReads reads;
    private final ReportFile file;
    private final String version;

    public ReportFileController(FilterParser filters, ReportQueries queries, HistogramCache histograms, ReportFileReads reads,
                                ReportFile file, String version) {
        this.filters = filters;
        this.queries = queries;
        this.histograms = histograms;
        this.reads = reads;
        this.file = file;
        this.version = version;
    }

    public void download(Context ctx) {
        ReportFilter f = ViewFilter.of(ctx, filters);
        byte[] html = file.html(ReportFileData.read(f, queries, histograms, reads, version), ReportFile.header(f, queries));
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(f) + "\"");
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    /** "probelab-report-20250101-handmade.html", or "...-all-jobs.html" for pooled jobs: only safe characters. */
    public static String fileName(ReportFilter f) {
        String scope = f.jobId() == null ? "all-jobs" : f.jobId().replaceAll("[^A-Za-z0-9._-]", "_");
        return "probelab-report-" + scope + ".html";
    }
}
