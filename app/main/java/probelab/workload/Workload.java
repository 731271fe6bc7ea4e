package probelab.workload;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A generated Go project on disk and its real counts.
 *
 * @param modules      number of go.mod files
 * @param packages     number of directories holding .go files
 * @param files        number of .go files (tests included)
 * @param lines        total lines of all .go files
 * @param buildTargets arguments after {@code go build}, run from {@code dir}
 * @param editFile     the file {@link WorkloadGenerator#applyEdit} rewrites
 * @param serveTarget  the main package that serves over HTTP with {@code -http ADDR} ({@code go run TARGET -http ADDR}),
 *                     run from {@code dir}; its answer changes with every edit
 * @param goProxy      the {@code GOPROXY=file://} tree serving the third-party modules it requires ({@link ModuleProxy}),
 *                     null when it uses the standard library alone
 * @param goModules    those modules, {@code path@version (debian-package debian-version)} each
 */
public record Workload(ProjectSize size, String generatorVersion, Path dir, int modules, int packages, int files,
                       int lines, List<String> buildTargets, Path editFile, String serveTarget, Path goProxy,
                       List<String> goModules) {

    public Workload {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(generatorVersion, "generatorVersion");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(editFile, "editFile");
        Objects.requireNonNull(serveTarget, "serveTarget");
        buildTargets = List.copyOf(buildTargets);
        goModules = List.copyOf(goModules);
    }

    /** True when building it needs {@link #goProxy()}: it requires third-party modules. */
    public boolean usesModules() {
        return goProxy != null;
    }

    /** True when the root is a go.work workspace, where {@code -mod=mod} is refused by the go command. */
    public boolean isWorkspace() {
        return modules > 1;
    }
}
