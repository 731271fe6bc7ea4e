package probelab.web.runtimes;

import io.javalin.http.Context;
import probelab.storage.report.ReportQueries;
import probelab.storage.report.SampleFilter;
import probelab.web.common.CatalogViews;
import probelab.web.common.Layout;
import probelab.web.common.Pages;

import java.util.List;

/** Which runtimes and Go toolchains this machine has, and why a runtime is down. */
public final class RuntimesController {
    /** The runtimes page lists at most this many runtimes' engine configurations. */
    private static final int ENGINES = 50;
    private final CatalogViews catalog;
    private final ReportQueries queries;
    private final Pages pages;

    public RuntimesController(CatalogViews catalog, ReportQueries queries, Pages pages) {
        this.catalog = catalog;
        this.queries = queries;
        this.pages = pages;
    }

    /** runtimes/page.jte */
    public record RuntimesPage(Layout layout, List<CatalogViews.RuntimeView> runtimes, List<CatalogViews.ToolchainView> toolchains,
                               List<String> onlyInDatabase, List<probelab.web.overview.Views.Engine> engines) {
    }

    /** GET /runtimes */
    public void page(Context ctx) {
        List<CatalogViews.RuntimeView> runtimes = catalog.runtimes();
        List<String> here = runtimes.stream().map(CatalogViews.RuntimeView::id).toList();
        List<String> elsewhere = queries.known().runtimes().stream().filter(r -> !here.contains(r)).toList();
        ctx.html(pages.render("runtimes/page.jte", new RuntimesPage(pages.layout("Runtimes", Layout.Section.RUNTIMES, false),
                runtimes, catalog.toolchains(), elsewhere,
                probelab.web.overview.Views.engines(queries.engineConfigs(SampleFilter.ALL, ENGINES).items()))));
    }
}
