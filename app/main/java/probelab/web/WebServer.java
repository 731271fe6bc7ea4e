package probelab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import probelab.runtime.RuntimeRegistry;
import probelab.storage.ReportQueries;
import probelab.storage.SampleStore;
import probelab.toolchain.Toolchains;
import probelab.web.api.ApiController;
import probelab.web.jobs.JobService;
import probelab.web.jobs.JobsController;
import probelab.web.overview.FilterParser;
import probelab.web.overview.HistogramCache;
import probelab.web.overview.OverviewController;
import probelab.web.overview.ReportService;
import probelab.web.runtimes.RuntimesController;

import java.net.URI;
import java.nio.file.Path;
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

    /** What the web layer needs from the rest of probelab. */
    public record Parts(SampleStore store, RuntimeRegistry runtimes, Toolchains toolchains, JobService jobs,
                        Path root, Path database, String version) {
    }

    public WebServer(WebOptions options, Parts parts) {
        this.options = options;
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Path staticDir = parts.root().resolve("static");
        Templates templates = options.dev()
                ? Templates.hotReloading(parts.root().resolve("templates"), parts.root().resolve("var").resolve("jte-classes"))
                : Templates.precompiled();
        Assets assets = new Assets(options.dev() ? staticDir : null);
        Pages pages = new Pages(templates, assets, parts.version(), parts.database().toString());
        ReportQueries queries = new ReportQueries(parts.store().database());
        // -Dprobelab.reportCache=0 turns the result cache off (benchmarks measure the computation that way)
        this.report = new ReportService(queries, new HistogramCache(queries, 50_000),
                Integer.getInteger("probelab.reportCache", 64));
        FilterParser filters = new FilterParser(queries, parts.runtimes(), parts.toolchains());

        var overview = new OverviewController(report, filters, parts.jobs(), pages, json);
        var jobs = new JobsController(parts.jobs(), parts.store(), parts.runtimes(), parts.toolchains(), pages);
        var runtimes = new RuntimesController(parts.runtimes(), parts.toolchains(), queries, pages);
        var api = new ApiController(parts.jobs(), parts.store(), queries, parts.toolchains(), runtimes, json,
                parts.version(), parts.database(), options.dev());
        var errors = new ErrorMapping(pages, json);

        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(json, false));
            staticFiles(config, options.dev(), staticDir);
            config.routes.before(WebServer::refuseCrossSitePosts);

            // the notebook
            config.routes.get(Paths.OVERVIEW, overview::page);
            config.routes.get(Paths.HEADER, overview::header);
            config.routes.get(Paths.CELL_JSON, overview::cellJson);
            config.routes.get(Paths.CELL_CSV, overview::cellCsv);
            config.routes.get(Paths.CELL_SAMPLES_CSV, overview::cellSamplesCsv);
            config.routes.get(Paths.CELL, overview::cell);
            // jobs and runtimes
            config.routes.get(Paths.JOBS, jobs::page);
            config.routes.post(Paths.JOBS, jobs::start);
            config.routes.get(Paths.JOB, jobs::job);
            config.routes.get(Paths.JOB_PROGRESS, jobs::progress);
            config.routes.post(Paths.JOB_CANCEL, jobs::cancel);
            config.routes.get(Paths.RUNTIMES, runtimes::page);
            // the JSON API
            config.routes.get(Paths.API_RUNTIMES, api::runtimes);
            config.routes.get(Paths.API_TOOLCHAINS, api::toolchains);
            config.routes.get(Paths.API_JOBS, api::listJobs);
            config.routes.post(Paths.API_JOBS, api::startJob);
            config.routes.get(Paths.API_JOB, api::job);
            config.routes.post(Paths.API_JOB_CANCEL, api::cancel);
            config.routes.get(Paths.API_INFO, api::info);

            errors.register(config.routes);
        });
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

    /**
     * The server has no login, so a page on another site must not start or cancel jobs through the user's browser:
     * a POST whose Origin is not this server's own host is refused. (JSON posts also need a CORS preflight that
     * this server never grants.)
     */
    private static void refuseCrossSitePosts(Context ctx) {
        if (!ctx.method().name().equals("POST")) return;
        String origin = ctx.header("Origin");
        if (origin == null) return; // not a browser, or a same-origin GET-style navigation
        String host = ctx.header("Host");
        try {
            URI o = URI.create(origin);
            String originHost = o.getHost() + (o.getPort() > 0 ? ":" + o.getPort() : "");
            if (host != null && host.equalsIgnoreCase(originHost)) return;
        } catch (IllegalArgumentException e) {
            // fall through: an unparseable Origin is not ours
        }
        throw new ForbiddenResponse("cross-site requests may not change anything here");
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

    @Override
    public void close() {
        app.stop();
        report.close();
    }
}
