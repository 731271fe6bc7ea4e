package probelab.web.overview;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import probelab.analysis.Aggregates;
import probelab.storage.ReportQueries;
import probelab.web.Htmx;
import probelab.web.Layout;
import probelab.web.Pages;
import probelab.web.Paths;
import probelab.web.Query;
import probelab.web.jobs.JobService;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The notebook: the overview page, each cell on its own (HTML, .json, .csv), and the header. */
public final class OverviewController {
    /** A samples download stops after this many rows (and says so in a header). */
    public static final int MAX_CSV_SAMPLES = 1_000_000;
    private static final int JOB_CHOICES = 30;
    private static final int MACHINES = 5;
    private static final int SOFTWARE = 24;
    /** Long tables show their head on the overview; the cell's own page and CSV have every row. */
    static final int OVERVIEW_ROWS = 40;

    private final ReportService report;
    private final FilterParser filters;
    private final JobService jobs;
    private final Pages pages;
    private final ObjectMapper json;

    public OverviewController(ReportService report, FilterParser filters, JobService jobs, Pages pages, ObjectMapper json) {
        this.report = report;
        this.filters = filters;
        this.jobs = jobs;
        this.pages = pages;
        this.json = json;
    }

    /** GET / : the whole page, or (htmx) the report fragment with the canonical URL pushed. */
    public void page(Context ctx) {
        ReportFilter f = filters.parse(Query.params(ctx));
        Views.Report view = report(f);
        Htmx.vary(ctx);
        if (Htmx.wantsFragment(ctx)) {
            Htmx.pushUrl(ctx, Paths.overview(f.query()));
            ctx.html(pages.render("overview/report.jte", view));
        } else {
            ctx.html(pages.render("overview/page.jte", new Views.OverviewPage(pages.layout("Report", Layout.Section.REPORT, true), view)));
        }
    }

    /** GET /header : the header fragment (it polls itself while a job runs). */
    public void header(Context ctx) {
        ReportFilter f = filters.parse(Query.params(ctx));
        Htmx.vary(ctx);
        ctx.html(pages.render("overview/header.jte", header(f)));
    }

    /** GET /cells/{cell} : one cell, as a fragment for htmx or as a page of its own. */
    public void cell(Context ctx) {
        CellKind kind = CellKind.parse(ctx.pathParam("cell"));
        ReportFilter f = filters.parse(Query.params(ctx));
        Views.Cell view = OverviewViews.cell(report.cell(kind, f), f, polling(), Integer.MAX_VALUE);
        Htmx.vary(ctx);
        if (Htmx.wantsFragment(ctx)) {
            ctx.html(pages.render("overview/cell.jte", view));
        } else {
            ctx.html(pages.render("overview/cellPage.jte", new Views.CellPage(
                    pages.layout(kind.title(), Layout.Section.REPORT, true), view, OverviewViews.summary(f),
                    Paths.overview(f.query()))));
        }
    }

    /** GET /cells/{cell}.json : the data behind the cell: its aggregate rows, failures and Plotly figures. */
    public void cellJson(Context ctx) throws IOException {
        CellKind kind = CellKind.parse(ctx.pathParam("cell"));
        ReportFilter f = filters.parse(Query.params(ctx));
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
        doc.put("figures", r.figures());
        ctx.contentType("application/json").result(json.writeValueAsBytes(doc));
    }

    /** GET /cells/{cell}.csv : the aggregate table, as Tablesaw writes it. */
    public void cellCsv(Context ctx) {
        CellKind kind = CellKind.parse(ctx.pathParam("cell"));
        ReportFilter f = filters.parse(Query.params(ctx));
        CellResult r = report.cell(kind, f);
        StringWriter out = new StringWriter();
        Aggregates.toTable(kind.id(), r.rows()).write().csv(out);
        attachment(ctx, "probelab-" + kind.id() + ".csv");
        ctx.result(out.toString());
    }

    /** GET /cells/{cell}/samples.csv : every stored sample behind the cell, ok and failed, streamed. */
    public void cellSamplesCsv(Context ctx) throws IOException {
        CellKind kind = CellKind.parse(ctx.pathParam("cell"));
        ReportFilter f = filters.parse(Query.params(ctx));
        List<String> metrics = kind == CellKind.HEATMAP ? List.of(f.heat().metric()) : kind.familyMetrics();
        attachment(ctx, "probelab-" + kind.id() + "-samples.csv");
        // streamed straight to the response: a million rows never sit in memory
        List<String> header = List.of("job_id", "run_id", "runtime", "go_version", "project_size", "metric", "variant",
                "iteration", "value", "unit", "status", "error", "measured_at");
        try (Writer w = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            w.write(String.join(",", header));
            w.write("\n");
            boolean truncated = report.queries().rawSamples(f.samples(), metrics, MAX_CSV_SAMPLES, s -> {
                try {
                    w.write(Csv.row(s.jobId(), s.runId(), s.runtime(), s.goVersion(), s.size(), s.metric(), s.variant(),
                            Integer.toString(s.iteration()), s.value() == null ? "" : Double.toString(s.value()), s.unit(),
                            s.status(), s.error(), s.measuredAt() == null ? "" : s.measuredAt().toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            // the status line is long gone when we learn this, so the last line says it
            if (truncated) w.write("# truncated after " + MAX_CSV_SAMPLES + " rows: narrow the filter\n");
        }
    }

    // -- shared by the page and the fragments ---------------------------------------------------------------------

    private Views.Report report(ReportFilter f) {
        ReportQueries q = report.queries();
        Views.FilterBar bar = OverviewViews.filterBar(f, filters.choices(), q.recentJobs(JOB_CHOICES));
        boolean polling = polling();
        // the header's queries run alongside the cells'
        var header = report.async(() -> header(f));
        List<CellKind> shown = java.util.Arrays.stream(CellKind.values()).filter(f::shows).toList();
        List<Views.Cell> cells = new ArrayList<>();
        for (CellResult r : report.cells(f, shown).values()) {
            cells.add(OverviewViews.cell(r, f, polling, OVERVIEW_ROWS));
        }
        try {
            return new Views.Report(bar, header.join(), cells);
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw e;
        }
    }

    private Views.Header header(ReportFilter f) {
        ReportQueries q = report.queries();
        var sf = f.samples();
        return OverviewViews.header(f, q.totals(sf), q.machines(sf, MACHINES), q.software(sf, SOFTWARE), jobs.running());
    }

    /** Cells refresh themselves while a job is queued or running, so the report fills in as samples arrive. */
    private boolean polling() {
        return !jobs.active().isEmpty();
    }

    private static void attachment(Context ctx, String filename) {
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    }
}
