package probelab.web;

import probelab.web.common.Assets;
import probelab.web.common.CatalogViews;
import probelab.web.common.Pages;
import probelab.web.common.Paths;
import probelab.web.common.Templates;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import probelab.probe.Catalogs;
import probelab.storage.bundles.Bundles;
import probelab.storage.claims.ClaimsReader;
import probelab.storage.machines.Machines;
import probelab.storage.export.Exporter;
import probelab.storage.notebooks.Notebooks;
import probelab.storage.report.ReportFileReads;
import probelab.storage.report.ReportQueries;
import probelab.storage.shares.Shares;
import probelab.storage.sandbox.SqlSandbox;
import probelab.storage.samples.SampleStore;
import probelab.web.api.ApiController;
import probelab.web.api.SqlController;
import probelab.web.claims.ClaimCheckController;
import probelab.report.ClaimsOverlay;
import probelab.web.notebook.CellExport;
import probelab.web.notebook.NotebookController;
import probelab.web.notebook.SqlResults;
import probelab.web.share.ParquetExport;
import probelab.web.share.ShareController;
import probelab.jobs.JobService;
import probelab.web.jobs.JobsController;
import probelab.report.FilterParser;
import probelab.report.HistogramCache;
import probelab.web.overview.OverviewController;
import probelab.report.ReportService;
import probelab.web.machines.BundleController;
import probelab.web.machines.MachineController;
import probelab.web.reportfile.ReportFile;
import probelab.web.reportfile.ReportFileController;
import probelab.web.runtimes.RuntimesController;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report server: builds the controllers from what the composition root hands it and declares the routes.
 * Static files: webjars (htmx, plotly) from the class path, gzip-compressed once and kept in memory, cached by
 * browsers for a year (their URLs carry their version); our static/ from disk in dev mode, else from the jar.
 */
public final class WebServer implements AutoCloseable {
    /** The uncompressed plotly.js is 11 MB: precompress anything up to this size. */
    private static final int PRECOMPRESS_MAX_BYTES = 16 * 1024 * 1024;
    private static final String YEAR = "public, max-age=31536000, immutable";

    private final WebOptions options;
    private final Javalin app;
    private final ReportService report;
    private final SqlResults sqlResults;
    private final ControlKey controlKey;

    /**
     * What the web layer needs from the rest of probelab: where it is installed, what reads and writes the database,
     * the runtimes and toolchains jobs name, and the job queue.
     */
    public record Parts(Install install, Data data, Catalogs catalogs, JobService jobs) {
        /**
         * Where probelab is (templates, static files), which version it is, its live database file, and the
         * analysts' read-only snapshot beside it (reported by /api/info; null when there is none).
         */
        public record Install(Path root, String version, Path database, Path snapshot) {
        }

        /**
         * What reads and writes the database: samples and jobs, the report's reads and the report file's, user SQL
         * ({@code sql} null: no SQL API), exports, machines and result bundles.
         */
        public record Data(SampleStore store, ReportQueries queries, ReportFileReads reportFileReads, SqlSandbox sql,
                           Exporter exporter, Machines machines, Bundles bundles) {
        }
    }

    /**
     * One entry of the route table. {@code access}: READ serves report data and pages (the only kind a read-only
     * server or a share link has), CONTROL is a page whose purpose is to change things (the job form), WRITE is a
     * mutating request. Every non-GET route is WRITE, checked when the table is built.
     */
    public record Route(HandlerType method, String path, Handler handler, Access access) {
        public enum Access { READ, CONTROL, WRITE }

        public Route {
            if (method != HandlerType.GET && access != Access.WRITE) {
                throw new IllegalArgumentException(method + " " + path + " changes things: declare it WRITE");
            }
        }

        static Route read(String path, Handler h) {
            return new Route(HandlerType.GET, path, h, Access.READ);
        }

        static Route control(String path, Handler h) {
            return new Route(HandlerType.GET, path, h, Access.CONTROL);
        }

        static Route post(String path, Handler h) {
            return new Route(HandlerType.POST, path, h, Access.WRITE);
        }

        static Route put(String path, Handler h) {
            return new Route(HandlerType.PUT, path, h, Access.WRITE);
        }

        static Route delete(String path, Handler h) {
            return new Route(HandlerType.DELETE, path, h, Access.WRITE);
        }

        public boolean mutating() {
            return access == Access.WRITE;
        }
    }

    private final List<Route> routes;

    /** Printed under the start-up URL when the server listens beyond loopback. */
    public static final String CONTROL_KEY_NOTE = "listening beyond loopback: reports and share links are open to whoever "
            + "reaches this address; starting jobs, SQL and changes need the key in the URL above (open it once in your "
            + "browser, or send Authorization: Bearer KEY). Give colleagues share links, not that URL.";

    public WebServer(WebOptions options, Parts parts) {
        this.options = options;
        Parts.Install install = parts.install();
        Parts.Data data = parts.data();
        Catalogs catalogs = parts.catalogs();
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Path staticDir = install.root().resolve("static");
        Templates templates = options.dev()
                ? Templates.hotReloading(install.root().resolve("templates"), install.root().resolve("var").resolve("jte-classes"))
                : Templates.precompiled();
        Assets assets = new Assets(options.dev() ? staticDir : null);
        Pages pages = new Pages(templates, assets, install.version(), install.database().toString(), options.readOnly());
        ReportQueries queries = data.queries();
        // -Dprobelab.reportCache=0 turns the result cache off (benchmarks measure the computation that way)
        HistogramCache histograms = new HistogramCache(queries, 50_000);
        this.report = new ReportService(queries, histograms, Integer.getInteger("probelab.reportCache", 64));
        FilterParser filters = new FilterParser(queries, catalogs.runtimes(), catalogs.toolchains());
        Shares shares = new Shares(data.store().database());
        ClaimsOverlay claims = new ClaimsOverlay(() -> ClaimsReader.comparable(data.store().database()));

        var overview = new OverviewController(report, filters, parts.jobs(), pages, json, claims);
        var claimCheck = new ClaimCheckController(data.store().database(), pages, json);
        var jobs = new JobsController(parts.jobs(), data.store(), catalogs.runtimes(), catalogs.toolchains(), pages);
        var followUps = new probelab.web.jobs.FollowUpController(report, filters, parts.jobs(), data.store());
        // the runtimes page and the JSON API show this machine's runtimes and toolchains alike
        CatalogViews catalogViews = new CatalogViews(catalogs);
        var runtimes = new RuntimesController(catalogViews, queries, pages);
        var api = new ApiController(parts.jobs(), data.store(), queries, catalogs.toolchains(), catalogViews, json,
                install.version(), install.database(), options.dev(), install.snapshot(), options.readOnly());
        var share = new ShareController(shares, filters, pages, json);
        var parquet = new ParquetExport(data.exporter(), shares, filters);
        var reportFile = new ReportFileController(filters, queries, histograms, data.reportFileReads(),
                new ReportFile(options.dev() ? staticDir : null, assets, json), install.version());
        var sql = data.sql() == null ? null : new SqlController(data.sql(), json);
        Notebooks notebookStore = new Notebooks(data.store().database());
        this.sqlResults = new SqlResults(data.sql(), () -> dataVersion(install.snapshot()));
        var notebooks = new NotebookController(notebookStore, sqlResults, shares, pages,
                () -> probelab.storage.db.SchemaViews.publicViews(data.store().database()));
        var cellData = new CellExport(notebookStore, sqlResults, json);
        var errors = new ErrorMapping(pages, json);
        var machines = new MachineController(data.machines(), json);
        var bundles = new BundleController(data.bundles(), json);

        List<Route> table = new ArrayList<>(List.of(
                // the notebook
                Route.read(Paths.OVERVIEW, overview::page),
                Route.read(Paths.HEADER, overview::header),
                Route.read(Paths.CELL_JSON, overview::cellJson),
                Route.read(Paths.CELL_CSV, overview::cellCsv),
                Route.read(Paths.CELL_SAMPLES_CSV, overview::cellSamplesCsv),
                Route.read(Paths.CELL, overview::cell),
                Route.read(Paths.SAMPLES_PARQUET, parquet::samples),
                Route.read(Paths.REPORT_HTML, reportFile::download),
                // the fact-check: published claims against this machine's measurements (reads only)
                Route.read(Paths.CLAIMS_CHECK, claimCheck::page),
                // read-only share links: GETs only, each through the token check, which also keeps a link to what it
                // shows: report routes 404 for a notebook link and notebook routes for a report link
                Route.read(Paths.SHARE, share.readPage(overview::page, notebooks::shared)),
                Route.read(Paths.SHARE_HEADER, share.readReport(overview::header)),
                Route.read(Paths.SHARE_CELL_JSON, share.readReport(overview::cellJson)),
                Route.read(Paths.SHARE_CELL_CSV, share.readReport(overview::cellCsv)),
                Route.read(Paths.SHARE_CELL_SAMPLES_CSV, share.readReport(overview::cellSamplesCsv)),
                Route.read(Paths.SHARE_CELL, share.readReport(overview::cell)),
                Route.read(Paths.SHARE_SAMPLES_PARQUET, share.readReport(parquet::samples)),
                Route.read(Paths.SHARE_REPORT_HTML, share.readReport(reportFile::download)),
                Route.read(Paths.SHARE_VERDICT, share.readReport(overview::verdictJson)),
                Route.read(Paths.SHARE_NB_CELL_RESULT, share.readNotebook(notebooks::sharedCellResult)),
                Route.read(Paths.SHARE_NB_CELL_JSON, share.readNotebook(cellData::sharedCellJson)),
                Route.read(Paths.SHARE_NB_CELL_CSV, share.readNotebook(cellData::sharedCellCsv)),
                Route.read(Paths.SHARES, share::listPage),
                Route.read(Paths.API_SHARES, share::listJson),
                Route.post(Paths.API_SHARES, share::create),
                Route.delete(Paths.API_SHARE, share::revoke),
                // notebooks with markdown and SQL cells
                Route.read(Paths.NOTEBOOKS, notebooks::list),
                Route.post(Paths.NOTEBOOKS, notebooks::create),
                Route.read(Paths.NOTEBOOK_CELL_JSON, cellData::cellJson),
                Route.read(Paths.NOTEBOOK_CELL_CSV, cellData::cellCsv),
                Route.read(Paths.NOTEBOOK_CELL_RESULT, notebooks::cellResult),
                Route.read(Paths.NOTEBOOK_CELL, notebooks::cell),
                Route.read(Paths.NOTEBOOK, notebooks::page),
                Route.post(Paths.NOTEBOOK_TITLE, notebooks::rename),
                Route.post(Paths.NOTEBOOK_DELETE, notebooks::delete),
                Route.post(Paths.NOTEBOOK_SHARE, notebooks::share),
                Route.post(Paths.NOTEBOOK_CELLS, notebooks::addCell),
                Route.control(Paths.NOTEBOOK_CELL_EDIT, notebooks::editForm),
                Route.post(Paths.NOTEBOOK_CELL_EDIT, notebooks::editCell),
                Route.post(Paths.NOTEBOOK_CELL_MOVE, notebooks::moveCell),
                Route.post(Paths.NOTEBOOK_CELL_DELETE, notebooks::deleteCell),
                // jobs and runtimes
                Route.control(Paths.JOBS, jobs::page),
                Route.post(Paths.JOBS, jobs::start),
                // before /jobs/{id}, which would take "estimate" for a job id
                Route.control(Paths.JOBS_ESTIMATE, jobs::estimate),
                Route.control(Paths.JOB, jobs::job),
                Route.control(Paths.JOB_PROGRESS, jobs::progress),
                Route.post(Paths.JOB_CANCEL, jobs::cancel),
                Route.post(Paths.JOB_EXTEND, followUps::extendForm),
                Route.control(Paths.RUNTIMES, runtimes::page),
                // the JSON API
                Route.read(Paths.API_RUNTIMES, api::runtimes),
                Route.read(Paths.API_TOOLCHAINS, api::toolchains),
                Route.read(Paths.API_JOBS, api::listJobs),
                Route.post(Paths.API_JOBS, api::startJob),
                Route.read(Paths.API_JOB, api::job),
                Route.post(Paths.API_JOB_CANCEL, api::cancel),
                Route.post(Paths.API_JOB_EXTEND, followUps::extendJson),
                Route.read(Paths.API_VERDICT, overview::verdictJson),
                Route.read(Paths.API_CLAIMS_CHECK, claimCheck::json),
                Route.read(Paths.API_INFO, api::info),
                // machines and result bundles from other machines
                Route.read(Paths.API_MACHINE, machines::get),
                Route.put(Paths.API_MACHINE, machines::rename),
                Route.post(Paths.API_BUNDLES, bundles::importBundle)));
        // user SQL changes nothing, but it is a POST and runs any read a visitor types: a WRITE-class route, so a
        // read-only server (meant to be shown to others) does not offer it
        if (sql != null) table.add(Route.post(Paths.API_SQL, sql::run));
        this.routes = List.copyOf(table);
        // a read-only server serves report data only: control pages and every mutating route are absent (404)
        List<Route> served = options.readOnly() ? routes.stream().filter(r -> r.access() == Route.Access.READ).toList() : routes;

        RequestGuard guard = new RequestGuard(options, this::port);
        this.controlKey = ControlKey.forServer(options, new java.security.SecureRandom());
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(json, false));
            staticFiles(config, options.dev(), staticDir);
            config.routes.before(guard::check);
            config.routes.before(controlKey::acceptFromUrl);
            for (Route r : served) config.routes.addHttpHandler(r.method(), r.path(), controlKey.guard(r));
            errors.register(config.routes);
        });
    }

    /** The full route table (what a server that may change things serves), for tests and documentation. */
    public List<Route> routes() {
        return routes;
    }

    public boolean readOnly() {
        return options.readOnly();
    }

    private static void staticFiles(JavalinConfig config, boolean dev, Path staticDir) {
        config.staticFiles.add(s -> {
            s.hostedPath = Paths.WEBJARS;
            s.directory = "META-INF/resources/webjars";
            s.location = Location.CLASSPATH;
            s.precompressMaxSize = PRECOMPRESS_MAX_BYTES;
            s.headers = Map.of("Cache-Control", YEAR);
        });
        config.staticFiles.add(s -> {
            s.hostedPath = Paths.STATIC;
            if (dev) {
                s.directory = staticDir.toString();
                s.location = Location.EXTERNAL;
                s.headers = Map.of("Cache-Control", "no-cache");
            } else {
                s.directory = "static";
                s.location = Location.CLASSPATH;
                s.precompressMaxSize = PRECOMPRESS_MAX_BYTES;
                s.headers = Map.of("Cache-Control", YEAR);
            }
        });
    }

    public Javalin app() {
        return app;
    }

    public WebServer start() {
        app.start(options.host(), options.port());
        report.warmUp();
        return this;
    }

    public int port() {
        return app.port();
    }

    /** The URL people open: a wildcard bind is reached through localhost. */
    public String url() {
        String host = options.host();
        if (host.equals("0.0.0.0") || host.equals("::")) host = "127.0.0.1";
        if (host.contains(":")) host = "[" + host + "]";
        return "http://" + host + ":" + port() + "/";
    }

    /**
     * The URL to print at start: {@link #url()}, with the control key when the server listens beyond loopback (whoever
     * opens it once may start jobs and change things from that browser).
     */
    public String startUrl() {
        return url() + controlKey.startQuery();
    }

    /** Whether control and write routes need the key printed in {@link #startUrl()}. */
    public boolean needsControlKey() {
        return controlKey.required();
    }

    /** What user SQL reads changes when the snapshot file does: its mtime and size say so without opening it. */
    private static String dataVersion(Path snapshot) {
        if (snapshot == null) return "";
        try {
            return java.nio.file.Files.getLastModifiedTime(snapshot).toMillis() + ":" + java.nio.file.Files.size(snapshot);
        } catch (java.io.IOException e) {
            return "absent"; // the first query makes it
        }
    }

    @Override
    public void close() {
        app.stop();
        report.close();
        sqlResults.close();
    }
}
