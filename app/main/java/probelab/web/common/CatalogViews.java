package probelab.web.common;

import probelab.analysis.RuntimeColors;
import probelab.probe.Catalogs;
import probelab.runtime.Runtime;
import probelab.runtime.SetupHints;
import probelab.toolchain.Toolchain;

import java.util.ArrayList;
import java.util.List;

/** This machine's runtimes and Go toolchains as the runtimes page and the JSON API both show them. */
public final class CatalogViews {
    private final Catalogs catalogs;

    public CatalogViews(Catalogs catalogs) {
        this.catalogs = catalogs;
    }

    /** A runtime as the page and GET /api/runtimes show it. */
    public record RuntimeView(String id, String displayName, boolean available, String reason, String engineVersion,
                              String reachedVia, String color, String setup) {
    }

    /** A Go toolchain as the page and GET /api/toolchains show it. */
    public record ToolchainView(String minor, String version, String versionString, String goBinary) {
    }

    /** Every runtime, in the registry's order, with its availability now. */
    public List<RuntimeView> runtimes() {
        List<RuntimeView> out = new ArrayList<>();
        for (Runtime r : catalogs.runtimes().all()) {
            Runtime.Availability a = r.availability();
            out.add(new RuntimeView(r.id(), r.displayName(), a.available(), a.reason(), a.engineVersion(), a.reachedVia(),
                    RuntimeColors.of(r.id()), SetupHints.of(r.id())));
        }
        return out;
    }

    /** Every Go toolchain found, oldest first. */
    public List<ToolchainView> toolchains() {
        List<ToolchainView> out = new ArrayList<>();
        for (Toolchain t : catalogs.toolchains().all()) {
            out.add(new ToolchainView(t.minor(), t.version(), t.versionString(), t.goBinary().toString()));
        }
        return out;
    }
}
