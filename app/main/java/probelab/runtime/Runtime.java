package probelab.runtime;

import probelab.catalog.DevLoopWay;
import probelab.catalog.EngineConfig;
import probelab.catalog.Scenario;
import probelab.process.Exec;
import probelab.toolchain.Toolchain;

import java.nio.file.Path;
import java.util.List;

/**
 * A place where a Go server runs and Go code builds: natively, or through a container engine.
 * Every adapter is measured the same way, so the probe engine never asks which one it has.
 */
public interface Runtime {
    /** The contract id used in samples and on the command line, e.g. {@code native}, {@code docker-rootless}. */
    String id();

    String displayName();

    /** Whether this runtime can be used now, and if not, why. Cheap enough to call at job start. */
    Availability availability();

    /**
     * Gets ready to start servers and run builds with this toolchain (e.g. builds images). Called once per
     * (job, toolchain) before measuring; {@code serverBinary} is a static Linux binary of probes/echo.
     */
    void prepare(Toolchain toolchain, Path serverBinary, String jobId) throws RuntimeFailure;

    /** Issues the start of the echo server listening on {@code hostPort} of 127.0.0.1 and returns without waiting for readiness. */
    Server startServer(Toolchain toolchain, Path serverBinary, int hostPort, String jobId) throws RuntimeFailure;

    /**
     * The same in a scenario: the container's limits, the Go settings that go with them and the network path. Only
     * called for a scenario {@link #scenarioNotApplicable} accepts.
     */
    default Server startServer(Toolchain toolchain, Path serverBinary, int hostPort, String jobId, Scenario scenario)
            throws RuntimeFailure {
        if (scenario == Scenario.DEFAULT) return startServer(toolchain, serverBinary, hostPort, jobId);
        throw new RuntimeFailure(id() + " cannot run scenario " + scenario.id());
    }

    /**
     * Why this runtime can never run {@code scenario} (e.g. container limits natively, pasta on a rootful engine), or
     * null when it can. What fails when tried is a failed sample instead, with the engine's reason.
     */
    default String scenarioNotApplicable(Scenario scenario) {
        return scenario == Scenario.DEFAULT ? null : id() + " runs the default scenario only";
    }

    /**
     * The engine's configuration (storage driver, cgroups, OCI runtime, network, proxy, security), read from the
     * engine itself; {@link EngineConfig#NONE} natively. Called once per cell, outside any measured interval.
     */
    default EngineConfig engineConfig() throws RuntimeFailure {
        return EngineConfig.NONE;
    }

    /** The build cache modes this runtime measures, e.g. {@code host} natively or {@code none, volume, bind} in containers. */
    List<String> cacheModes();

    /** A fresh, empty build cache of the given mode; closing it deletes it. */
    BuildCache newBuildCache(String mode, String jobId) throws RuntimeFailure;

    /**
     * The build a user would type for {@link #build} with the same arguments, without probelab's timing wrappers:
     * what an independent timer (hyperfine) runs to check {@code build_ms}.
     */
    UserCommand buildCommand(Toolchain toolchain, Path projectDir, List<String> targets, BuildCache cache) throws RuntimeFailure;

    /** Runs {@code go build} of {@code targets} in {@code projectDir} with the given cache and waits for it. */
    BuildOutcome build(Toolchain toolchain, Path projectDir, List<String> targets, BuildCache cache, long timeoutMillis)
            throws RuntimeFailure;

    /**
     * Runs {@code go test -count=1 [-race] PACKAGES} in {@code projectDir} with the given cache and waits for it, timed
     * as {@link #build} is (in a container the whole {@code run --rm}). Only called with {@code race} where
     * {@link #raceNotApplicable} is null.
     */
    default BuildOutcome goTest(Toolchain toolchain, Path projectDir, List<String> packages, BuildCache cache, boolean race,
                                long timeoutMillis) throws RuntimeFailure {
        throw new RuntimeFailure(id() + " cannot run go test");
    }

    /**
     * The {@code go test -count=1 [-race] PACKAGES} a user would type for {@link #goTest} with the same arguments,
     * without probelab's timing wrappers: what an independent timer (hyperfine) runs to check {@code go_test_ms}.
     */
    default UserCommand testCommand(Toolchain toolchain, Path projectDir, List<String> packages, BuildCache cache, boolean race)
            throws RuntimeFailure {
        throw new RuntimeFailure(id() + " cannot run go test");
    }

    /** Why {@code go test -race} can never link here (cgo needs a C compiler beside Go), or null when it can. */
    default String raceNotApplicable(Toolchain toolchain) {
        return id() + " cannot run go test -race";
    }

    /**
     * Why this runtime can never build images ({@code docker build}, {@code podman build}), or null when it can.
     * Natively there is no image builder at all.
     */
    default String imageBuildsNotApplicable() {
        return id() + " has no image builder: image builds need a container engine (docker build, podman build)";
    }

    /**
     * The image builder for builds FROM this toolchain's image ({@link #prepare} has run), its abilities read from the
     * engine once; called outside any measured interval.
     */
    default ImageBuilder imageBuilder(Toolchain toolchain, String jobId) throws RuntimeFailure {
        throw new RuntimeFailure(imageBuildsNotApplicable());
    }

    /**
     * Starts the development loop of {@code project} the way {@code way} runs it, answering on 127.0.0.1:{@code
     * hostPort}: a watcher (reflex, entr) running {@code go run SERVE_TARGET -http ADDR} and restarting it on every
     * change, or a server that the loop's {@link DevLoop#editCommands} rebuild and restart; natively on the host, in
     * containers in a long-running dev container with the source bind-mounted and GOCACHE in {@code cache}, or (way
     * image) a container of the project's image. Returns once the loop is started, without waiting for its first answer.
     */
    default DevLoop startDevLoop(DevLoopWay way, Toolchain toolchain, DevProject project, BuildCache cache, int hostPort,
                                 String jobId) throws RuntimeFailure {
        throw new RuntimeFailure(id() + " has no development loop");
    }

    /** Why {@code way} can never run on this runtime (said once per run, not scheduled), or null when it can. */
    default String devLoopNotApplicable(DevLoopWay way) {
        return id() + " has no development loop";
    }

    /**
     * The project of a dev loop: its directory, the main package it serves, and for the image way the Dockerfile whose
     * image holds that server at {@value #DEV_IMAGE_SERVER} (null for the other ways).
     */
    record DevProject(Path dir, String serveTarget, Path dockerfile) {
    }

    /** Where the image way's Dockerfile puts the server binary, started as {@code /app/server -http :PORT}. */
    String DEV_IMAGE_SERVER = "/app/server";

    /**
     * The places this runtime can keep a project's source tree in for the files family, in measuring order: {@code
     * host} natively; {@code bind}, {@code volume} and {@code image} in containers. A place not listed can never apply.
     */
    default List<String> treePlaces() {
        return List.of();
    }

    /**
     * Puts {@code treeDir} in {@code place} for walks by probes/treewalk ({@code walker}: its static binary built by
     * {@code toolchain}) and for go build and go test by {@code toolchain}: a bind mount or the host directory as it is,
     * a copy in a fresh labelled volume, or a labelled image FROM the toolchain's whose top layer holds the tree and the
     * walker. Called outside any measured interval; closing the tree removes what it made.
     */
    default PlacedTree placeTree(String place, Toolchain toolchain, Path treeDir, Path walker, String jobId)
            throws RuntimeFailure {
        throw new RuntimeFailure(id() + " keeps no source tree in '" + place + "'");
    }

    /** Resident memory of the runtime's own processes (daemons, shims, VM), 0 natively. */
    Overhead overhead();

    /**
     * Names of the processes whose work is this runtime's (daemons, shims, VM), each with everything below it: a
     * job's load is theirs and the job's own processes', and anything else running meanwhile competes with it.
     */
    default java.util.Set<String> ownProcessNames() {
        return java.util.Set.of();
    }

    /**
     * Removes every container, volume, network, source tree image, image build and build cache mount this runtime holds
     * with the probelab label (of any job when {@code jobId} is null).
     */
    void removeLeftovers(String jobId);

    /** Is this runtime up, and how is it reached. */
    record Availability(boolean available, String reason, String engineVersion, String reachedVia) {
        public static Availability up(String engineVersion, String reachedVia) {
            return new Availability(true, "", engineVersion, reachedVia);
        }

        public static Availability down(String reason, String reachedVia) {
            return new Availability(false, reason, "", reachedVia);
        }
    }

    /** The runtime's own resident memory and the processes it was summed over. */
    record Overhead(long rssBytes, String processList) {
    }

    /**
     * A build's wall time (what a user waits for), peak RSS, and {@code go build}'s own wall time timed inside the
     * container or process by probes/gotime ({@code -1} when the runtime cannot observe one, with the reason).
     * {@code peakRssApplicable} false: this runtime can never observe a build's peak RSS (not a failed measurement).
     */
    record BuildOutcome(long wallNanos, long peakRssBytes, String peakRssUnavailableReason, long innerNanos,
                        String innerUnavailableReason, Exec.Result result, boolean peakRssApplicable) {
        /** An outcome whose missing peak RSS (if any) is a failure of this build, not something that can never be. */
        public BuildOutcome(long wallNanos, long peakRssBytes, String peakRssUnavailableReason, long innerNanos,
                            String innerUnavailableReason, Exec.Result result) {
            this(wallNanos, peakRssBytes, peakRssUnavailableReason, innerNanos, innerUnavailableReason, result, true);
        }
    }

    /** A command line with the working directory and the environment variables it needs beyond the inherited ones. */
    record UserCommand(List<String> argv, Path dir, java.util.Map<String, String> env) {
    }

    /** A server whose start has been issued. Closing it stops and removes it. */
    interface Server extends AutoCloseable {
        /**
         * {@link System#nanoTime()} when the start was issued: after any preparation that must stay outside the
         * measured interval (e.g. subscribing to the engine's events), right before the one start command.
         */
        long issuedAtNanos();

        /** How the start was issued, for the cold start's provenance, e.g. {@code docker run -d -p ... IMAGE}. */
        String startCommand();

        /**
         * Phases of the start the runtime could separate (create, start, ready), in milliseconds, given the
         * {@link System#nanoTime()} of the first HTTP 200; read from the engine's own records after the interval.
         */
        java.util.Map<String, Double> startPhasesMillis(long readyAtNanos);

        /** The server's memory now, and where the figure came from. */
        MemoryReading memory() throws RuntimeFailure;

        /** True while the server (process or container) is still alive. */
        boolean alive();

        /** Where the load reaches the server, given the host port it was started with: 127.0.0.1 and that port. */
        default java.net.InetSocketAddress address(int hostPort) {
            return new java.net.InetSocketAddress("127.0.0.1", hostPort);
        }

        /**
         * The server's cgroup counters (CPU throttling, OOM kills) now, read from this host outside any measured
         * interval; empty when the server has no cgroup of its own here (a native process, an engine in a VM).
         */
        default java.util.Optional<CgroupCounters> cgroup() {
            return java.util.Optional.empty();
        }

        /**
         * Finds the server's process on this host once it is ready (outside any measured interval), so that
         * {@link #memory()} reads /proc at once, at the same point after the load in every runtime, and asks the
         * engine's own figure only after that.
         */
        default void locateProcess() {
        }

        @Override
        void close();
    }

    /**
     * A memory figure with its provenance (e.g. {@code /proc/123/status VmRSS}, {@code docker stats}), and the resident
     * memory's parts from the same read ({@code rssParts} null when the figure is not from this host's /proc).
     */
    record MemoryReading(long rssBytes, String source, Long containerBytes, String containerSource, RssParts rssParts) {
    }

    /**
     * Resident memory by kind (/proc/PID/status RssAnon, RssFile, RssShmem, which sum to VmRSS): anonymous pages are
     * what the program allocated (heap, stacks), file pages the binary's and libraries' pages mapped from their files
     * (shared with the page cache, and counted only once touched), shmem shared memory.
     */
    record RssParts(long anonBytes, long fileBytes, long shmemBytes) {
    }

    /** A running development loop (watcher and server). Closing it stops and removes both. */
    interface DevLoop extends AutoCloseable {
        /** The command a user types to run this loop, for the samples' detail. */
        String command();

        /** True while the watcher (its process or dev container) runs. */
        boolean alive();

        /** The last lines the watcher, go and the server printed: what a failed sample quotes. */
        String recentOutput();

        /**
         * The commands a developer runs after saving, in order (rebuild, restart), each timed with the edit; empty
         * when a watcher reacts by itself.
         */
        default List<UserCommand> editCommands() {
            return List.of();
        }

        @Override
        void close();
    }

    /** A source tree in one place, ready to be walked, built and tested. Closing it removes the volume or image it needed. */
    interface PlacedTree extends AutoCloseable {
        String place();

        /**
         * Runs probes/treewalk once on the tree, natively as a process, in a container as one {@code run --rm}, with
         * these phases ({@code walk}, {@code write}) in order; its stdout has one {@code phase=... ns=...} line each.
         */
        TreeRun run(List<String> phases, long timeoutMillis) throws RuntimeFailure;

        /**
         * Runs {@code go build} of {@code targets} once on the tree where it lives, with {@code cache} (one of this
         * runtime's), timed as {@link Runtime#build} is: natively in the tree's directory, in a container one {@code run
         * --rm} of the toolchain image with the tree bind-mounted, in a volume, or in the tree's image FROM it.
         */
        BuildOutcome build(List<String> targets, BuildCache cache, long timeoutMillis) throws RuntimeFailure;

        /** The same for {@code go test -count=1 PACKAGES}. */
        BuildOutcome test(List<String> packages, BuildCache cache, long timeoutMillis) throws RuntimeFailure;

        @Override
        void close();
    }

    /** One run of probes/treewalk: what it printed, and the command as a user would type it (for the detail). */
    record TreeRun(Exec.Result result, String command) {
    }

    /** A build cache: a host directory, a named volume, or nothing. */
    interface BuildCache extends AutoCloseable {
        String mode();

        @Override
        void close();
    }
}
