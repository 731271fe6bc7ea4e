package probelab.web.overview;

import probelab.report.CellKind;
import probelab.report.CellResult;
import probelab.report.FilterParser;
import probelab.report.ReportFilter;
import probelab.report.ReportService;
import probelab.jobs.JobStatus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import probelab.analysis.Aggregates;
import probelab.storage.report.ReportQueries;
import probelab.web.common.CsvWriter;
import probelab.web.common.Htmx;
import probelab.web.common.Layout;
import probelab.web.common.Pages;
import probelab.web.common.Paths;
import probelab.web.common.Query;
import probelab.report.ClaimsOverlay;
import probelab.jobs.JobService;
import probelab.web.share.SharedView;
import probelab.web.share.ViewFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The notebook: the overview page, each cell on its own (HTML, .json, .csv), and the header. */
public final class OverviewController {
    /** A samples download stops after this many rows (and says so in a header). */
    public static final int MAX_CSV_SAMPLES = 1_000_000;
    private static final int JOB_CHOICES = 30;
    /** The diagnostics cell's id: not a {@link CellKind} (it has no metric family), but it has a .json twin. */
    static final String DIAGNOSTICS = "diagnostics";
    /** The diagnostics read stops after this many rows ({@code Diagnostics.forRuns}). */
    static final int MAX_DIAGNOSTICS = 200;
    private static final int MACHINES = 5;
    private static final int SOFTWARE = 24;
    /** Long tables show their head on the overview; the cell's own page and CSV have every row. */
    static final int OVERVIEW_ROWS = 40;

    private final ReportService report;
    private final FilterParser filters;
    private final JobService jobs;
    private final Pages pages;
    private final ObjectMapper json;
    private final ClaimsOverlay claims;

    public OverviewController(ReportService report, FilterParser filters, JobService jobs, Pages pages, ObjectMapper json,
                              ClaimsOverlay claims) {
        this.claims = claims;
        this.report = report;
        this.filters = filters;
        this.jobs = jobs;
        this.pages = pages;
        this.json = json;
    }

    /** GET / : the whole page, or (htmx) the report fragment with the canonical URL pushed. */
    public void page(Context ctx) {
        ReportFilter f = filter(ctx);
        Views.Report view = report(f);
        Htmx.vary(ctx);
        SharedView shared = SharedView.of(ctx);
        if (Htmx.wantsFragment(ctx)) {
            Htmx.pushUrl(ctx, f.url(Paths.overview(f.query())));
            ctx.html(pages.render("overview/report.jte", view));
        } else if (shared != null) {
            Views.ShareBanner banner = new Views.ShareBanner(shared.createdAt(),
                    shared.newerRuns() > 0 ? Long.toString(shared.newerRuns()) : null, shared.liveUrl());
            ctx.html(pages.render("share/reportPage.jte", new Views.SharedReportPage(
                    pages.layout("Shared report", Layout.Section.SHARED, true), banner, view)));
        } else {
            ctx.html(pages.render("overview/page.jte", new Views.OverviewPage(pages.layout("Report", Layout.Section.REPORT, true), view)));
        }
    }

    /** GET /header : the header fragment (it polls itself while a job runs). */
    public void header(Context ctx) {
        ReportFilter f = filter(ctx);
        Htmx.vary(ctx);
        ctx.html(pages.render("overview/header.jte", header(f)));
    }

    /** GET /cells/{cell} : one cell, as a fragment for htmx or as a page of its own. */
    public void cell(Context ctx) {
        CellKind kind = CellKind.parse(ctx.pathParam("cell"));
        ReportFilter f = filter(ctx);
        Views.Cell view = OverviewViews.cell(report.cell(kind, f), f, polling(f), Integer.MAX_VALUE, claims.table(kind, f));
        Htmx.vary(ctx);
        if (Htmx.wantsFragment(ctx)) {
            ctx.html(pages.render("overview/cell.jte", view));
        } else {
            ctx.html(pages.render("overview/cellPage.jte", new Views.CellPage(
                    pages.layout(kind.title(), f.frozenShare() != null ? Layout.Section.SHARED : Layout.Section.REPORT, true),
                    view, f.inWords(), f.url(Paths.overview(f.query())))));
        }
    }

    /** GET /cells/{cell}.json : the data behind the cell: its aggregate rows, failures and Plotly figures. */
    public void cellJson(Context ctx) throws IOException {
        if (DIAGNOSTICS.equals(ctx.pathParam("cell"))) {
            diagnosticsJson(ctx);
            return;
        }
        CellKind kind = CellKind.parse(ctx.pathParam("cell"));
        ReportFilter f = filter(ctx);
        CellResult r = report.cell(kind, f);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("cell", kind.id());
        doc.put("title", kind.title());
        doc.put("filter", f);
        doc.put("query", f.query());
        doc.put("unit", r.unit());
        doc.put("notes", r.notes());
        doc.put("truncated", r.truncated());
        doc.put("rows", r.rows());
        doc.put("failures", r.failures());
        doc.put("figures", f.claims() ? claims.overlay(kind, f, r.figures()) : r.figures());
        if (f.claims()) doc.put("publishedClaims", claims.matching(kind, f));
        ctx.contentType("application/json").result(json.writeValueAsBytes(doc));
    }

    /**
     * GET /cells/diagnostics.json : the diagnostics cell's data, the rows of {@code v_diagnostics} for the filtered runs
     * (run_id, runtime, rule, severity, evidence, fix), worst first, at most {@link #MAX_DIAGNOSTICS}.
     */
    private void diagnosticsJson(Context ctx) throws IOException {
        ReportFilter f = filter(ctx);
        var rows = report.queries().diagnostics(f.samples());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("cell", DIAGNOSTICS);
        doc.put("title", "What may distort these figures");
        doc.put("filter", f);
        doc.put("query", f.query());
        doc.put("truncated", rows.size() >= MAX_DIAGNOSTICS);
        doc.put("rows", rows);
        ctx.contentType("application/json").result(json.writeValueAsBytes(doc));
    }

    /**
     * GET /api/verdict : the verdict summary of the filtered view as JSON, per headline question: the sentence and,
     * per runtime, rank, ratio, ratioLow, ratioHigh, pValue, pAdjusted, verdict and words.
     */
    public void verdictJson(Context ctx) throws IOException {
        ReportFilter f = filter(ctx);
        List<CellKind> families = java.util.Arrays.stream(CellKind.values())
                .filter(k -> k.family() != null && f.shows(k)).toList();
        List<Map<String, Object>> answers = new ArrayList<>();
        for (var a : VerdictViews.answers(report.cells(f, families), f.baseline())) answers.add(VerdictViews.json(a));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("filter", f);
        doc.put("query", f.query());
        doc.put("baseline", f.baseline());
        doc.put("answers", answers);
        ctx.contentType("application/json").result(json.writeValueAsBytes(doc));
    }

    /** GET /cells/{cell}.csv : the aggregate table (Tablesaw's columns), in the server's one CSV format. */
    public void cellCsv(Context ctx) {
        CellKind kind = CellKind.parse(ctx.pathParam("cell"));
        ReportFilter f = filter(ctx);
        CellResult r = report.cell(kind, f);
        try (CsvWriter csv = CsvWriter.download(ctx, "probelab-" + kind.id() + ".csv")) {
            csv.table(Aggregates.toTable(kind.id(), r.rows()));
        }
    }

    /** GET /cells/{cell}/samples.csv : every stored sample behind the cell, ok and failed, streamed. */
    public void cellSamplesCsv(Context ctx) {
        CellKind kind = CellKind.parse(ctx.pathParam("cell"));
        ReportFilter f = filter(ctx);
        List<String> metrics = kind == CellKind.HEATMAP ? List.of(f.heat().metricId()) : kind.familyMetrics();
        // streamed straight to the response: a million rows never sit in memory
        try (CsvWriter csv = CsvWriter.download(ctx, "probelab-" + kind.id() + "-samples.csv")) {
            csv.row("job_id", "run_id", "runtime", "go_version", "project_size", "metric", "variant",
                    "iteration", "value", "unit", "status", "error", "measured_at");
            boolean truncated = report.queries().rawSamples(f.samples(), metrics, MAX_CSV_SAMPLES, s ->
                    csv.row(s.jobId(), s.runId(), s.runtime(), s.goVersion(), s.size(), s.metric(), s.variant(),
                            s.iteration(), s.value(), s.unit(), s.status(), s.error(), s.measuredAt()));
            // the status line is long gone when we learn this, so the last line says it
            if (truncated) csv.comment("truncated after " + MAX_CSV_SAMPLES + " rows: narrow the filter");
        }
    }

    // -- shared by the page and the fragments ---------------------------------------------------------------------

    private Views.Report report(ReportFilter f) {
        ReportQueries q = report.queries();
        FilterParser.Choices choices = filters.choices();
        // the machines of this view, for the baselines: only asked for when the database holds several
        List<probelab.storage.report.MachineReads.Machine> inView = choices.withData().machines().size() > 1 ? q.machines(f.samples(), MACHINES).items() : List.of();
        Views.FilterBar bar = OverviewViews.filterBar(f, choices, q.recentJobs(JOB_CHOICES),
                f.frozenShare() == null && !pages.readOnly(), inView);
        boolean polling = polling(f);
        // the header's queries run alongside the cells'
        var header = report.async(() -> header(f));
        var diagnostics = report.async(() -> new Views.DiagnosticsCell(report.queries().diagnostics(f.samples()),
                f.url(Paths.cellJson(DIAGNOSTICS, f.query()))));
        List<CellKind> shown = java.util.Arrays.stream(CellKind.values()).filter(f::shows).toList();
        Map<CellKind, CellResult> results = report.cells(f, shown);
        List<Views.Cell> cells = new ArrayList<>();
        for (CellResult r : results.values()) {
            cells.add(OverviewViews.cell(r, f, polling, OVERVIEW_ROWS, claims.table(r.kind(), f)));
        }
        Views.VerdictCell verdict = VerdictViews.cell(VerdictViews.answers(results, f.baseline()),
                f.url(Paths.withQuery(Paths.API_VERDICT, f.query())), measureMore(f, results, polling));
        try {
            return new Views.Report(bar, header.join(), diagnostics.join(), verdict, cells);
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw e;
        }
    }

    /**
     * The button that queues a follow-up for a finished job's undecided comparisons: only on a live, writable view of
     * one job with nothing running, and only when more iterations would likely decide something.
     */
    private Views.MeasureMore measureMore(ReportFilter f, Map<CellKind, CellResult> results, boolean polling) {
        if (f.jobId() == null || f.frozenShare() != null || pages.readOnly() || polling) return null;
        return FollowUp.of(results, f.baseline()).map(fu -> new Views.MeasureMore(Paths.jobExtend(f.jobId()), f.baseline(),
                "Measure more: " + fu.extraRuns() + " more iterations of " + String.join(", ", fu.runtimes())
                        + " would likely decide " + fu.comparisons() + " undecided comparison"
                        + (fu.comparisons() == 1 ? "" : "s"))).orElse(null);
    }

    private Views.Header header(ReportFilter f) {
        ReportQueries q = report.queries();
        var sf = f.samples();
        // a shared view is frozen: no job banner, no polling
        var running = f.frozenShare() != null ? java.util.Optional.<probelab.jobs.JobStatus>empty() : jobs.running();
        return OverviewViews.header(f, q.totals(sf), q.machines(sf, MACHINES), q.software(sf, SOFTWARE),
                q.engineConfigs(sf, SOFTWARE), running);
    }

    /** Cells refresh themselves while a job is queued or running, so the report fills in as samples arrive. */
    private boolean polling(ReportFilter f) {
        return f.frozenShare() == null && !jobs.active().isEmpty();
    }

    /** The request's filter; under /r/{token}, inside the link's frozen run set (and its query when none is given). */
    private ReportFilter filter(Context ctx) {
        return ViewFilter.of(ctx, filters);
    }
}
