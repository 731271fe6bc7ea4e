package probelab.runtime;

import probelab.catalog.Scenario;

import probelab.process.Exec;
import probelab.process.FileTrees;
import probelab.toolchain.Toolchain;
import probelab.workload.WorkloadGenerator;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The baseline: the echo server as a plain process, {@code go build} straight on the host. */
public final class NativeRuntime implements Runtime {
    public static final String ID = probelab.catalog.RuntimeName.NATIVE.id();
    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final Path GCC = Path.of("/usr/bin/gcc");

    private final Path scratchDir;
    private final GoTime goTime;
    private final String id;
    private final List<String> serverFlags;

    /**
     * @param scratchDir where build caches and rusage files go (under var/)
     * @param goTime     builds run under probes/gotime, which times {@code go build} itself ({@link GoTime#NONE}: not)
     */
    public NativeRuntime(Path scratchDir, GoTime goTime) {
        this(scratchDir, goTime, ID, List.of());
    }

    /**
     * A native variant with its own id whose echo server gets extra flags, e.g. {@code -delay 1ms}: a difference
     * known in advance, which the statistics must call significant.
     */
    public NativeRuntime(Path scratchDir, GoTime goTime, String id, List<String> serverFlags) {
        this.scratchDir = scratchDir;
        this.goTime = goTime;
        this.id = id;
        this.serverFlags = List.copyOf(serverFlags);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return "Native process";
    }

    @Override
    public Availability availability() {
        String kernel = System.getProperty("os.name") + " " + System.getProperty("os.version");
        return Availability.up(kernel, "host process");
    }

    @Override
    public void prepare(Toolchain toolchain, Path serverBinary, String jobId) {
        // nothing to prepare: the binary runs as it is
    }

    @Override
    public Server startServer(Toolchain toolchain, Path serverBinary, int hostPort, String jobId, Scenario scenario)
            throws RuntimeFailure {
        // only loads apply natively (scenarioNotApplicable): the server starts as in the default scenario
        return startServer(toolchain, serverBinary, hostPort, jobId);
    }

    /** Loads apply to a native server; container limits and network paths never do. */
    @Override
    public String scenarioNotApplicable(Scenario scenario) {
        if (scenario.limits().any()) {
            return "a native process runs under no container limit (--cpus, --memory are container flags)";
        }
        if (scenario.network() != Scenario.Network.DEFAULT) {
            return "a native server has no container network: it is reached on loopback directly";
        }
        return null;
    }

    @Override
    public Server startServer(Toolchain toolchain, Path serverBinary, int hostPort, String jobId) throws RuntimeFailure {
        List<String> cmd = new ArrayList<>(List.of(serverBinary.toString(), "-addr", "127.0.0.1:" + hostPort, "-exit-with-parent"));
        cmd.addAll(serverFlags);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            long issued = System.nanoTime();
            Process p = pb.start();
            return new NativeServer(p, issued, String.join(" ", pb.command()));
        } catch (IOException e) {
            throw new RuntimeFailure("cannot start " + serverBinary + ": " + e.getMessage(), e);
        }
    }

    private record NativeServer(Process process, long issuedAtNanos, String startCommand) implements Server {
        @Override
        public Map<String, Double> startPhasesMillis(long readyAtNanos) {
            return Map.of();
        }

        @Override
        public MemoryReading memory() throws RuntimeFailure {
            long pid = process.pid();
            ProcFs.ProcStatus p = ProcFs.status(pid).orElseThrow(() -> new RuntimeFailure("server process " + pid + " is gone"));
            return new MemoryReading(p.rssBytes(), "/proc/" + pid + "/status VmRSS", null, null, p.rssParts());
        }

        @Override
        public boolean alive() {
            return process.isAlive();
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public List<String> cacheModes() {
        return List.of("host");
    }

    @Override
    public BuildCache newBuildCache(String mode, String jobId) throws RuntimeFailure {
        try {
            Files.createDirectories(scratchDir);
            Path dir = Files.createTempDirectory(scratchDir, "gocache-");
            return new HostDirCache(mode, dir);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot create a build cache under " + scratchDir + ": " + e.getMessage(), e);
        }
    }

    /** A GOCACHE directory on the host; shared with container runtimes that bind-mount it. */
    public record HostDirCache(String mode, Path dir) implements BuildCache {
        @Override
        public void close() {
            FileTrees.deleteBestEffort(dir);
        }
    }

    @Override
    public BuildOutcome build(Toolchain toolchain, Path projectDir, List<String> targets, BuildCache cache,
                              long timeoutMillis) throws RuntimeFailure {
        if (!(cache instanceof HostDirCache hostCache)) throw new RuntimeFailure("native builds need a host cache");
        return runGo(toolchain, projectDir, goBuild(toolchain, targets), buildEnv(toolchain, hostCache.dir(), projectDir), timeoutMillis);
    }

    @Override
    public BuildOutcome goTest(Toolchain toolchain, Path projectDir, List<String> packages, BuildCache cache, boolean race,
                               long timeoutMillis) throws RuntimeFailure {
        UserCommand test = testCommand(toolchain, projectDir, packages, cache, race);
        return runGo(toolchain, projectDir, test.argv(), test.env(), timeoutMillis);
    }

    @Override
    public UserCommand testCommand(Toolchain toolchain, Path projectDir, List<String> packages, BuildCache cache, boolean race)
            throws RuntimeFailure {
        if (!(cache instanceof HostDirCache hostCache)) throw new RuntimeFailure("native tests need a host cache");
        List<String> cmd = new ArrayList<>(List.of(toolchain.goBinary().toString(), "test", "-count=1"));
        if (race) cmd.add("-race");
        cmd.addAll(packages);
        Map<String, String> env = new java.util.HashMap<>(buildEnv(toolchain, hostCache.dir(), projectDir));
        if (race) env.put("CGO_ENABLED", "1"); // the race detector links with cgo
        return new UserCommand(cmd, projectDir, env);
    }

    @Override
    public String raceNotApplicable(Toolchain toolchain) {
        return Files.isExecutable(GCC) ? null : "no C compiler (" + GCC + ") on this machine: go test -race needs cgo";
    }

    /** Runs a go command under GNU time and probes/gotime (when available) and reads both. */
    private BuildOutcome runGo(Toolchain toolchain, Path projectDir, List<String> goCommand, Map<String, String> env,
                               long timeoutMillis) throws RuntimeFailure {
        Path rusage;
        try {
            rusage = Files.createTempFile(scratchDir, "rusage-", ".txt");
        } catch (IOException e) {
            throw new RuntimeFailure("cannot create rusage file: " + e.getMessage(), e);
        }
        try {
            List<String> cmd = new ArrayList<>();
            boolean timed = Files.isExecutable(GNU_TIME);
            if (timed) {
                // GNU time reports wait4's ru_maxrss: the largest process of the build tree (compile or link).
                cmd.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rusage.toString()));
            }
            Path helper = null;
            String innerWhy = "";
            try {
                if (goTime.enabled()) helper = goTime.binary(toolchain);
                else innerWhy = "probes/gotime is not available";
            } catch (RuntimeFailure e) {
                innerWhy = e.getMessage();
            }
            if (helper != null) cmd.add(helper.toString());
            cmd.addAll(goCommand);
            Exec.Result r = Exec.run(cmd, projectDir, env, timeoutMillis);
            long peak = -1;
            String why = timed ? "" : "/usr/bin/time is not installed";
            if (timed && r.ok()) {
                try {
                    String kb = Files.readString(rusage).strip();
                    String[] lines = kb.split("\n");
                    peak = Long.parseLong(lines[lines.length - 1].trim()) * 1024;
                } catch (IOException | NumberFormatException e) {
                    why = "cannot read GNU time output: " + e.getMessage();
                }
            }
            long inner = helper == null ? -1 : GoTime.parseNanos(r.stderr());
            if (helper != null && inner < 0) innerWhy = "probes/gotime printed no gotime_ns line";
            // the user's command is `go build`: GNU time and probes/gotime around it are ours (about 8 ms of process
            // starts on a 130 ms warm build), so the wall time a user waits for is gotime's, timed around go itself
            return new BuildOutcome(inner >= 0 ? inner : r.elapsedNanos(), peak, why, inner, innerWhy, r);
        } finally {
            try {
                Files.deleteIfExists(rusage);
            } catch (IOException ignored) {
                // a stray temp file under var/ is harmless
            }
        }
    }

    @Override
    public UserCommand buildCommand(Toolchain toolchain, Path projectDir, List<String> targets, BuildCache cache) throws RuntimeFailure {
        if (!(cache instanceof HostDirCache hostCache)) throw new RuntimeFailure("native builds need a host cache");
        return new UserCommand(goBuild(toolchain, targets), projectDir, buildEnv(toolchain, hostCache.dir(), projectDir));
    }

    /**
     * A workload's build: {@link #goEnv}, with the module cache inside the build cache (a cold build downloads and
     * extracts every module afresh, from the project's local module proxy when it has one) and writable, so that closing
     * the cache deletes it as any directory.
     */
    static Map<String, String> buildEnv(Toolchain toolchain, Path cacheDir, Path projectDir) {
        Map<String, String> env = new java.util.HashMap<>(goEnv(toolchain, cacheDir));
        env.put("GOMODCACHE", cacheDir.resolve("mod").toString());
        env.put("GOFLAGS", "-modcacherw");
        WorkloadGenerator.goProxyOf(projectDir).ifPresent(proxy -> {
            env.put("GOPROXY", "file://" + proxy.toAbsolutePath().normalize());
            env.put("GOSUMDB", "off");
        });
        return env;
    }

    private static List<String> goBuild(Toolchain toolchain, List<String> targets) {
        List<String> cmd = new ArrayList<>(List.of(toolchain.goBinary().toString(), "build"));
        // one -o for several packages is refused by older go, so only a single package gets -o /dev/null
        if (targets.size() == 1 && !targets.get(0).endsWith("...")) cmd.addAll(List.of("-o", File.separator + "dev" + File.separator + "null"));
        cmd.addAll(targets);
        return cmd;
    }

    /** The environment every build gets: this toolchain only, nothing from the network, the given cache. */
    public static Map<String, String> goEnv(Toolchain toolchain, Path gocache) {
        return Map.of(
                "GOROOT", toolchain.goroot().toString(),
                "GOCACHE", gocache.toString(),
                "GOTOOLCHAIN", "local",
                "GOPROXY", "off",
                "GOFLAGS", "", // no -mod=mod: the go command refuses it in go.work workspaces
                "CGO_ENABLED", "0",
                "GO111MODULE", "on",
                "PATH", toolchain.goBinary().getParent() + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    @Override
    public DevLoop startDevLoop(probelab.catalog.DevLoopWay way, Toolchain toolchain, DevProject project, BuildCache cache,
                                int hostPort, String jobId) throws RuntimeFailure {
        if (!(cache instanceof HostDirCache hostCache)) throw new RuntimeFailure("native dev loops need a host cache");
        String never = devLoopNotApplicable(way);
        if (never != null) throw new RuntimeFailure(never);
        if (way == probelab.catalog.DevLoopWay.RESTART) {
            return NativeRestartLoop.start(toolchain, project.dir(), project.serveTarget(), hostCache.dir(), hostPort, jobId, scratchDir);
        }
        return NativeDevLoop.start(way, toolchain, project.dir(), project.serveTarget(), hostCache.dir(), hostPort, jobId, scratchDir);
    }

    /** Every way but the image's: a process on the host has no image to rebuild. */
    @Override
    public String devLoopNotApplicable(probelab.catalog.DevLoopWay way) {
        return way == probelab.catalog.DevLoopWay.IMAGE
                ? "a native server has no image: rebuilding an image and replacing its container needs a container engine" : null;
    }

    @Override
    public List<String> treePlaces() {
        return List.of(probelab.catalog.Metric.HOST);
    }

    /** The host place is the directory itself: nothing to copy, nothing to remove. */
    @Override
    public PlacedTree placeTree(String place, Toolchain toolchain, Path treeDir, Path walker, String jobId)
            throws RuntimeFailure {
        if (!place.equals(probelab.catalog.Metric.HOST)) return Runtime.super.placeTree(place, toolchain, treeDir, walker, jobId);
        Path dir = treeDir.toAbsolutePath().normalize();
        return new PlacedTree() {
            @Override
            public String place() {
                return place;
            }

            @Override
            public TreeRun run(List<String> phases, long timeoutMillis) {
                List<String> cmd = new ArrayList<>(List.of(walker.toString()));
                cmd.addAll(TreeWalker.phaseArgs(dir.toString(), phases));
                return new TreeRun(Exec.run(cmd, timeoutMillis), String.join(" ", cmd));
            }

            @Override
            public BuildOutcome build(List<String> targets, BuildCache cache, long timeoutMillis) throws RuntimeFailure {
                return NativeRuntime.this.build(toolchain, dir, targets, cache, timeoutMillis);
            }

            @Override
            public BuildOutcome test(List<String> packages, BuildCache cache, long timeoutMillis) throws RuntimeFailure {
                return goTest(toolchain, dir, packages, cache, false, timeoutMillis);
            }

            @Override
            public void close() {
                // the tree is the caller's
            }
        };
    }

    @Override
    public Overhead overhead() {
        return new Overhead(0, "");
    }

    @Override
    public void removeLeftovers(String jobId) {
        // echo servers die with this JVM (-exit-with-parent); dev loops (reflex, go run, the server) carry a marker
        NativeDevLoop.removeLeftovers(jobId);
    }
}
