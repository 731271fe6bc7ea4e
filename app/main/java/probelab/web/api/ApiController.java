package probelab.web.api;

import probelab.catalog.BadInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import probelab.storage.report.ReportQueries;
import probelab.storage.samples.SampleStore;
import probelab.toolchain.Toolchains;
import probelab.web.common.CatalogViews;
import probelab.web.common.Paths;
import probelab.web.jobs.JobFields;
import probelab.jobs.JobService;
import probelab.jobs.JobStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON API for scripts and tests; every answer is JSON, errors included. */
public final class ApiController {
    private final JobService jobs;
    private final SampleStore store;
    private final ReportQueries queries;
    private final Toolchains toolchains;
    private final CatalogViews catalog;
    private final ObjectMapper json;
    private final String version;
    private final Path database;
    private final boolean dev;
    private final Path snapshot;
    private final boolean readOnly;

    /** {@code snapshot}: the analysts' read-only copy beside the live file (null when there is none). */
    public ApiController(JobService jobs, SampleStore store, ReportQueries queries, Toolchains toolchains,
                         CatalogViews catalog, ObjectMapper json, String version, Path database, boolean dev,
                         Path snapshot, boolean readOnly) {
        this.snapshot = snapshot;
        this.readOnly = readOnly;
        this.jobs = jobs;
        this.store = store;
        this.queries = queries;
        this.toolchains = toolchains;
        this.catalog = catalog;
        this.json = json;
        this.version = version;
        this.database = database;
        this.dev = dev;
    }

    /** GET /api/runtimes */
    public void runtimes(Context ctx) {
        ctx.json(catalog.runtimes());
    }

    /** GET /api/toolchains */
    public void toolchains(Context ctx) {
        ctx.json(catalog.toolchains());
    }

    /**
     * POST /api/jobs {runtimes, go, sizes, metrics[, repeat, warmup, rttDurationMs, precisionPct, budgetSeconds | budget,
     * minRuns, maxRuns, cacheModes, scenarios]} ({@link JobFields}) -> 202 with the job id.
     */
    public void startJob(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.startsWith("application/json")) {
            throw new BadInput("Content-Type", "send the job as JSON (Content-Type: application/json)", List.of());
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.bodyAsBytes());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInput(null, "the body is not a job in JSON: " + e.getOriginalMessage(), List.of());
        } catch (IOException e) {
            throw new BadInput(null, "the body could not be read: " + e.getMessage(), List.of());
        }
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw new BadInput("the body is empty; send {\"runtimes\": [...], ...}");
        }
        JobStatus status = jobs.submit(JobFields.fromJson(body, toolchains.newest().minor()));
        ctx.status(HttpStatus.ACCEPTED);
        ctx.header("Location", Paths.apiJob(status.id()));
        ctx.json(status);
    }

    /** GET /api/jobs : recent jobs, newest first. */
    public void listJobs(Context ctx) {
        ctx.json(store.recentJobs(100));
    }

    /** GET /api/jobs/{id} */
    public void job(Context ctx) {
        ctx.json(jobs.status(ctx.pathParam("id")));
    }

    /** POST /api/jobs/{id}/cancel */
    public void cancel(Context ctx) {
        ctx.json(jobs.cancel(ctx.pathParam("id")));
    }

    /** GET /api/info */
    public void info(Context ctx) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", version);
        info.put("database", database.toString());
        // any DuckDB client may open the snapshot while the server runs and writes the live file
        info.put("snapshot", snapshot == null ? null : snapshot.toString());
        info.put("snapshotExists", snapshot != null && java.nio.file.Files.exists(snapshot));
        info.put("readOnly", readOnly);
        info.put("dev", dev);
        ReportQueries.DataVersion v = queries.version();
        info.put("samples", v.samples());
        info.put("runs", v.runs());
        info.put("jobs", v.jobs());
        info.put("histograms", v.histograms());
        ctx.json(info);
    }
}
