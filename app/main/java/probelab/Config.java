package probelab;

import java.nio.file.Path;

/** Where probelab keeps things: the source root (probes/, templates/) and var/ for state. */
public record Config(Path root, Path varDir, Path dbFile) {
    public static final String VERSION = probelab.catalog.ProbelabVersion.CURRENT;

    /** The root is the launcher's directory ({@code -Dprobelab.root}), else the working directory. */
    public static Config fromEnvironment(Path dbOverride) {
        Path root = Path.of(System.getProperty("probelab.root", ".")).toAbsolutePath().normalize();
        Path var = root.resolve("var");
        return new Config(root, var, dbOverride != null ? dbOverride.toAbsolutePath() : var.resolve("probelab.duckdb"));
    }

    public Path probesDir() {
        return root.resolve("probes");
    }

    public Path workloadsDir() {
        return varDir.resolve("workloads");
    }

    /** The module proxy trees generated projects build with (workload.ModuleProxy). */
    public Path goProxyDir() {
        return varDir.resolve("goproxy");
    }

    public Path binDir() {
        return varDir.resolve("bin");
    }

    public Path scratchDir() {
        return varDir.resolve("scratch");
    }

    /** Data that ships with the sources, e.g. the published claims. */
    public Path datasetsDir() {
        return root.resolve("datasets");
    }
}
