package probelab.web.common;

import probelab.report.ReportUrls;

/** Every URL the app serves, shared by the route table, the controllers and the templates. */
public final class Paths {
    private Paths() {
    }

    public static final String OVERVIEW = "/";
    /** The overview's header alone, which refreshes itself while a job runs. */
    public static final String HEADER = "/header";
    public static final String CELL = "/cells/{cell}";
    public static final String CELL_JSON = "/cells/{cell}.json";
    public static final String CELL_CSV = "/cells/{cell}.csv";
    public static final String CELL_SAMPLES_CSV = "/cells/{cell}/samples.csv";
    /** The report of a filter as one self-contained HTML file (a download). */
    public static final String REPORT_HTML = "/report.html";
    public static final String JOBS = "/jobs";
    public static final String JOBS_ESTIMATE = "/jobs/estimate";
    public static final String JOB = "/jobs/{id}";
    public static final String JOB_PROGRESS = "/jobs/{id}/progress";
    public static final String JOB_CANCEL = "/jobs/{id}/cancel";
    public static final String JOB_EXTEND = "/jobs/{id}/extend";
    public static final String RUNTIMES = "/runtimes";
    /** The fact-check: every published claim against this machine's measurements (read-only). */
    public static final String CLAIMS_CHECK = "/claims/check";

    public static final String API_RUNTIMES = "/api/runtimes";
    public static final String API_TOOLCHAINS = "/api/toolchains";
    public static final String API_JOBS = "/api/jobs";
    public static final String API_JOB = "/api/jobs/{id}";
    public static final String API_JOB_CANCEL = "/api/jobs/{id}/cancel";
    public static final String API_JOB_EXTEND = "/api/jobs/{id}/extend";
    public static final String API_INFO = "/api/info";
    public static final String API_VERDICT = "/api/verdict";
    public static final String API_CLAIMS_CHECK = "/api/claims/check";
    /** This server's machine (GET) and its name (PUT {"name": ...}). */
    public static final String API_MACHINE = "/api/machine";
    /** Import a result bundle: POST the zip as the raw body. */
    public static final String API_BUNDLES = "/api/bundles";

    // read-only share links: every route under /r/{token} is a GET of report data
    public static final String SHARE = "/r/{token}";
    public static final String SHARE_HEADER = "/r/{token}/header";
    public static final String SHARE_CELL = "/r/{token}/cells/{cell}";
    public static final String SHARE_CELL_JSON = "/r/{token}/cells/{cell}.json";
    public static final String SHARE_CELL_CSV = "/r/{token}/cells/{cell}.csv";
    public static final String SHARE_CELL_SAMPLES_CSV = "/r/{token}/cells/{cell}/samples.csv";
    public static final String SHARE_SAMPLES_PARQUET = "/r/{token}/samples.parquet";
    public static final String SHARE_REPORT_HTML = "/r/{token}/report.html";
    public static final String SHARE_VERDICT = "/r/{token}/api/verdict";
    public static final String SHARE_NB_CELL_JSON = "/r/{token}/nbcells/{cellId}.json";
    public static final String SHARE_NB_CELL_RESULT = "/r/{token}/nbcells/{cellId}/result";
    public static final String SHARE_NB_CELL_CSV = "/r/{token}/nbcells/{cellId}.csv";
    /** The filtered samples of a report view, as Parquet. */
    public static final String SAMPLES_PARQUET = "/samples.parquet";
    public static final String SHARES = "/shares";
    public static final String API_SHARES = "/api/shares";
    /** A link by its public id (or its token): links are listed and revoked by id. */
    public static final String API_SHARE = "/api/shares/{id}";
    public static final String API_SQL = "/api/sql";
    public static final String NOTEBOOKS = "/notebooks";
    public static final String NOTEBOOK = "/notebooks/{id}";
    public static final String NOTEBOOK_TITLE = "/notebooks/{id}/title";
    public static final String NOTEBOOK_DELETE = "/notebooks/{id}/delete";
    public static final String NOTEBOOK_SHARE = "/notebooks/{id}/share";
    public static final String NOTEBOOK_CELLS = "/notebooks/{id}/cells";
    public static final String NOTEBOOK_CELL = "/notebooks/{id}/cells/{cellId}";
    public static final String NOTEBOOK_CELL_RESULT = "/notebooks/{id}/cells/{cellId}/result";
    public static final String NOTEBOOK_CELL_JSON = "/notebooks/{id}/cells/{cellId}.json";
    public static final String NOTEBOOK_CELL_CSV = "/notebooks/{id}/cells/{cellId}.csv";
    public static final String NOTEBOOK_CELL_EDIT = "/notebooks/{id}/cells/{cellId}/edit";
    public static final String NOTEBOOK_CELL_MOVE = "/notebooks/{id}/cells/{cellId}/move";
    public static final String NOTEBOOK_CELL_DELETE = "/notebooks/{id}/cells/{cellId}/delete";

    public static final String STATIC = "/static";
    public static final String WEBJARS = "/webjars";

    /** {@code query} is a canonical, already-encoded query string without '?', or empty. */
    public static String overview(String query) {
        return withQuery(OVERVIEW, query);
    }

    public static String cell(String cell, String query) {
        return withQuery("/cells/" + enc(cell), query);
    }

    public static String cellJson(String cell, String query) {
        return withQuery("/cells/" + enc(cell) + ".json", query);
    }

    public static String cellCsv(String cell, String query) {
        return withQuery("/cells/" + enc(cell) + ".csv", query);
    }

    public static String cellSamplesCsv(String cell, String query) {
        return withQuery("/cells/" + enc(cell) + "/samples.csv", query);
    }

    public static String job(String id) {
        return "/jobs/" + enc(id);
    }

    public static String jobProgress(String id) {
        return "/jobs/" + enc(id) + "/progress";
    }

    public static String jobExtend(String id) {
        return "/jobs/" + enc(id) + "/extend";
    }

    public static String jobCancel(String id) {
        return "/jobs/" + enc(id) + "/cancel";
    }

    public static String apiJob(String id) {
        return "/api/jobs/" + enc(id);
    }

    /** The report filtered to one job. */
    public static String reportOfJob(String id) {
        return overview("job=" + enc(id));
    }

    public static String share(String token) {
        return ReportUrls.share(token);
    }

    public static String apiShare(long id) {
        return "/api/shares/" + id;
    }

    public static String notebook(String id) {
        return "/notebooks/" + enc(id);
    }

    /** A notebook's own path plus {@code rest} ("/cells", "/title", ...). */
    public static String notebook(String id, String rest) {
        return notebook(id) + rest;
    }

    public static String notebookCell(String id, String cellId, String rest) {
        return notebook(id) + "/cells/" + enc(cellId) + rest;
    }

    /**
     * {@code path} (absolute, maybe with a query) under {@code base}: "" leaves it as it is; "/r/tok" turns "/" into
     * "/r/tok" and "/cells/rtt?x" into "/r/tok/cells/rtt?x".
     */
    public static String under(String base, String path) {
        return ReportUrls.under(base, path);
    }

    public static String withQuery(String path, String query) {
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }

    public static String enc(String s) {
        return ReportUrls.enc(s);
    }
}
