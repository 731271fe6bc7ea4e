package probelab.runtime;

import probelab.process.FileTrees;

import probelab.process.Exec;
import probelab.workload.WorkloadGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Runs {@code go build} and {@code go test} in a throwaway, labelled container of the toolchain image, with the project bind-mounted. */
final class OciBuilds {
    /** Where a workload's module proxy tree is mounted, read-only, in the build container. */
    static final String GOPROXY_MOUNT = "/goproxy";

    private final OciCli cli;

    OciBuilds(OciCli cli) {
        this.cli = cli;
    }

    /**
     * Where a Go container finds the project at /src: the image it runs ({@code image}: the toolchain's, or a tree image
     * FROM it), the mount that puts the tree there (a bind mount, a volume; none when the image has it), and the tree's
     * directory on the host (its module proxy, its go.work).
     */
    record Source(String image, List<String> mounts, Path hostTree) {
        /** The project bind-mounted into the toolchain image, as builds and tests run it. */
        static Source bind(String goTag, Path projectDir) throws RuntimeFailure {
            Path src = projectDir.toAbsolutePath().normalize();
            // `go build ./...` of a single main package writes the binary into /src (natively too), and a rootless
            // engine writes as a mapped uid: the job's own copy of the workload must be writable by anyone
            openToAll(src);
            return new Source(goTag, List.of("-v", src + ":" + SRC), src);
        }
    }

    /** Where every Go container of a project has it, whichever its place. */
    static final String SRC = "/src";

    Runtime.BuildOutcome build(String goTag, boolean goTimeInImage, Path projectDir, List<String> targets, OciBuildCaches.ContainerCache cache,
                               long timeoutMillis) throws RuntimeFailure {
        return build(Source.bind(goTag, projectDir), goTimeInImage, targets, cache, timeoutMillis);
    }

    /** {@code go build} of {@code targets} with the project where {@code source} puts it. */
    Runtime.BuildOutcome build(Source source, boolean goTimeInImage, List<String> targets, OciBuildCaches.ContainerCache cache,
                               long timeoutMillis) throws RuntimeFailure {
        return run(source, goTimeInImage, goBuild(targets), Map.of(), cache, timeoutMillis);
    }

    /** {@code go test -count=1 [-race] PACKAGES} in a throwaway container, timed as a build is. */
    Runtime.BuildOutcome test(String goTag, boolean goTimeInImage, Path projectDir, List<String> packages, boolean race,
                              OciBuildCaches.ContainerCache cache, long timeoutMillis) throws RuntimeFailure {
        return test(Source.bind(goTag, projectDir), goTimeInImage, packages, race, cache, timeoutMillis);
    }

    /** {@code go test -count=1 [-race] PACKAGES} with the project where {@code source} puts it. */
    Runtime.BuildOutcome test(Source source, boolean goTimeInImage, List<String> packages, boolean race,
                              OciBuildCaches.ContainerCache cache, long timeoutMillis) throws RuntimeFailure {
        return run(source, goTimeInImage, goTest(packages, race), testEnv(race), cache, timeoutMillis);
    }

    /** The race detector links with cgo. */
    private static Map<String, String> testEnv(boolean race) {
        return race ? Map.of("CGO_ENABLED", "1") : Map.of();
    }

    private Runtime.BuildOutcome run(Source source, boolean goTimeInImage, List<String> goArgs,
                                     Map<String, String> extraEnv, OciBuildCaches.ContainerCache cache, long timeoutMillis)
            throws RuntimeFailure {
        String name = containerName();
        // the image's probes/gotime times go itself, inside the container
        List<String> args = runArgs(name, source, goTimeInImage, goArgs, extraEnv, cache);
        // wall time around the whole run: what a user waits for, container start and removal included
        Exec.Result r = cli.run(args, timeoutMillis);
        if (r.timedOut()) cli.run(OciCli.TIMEOUT_MILLIS, "rm", "-f", name); // killing the CLI does not stop the container
        long inner = goTimeInImage ? GoTime.parseNanos(r.stderr()) : -1;
        String innerWhy = !goTimeInImage ? "the toolchain image (" + source.image() + ") has no probes/gotime"
                : inner < 0 ? "probes/gotime printed no gotime_ns line" : "";
        return new Runtime.BuildOutcome(r.elapsedNanos(), -1,
                "not observable: the build runs in a container image with nothing but Go (no GNU time), and the "
                        + "engine's per-container peak is not the largest build process", inner, innerWhy, r, false);
    }

    /** The same {@code run --rm ... go build} without probes/gotime, as a user types it. */
    Runtime.UserCommand userCommand(String goTag, Path projectDir, List<String> targets, OciBuildCaches.ContainerCache cache)
            throws RuntimeFailure {
        return userCommand(goTag, projectDir, goBuild(targets), Map.of(), cache);
    }

    /** The same {@code run --rm ... go test} without probes/gotime, as a user types it. */
    Runtime.UserCommand testUserCommand(String goTag, Path projectDir, List<String> packages, boolean race,
                                        OciBuildCaches.ContainerCache cache) throws RuntimeFailure {
        return userCommand(goTag, projectDir, goTest(packages, race), testEnv(race), cache);
    }

    private Runtime.UserCommand userCommand(String goTag, Path projectDir, List<String> goArgs, Map<String, String> extraEnv,
                                            OciBuildCaches.ContainerCache cache) throws RuntimeFailure {
        List<String> args = runArgs(containerName(), Source.bind(goTag, projectDir), false, goArgs, extraEnv, cache);
        return new Runtime.UserCommand(cli.command(args), cli.workingDir(), cli.environment());
    }

    private static String containerName() {
        return "probelab-build-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** {@code go build} of {@code targets}, writing nothing when there is one main package. */
    private static List<String> goBuild(List<String> targets) {
        List<String> args = new ArrayList<>(List.of("go", "build"));
        // one -o for several packages is refused by older go, so only a single command gets -o /dev/null
        if (targets.size() == 1 && !targets.get(0).endsWith("...")) args.addAll(List.of("-o", "/dev/null"));
        args.addAll(targets);
        return args;
    }

    private static List<String> goTest(List<String> packages, boolean race) {
        List<String> args = new ArrayList<>(List.of("go", "test", "-count=1"));
        if (race) args.add("-race");
        args.addAll(packages);
        return args;
    }

    /**
     * The {@code -v} and {@code -e} arguments every Go container of a project needs (builds, tests, the dev loop): the
     * cache, the project's module proxy read-only, and the Go environment.
     */
    static List<String> goMountsAndEnv(Path src, OciBuildCaches.ContainerCache cache, Map<String, String> extraEnv) {
        List<String> args = new ArrayList<>(cache.mountArgs());
        Optional<Path> goProxy = WorkloadGenerator.goProxyOf(src);
        // rootless engines read it as a mapped uid: ModuleProxy makes the tree world-readable
        goProxy.ifPresent(p -> args.addAll(List.of("-v", p.toAbsolutePath().normalize() + ":" + GOPROXY_MOUNT + ":ro")));
        Map<String, String> env = new LinkedHashMap<>(OciImages.GO_ENV);
        env.remove("PATH"); // the official images have their own PATH
        env.remove("HOME");
        // a go.work workspace refuses -mod=mod; -modcacherw lets the cache's owner delete extracted modules
        env.put("GOFLAGS", Files.exists(src.resolve("go.work")) ? "-modcacherw" : "-mod=mod -modcacherw");
        env.put("GOCACHE", cache.gocache());
        env.put("GOMODCACHE", cache.gomodcache());
        if (goProxy.isPresent()) {
            env.put("GOPROXY", "file://" + GOPROXY_MOUNT);
            env.put("GOSUMDB", "off");
        }
        env.putAll(extraEnv);
        env.forEach((k, v) -> args.addAll(List.of("-e", k + "=" + v)));
        return args;
    }

    private static List<String> runArgs(String name, Source source, boolean goTime, List<String> goArgs,
                                        Map<String, String> extraEnv, OciBuildCaches.ContainerCache cache) {
        List<String> args = new ArrayList<>(cache.globalArgs());
        args.addAll(List.of("run", "--rm", "--name", name));
        args.addAll(OciLabels.args(cache.jobId));
        args.addAll(source.mounts());
        args.addAll(List.of("-w", SRC));
        args.addAll(goMountsAndEnv(source.hostTree(), cache, extraEnv));
        args.add(source.image());
        if (goTime) args.add(GoTime.IN_IMAGE);
        args.addAll(goArgs);
        return args;
    }

    private static void openToAll(Path dir) throws RuntimeFailure {
        try {
            FileTrees.openToOthers(dir, true);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot open " + dir + " to the build container's user: " + e.getMessage(), e);
        }
    }
}
