package probelab.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

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
    public static final String JOBS = "/jobs";
    public static final String JOB = "/jobs/{id}";
    public static final String JOB_PROGRESS = "/jobs/{id}/progress";
    public static final String JOB_CANCEL = "/jobs/{id}/cancel";
    public static final String RUNTIMES = "/runtimes";

    public static final String API_RUNTIMES = "/api/runtimes";
    public static final String API_TOOLCHAINS = "/api/toolchains";
    public static final String API_JOBS = "/api/jobs";
    public static final String API_JOB = "/api/jobs/{id}";
    public static final String API_JOB_CANCEL = "/api/jobs/{id}/cancel";
    public static final String API_INFO = "/api/info";

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

    public static String withQuery(String path, String query) {
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
