package probelab.web.runtimes;

import io.javalin.http.Context;
import probelab.analysis.RuntimeColors;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeRegistry;
import probelab.storage.report.ReportQueries;
import probelab.storage.report.SampleFilter;
import probelab.toolchain.Toolchain;
import probelab.toolchain.Toolchains;
import probelab.web.common.Layout;
import probelab.web.common.Pages;

import java.util.ArrayList;
import java.util.List;

/** Which runtimes and Go toolchains this machine has, and why a runtime is down. */
public final class RuntimesController {
    /** The runtimes page lists at most this many runtimes' engine configurations. */
    private static final int ENGINES = 50;
    private final RuntimeRegistry runtimes;
    private final Toolchains toolchains;
    private final ReportQueries queries;
    private final Pages pages;

    public RuntimesController(RuntimeRegistry runtimes, Toolchains toolchains, ReportQueries queries, Pages pages) {
        this.runtimes = runtimes;
        this.toolchains = toolchains;
        this.queries = queries;
        this.pages = pages;
    }

    /** runtimes/page.jte */
    public record RuntimesPage(Layout layout, List<RuntimeView> runtimes, List<ToolchainView> toolchains,
                               List<String> onlyInDatabase, List<probelab.web.overview.Views.Engine> engines) {
    }

    /** A runtime as the page and GET /api/runtimes show it. */
    public record RuntimeView(String id, String displayName, boolean available, String reason, String engineVersion,
                              String reachedVia, String color, String setup) {
    }

    public record ToolchainView(String minor, String version, String versionString, String goBinary) {
    }

    public List<RuntimeView> runtimeViews() {
        List<RuntimeView> out = new ArrayList<>();
        for (Runtime r : runtimes.all()) {
            Runtime.Availability a = r.availability();
            out.add(new RuntimeView(r.id(), r.displayName(), a.available(), a.reason(), a.engineVersion(), a.reachedVia(),
                    RuntimeColors.of(r.id()), probelab.runtime.SetupHints.of(r.id())));
        }
        return out;
    }

    public List<ToolchainView> toolchainViews() {
        List<ToolchainView> out = new ArrayList<>();
        for (Toolchain t : toolchains.all()) {
            out.add(new ToolchainView(t.minor(), t.version(), t.versionString(), t.goBinary().toString()));
        }
        return out;
    }

    /** GET /runtimes */
    public void page(Context ctx) {
        List<String> here = runtimes.ids();
        List<String> elsewhere = queries.known().runtimes().stream().filter(r -> !here.contains(r)).toList();
        ctx.html(pages.render("runtimes/page.jte", new RuntimesPage(pages.layout("Runtimes", Layout.Section.RUNTIMES, false),
                runtimeViews(), toolchainViews(), elsewhere,
                probelab.web.overview.Views.engines(queries.engineConfigs(SampleFilter.ALL, ENGINES).items()))));
    }
}
