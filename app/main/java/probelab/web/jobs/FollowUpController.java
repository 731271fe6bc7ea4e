package probelab.web.jobs;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import probelab.jobs.JobService;
import probelab.jobs.JobStatus;
import probelab.probe.JobRequest;
import probelab.probe.JobRequestJson;
import probelab.storage.samples.SampleStore;
import probelab.web.common.Paths;
import probelab.report.CellKind;
import probelab.report.FilterParser;
import probelab.web.overview.FollowUp;
import probelab.report.ReportFilter;
import probelab.report.ReportService;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Queues the follow-up job ("measure more") for the comparisons a finished job left undecided. */
public final class FollowUpController {
    private final ReportService report;
    private final FilterParser filters;
    private final JobService jobs;
    private final SampleStore store;

    public FollowUpController(ReportService report, FilterParser filters, JobService jobs, SampleStore store) {
        this.report = report;
        this.filters = filters;
        this.jobs = jobs;
        this.store = store;
    }

    /** POST /api/jobs/{id}/extend[?baseline=...] : 202 with the follow-up's status; 409 when there is nothing to decide. */
    public void extendJson(Context ctx) {
        JobStatus queued = extend(ctx.pathParam("id"), ctx.queryParam("baseline"));
        ctx.status(HttpStatus.ACCEPTED);
        ctx.header("Location", Paths.apiJob(queued.id()));
        ctx.json(queued);
    }

    /** POST /jobs/{id}/extend (the report's button): the same, then the follow-up's page. */
    public void extendForm(Context ctx) {
        JobStatus queued = extend(ctx.pathParam("id"), ctx.formParam("baseline"));
        ctx.redirect(Paths.job(queued.id()), HttpStatus.SEE_OTHER);
    }

    private JobStatus extend(String jobId, String baseline) {
        JobStatus parent = jobs.status(jobId);
        if (parent.active()) throw new ConflictResponse("job " + jobId + " is still " + parent.status() + ": extend it when it has finished");
        // a --target job (an RTT of a given URL) or one written by another tool: nothing probelab can measure again
        JobRequest asked = JobRequestJson.read(parent.specJson()).orElseThrow(() -> new ConflictResponse(
                "job " + jobId + " has no runtimes x Go versions x sizes spec that probelab can repeat"));
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("job", List.of(jobId));
        if (baseline != null && !baseline.isBlank()) params.put("baseline", List.of(baseline));
        ReportFilter f = filters.parse(params);
        List<CellKind> families = Arrays.stream(CellKind.values()).filter(k -> k.family() != null).toList();
        FollowUp follow = FollowUp.of(report.cells(f, families), f.baseline()).orElseThrow(() -> new ConflictResponse(
                "nothing to measure more of in job " + jobId + ": every comparison against " + f.baseline()
                        + " is decided, or more samples would likely not decide it"));
        JobStatus queued = jobs.submit(follow.request(asked));
        store.linkJob(queued.id(), jobId);
        return queued;
    }
}
